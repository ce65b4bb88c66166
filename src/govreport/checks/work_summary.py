"""Consistency checks of a work summary: totals against parts, shares against wholes, in every chapter."""

from __future__ import annotations

from ..errors import Problem
from ..figures.scoring import DEFAULT_PROFILE, ScoringProfile
from ..models.work_summary import WorkSummary
from .body import check_metrics


def check_work_summary(report: WorkSummary, profile: ScoringProfile = DEFAULT_PROFILE) -> list[Problem]:
    """Every kind's checks take the chain's scoring profile; a work summary has no scores."""
    return check_metrics(report)
