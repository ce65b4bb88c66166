"""Targets worded as thresholds (入户率达80%以上, 不少于2个, 每季度至少开展一次), never as achievements.

A plan states what must be reached; the words follow from the operator, the
unit and the value alone, so two plans never word the same target two ways.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..models.plan import PLACE
from ..vocabulary.words import POINT_WORDS
from .numbers import number
from .numerals import chinese_count

AT_LEAST, AT_MOST, EQUAL = ">=", "<=", "="  # the codes of vocabulary/scoring.py OPERATORS a target may use


def threshold(op: str, value: Decimal, unit: str, per: str = "", verb: str = "") -> str:
    """The phrase after a target's name: rates reach (达80%以上) or are held (控制在3%以内); counts are bounded
    (不少于2个, 不超过…), after the verb when there is one (每年更换不少于6次); a frequency (per 每季度) of once at
    least reads 每季度至少开展一次."""
    quantity = number(value) + unit
    if per:
        if op == AT_LEAST and value == 1:
            return f"{per}至少{verb}{chinese_count(1)}{unit}"
        if op == AT_LEAST:
            return f"{per}{verb}不少于{quantity}"
        if op == AT_MOST:
            return f"{per}{verb}不超过{quantity}"
        return f"{per}{verb}{quantity}"
    rate = unit in POINT_WORDS
    if op == AT_LEAST:
        return f"达{quantity}以上" if rate else f"{verb}不少于{quantity}"
    if op == AT_MOST:
        return f"控制在{quantity}以内" if rate else f"{verb}不超过{quantity}"
    if op == EQUAL:
        return f"达到{quantity}"
    raise ValueError(f"目标的比较方式应为 >=、<= 或 =，实际为“{op}”")


def target_sentence(target: Any) -> str:
    """A target of a plan as the plan states it: its name and its threshold (宣传资料入户率达80%以上), or its
    ``wording`` with the threshold where {} stands (每个机构每年提供不少于12种内容的印刷资料): split there and
    joined, so the wording is never read as a format string."""
    words = threshold(target.op, target.value, target.unit, target.per or "", target.verb or "")
    if target.wording is None:
        return target.name + words
    before, after = target.wording.split(PLACE)
    return before + words + after
