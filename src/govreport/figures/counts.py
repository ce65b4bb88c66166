"""Totals of parts, shares and changes (docs/figures.md “工作总结中的数据”)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ..vocabulary.words import POINT_WORDS, RATE_UNIT

Direction = Literal["up", "down", "flat"]


def total_of(parts: Iterable[Decimal]) -> Decimal:
    """A total is always the sum of its parts, never typed in."""
    return sum(parts, Decimal(0))


@dataclass(frozen=True)
class Change:
    """A change from last year: points for rates (个百分点), percent otherwise."""

    amount: Decimal  # absolute size, unrounded
    direction: Direction
    in_points: bool
    point_word: str = POINT_WORDS[RATE_UNIT]  # 个百分点, or 个千分点 for a rate in ‰


def change(current: Decimal, previous: Decimal, *, is_rate: bool, unit: str = RATE_UNIT) -> Change | None:
    """Change of a rate in 个百分点 (个千分点 for ‰), of a count or amount in % (None if last year was 0 or less)."""
    if is_rate:
        delta = current - previous
    elif previous <= 0:  # a percent of nothing, or of a negative base, says nothing
        return None
    else:
        delta = (current - previous) * 100 / previous
    direction: Direction = "up" if delta > 0 else "down" if delta < 0 else "flat"
    return Change(abs(delta), direction, is_rate, POINT_WORDS.get(unit, POINT_WORDS[RATE_UNIT]))


def stated(delta: Decimal, *, is_rate: bool, unit: str = RATE_UNIT) -> Change:
    """A change a writer states without its base (同比增加53.83%): worded like a computed one."""
    direction: Direction = "up" if delta > 0 else "down" if delta < 0 else "flat"
    return Change(abs(delta), direction, is_rate, POINT_WORDS.get(unit, POINT_WORDS[RATE_UNIT]))
