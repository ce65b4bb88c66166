"""A validated report: its kind, its data, its computed figures and any warnings.

``Report`` is generic in the kind's model and figures, so that code handling one kind
(``Report[WorkSummary, WorkSummaryFigures]``) sees their fields; a bare ``Report`` is a
report of whichever kind the data named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic

from .chain import TemplateChain
from .errors import Problem
from .kinds import FiguresT, Kind, ModelT


@dataclass(frozen=True)
class Report(Generic[ModelT, FiguresT]):
    kind: Kind[ModelT, FiguresT]
    data: ModelT  # the kind's Pydantic model, validated
    figures: FiguresT  # what the kind's ``compute`` made of it
    warnings: tuple[Problem, ...] = ()
    chain: TemplateChain = field(default_factory=TemplateChain)  # template folders searched before the built-in set
    source: Path | None = field(default=None, compare=False)

