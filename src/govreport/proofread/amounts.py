"""Figures with their units as a report writes them — 89.97万元, 超过8000名, 1.2亿元, 30% — read from normalised text.

An ``Amount`` keeps its value in the base unit (元, 人…) for arithmetic and the
words as written for messages, so a clerk reads “30万元+29.99万元”, never
“300000元+299900元”. Each figure also carries how finely it is written (its last
place), which is how far rounding may have moved it: sums and rates are judged
within that, so a report that rounds correctly is never told it is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PEOPLE = ("人次", "人", "名", "例")
FAMILIES = {unit: "people" for unit in PEOPLE} | {"元": "money"}
UNITS = "人次|人|名|户|个|家|所|张|份|场|次|例|项|元|公里|千米|米|亩|吨|台|套|件|间|床|批|期|篇|条|册|宗|座|处|盏|斤|%|‰"
MULTIPLIERS = {"万": Decimal(10000), "亿": Decimal(100000000), None: Decimal(1)}
TOKEN = re.compile(
    r"(?<![\d.,A-Za-z])(?P<number>\d+(?:,\d{3})*(?:\.\d+)?)(?P<multiplier>万|亿)?(?P<after>余|多)?"
    rf"(?P<unit>{UNITS})(?P<tail>以上|左右|多)?"
)
BEFORE = re.compile(r"(?:超过|逾|将近|近|约|共计|共有|(?<!公)共|累计|合计|总计|总共)$")
EXACT = {"共计", "共有", "共", "累计", "合计", "总计", "总共"}
ABOVE = {"超过", "逾"}
BELOW = {"近", "将近"}
_TOTAL_WORD = re.compile(r"(共计|共有|(?<!公)共|累计|合计|总计|总共)[^，、。；：\d]{0,8}$")


@dataclass(frozen=True)
class Amount:
    value: Decimal  # in the base unit (元, 人…)
    unit: str
    start: int
    end: int
    before: str  # 共, 合计, 超过… written before it
    approx: str  # "" | "above" | "below" | "about"
    step: Decimal  # the step of its last non-zero digit, for 超过/近
    number: str  # the figure as written, without grouping commas
    multiplier: str  # 万, 亿 or ""

    @property
    def family(self) -> str:
        return FAMILIES.get(self.unit, self.unit)

    @property
    def is_rate(self) -> bool:
        return self.unit in ("%", "‰")

    @property
    def places(self) -> int:
        return len(self.number.split(".")[1]) if "." in self.number else 0

    @property
    def rounded(self) -> bool:
        """Written with decimals or in 万/亿: a rounded figure, not an exact count."""
        return bool(self.places or self.multiplier)

    @property
    def shown(self) -> str:
        return f"{self.number}{self.multiplier}{self.unit}"


def _step(number: str, multiplier: Decimal) -> Decimal:
    digits = number.split(".")[0]
    zeros = len(digits) - len(digits.rstrip("0")) if "." not in number else 0
    return Decimal(10) ** zeros * multiplier


def amounts(text: str) -> list[Amount]:
    """Every figure with a unit in normalised text, in order."""
    found = []
    for m in TOKEN.finditer(text):
        number = m.group("number").replace(",", "")
        multiplier = MULTIPLIERS[m.group("multiplier")]
        try:
            value = Decimal(number) * multiplier
        except InvalidOperation:
            continue
        preceding = text[max(0, m.start() - 10):m.start()]
        written = BEFORE.search(preceding)
        word = None if written else _TOTAL_WORD.search(preceding)
        before = written.group(0) if written else (word.group(1) if word else "")
        after = (m.group("after") or "") + (m.group("tail") or "")
        approx = ("above" if before in ABOVE or after in ("余", "多", "以上", "余多") else
                  "below" if before in BELOW else "about" if before == "约" or after == "左右" else "")
        start = m.start() - len(written.group(0)) if written else m.start() - len(word.group(0)) if word else m.start()
        found.append(Amount(value, m.group("unit"), start, m.end(), before, approx, _step(number, multiplier),
                            number, m.group("multiplier") or ""))
    return found


def in_unit_of(value: Decimal, like: Amount, places: int) -> str:
    """A base-unit value written in the unit and scale of ``like`` (万元 stays 万元)."""
    scaled = value / MULTIPLIERS[like.multiplier or None]
    text = format(scaled.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP) if places else scaled.normalize(), "f")
    return f"{text}{like.multiplier}{like.unit}"


def places_of(*figures: Amount) -> int:
    """The finest places among figures written in the same scale as the first."""
    scale = figures[0].multiplier
    return max((f.places for f in figures if f.multiplier == scale), default=0)


def percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    return numerator / denominator * 100


def percent_shown(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP)}%"


def stated_range(stated: str) -> tuple[Decimal, Decimal]:
    """The exact values a rate written as ``stated`` may come from, rounded half-up (四舍五入): [v − ½, v + ½)."""
    value = Decimal(stated)
    places = len(stated.split(".")[1]) if "." in stated else 0
    half = Decimal(1).scaleb(-places) / 2
    return value - half, value + half


def rate_agrees(low: Decimal, high: Decimal, stated: str) -> bool:
    """A rate between low and high (from figures that may themselves be rounded) can be written as ``stated``."""
    lowest, highest = stated_range(stated)
    return low < highest and high >= lowest


def ratio_bounds(num: Decimal, num_slack: Decimal, den: Decimal, den_slack: Decimal) -> tuple[Decimal, Decimal] | None:
    """The range of num ÷ den × 100 when each may be off by its slack; None when the denominator may be zero."""
    if den - den_slack <= 0 or num + num_slack < 0:
        return None
    low = max(Decimal(0), num - num_slack) / (den + den_slack) * 100
    high = (num + num_slack) / (den - den_slack) * 100
    return low, high
