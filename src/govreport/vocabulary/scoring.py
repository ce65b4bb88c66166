"""Scoring rules (docs/figures.md): weights and full marks, ratings, grades, operators, county options."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .words import Choice

EXECUTION_WEIGHT = Decimal(10)
"""分值 of the 预算执行率 row, when it is scored."""

FULL_MARKS = Decimal(100)
"""满分: the indicators' weights, plus the execution row's when it is scored."""


def indicator_weights_total(execution_scored: bool) -> Decimal:
    """What the indicators' weights must add up to: 90 beside the scored execution row, 100 without it."""
    return FULL_MARKS - EXECUTION_WEIGHT if execution_scored else FULL_MARKS


@dataclass(frozen=True)
class Rating:
    """A qualitative indicator's 评定: its short name (in the data), its full name (in the report), the
    band of 得分比例 it allows and the other words forms write for it (a published 自评表 writes 达成预期指标)."""

    name: str
    full_name: str
    low: Decimal
    high: Decimal
    high_included: bool
    words: tuple[str, ...] = ()  # a scoring profile may set its own

    @property
    def sayings(self) -> tuple[str, ...]:
        """Every word that stands for this rating in the data: its name, its full name, its other words."""
        return (self.name, self.full_name, *self.words)

    def admits(self, ratio: Decimal) -> bool:
        return self.low <= ratio <= self.high if self.high_included else self.low <= ratio < self.high

    @property
    def band(self) -> str:
        """The band as a message writes it: 0.6～0.8（不含0.8）."""
        return f"{self.low}～{self.high}" + ("" if self.high_included else f"（不含{self.high}）")

    @property
    def ratio_required(self) -> bool:
        """Only a rating whose band reaches 1 may leave its ratio out: it then scores full marks."""
        return not (self.high_included and self.high == 1)


RATINGS = (
    Rating("达成", "达成年度指标", Decimal("0.8"), Decimal("1"), True, ("达成预期指标",)),
    Rating("部分达成", "部分达成年度指标并具有一定效果", Decimal("0.6"), Decimal("0.8"), False, ("部分达成预期指标",)),
    Rating("未达成", "未达成年度指标且效果较差", Decimal("0"), Decimal("0.6"), False, ("未达成预期指标",)),
)
RATING_NAMES = tuple(r.name for r in RATINGS)
RATING_BY_NAME = {r.name: r for r in RATINGS}
RatingName = Literal[RATING_NAMES]  # type: ignore[valid-type]

GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))
"""等级 by the lowest total that earns it, from the best."""
LOWEST_GRADE = "差"
GRADE_FLOOR = Decimal(0)
"""The lowest band of a grade table starts here; the best ends at ``FULL_MARKS``."""


@dataclass(frozen=True)
class Operator:
    """比较方式: the code a data file writes, the word a clerk writes (also accepted in the data), what it
    means, and whether the word stands before the target in a table (≥8000人次)."""

    code: str
    word: str
    meaning: str
    signed: bool

    @property
    def prefix(self) -> str:
        """Written before the target value in the score tables."""
        return self.word if self.signed else ""


QUALITATIVE = "qualitative"
OPERATORS = (
    Operator(">=", "≥", "正向", True),
    Operator("<=", "≤", "反向", True),
    Operator("=", "＝", "等于", False),
    Operator(QUALITATIVE, "定性", "定性", False),
)
OPERATOR_CODES = tuple(o.code for o in OPERATORS)
OPERATOR_BY_CODE = {o.code: o for o in OPERATORS}
OPERATOR_ALIASES = {**{o.word: o.code for o in OPERATORS}, "==": "="}
"""Other spellings the data may use, and the code each stands for."""
OperatorCode = Literal[OPERATOR_CODES]  # type: ignore[valid-type]

REVERSE_RULES = (Choice("linear", "默认，超出一倍得0分"), Choice("ratio", "分值×目标值÷实际值"))
"""How a reverse (<=) indicator that misses its target scores, by a county's scoring option."""
Reverse = Literal[tuple(r.code for r in REVERSE_RULES)]  # type: ignore[valid-type]

EXECUTION_DENOMINATORS = (Choice("budget", "全年预算数，默认"), Choice("initial", "年初预算数"))
"""What 预算执行率 divides by, by a county's scoring option."""
Denominator = Literal[tuple(d.code for d in EXECUTION_DENOMINATORS)]  # type: ignore[valid-type]

NOT_APPLICABLE_RULES = (
    Choice("rescale", "适用指标得分按百分制折算，默认"),
    Choice("keep", "不折算，总分即适用指标得分之和，满分仍为100分"),
)
"""What becomes of the total when indicators are marked 不适用, by a county's scoring option."""
NotApplicableRule = Literal[tuple(r.code for r in NOT_APPLICABLE_RULES)]  # type: ignore[valid-type]

DEVIATION_OPERATORS = tuple(o.code for o in OPERATORS if o.code != QUALITATIVE)
"""The operators a deviation band may be set for: a qualitative indicator has no deviation to measure."""
