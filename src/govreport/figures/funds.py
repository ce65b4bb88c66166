"""Funds (资金): totals by source, 到位率, 预算执行率, 资金使用率, shares of uses (docs/figures.md, “资金”)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..models.project import FundSource
from ..vocabulary.scoring import EXECUTION_WEIGHT, Denominator
from .counts import total_of
from .rounding import ratio, round_half_up


@dataclass(frozen=True)
class SourceFigures:
    name: str
    budget: Decimal  # 全年预算数
    received: Decimal | None  # None where the data does not give 到位数
    spent: Decimal
    initial: Decimal  # 年初预算数; the 全年预算数 when not given
    base: Decimal  # the budget 预算执行率 divides by: 全年预算数, or 年初预算数 by the profile
    arrival_rate: Decimal | None  # 到位率 %, received ÷ budget
    execution_rate: Decimal | None  # 预算执行率 %, spent ÷ base
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
    base = initial if denominator == "initial" else budget
    return SourceFigures(
        name=name,
        budget=budget,
        received=received,
        spent=spent,
        initial=initial,
        base=base,
        arrival_rate=None if received is None else ratio(received, budget),
        execution_rate=ratio(spent, base),
        usage_rate=None if received is None else ratio(spent, received),
    )


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    """A column total, or None when any row leaves the figure out."""
    if any(v is None for v in values):
        return None
    return total_of(values)  # type: ignore[arg-type]


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
        total_of(r.budget for r in rows),
        _sum([r.received for r in rows]),
        total_of(r.spent for r in rows),
        total_of(r.initial for r in rows),
        denominator,
    )
    use_rows = tuple(UseFigures(name, amount, ratio(amount, total.spent)) for name, amount in uses)
    return FundFigures(
        unit=unit,
        sources=rows,
        total=total,
        uses=use_rows,
        uses_total=total_of(u.amount for u in use_rows),
        execution_score=execution_score(total.spent, total.base),
        denominator=denominator,
    )


def funds_of(
    unit: str, sources: Sequence[FundSource], uses: Sequence[tuple[str, Decimal]] = (), denominator: Denominator = "budget",
) -> FundFigures:
    """The fund figures of a data file's sources and uses — for the report, and for the checks of its totals."""
    return fund_figures(unit, [(s.name, s.budget, s.received, s.spent, s.initial_budget) for s in sources], uses,
                        denominator)
