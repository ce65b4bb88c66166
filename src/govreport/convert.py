"""Data → JSON, YAML or XLSX text (``govreport convert``): numbers written from their Decimal text, never through float."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import yaml
from pydantic import BaseModel

from .workbook.sheets import LAYOUTS

_MARK = "\x00number:"
_MARKED = re.compile(r'"\\u0000number:([^"]*)"')


def plain(model: BaseModel) -> dict[str, Any]:
    """What the data file said (fields left out stay out), with Decimals, dates and Booleans as values."""
    return model.model_dump(mode="python", exclude_unset=True)


def _marked(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _marked(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_marked(v) for v in value]
    if isinstance(value, Decimal):
        return _MARK + format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def to_json(data: Mapping[str, Any]) -> bytes:
    text = json.dumps(_marked(data), ensure_ascii=False, indent=2)
    return (_MARKED.sub(r"\1", text) + "\n").encode()


class _Dumper(yaml.SafeDumper):
    """YAML with numbers written from their Decimal text and dates as 2026-01-20."""


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    return dumper.represent_scalar("tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int", text)


_Dumper.add_representer(Decimal, _decimal)


def to_yaml(data: Mapping[str, Any]) -> bytes:
    return yaml.dump(dict(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120).encode()


def to_workbook(model: BaseModel, source: str = "") -> bytes:
    """The workbook of ``model``; a ``DataError`` naming what a workbook cannot hold (see ``workbook.write``)."""
    from .workbook.write import write_workbook

    kind = model.kind  # type: ignore[attr-defined]
    return write_workbook(LAYOUTS[kind], type(model), plain(model), source)


def converted(model: BaseModel, suffix: str, source: str = "") -> bytes:
    """The data of ``model`` (read from ``source``) in the format of ``suffix``."""
    if suffix == ".xlsx":
        return to_workbook(model, source)
    data = plain(model)
    return to_json(data) if suffix == ".json" else to_yaml(data)
