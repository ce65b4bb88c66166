"""Indicator scores, 完成率, total and grade (docs/figures.md “绩效指标得分”).

Each indicator score is rounded to 2 places and the total is the sum of the
rounded scores, so that the score table in the appendix adds up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ..vocabulary.scoring import (
    GRADES,
    LOWEST_GRADE,
    QUALITATIVE,
    RATINGS,
    Denominator,
    NotApplicableRule,
    Rating,
    Reverse,
)
from .rounding import HUNDRED, round_half_up


@dataclass(frozen=True)
class DeviationBand:
    """偏差在 tolerance% 以内不扣分；beyond it, each step% begun takes deduction% of the weight."""

    tolerance: Decimal
    step: Decimal
    deduction: Decimal


@dataclass(frozen=True)
class ScoringProfile:
    """Local variants of the scoring rules; the defaults are figures.md's.

    ``origins`` says where each option set by a template folder was written
    (``manifest.yaml:12``), so a check against the data can name the line.
    """

    reverse: Reverse = "linear"
    execution_denominator: Denominator = "budget"  # 预算执行率 = 执行数 ÷ 全年预算数, or ÷ 年初预算数
    grades: tuple[tuple[Decimal, str], ...] = GRADES  # (floor, name) from the best, without the lowest
    lowest_grade: str = LOWEST_GRADE
    ratings: tuple[Rating, ...] = RATINGS
    not_applicable: NotApplicableRule = "rescale"
    subtotals: tuple[tuple[str, Decimal], ...] = ()  # 一级指标 → required weight, in the profile's order
    deviation: tuple[tuple[str, DeviationBand], ...] = ()  # operator code → its band
    veto_indicators: tuple[str, ...] = ()  # 三级指标 whose failing caps the grade
    veto_flagged: bool = False  # the data's ``meta.veto`` (a finding of misuse) caps the grade
    origins: tuple[tuple[str, str], ...] = ()

    def rating(self, word: str) -> Rating | None:
        """The rating ``word`` stands for under this profile (its name, full name or one of its words)."""
        return next((r for r in self.ratings if word in r.sayings), None)

    @property
    def rating_words(self) -> str:
        """The words a rating may be given in, as a message lists them."""
        return "；".join(f"{r.name}（也可写{'、'.join(r.sayings[1:])}）" for r in self.ratings)

    def band(self, op: str) -> DeviationBand | None:
        return dict(self.deviation).get(op)

    def origin(self, option: str) -> str:
        return dict(self.origins).get(option, "")


DEFAULT_PROFILE = ScoringProfile()


def quantitative_fraction(
    op: str, target: Decimal, actual: Decimal, reverse: Reverse = "linear", band: DeviationBand | None = None
) -> Decimal:
    """Share of the weight earned, in [0, 1], for ``>=``, ``=`` and ``<=``.

    A shortfall is a share of the target, so it earns nothing when the target is
    not above 0; validation refuses such an indicator unless a ``score`` is given.
    """
    if band is not None:
        return band_fraction(op, target, actual, band)
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


def band_fraction(op: str, target: Decimal, actual: Decimal, band: DeviationBand) -> Decimal:
    """Share of the weight under a deviation band: 偏差 = shortfall ÷ target (either side for ``=``)."""
    shortfall = abs(actual - target) if op == "=" else target - actual if op == ">=" else actual - target
    if shortfall <= 0:
        return Decimal(1)
    if target <= 0:
        return Decimal(0)
    deviation = shortfall * HUNDRED / target
    if deviation <= band.tolerance:
        return Decimal(1)
    steps = math.ceil((deviation - band.tolerance) / band.step)
    return max(Decimal(0), 1 - steps * band.deduction / HUNDRED)


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
        chosen = profile.rating(rating)
        if chosen is None:
            raise ValueError(f"rating {rating} is not one of the profile's")
        if chosen.ratio_required and ratio is None:
            raise ValueError(f"rating {rating} needs a ratio")
    else:
        if not (isinstance(target, Decimal) and isinstance(actual, Decimal)):
            raise TypeError("a quantitative indicator needs numeric target and actual")
        fraction = quantitative_fraction(op, target, actual, profile.reverse, profile.band(op))
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


def grade(total: Decimal, profile: ScoringProfile = DEFAULT_PROFILE) -> str:
    """The grade of the first band the total reaches (优 from 90, 良 from 80, 中 from 60), else the lowest."""
    for floor, name in profile.grades:
        if total >= floor:
            return name
    return profile.lowest_grade


def rescaled(total: Decimal, full_marks: Decimal) -> Decimal:
    """适用指标得分 ÷ 适用指标满分 × 100, rounded half-up to 2 places (figures.md “不适用的指标”)."""
    return round_half_up(total * HUNDRED / full_marks) if full_marks > 0 else Decimal("0.00")
