"""Consistency checks of a work summary: totals against parts, shares against wholes."""

from __future__ import annotations

from ..errors import Problem
from ..figures.scoring import DEFAULT_PROFILE, ScoringProfile
from ..figures.work_summary import parts_total
from ..format.numbers import number
from ..models.work_summary import Metric, WorkSummary
from ..vocabulary.words import RATE_UNIT


def check_work_summary(report: WorkSummary, profile: ScoringProfile = DEFAULT_PROFILE) -> list[Problem]:
    """Every kind's checks take the chain's scoring profile; a work summary has no scores."""
    problems = []
    for i, achievement in enumerate(report.achievements):
        for j, metric in enumerate(achievement.metrics):
            problems += _metric(f"achievements[{i}].metrics[{j}]", metric)
    return problems


def _metric(where: str, m: Metric) -> list[Problem]:
    unit = m.unit
    if m.parts is None and m.value is None:
        return [Problem(f"{where}.value", "缺少数值：请填写 value，或填写分项 parts 由程序相加")]
    if m.parts is not None and unit == RATE_UNIT:
        return [Problem(f"{where}.parts", f"比率（单位为 {RATE_UNIT}）不能由分项相加得出，请直接填写 value")]
    problems = []
    value = m.value
    total = parts_total(m)
    if total is not None:
        if value is not None and value != total:
            listed = "＋".join(number(p.value) for p in m.parts)
            problems.append(Problem(
                f"{where}.value",
                f"“{m.name}”合计{number(value)}{unit}与各分项之和{listed}＝{number(total)}{unit}不一致"
                "（合计可不填，由程序相加）",
            ))
        value = total
    if m.of is not None:
        if unit == RATE_UNIT:
            problems.append(Problem(f"{where}.of", f"比率（单位为 {RATE_UNIT}）不能再计算占比，请删除 of"))
        elif value is not None and value > m.of:
            problems.append(Problem(
                f"{where}.of", f"“{m.name}”{number(value)}{unit}大于总数{number(m.of)}{unit}，占比会超过100%"))
        elif value is not None and value < 0:
            problems.append(Problem(f"{where}.value", "计算占比的数值不能为负数"))
    if m.previous is not None and unit != RATE_UNIT and m.previous == 0:
        problems.append(Problem(
            f"{where}.previous", f"{m.previous_label}数为0，无法计算增减幅度，句中只写本期数值", "warning"))
    return problems
