"""The formatters templates see, registered by name: ``{{ x|amount }}``, ``{{ d|date }}``."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..figures.counts import Change
from ..vocabulary.gbt9704 import millimetres
from ..vocabulary.scoring import OPERATOR_BY_CODE
from ..vocabulary.words import APPROXIMATIONS, MAGNITUDES, NOT_APPLICABLE
from .docnumber import normalise_doc_number
from .numbers import amount, change_phrase, compared, number, percent, points
from .numerals import chinese_count, date_text
from .threshold import target_sentence
from .uppercase import rmb_upper


def quantity(value: Decimal | str, unit: str = "") -> str:
    """A value with its unit (8500人次, 99.2%); text is shown as written."""
    if isinstance(value, Decimal):
        return number(value) + unit
    return str(value)


def target_text(indicator: Any) -> str:
    """年度指标值 as the form writes it: the operator's sign before the figure (≥8000人次), none for =,
    text for qualitative."""
    if indicator.qualitative:
        return str(indicator.target)
    return OPERATOR_BY_CODE[indicator.op].prefix + quantity(indicator.target, indicator.unit)


def actual_text(indicator: Any) -> str:
    return quantity(indicator.actual, "" if indicator.qualitative else indicator.unit)


def doc_number(text: str) -> str:
    return normalise_doc_number(text) or text


def change_text(change: Change | None, digits: int = 2) -> str:
    return "" if change is None else change_phrase(change, digits)


CELL_STYLES: dict[str, Callable[..., str]] = {"amount": amount, "number": number, "percent": percent}


def cell(value: Any, style: str = "") -> str:
    """A table cell: the value written in ``style`` (amount, number, percent; text as it is), or “/” where the
    cell does not apply (None) — 分值 and 得分 of a source row, 偏差原因 of an indicator with full marks."""
    if value is None:
        return NOT_APPLICABLE
    return CELL_STYLES[style](value) if style else str(value)


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: a literal | would end the cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


APPROXIMATION_BY_CODE = {a.code: a for a in APPROXIMATIONS}


def approximately(value: Decimal, unit: str, word: str) -> str:
    """A number as a writer states it when it is not exact: 超过5000名, 近2万人次, 10万余人, 300余人/次."""
    if APPROXIMATION_BY_CODE[word].word == "前":
        return word + number(value) + unit
    magnitude = unit[:1] if unit[:1] and unit[:1] in MAGNITUDES else ""
    return number(value) + magnitude + word + unit[len(magnitude):]


def plan_completion(share: Decimal, digits: int = 2) -> str:
    """完成计划的158.36%: the actual figure as a share of the plan."""
    return "完成计划的" + percent(share, digits)


FILTERS: dict[str, Callable[..., str]] = {
    "approximately": approximately,
    "plan_completion": plan_completion,
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
    "target_sentence": target_sentence,
    "actual_text": actual_text,
    "change": change_text,
    "compared": compared,
    "cell": cell,
    "md_cell": md_cell,
    "millimetres": millimetres,
}
