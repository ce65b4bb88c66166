"""Consistency checks of a performance evaluation that a schema cannot express."""

from __future__ import annotations

from ..errors import Problem
from ..figures.funds import funds_of
from ..figures.scoring import DEFAULT_PROFILE, ScoringProfile
from ..format.numbers import amount
from ..models.performance_evaluation import PerformanceEvaluation
from .body import check_body
from .project import doc_number_problems, indicator_problems, source_problems, veto_problems

FUNDS = "implementation.funds"


def check_performance_evaluation(report: PerformanceEvaluation, profile: ScoringProfile = DEFAULT_PROFILE) -> list[Problem]:
    """Every kind's checks take the chain's scoring profile: the indicators are checked against it."""
    funds = report.implementation.funds
    return [
        *source_problems(f"{FUNDS}.sources", funds.sources, funds.unit),
        *_uses(report),
        *indicator_problems("targets.indicators", report.targets.indicators, report.targets.execution_scored, profile),
        *veto_problems("meta.veto", report.meta.veto, profile),
        *_dates(report),
        *doc_number_problems("meta.doc_number", report.meta.doc_number),
        *_unanswered(report),
        *check_body(report),
    ]


PARALLEL = (("cause", "原因分析"), ("measure", "应对措施"))


def _unanswered(report: PerformanceEvaluation) -> list[Problem]:
    """Causes and measures are printed as lists numbered like the problems they answer (措施2. answers 问题2.):
    one left out would leave a gap in the numbering, so every problem has one, or none has."""
    found = []
    for field, label in PARALLEL:
        given = [getattr(p, field) is not None for p in report.problems]
        if any(given) and not all(given):
            found += [Problem(
                f"problems[{i}].{field}",
                f"其他问题填写了{label} {field}，此项未填；{label}按问题的编号逐条列出，缺一条就会跳号，请补上（或各问题都不填）",
            ) for i, filled in enumerate(given) if not filled]
    return found


def _uses(report: PerformanceEvaluation) -> list[Problem]:
    funds = report.implementation.funds
    if not funds.uses:
        return []
    figures = funds_of(funds.unit, funds.sources, [(u.name, u.amount) for u in funds.uses])
    used, spent = figures.uses_total, figures.total.spent
    if used == spent:
        return []
    unit = funds.unit
    return [Problem(
        f"{FUNDS}.uses",
        f"资金用途合计{amount(used)}{unit}与各来源执行数合计{amount(spent)}{unit}不一致"
        f"（相差{amount(abs(used - spent))}{unit}）",
    )]


def _dates(report: PerformanceEvaluation) -> list[Problem]:
    period = report.implementation.period
    if period and period.start > period.end:
        return [Problem("implementation.period.end", "结束日期早于开始日期")]
    return []
