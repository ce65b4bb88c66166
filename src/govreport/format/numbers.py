"""Arabic figures as GB/T 15835 and docs/figures.md “写法” write them, with Babel (zh_CN) underneath.

Rounding is done here, half-up, before Babel sees the value, so Babel only
lays out digits and never rounds (its own default is half-even).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

from ..figures.counts import Change
from ..figures.rounding import round_half_up
from ..vocabulary.words import POINT_WORDS, RATE_UNIT

LOCALE = Locale.parse("zh_CN")  # parsed once: Babel re-parses a locale name on every call
GROUP_FROM = Decimal(10000)  # an integer part of 5 or more digits is grouped


def number(value: Decimal | int, digits: int | None = None) -> str:
    """8500 → 8500; 20000 → 20,000; 12345.675 with digits=2 → 12,345.68."""
    value = Decimal(value)
    if digits is None:
        digits = max(0, -value.normalize().as_tuple().exponent)  # as given, no trailing zeros
    value = round_half_up(value, digits)
    return _pattern(abs(value) >= GROUP_FROM, digits).apply(value, LOCALE, decimal_quantization=False)


@lru_cache(maxsize=64)
def _pattern(grouped: bool, digits: int) -> NumberPattern:
    integer = "#,##0" if grouped else "0"
    return parse_pattern(integer + ("." + "0" * digits if digits else ""))


def amount(value: Decimal | int) -> str:
    """An amount of money: always 2 decimals (1094.00, 12,345.67)."""
    return number(value, 2)


def percent(value: Decimal | None, digits: int = 2) -> str:
    """A rate already in %: 95.8333 → 95.83%; an undefined rate → —."""
    return "—" if value is None else number(value, digits) + "%"


def points(value: Decimal, digits: int = 2, word: str = POINT_WORDS[RATE_UNIT]) -> str:
    """A difference of two rates: 1.04 → 1.04个百分点 (never "1.04%"); 个千分点 for rates in ‰."""
    return number(value, digits) + word


COLUMN_WRITERS = {"money": amount, "count": number, "rate": percent}
"""How a typed column of a body table writes a number; a text column prints what the data says."""

RISE_WORDS = {"up": "提高", "down": "下降", "flat": "持平"}
GROWTH_WORDS = {"up": "增长", "down": "下降", "flat": "持平"}


def change_phrase(change: Change, digits: int = 2, *, growth: bool = False) -> str:
    """提高1.04个百分点 / 下降3.20% / 持平 — the word follows the sign, the number is never negative."""
    words = GROWTH_WORDS if growth else RISE_WORDS
    if change.direction == "flat" or round_half_up(change.amount, digits) == 0:
        return "持平"
    figure = points(change.amount, digits, change.point_word) if change.in_points else percent(change.amount, digits)
    return words[change.direction] + figure


def compared(change: Change, against: str = "", digits: int = 2, *, growth: bool = False) -> str:
    """The clause that compares with an earlier figure: 比上年提高1.04个百分点, 同比增长12.50%, 与上年持平.

    ``against`` names the earlier figure (上年, 驱虫前); empty means 同比.
    """
    phrase = change_phrase(change, digits, growth=growth)
    if phrase == "持平":
        return f"与{against}持平" if against else "同比持平"
    return f"比{against}{phrase}" if against else f"同比{phrase}"
