"""Building blocks shared by every report kind's models."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from ..vocabulary.words import heading_number_at_start

PRINTABLE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]*$"  # what XML 1.0, and so a DOCX, can hold

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=PRINTABLE)]
"""Non-empty text without control characters or U+FFFE/U+FFFF (which a DOCX cannot hold); outer spaces dropped."""

Unit = Annotated[str, StringConstraints(strip_whitespace=True, pattern=PRINTABLE)]
"""A unit of measure (人次, %, 元), empty where there is none; it is printed, so it holds what a DOCX can."""

def _unnumbered(text: str) -> str:
    """Headings and list items are numbered by govreport; a paragraph opening with a number of its own would read
    as a heading (and ``govreport check`` would take it for one), so the number is refused with what to do."""
    number = heading_number_at_start(text)
    if number:
        raise ValueError(f"段落以编号“{number}”开头，会被读成标题；编号由 govreport 自动生成，请删去“{number}”"
                         "（分条的内容请写成单独的段落或条目）")
    return text


Paragraph = Annotated[Text, AfterValidator(_unnumbered)]
Paragraphs = Annotated[list[Paragraph], Field(default_factory=list)]
"""Narrative paragraphs, each one paragraph of the document, in order, none opening with a number of its own."""

MAX_WHOLE_DIGITS = 15
MAX_PLACES = 6
MAX_SIGNIFICANT = 15  # what an Excel cell (a binary double) holds exactly
_TOO_LARGE = Decimal(10) ** MAX_WHOLE_DIGITS


def _digits(value: Decimal) -> tuple[str, int]:
    """The coefficient's digits without trailing zeros, and the exponent that goes with them."""
    _, digits, exponent = value.as_tuple()
    kept = "".join(map(str, digits)).rstrip("0")
    return kept, int(exponent) + len(digits) - len(kept)


def decimal_places(value: Decimal) -> int:
    """Places after the point, trailing zeros not counted (1.50 → 1); no context, so exact for any input."""
    kept, exponent = _digits(value)
    return max(0, -exponent) if kept else 0


def significant_digits(value: Decimal) -> int:
    """Digits from the first non-zero one to the last (1.50 → 2, 1200 → 2, 0.0305 → 3)."""
    return len(_digits(value)[0])


def within_range(value: Any) -> Any:
    """Any number a report can hold (docs/figures.md, “数字的范围”): fewer than 16 whole digits,
    at most 6 places, at most 15 significant digits.

    10¹⁵ 元 is some thirty times a year's national public budget; no rate, score
    or indicator value needs more than 6 places; an Excel form or workbook keeps
    15 significant digits, so a number with more would come out of
    ``convert`` or the form changed. Within the range every sum stays exact
    (figures/arithmetic.py).
    """
    if isinstance(value, Decimal):
        if value.copy_abs() >= _TOO_LARGE:
            raise ValueError(f"数值过大：整数部分最多{MAX_WHOLE_DIGITS}位（绝对值须小于1000万亿）")
        if decimal_places(value) > MAX_PLACES:
            raise ValueError(f"小数位数过多：最多{MAX_PLACES}位")
        if significant_digits(value) > MAX_SIGNIFICANT:
            raise ValueError(f"有效数字过多：最多{MAX_SIGNIFICANT}位（Excel 表格只能准确保存{MAX_SIGNIFICANT}位）")
    return value


InRange = AfterValidator(within_range)
Number = Annotated[Decimal, Field(allow_inf_nan=False), InRange]
"""A finite Decimal of either sign within the range a report can hold."""

Amount = Annotated[Decimal, Field(ge=0, allow_inf_nan=False), InRange]
"""A count or a score: a finite, non-negative Decimal within the range a report can hold."""

MONEY_PLACES = 2


def to_the_cent(value: Decimal) -> Decimal:
    """Amounts are printed with 2 places (figures.md); one held with more would print rounded, and the
    sources printed beside their total would not add up to it (1.00 + 1.00 + 0.01 + 0.01 under 2.01)."""
    if decimal_places(value) > MONEY_PLACES:
        raise ValueError(f"金额最多{MONEY_PLACES}位小数（报告中金额保留两位小数）；需精确到元以下时，请把金额单位改为“元”")
    return value


Money = Annotated[Decimal, Field(ge=0, allow_inf_nan=False), InRange, AfterValidator(to_the_cent)]
"""An amount of money, in the data's unit (万元 or 元): non-negative, in range, at most 2 places."""


class Strict(BaseModel):
    """Unknown keys are errors, so a typo cannot silently drop a chapter."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, defer_build=True)


_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def _day(value: Any) -> dt.date:
    """Only a calendar date: a bare number would otherwise be read as a Unix timestamp."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    match = _ISO_DAY.match(value) if isinstance(value, str) else None
    if not match:
        raise ValueError("应为日期，格式如 2026-01-20")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError("不是有效日期（月、日须真实存在）") from None


Day = Annotated[dt.date, BeforeValidator(_day)]
"""A date written 2026-01-20 (2026-1-20 is accepted too)."""
