"""The figures of a work summary: each metric's total, share and change (docs/figures.md “工作总结中的数据”)."""

from __future__ import annotations

from dataclasses import dataclass

from ..models.work_summary import WorkSummary
from .body import MetricFigures, metric_figures
from .scoring import DEFAULT_PROFILE, ScoringProfile


@dataclass(frozen=True)
class WorkSummaryFigures:
    achievements: tuple[tuple[MetricFigures, ...], ...]  # metric figures per achievement, in data order


def summarise(report: WorkSummary, profile: ScoringProfile = DEFAULT_PROFILE) -> WorkSummaryFigures:
    """Every kind's figures take the chain's scoring profile; a work summary has no scores."""
    return WorkSummaryFigures(
        tuple(tuple(metric_figures(m) for m in a.metrics) for a in report.achievements)
    )
