"""The formatters templates see, registered by name: ``{{ x|amount }}``, ``{{ d|date }}``."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..figures.counts import Change
from .docnumber import normalise_doc_number
from .numbers import amount, change_phrase, compared, number, percent, points
from .numerals import chinese_count, date_text
from .uppercase import rmb_upper

OPERATOR_SIGNS = {">=": "≥", "<=": "≤", "=": ""}


def quantity(value: Decimal | str, unit: str = "") -> str:
    """A value with its unit (8500人次, 99.2%); text is shown as written."""
    if isinstance(value, Decimal):
        return number(value) + unit
    return str(value)


def target_text(indicator: Any) -> str:
    """年度指标值 as the form writes it: ≥8000人次, ≤1500元, 100% for =, text for qualitative."""
    if indicator.op == "qualitative":
        return str(indicator.target)
    return OPERATOR_SIGNS[indicator.op] + quantity(indicator.target, indicator.unit)


def actual_text(indicator: Any) -> str:
    return quantity(indicator.actual, "" if indicator.op == "qualitative" else indicator.unit)


def doc_number(text: str) -> str:
    return normalise_doc_number(text) or text


def change_text(change: Change | None, digits: int = 2) -> str:
    return "" if change is None else change_phrase(change, digits)


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: a literal | would end the cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


FILTERS: dict[str, Callable[..., str]] = {
    "amount": amount,
    "number": number,
    "percent": percent,
    "points": points,
    "rmb_upper": rmb_upper,
    "date": date_text,
    "chinese_count": chinese_count,
    "doc_number": doc_number,
    "quantity": quantity,
    "target_text": target_text,
    "actual_text": actual_text,
    "change": change_text,
    "compared": compared,
    "md_cell": md_cell,
}
