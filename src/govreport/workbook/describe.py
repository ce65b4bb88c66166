"""The data model's own description of a field, found by its dotted path (list positions ignored), in the workbook's words."""

from __future__ import annotations

import re
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo


def _models(annotation: Any) -> list[type[BaseModel]]:
    """The models inside an annotation such as ``list[Indicator] | None`` (not those inside the models)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) if not isinstance(arg, FieldInfo | str) for m in _models(arg)]


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


def worded(text: str, words: tuple[tuple[str, str], ...]) -> str:
    """``text`` with each data-file code (``arabic``, ``mof2020``, ``>=``, ``true``) replaced by the word the
    workbook's drop-down shows for it (“阿拉伯数字”, “财预〔2020〕10号提纲”, “≥”, “是”), so a note never names a
    value the clerk cannot choose; a note listing the words as other accepted spellings drops that list."""
    meaning = {code: word for word, code in words}
    codes = "|".join(re.escape(code) for code in sorted(meaning, key=len, reverse=True))
    code = re.compile(rf" ?(?<![A-Za-z0-9_<>=-])({codes})(?![A-Za-z0-9_<>=]) ?(提纲)?")

    def replace(match: re.Match[str]) -> str:
        word = meaning[match.group(1)]
        return f"“{word}”" + ("" if word.endswith("提纲") else match.group(2) or "")

    text = code.sub(replace, text)
    text = re.sub(r"“([^”]+)”（\1）", r"“\1”", text)
    shown = "|".join(re.escape(word) for word, _ in words)
    return re.sub(rf"；也接受(\s*({shown}))+(?=；|$)", "", text)
