"""The data model's own description of a field, found by its dotted path (list positions ignored)."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo


def _models(annotation: Any) -> list[type[BaseModel]]:
    """The models inside an annotation such as ``list[Indicator] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


def field_info(model: type[BaseModel], path: str) -> FieldInfo | None:
    """The field at ``path`` (``implementation.funds.sources.name``), or None when the model has none."""
    info: FieldInfo | None = None
    current: list[type[BaseModel]] = [model]
    for part in path.replace("[0]", "").split("."):
        found = next((m.model_fields[part] for m in current if part in m.model_fields), None)
        if found is None:
            return None
        info = found
        current = _models(found.annotation)
    return info


def description(model: type[BaseModel], path: str) -> str:
    info = field_info(model, path)
    return (info.description or "") if info else ""
