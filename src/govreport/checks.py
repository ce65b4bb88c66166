"""Consistency checks a schema cannot express: figures that must agree (figures.md §2–§4).

They run after the models validated, collect every problem at once, and name
each by its field path. Errors stop ``render``; warnings are only reported.
"""

from __future__ import annotations

from decimal import Decimal

from .errors import Problem
from .figures.scoring import band_text, in_band
from .format.docnumber import normalise_doc_number
from .format.numbers import amount
from .models.performance_evaluation import Indicator, PerformanceEvaluation

FUNDS = "implementation.funds"


def check_performance_evaluation(report: PerformanceEvaluation) -> list[Problem]:
    problems = [*_funds(report), *_indicators(report), *_dates(report), *_doc_number(report)]
    return problems


def _funds(report: PerformanceEvaluation) -> list[Problem]:
    funds = report.implementation.funds
    unit = funds.unit
    problems = []
    for i, s in enumerate(funds.sources):
        if s.overrun_allowed:
            continue
        where = f"{FUNDS}.sources[{i}]"
        if s.received > s.budget:
            problems.append(Problem(
                f"{where}.received",
                f"“{s.name}”到位数{amount(s.received)}{unit}超过预算数{amount(s.budget)}{unit}"
                "（如确有超预算到位，请在该来源中写 \"overrun_allowed\": true）",
            ))
        if s.spent > s.received:
            problems.append(Problem(
                f"{where}.spent",
                f"“{s.name}”执行数{amount(s.spent)}{unit}超过到位数{amount(s.received)}{unit}"
                "（如有上年结转，请在该来源中写 \"overrun_allowed\": true）",
            ))
    budget = sum((s.budget for s in funds.sources), Decimal(0))
    spent = sum((s.spent for s in funds.sources), Decimal(0))
    if budget == 0:
        problems.append(Problem(f"{FUNDS}.sources", "预算数合计为0，无法计算到位率和预算执行率"))
    if funds.uses:
        used = sum((u.amount for u in funds.uses), Decimal(0))
        if used != spent:
            problems.append(Problem(
                f"{FUNDS}.uses",
                f"资金用途合计{amount(used)}{unit}与各来源执行数合计{amount(spent)}{unit}不一致"
                f"（相差{amount(abs(used - spent))}{unit}）",
            ))
    return problems


def _indicators(report: PerformanceEvaluation) -> list[Problem]:
    targets = report.targets
    problems: list[Problem] = []
    for i, ind in enumerate(targets.indicators):
        problems += _indicator(f"targets.indicators[{i}]", ind)
    expected = Decimal(90) if targets.execution_scored else Decimal(100)
    weights = sum((ind.weight for ind in targets.indicators), Decimal(0))
    if weights != expected:
        why = "预算执行率计10分，指标分值合计应为90" if targets.execution_scored else (
            "预算执行率不计分（execution_scored 为 false），指标分值合计应为100")
        problems.append(Problem("targets.indicators", f"各指标分值合计为{weights:f}，{why}"))
    return problems


def _indicator(where: str, ind: Indicator) -> list[Problem]:
    problems = []
    if ind.score is not None and ind.score > ind.weight:
        problems.append(Problem(f"{where}.score", f"得分{ind.score:f}超过分值{ind.weight:f}"))
    if ind.op == "qualitative":
        if ind.rating is None and ind.score is None:
            problems.append(Problem(f"{where}.rating", "定性指标须填写评定（达成、部分达成、未达成）或得分 score"))
        elif ind.rating is not None and ind.ratio is None and ind.rating != "达成":
            problems.append(Problem(
                f"{where}.ratio", f"评定为“{ind.rating}”时须填写得分比例 ratio，取值 {band_text(ind.rating)}"))
        elif ind.rating is not None and ind.ratio is not None and not in_band(ind.rating, ind.ratio):
            problems.append(Problem(
                f"{where}.ratio",
                f"得分比例{ind.ratio:f}不在“{ind.rating}”的区间 {band_text(ind.rating)} 内"))
        return problems
    for field in ("target", "actual"):
        if not isinstance(getattr(ind, field), Decimal):
            problems.append(Problem(f"{where}.{field}", f"比较方式为“{ind.op}”的定量指标，此处应为数字"))
    if ind.rating is not None or ind.ratio is not None:
        problems.append(Problem(f"{where}.rating", "只有定性指标（op 为 qualitative）才填写 rating 和 ratio"))
    if ind.op == "<=" and isinstance(ind.target, Decimal) and ind.target <= 0 and ind.score is None:
        problems.append(Problem(f"{where}.target", "反向指标（<=）的年度指标值须大于0，才能按偏离程度计分"))
    return problems


def _dates(report: PerformanceEvaluation) -> list[Problem]:
    period = report.implementation.period
    if period and period.start > period.end:
        return [Problem("implementation.period.end", "结束日期早于开始日期")]
    return []


def _doc_number(report: PerformanceEvaluation) -> list[Problem]:
    raw = report.meta.doc_number
    if raw is None:
        return []
    fixed = normalise_doc_number(raw)
    if fixed is None:
        return [Problem("meta.doc_number", f"发文字号“{raw}”无法识别，应如“三民发〔2026〕3号”")]
    if fixed != raw:
        return [Problem("meta.doc_number", f"发文字号已规范为“{fixed}”（年份用六角括号〔〕，序号不加“第”、不编虚位）", "warning")]
    return []

