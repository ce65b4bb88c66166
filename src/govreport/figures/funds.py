"""Funds (资金): totals by source, 到位率, 预算执行率, 资金使用率, shares of uses (figures.md §2)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .rounding import ratio, round_half_up
from .scoring import Denominator

EXECUTION_WEIGHT = Decimal(10)


@dataclass(frozen=True)
class SourceFigures:
    name: str
    budget: Decimal  # 全年预算数
    received: Decimal | None  # None where the data does not give 到位数
    spent: Decimal
    initial: Decimal  # 年初预算数; the 全年预算数 when not given
    arrival_rate: Decimal | None  # 到位率 %, received ÷ budget
    execution_rate: Decimal | None  # 预算执行率 %, spent ÷ budget (or ÷ initial, by the profile)
    usage_rate: Decimal | None  # 资金使用率 %, spent ÷ received


@dataclass(frozen=True)
class UseFigures:
    name: str
    amount: Decimal
    share: Decimal | None  # % of total spent, rounded on its own at display


@dataclass(frozen=True)
class FundFigures:
    unit: str
    sources: tuple[SourceFigures, ...]
    total: SourceFigures
    uses: tuple[UseFigures, ...]
    uses_total: Decimal
    execution_score: Decimal  # 预算执行率得分, rounded to 2 places
    denominator: Denominator = "budget"  # which budget 预算执行率 divides by


def source_figures(
    name: str, budget: Decimal, received: Decimal | None, spent: Decimal, initial: Decimal | None = None,
    denominator: Denominator = "budget",
) -> SourceFigures:
    initial = budget if initial is None else initial
    return SourceFigures(
        name=name,
        budget=budget,
        received=received,
        spent=spent,
        initial=initial,
        arrival_rate=None if received is None else ratio(received, budget),
        execution_rate=ratio(spent, initial if denominator == "initial" else budget),
        usage_rate=None if received is None else ratio(spent, received),
    )


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    """A column total, or None when any row leaves the figure out."""
    if any(v is None for v in values):
        return None
    return sum(values, Decimal(0))  # type: ignore[arg-type]


def execution_score(spent: Decimal, budget: Decimal, weight: Decimal = EXECUTION_WEIGHT) -> Decimal:
    """预算执行率得分 = weight × min(spent ÷ budget, 1), rounded half-up to 2 places."""
    if budget == 0:
        return Decimal("0.00")
    return round_half_up(weight * min(spent / budget, Decimal(1)))


def fund_figures(
    unit: str,
    sources: Sequence[tuple[Any, ...]],
    uses: Sequence[tuple[str, Decimal]],
    denominator: Denominator = "budget",
) -> FundFigures:
    """All fund figures from (name, budget, received, spent[, initial]) rows and (name, amount) uses."""
    rows = tuple(source_figures(*row, denominator=denominator) for row in sources)
    total = source_figures(
        "合计",
        sum((r.budget for r in rows), Decimal(0)),
        _sum([r.received for r in rows]),
        sum((r.spent for r in rows), Decimal(0)),
        sum((r.initial for r in rows), Decimal(0)),
        denominator,
    )
    use_rows = tuple(UseFigures(name, amount, ratio(amount, total.spent)) for name, amount in uses)
    return FundFigures(
        unit=unit,
        sources=rows,
        total=total,
        uses=use_rows,
        uses_total=sum((u.amount for u in use_rows), Decimal(0)),
        execution_score=execution_score(total.spent, total.initial if denominator == "initial" else total.budget),
        denominator=denominator,
    )
