"""Building blocks shared by every report kind's models."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)
