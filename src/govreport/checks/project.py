"""Checks shared by the kinds built on funds and indicators (docs/figures.md “资金”“绩效指标得分”).

Each takes the field path of the data it checks, so a message names the path
in the user's own file whichever kind it belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..errors import Problem
from ..figures.evaluation import weight_of
from ..figures.funds import SourceFigures, funds_of
from ..figures.scoring import DEFAULT_PROFILE, ScoringProfile
from ..format.docnumber import normalise_doc_number
from ..format.numbers import amount
from ..models.common import MAX_SIGNIFICANT, significant_digits
from ..models.project import FundSource, Indicator
from ..vocabulary.scoring import EXECUTION_WEIGHT, QUALITATIVE, RATING_NAMES, indicator_weights_total


def source_problems(where: str, sources: Sequence[FundSource], unit: str) -> list[Problem]:
    """到位数 ≤ 预算数 and 执行数 ≤ 到位数 (or 预算数 where 到位数 is not given); a budget above 0."""
    problems = []
    for i, s in enumerate(sources):
        if s.overrun_allowed:
            continue
        path = f"{where}[{i}]"
        if s.received is not None and s.received > s.budget:
            problems.append(Problem(
                f"{path}.received",
                f"“{s.name}”到位数{amount(s.received)}{unit}超过预算数{amount(s.budget)}{unit}"
                "（如确有超预算到位，请在该来源中写 \"overrun_allowed\": true）",
            ))
        ceiling, ceiling_name = (s.received, "到位数") if s.received is not None else (s.budget, "预算数")
        if s.spent > ceiling:
            problems.append(Problem(
                f"{path}.spent",
                f"“{s.name}”执行数{amount(s.spent)}{unit}超过{ceiling_name}{amount(ceiling)}{unit}"
                "（如有上年结转，请在该来源中写 \"overrun_allowed\": true）",
            ))
    total = funds_of(unit, sources).total  # the totals the report prints
    if total.budget == 0:
        problems.append(Problem(where, "预算数合计为0，无法计算预算执行率"))
    return problems + _totals_too_precise(where, total, unit)


TOTALS = (("预算数", "budget"), ("年初预算数", "initial"), ("到位数", "received"), ("执行数", "spent"))


def _totals_too_precise(where: str, total: SourceFigures, unit: str) -> list[Problem]:
    """Each amount has at most 15 significant digits (models/common.py); the totals printed must too, for the
    Excel form and workbook keep no more (a 到位数 total exists only when every source gives its 到位数)."""
    problems = []
    for label, field in TOTALS:
        value = getattr(total, field)
        if value is not None and significant_digits(value) > MAX_SIGNIFICANT:
            problems.append(Problem(where, f"各来源{label}合计{amount(value)}{unit}超过{MAX_SIGNIFICANT}位有效数字，"
                                           "Excel 表格无法准确保存，请核对金额"))
    return problems


def indicator_problems(
    where: str, indicators: Sequence[Indicator], execution_scored: bool, profile: ScoringProfile = DEFAULT_PROFILE
) -> list[Problem]:
    """Each indicator's own rules, then weights adding up to 90 (or 100 without the execution row), then the
    profile's subtotals and vetoes against the indicators the data gives."""
    problems: list[Problem] = []
    for i, ind in enumerate(indicators):
        problems += _indicator(f"{where}[{i}]", ind, profile)
    expected = indicator_weights_total(execution_scored)
    weights = weight_of(indicators)
    if weights != expected:
        why = f"预算执行率计{EXECUTION_WEIGHT}分" if execution_scored else "预算执行率不计分（execution_scored 为 false）"
        problems.append(Problem(where, f"各指标分值合计为{weights:f}，{why}，指标分值合计应为{expected}"))
    if all(not ind.applicable for ind in indicators):
        problems.append(Problem(where, "所有指标都标为不适用，没有可计分的指标"))
    return problems + _subtotals(where, indicators, expected, profile) + _vetoes(indicators, profile)


def _subtotals(where: str, indicators: Sequence[Indicator], expected: Decimal, profile: ScoringProfile) -> list[Problem]:
    """The 一级指标 the profile requires, each with its weight, and no other."""
    if not profile.subtotals:
        return []
    origin = profile.origin("subtotals") or where
    required = dict(profile.subtotals)
    problems = []
    total = sum(required.values(), Decimal(0))
    if total != expected:
        problems.append(Problem(origin, f"评分规则要求的一级指标分值合计{total:f}分，本报告的指标分值合计应为{expected}分，"
                                        "两者不符（请核对 execution_scored 或评分规则）"))
    given: dict[str, Decimal] = {}
    for ind in indicators:
        given[ind.level1] = given.get(ind.level1, Decimal(0)) + ind.weight
    for name, weight in given.items():
        if name not in required:
            first = next(i for i, ind in enumerate(indicators) if ind.level1 == name)
            problems.append(Problem(f"{where}[{first}].level1",
                                    f"一级指标“{name}”不在评分规则要求的一级指标中（{'、'.join(required)}）"))
        elif weight != required[name]:
            problems.append(Problem(
                where, f"一级指标“{name}”的分值合计{weight:f}分，评分规则（{origin}）要求{required[name]:f}分"))
    for name in required:
        if name not in given:
            problems.append(Problem(origin, f"评分规则要求一级指标“{name}”（{required[name]:f}分），本报告没有这一级指标"))
    return problems


def _vetoes(indicators: Sequence[Indicator], profile: ScoringProfile) -> list[Problem]:
    """A veto naming an indicator the data does not have would never apply: a misspelt name, refused."""
    names = [ind.name for ind in indicators]
    return [Problem(profile.origin("veto"), f"一票否决的指标“{name}”不在本报告的绩效指标中（有：{'、'.join(names)}）")
            for name in profile.veto_indicators if name not in names]


def veto_problems(where: str, veto: str | None, profile: ScoringProfile) -> list[Problem]:
    """A finding of misuse written in the data counts only where the profile makes it a veto."""
    if veto and not profile.veto_flagged:
        return [Problem(where, "评分规则未把审计、巡视等发现的问题设为一票否决（veto.findings），此处的事由不影响等级",
                        "warning")]
    return []


def _indicator(where: str, ind: Indicator, profile: ScoringProfile) -> list[Problem]:
    problems = []
    if not ind.applicable:
        if not ind.reason:
            problems.append(Problem(f"{where}.reason", "不适用的指标须写明理由 reason（印在评分表中）"))
        return problems
    if ind.reason:
        problems.append(Problem(f"{where}.reason", "只有不适用的指标（applicable 为 false）才填写 reason"))
    if ind.score is not None and ind.score > ind.weight:
        problems.append(Problem(f"{where}.score", f"得分{ind.score:f}超过分值{ind.weight:f}"))
    if ind.qualitative:
        rating = None if ind.rating is None else profile.rating(ind.rating)
        if ind.rating is not None and rating is None:
            problems.append(Problem(f"{where}.rating", f"评定“{ind.rating}”不是评分规则中的说法，应为：{profile.rating_words}"))
        elif rating is None and ind.score is None:
            problems.append(Problem(f"{where}.rating", f"定性指标须填写评定（{'、'.join(RATING_NAMES)}）或得分 score"))
        elif rating is not None and ind.ratio is None and rating.ratio_required:
            problems.append(Problem(f"{where}.ratio", f"评定为“{rating.name}”时须填写得分比例 ratio，取值 {rating.band}"))
        elif rating is not None and ind.ratio is not None and not rating.admits(ind.ratio):
            problems.append(Problem(
                f"{where}.ratio", f"得分比例{ind.ratio:f}不在“{rating.name}”的区间 {rating.band} 内"))
        return problems
    for field in ("target", "actual"):
        if not isinstance(getattr(ind, field), Decimal):
            problems.append(Problem(f"{where}.{field}", f"比较方式为“{ind.op}”的定量指标，此处应为数字"))
    if ind.rating is not None or ind.ratio is not None:
        problems.append(Problem(f"{where}.rating", f"只有定性指标（op 为 {QUALITATIVE}）才填写 rating 和 ratio"))
    if ind.score is None and isinstance(ind.target, Decimal) and isinstance(ind.actual, Decimal):
        problems += _unscorable(where, ind.op, ind.target, ind.actual)
    return problems


def _unscorable(where: str, op: str, target: Decimal, actual: Decimal) -> list[Problem]:
    """A shortfall is scored as a share of the target, which means nothing when the target is not above 0
    (figures.md, “负数”): −200 ÷ −100 would give a ≥ indicator full marks for missing its target."""
    if op in (">=", "=") and actual < target < 0:
        return [Problem(
            f"{where}.target",
            f"年度指标值{target:f}为负数，实际完成值{actual:f}未达到时，“实际值÷目标值”没有意义，无法计分；"
            "请填写评价人给定的得分 score",
        )]
    if op == "<=" and target <= 0 and actual > target:
        return [Problem(
            f"{where}.target",
            f"反向指标（<=）的年度指标值{target:f}不大于0，实际完成值{actual:f}超出时，“超出部分÷目标值”没有意义，"
            "无法计分；请填写评价人给定的得分 score",
        )]
    return []


def doc_number_problems(where: str, raw: str | None) -> list[Problem]:
    if raw is None:
        return []
    fixed = normalise_doc_number(raw)
    if fixed is None:
        return [Problem(where, f"发文字号“{raw}”无法识别，应如“三民发〔2026〕3号”")]
    if fixed != raw:
        return [Problem(where, f"发文字号已规范为“{fixed}”（年份用六角括号〔〕，序号不加“第”、不编虚位）", "warning")]
    return []
