"""The figures of a plan: the task figures are worded where they stand; a plan's own figures are its dates."""

from __future__ import annotations

from dataclasses import dataclass

from ..models.plan import PlanBase, chapter_order
from .scoring import DEFAULT_PROFILE, ScoringProfile


@dataclass(frozen=True)
class PlanFigures:
    chapters: tuple[str, ...]  # the chapters in the order they are written


def plan_figures(report: PlanBase, profile: ScoringProfile = DEFAULT_PROFILE) -> PlanFigures:
    """Every kind's figures take the chain's scoring profile; a plan has no scores."""
    return PlanFigures(tuple(chapter_order(report)))
