"""The figures of the body vocabulary: each metric's total, share, change and completion of plan, and the
computed 合计 of a body table (docs/figures.md “正文中的数据”)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..models.body import Metric, Table
from ..vocabulary.words import POINT_WORDS, SUMMED_COLUMNS
from .counts import Change, change, stated, total_of
from .rounding import ratio


@dataclass(frozen=True)
class MetricFigures:
    metric: Metric
    value: Decimal | None  # as given, or the sum of the parts; None when only a change is stated
    is_rate: bool  # unit % or ‰: changes are in 个百分点 or 个千分点
    share: Decimal | None  # % of ``of``, unrounded
    change: Change | None  # against ``previous``, or as stated; None when not given or undefined
    completion: Decimal | None  # % of ``planned``, unrounded; None without a plan or with a plan of 0


def parts_total(metric: Metric) -> Decimal | None:
    """The parts added up (None without parts): the figure, and what the checks compare a stated value with."""
    return None if metric.parts is None else total_of(p.value for p in metric.parts)


def metric_value(metric: Metric) -> Decimal | None:
    """The total of the parts, or the stated value when there are none."""
    return metric.value if metric.parts is None else parts_total(metric)


def metric_figures(metric: Metric) -> MetricFigures:
    value = metric_value(metric)
    is_rate = metric.unit in POINT_WORDS
    if metric.stated_change is not None:
        moved: Change | None = stated(metric.stated_change, is_rate=is_rate, unit=metric.unit)
    elif metric.previous is not None and value is not None:
        moved = change(value, metric.previous, is_rate=is_rate, unit=metric.unit)
    else:
        moved = None
    planned = metric.planned
    return MetricFigures(
        metric=metric,
        value=value,
        is_rate=is_rate,
        share=None if metric.of is None or value is None else ratio(value, metric.of),
        change=moved,
        completion=None if planned is None or planned <= 0 or value is None or value < 0 else ratio(value, planned),
    )


def column_total(table: Table, index: int) -> Decimal:
    """The sum of a summed column's numbers; empty cells count as nothing."""
    return total_of(row[index] for row in table.rows if isinstance(row[index], Decimal))


@dataclass(frozen=True)
class TableFigures:
    table: Table
    totals: tuple[Decimal | None, ...] | None  # the 合计 row's numbers per column (None for text); None: no row


def table_figures(table: Table) -> TableFigures:
    """A 合计 row adds every money and count column up; it is printed when asked or when the data stated one."""
    if not (table.total or table.stated_total is not None):
        return TableFigures(table, None)
    return TableFigures(table, tuple(column_total(table, i) if c.type in SUMMED_COLUMNS else None
                                     for i, c in enumerate(table.columns)))
