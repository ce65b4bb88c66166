"""A validated report: its kind, its data, its computed figures and any warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .chain import TemplateChain
from .errors import Problem

if TYPE_CHECKING:
    from .kinds import Kind


@dataclass(frozen=True)
class Report:
    kind: Kind
    data: Any  # the kind's Pydantic model
    figures: Any  # the kind's computed figures
    warnings: tuple[Problem, ...] = ()
    chain: TemplateChain = field(default_factory=TemplateChain)  # template folders searched before the built-in set
    source: Path | None = field(default=None, compare=False)
