"""Building blocks shared by every report kind's models."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"),
]
"""Non-empty text without control characters (which a DOCX cannot hold); outer spaces dropped."""

Paragraphs = Annotated[list[Text], Field(default_factory=list)]
"""Narrative paragraphs, each one paragraph of the document, in order."""

Amount = Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]
"""Money or a count: a finite, non-negative Decimal."""


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
