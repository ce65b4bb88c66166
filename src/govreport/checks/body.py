"""Consistency checks of the figures the body vocabulary holds, wherever a kind lets them stand."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..errors import Problem
from ..figures.body import parts_total
from ..format.numbers import number
from ..models.body import Metric
from ..vocabulary.words import POINT_WORDS


def metrics_in(node: Any, path: str = "") -> Iterator[tuple[str, Metric]]:
    """Every metric of a report with its field path, in data order."""
    if isinstance(node, Metric):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from metrics_in(getattr(node, name), f"{path}.{name}" if path else name)
    elif isinstance(node, list | tuple):
        for i, item in enumerate(node):
            yield from metrics_in(item, f"{path}[{i}]")


def check_metrics(report: BaseModel) -> list[Problem]:
    problems: list[Problem] = []
    for where, metric in metrics_in(report):
        problems += check_metric(where, metric)
    return problems


def check_metric(where: str, m: Metric) -> list[Problem]:
    unit = m.unit
    rate = unit in POINT_WORDS
    if m.parts is not None and rate:
        return [Problem(f"{where}.parts", f"比率（单位为 {unit}）不能由分项相加得出，请直接填写 value")]
    problems = []
    value = m.value
    total = parts_total(m)
    if total is not None:
        if value is not None and value != total:
            listed = "＋".join(number(p.value) for p in m.parts or ())
            problems.append(Problem(
                f"{where}.value",
                f"“{m.name}”合计{number(value)}{unit}与各分项之和{listed}＝{number(total)}{unit}不一致"
                "（合计可不填，由程序相加）",
            ))
        value = total
    if m.of is not None:
        if rate:
            problems.append(Problem(f"{where}.of", f"比率（单位为 {unit}）不能再计算占比，请删除 of"))
        elif value is not None and value > m.of:
            problems.append(Problem(
                f"{where}.of", f"“{m.name}”{number(value)}{unit}大于总数{number(m.of)}{unit}，占比会超过100%"))
        elif value is not None and value < 0:
            problems.append(Problem(f"{where}.value", "计算占比的数值不能为负数"))
    if m.previous is not None and not rate and m.previous <= 0:
        problems.append(Problem(
            f"{where}.previous", f"{m.previous_label}数为{number(m.previous)}，无法计算增减幅度（须大于0），句中只写本期数值",
            "warning"))
    if m.planned is not None and m.planned <= 0:
        problems.append(Problem(f"{where}.planned", f"{m.planned_label}数应大于0，才能计算完成计划的百分比"))
    elif m.planned is not None and value is not None and value < 0:
        problems.append(Problem(f"{where}.value", "实际数为负数，无法计算完成计划的百分比，句中只写计划数和实际数",
                                "warning"))
    return problems
