"""One cell's value → the data file's value, by the column's type; what cannot be read names the cell.

Excel stores numbers as binary doubles; a numeric cell is read as the shortest
decimal that gives back the stored number (what Excel shows at full
precision), so 2.53 stays 2.53 and never enters a computation as a float.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from .layout import Field

_SEPARATORS = re.compile(r"[；;\n]+")
_PART = re.compile(r"^(.+?)[：:]\s*(\S+)$")
_TRUE = {"是", "true", "TRUE", "True", "1", "Y", "y", "yes"}
_FALSE = {"否", "false", "FALSE", "False", "0", "N", "n", "no"}


class CellProblem(ValueError):
    """A cell whose content does not fit its column; the message is for the clerk."""


def shown(value: Any) -> str:
    """The value as the clerk typed it, for messages."""
    text = str(value).strip()
    return text if len(text) <= 30 else text[:29] + "…"


def number(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise CellProblem(f"应为数字，实际为“{'是' if value else '否'}”")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).strip().replace(",", "").replace("，", "")
    try:
        result = Decimal(text)
    except InvalidOperation:
        raise CellProblem(f"应为数字，实际为“{shown(value)}”") from None
    if not result.is_finite():
        raise CellProblem(f"应为数字，实际为“{shown(value)}”")
    return result


def text(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(number(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def convert(field: Field, value: Any) -> Any:
    """The data file's value of a non-empty cell."""
    kind = field.type
    if kind == "number":
        return number(value)
    if kind == "int":
        result = number(value)
        if result != result.to_integral_value():
            raise CellProblem(f"应为整数，实际为“{shown(value)}”")
        return int(result)
    if kind == "number_or_text":
        try:
            return number(value)
        except CellProblem:
            return text(value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        word = text(value)
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise CellProblem(f"应为“是”或“否”，实际为“{shown(value)}”")
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        return value if isinstance(value, dt.date) else text(value)
    if field.values:
        word = text(value)
        return next((meant for shown_word, meant in field.values if shown_word == word), word)
    if kind == "list":
        return [item.strip() for item in _SEPARATORS.split(text(value)) if item.strip()]
    if kind == "parts":
        return [_part(item.strip()) for item in _SEPARATORS.split(text(value)) if item.strip()]
    return text(value)


def _part(item: str) -> dict[str, Any]:
    match = _PART.match(item)
    if not match:
        raise CellProblem(f"分项应写成“名称：数值”，多项用“；”隔开，实际为“{shown(item)}”")
    try:
        return {"name": match.group(1).strip(), "value": number(match.group(2))}
    except CellProblem:
        raise CellProblem(f"分项“{shown(match.group(1))}”的数值应为数字，实际为“{shown(match.group(2))}”") from None


def written(field: Field, value: Any) -> Any:
    """A data value as a cell value: lists joined with ；, parts as 名称：数值, Booleans as 是/否."""
    if value is None:
        return None
    if field.type == "list":
        return "；".join(str(v) for v in value)
    if field.type == "parts":
        return "；".join(f"{p['name']}：{p['value']}" for p in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if field.values:
        return next((word for word, meant in field.values if meant == value), value)
    return value
