"""Consistency checks of the figures the body vocabulary holds, wherever a kind lets them stand."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel

from ..errors import Problem
from ..figures.body import column_total, parts_total
from ..format.numbers import COLUMN_WRITERS, number
from ..models.body import Metric, Table
from ..vocabulary.words import POINT_WORDS, SUMMED_COLUMNS, TOTAL_LABEL

T = TypeVar("T")


def found_in(node: Any, kind: type[T], path: str = "") -> Iterator[tuple[str, T]]:
    """Every value of ``kind`` in a report with its field path, in data order."""
    if isinstance(node, kind):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from found_in(getattr(node, name), kind, f"{path}.{name}" if path else name)
    elif isinstance(node, list | tuple):
        for i, item in enumerate(node):
            yield from found_in(item, kind, f"{path}[{i}]")


def check_body(report: BaseModel) -> list[Problem]:
    """The figures and body tables wherever the report holds them."""
    problems: list[Problem] = []
    for where, metric in found_in(report, Metric):
        problems += check_metric(where, metric)
    for where, table in found_in(report, Table):
        problems += check_stated_total(where, table)
    return problems


def check_stated_total(where: str, table: Table) -> list[Problem]:
    """A 合计 the data states must be what its rows add up to; the document prints the sum."""
    if table.stated_total is None:
        return []
    for i, (column, stated) in enumerate(zip(table.columns, table.stated_total, strict=True)):
        if column.type in SUMMED_COLUMNS and stated is not None:
            added = column_total(table, i)
            if not isinstance(stated, Decimal) or stated != added:
                written = COLUMN_WRITERS[column.type](added)
                return [Problem(f"{where}.stated_total[{i}]", f"{TOTAL_LABEL}行“{column.name}”为“{stated}”，各行相加为{written}")]
    return []


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
