"""One cell's value → the data file's value, by the column's type, and back; what cannot be read names the cell.

Excel stores numbers as binary doubles; a numeric cell is read as the shortest
decimal that gives back the stored number (what Excel shows at full
precision), so 2.53 stays 2.53 and never enters a computation as a float.

Several values in one cell (a list, the parts of a metric) are separated by
“；”, “;” or a line break; a part is written 名称：数值. A name holding a
separator or a colon, or starting with a double quote, is written between
English double quotes, a quote inside doubled: ``"门诊：慢病"：133``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from .sheets import Field

_SEPARATOR = re.compile(r"[；;\n]")
_QUOTED = re.compile(r'\s*"((?:[^"]|"")*)"')
_PART = re.compile(r"^(.+?)[：:]\s*(\S+)$")
_QUOTED_PART = re.compile(r"^\s*[：:]\s*(\S+)$")
_SPLITS_LIST = re.compile(r'[；;\n\r]|^"')
_SPLITS_PART = re.compile(r'[；;\n\r：:]|^"')
MAX_CELL_TEXT = 32767  # characters Excel holds in one cell
EXCEL_DATES = (dt.date(1900, 3, 1), dt.date(9999, 12, 31))  # before March 1900 Excel's serial numbers are off by a day
_TRUE = {"是", "true", "TRUE", "True", "1", "Y", "y", "yes"}
_FALSE = {"否", "false", "FALSE", "False", "0", "N", "n", "no"}


_WHOLE = Field("", "", "int")


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
    if kind == "number_or_text":  # text stays text, to be read as a JSON file's string is
        return number(value) if isinstance(value, int | float) and not isinstance(value, bool) else text(value)
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
        return [_listed(quoted, rest) for quoted, rest in _items(text(value))]
    if kind == "parts":
        return [_part(quoted, rest) for quoted, rest in _items(text(value))]
    if kind == "sections":
        return [key(_listed(quoted, rest)) for quoted, rest in _items(text(value))]
    return text(value)


def key(value: Any) -> Any:
    """A 序号 as written: a whole number when it is one, else its text (named back in messages)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = convert(_WHOLE, value)
    except CellProblem:
        return text(value)
    return number


def _items(cell: str) -> list[tuple[str | None, str]]:
    """The items of a cell: each its quoted text (None when not quoted) and the rest up to the next separator."""
    items = []
    position = 0
    while position <= len(cell):
        quoted = _QUOTED.match(cell, position)
        if quoted:
            position = quoted.end()
        separator = _SEPARATOR.search(cell, position)
        end = separator.start() if separator else len(cell)
        rest = cell[position:end]
        if quoted or rest.strip():
            items.append((quoted.group(1).replace('""', '"') if quoted else None, rest))
        position = end + 1
    return items


def _listed(quoted: str | None, rest: str) -> str:
    if quoted is None:
        return rest.strip()
    if rest.strip():
        raise CellProblem(f"引号后应为“；”或换行，实际为“{shown(rest)}”")
    return quoted


def _part(quoted: str | None, rest: str) -> dict[str, Any]:
    match = _PART.match(rest.strip()) if quoted is None else _QUOTED_PART.match(rest)
    if not match:
        written_as = f'"{quoted}"{rest}' if quoted is not None else rest.strip()
        raise CellProblem(f"分项应写成“名称：数值”，多项用“；”隔开，实际为“{shown(written_as)}”")
    name, amount = (match.group(1).strip(), match.group(2)) if quoted is None else (quoted, match.group(1))
    try:
        return {"name": name, "value": number(amount)}
    except CellProblem:
        raise CellProblem(f"分项“{shown(name)}”的数值应为数字，实际为“{shown(amount)}”") from None


def _quoted(item: str, splits: re.Pattern[str]) -> str:
    """``item`` as it is written among others in one cell: quoted when it holds what would split it."""
    return f'"{item.replace(chr(34), chr(34) * 2)}"' if splits.search(item) else item


def written(field: Field, value: Any) -> Any:
    """A data value as a cell value: lists joined with ；, parts as 名称：数值 (names quoted where needed), Booleans
    as 是/否; a date Excel cannot show as text, which reads back the same. (Numbers fit: the models allow no more
    than the 15 significant digits a cell holds.)"""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value if EXCEL_DATES[0] <= value <= EXCEL_DATES[1] else value.isoformat()
    if field.type == "list":
        return "；".join(_quoted(str(v), _SPLITS_LIST) for v in value)
    if field.type == "sections":
        return "；".join(str(n) for n in value) or None
    if field.type == "parts":
        return "；".join(f"{_quoted(p['name'], _SPLITS_PART)}：{p['value']}" for p in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if field.values:
        return next((word for word, meant in field.values if meant == value), value)
    return value


def too_long(cell: str) -> str | None:
    """Why a cell cannot hold this text (more than Excel holds in one cell), or None; the characters a document can
    hold at all are the models' rule."""
    if len(cell) > MAX_CELL_TEXT:
        return f"共 {len(cell)} 个字符，超过 Excel 一个单元格最多 {MAX_CELL_TEXT} 个字符的上限，请分段或改用 JSON、YAML"
    return None
