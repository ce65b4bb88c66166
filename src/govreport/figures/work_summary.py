"""The figures of a work summary: each metric's total, share and change (docs/figures.md “工作总结中的数据”)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..models.work_summary import Metric, WorkSummary
from ..vocabulary.words import RATE_UNIT
from .counts import Change, change, total_of
from .rounding import ratio
from .scoring import DEFAULT_PROFILE, ScoringProfile


@dataclass(frozen=True)
class MetricFigures:
    metric: Metric
    value: Decimal  # as given, or the sum of the parts
    is_rate: bool  # unit %: changes are in 个百分点
    share: Decimal | None  # % of ``of``, unrounded
    change: Change | None  # against ``previous``; None when not given or undefined


@dataclass(frozen=True)
class WorkSummaryFigures:
    achievements: tuple[tuple[MetricFigures, ...], ...]  # metric figures per achievement, in data order


def parts_total(metric: Metric) -> Decimal | None:
    """The parts added up (None without parts): the figure, and what the checks compare a stated value with."""
    return None if metric.parts is None else total_of(p.value for p in metric.parts)


def metric_value(metric: Metric) -> Decimal | None:
    """The total of the parts, or the stated value when there are none."""
    return metric.value if metric.parts is None else parts_total(metric)


def metric_figures(metric: Metric) -> MetricFigures:
    value = metric_value(metric)
    if value is None:
        raise ValueError(f"metric {metric.name} has neither a value nor parts")
    is_rate = metric.unit == RATE_UNIT
    return MetricFigures(
        metric=metric,
        value=value,
        is_rate=is_rate,
        share=None if metric.of is None else ratio(value, metric.of),
        change=None if metric.previous is None else change(value, metric.previous, is_rate=is_rate),
    )


def summarise(report: WorkSummary, profile: ScoringProfile = DEFAULT_PROFILE) -> WorkSummaryFigures:
    """Every kind's figures take the chain's scoring profile; a work summary has no scores."""
    return WorkSummaryFigures(
        tuple(tuple(metric_figures(m) for m in a.metrics) for a in report.achievements)
    )
