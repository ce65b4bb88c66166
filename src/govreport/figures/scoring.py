"""Indicator scores, 完成率, total and grade (docs/figures.md “绩效指标得分”).

Each indicator score is rounded to 2 places and the total is the sum of the
rounded scores, so that the score table in the appendix adds up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ..vocabulary.scoring import GRADES, LOWEST_GRADE, QUALITATIVE, RATING_BY_NAME, Denominator, Reverse
from .rounding import HUNDRED, round_half_up


@dataclass(frozen=True)
class ScoringProfile:
    """Local variants of the scoring rules; the defaults are figures.md's."""

    reverse: Reverse = "linear"
    execution_denominator: Denominator = "budget"  # 预算执行率 = 执行数 ÷ 全年预算数, or ÷ 年初预算数


DEFAULT_PROFILE = ScoringProfile()


def quantitative_fraction(
    op: str, target: Decimal, actual: Decimal, reverse: Reverse = "linear"
) -> Decimal:
    """Share of the weight earned, in [0, 1], for ``>=``, ``=`` and ``<=``.

    A shortfall is a share of the target, so it earns nothing when the target is
    not above 0; validation refuses such an indicator unless a ``score`` is given.
    """
    if op in (">=", "="):
        if actual >= target:
            return Decimal(1)
        return max(Decimal(0), actual / target) if target > 0 else Decimal(0)
    if op == "<=":
        if actual <= target:
            return Decimal(1)
        if target <= 0:
            return Decimal(0)
        if reverse == "ratio":
            return target / actual
        return max(Decimal(0), 1 - (actual - target) / target)
    raise ValueError(f"not a quantitative operator: {op}")


def indicator_score(
    op: str,
    target: Decimal | str,
    actual: Decimal | str,
    weight: Decimal,
    *,
    rating: str | None = None,
    ratio: Decimal | None = None,
    given: Decimal | None = None,
    profile: ScoringProfile = DEFAULT_PROFILE,
) -> Decimal:
    """得分 of one indicator, rounded half-up to 2 places, never above its weight."""
    if given is not None:
        return round_half_up(given)
    if op == QUALITATIVE:
        if rating is None:
            raise ValueError("a qualitative indicator needs a rating or a given score")
        fraction = ratio if ratio is not None else Decimal(1)
        if RATING_BY_NAME[rating].ratio_required and ratio is None:
            raise ValueError(f"rating {rating} needs a ratio")
    else:
        if not (isinstance(target, Decimal) and isinstance(actual, Decimal)):
            raise TypeError("a quantitative indicator needs numeric target and actual")
        fraction = quantitative_fraction(op, target, actual, profile.reverse)
    return round_half_up(min(weight, weight * fraction))


def completion_rate(op: str, target: Decimal | str, actual: Decimal | str) -> Decimal | None:
    """完成率 in %, unrounded: a ÷ t for ``>=``/``=``, t ÷ a for ``<=``; None for qualitative,
    and None where a negative or zero figure would make the rate meaningless (never a negative 完成率)."""
    if op == QUALITATIVE or not isinstance(target, Decimal) or not isinstance(actual, Decimal):
        return None
    if op == "<=":
        return target * HUNDRED / actual if actual > 0 and target > 0 else None
    return actual * HUNDRED / target if target > 0 and actual >= 0 else None


def total_score(scores: Iterable[Decimal]) -> Decimal:
    """Sum of already rounded scores — the figure the score table shows as 总分."""
    return sum(scores, Decimal("0.00"))


def grade(total: Decimal) -> str:
    """The grade of the first band the total reaches (优 from 90, 良 from 80, 中 from 60), else the lowest."""
    for floor, name in GRADES:
        if total >= floor:
            return name
    return LOWEST_GRADE
