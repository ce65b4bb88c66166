"""Consistency checks of a self-evaluation form."""

from __future__ import annotations

from ..errors import Problem
from ..figures.evaluation import score_indicator
from ..figures.scoring import DEFAULT_PROFILE, ScoringProfile
from ..models.self_evaluation import SelfEvaluation
from .body import check_body
from .project import indicator_problems, source_problems, veto_problems


def check_self_evaluation(report: SelfEvaluation, profile: ScoringProfile = DEFAULT_PROFILE) -> list[Problem]:
    problems = [
        *source_problems("funds.sources", report.funds.sources, report.funds.unit),
        *indicator_problems("indicators", report.indicators, report.execution_scored, profile),
        *veto_problems("meta.veto", report.meta.veto, profile),
        *check_body(report),
    ]
    if any(p.severity == "error" for p in problems):
        return problems
    return problems + _unexplained_deviations(report, profile)


def _unexplained_deviations(report: SelfEvaluation, profile: ScoringProfile) -> list[Problem]:
    """The form asks why an indicator fell short; an empty cell there is worth a warning."""
    problems = []
    for i, ind in enumerate(report.indicators):
        if ind.deviation or not ind.applicable:
            continue
        if not score_indicator(ind, profile).met:
            problems.append(Problem(
                f"indicators[{i}].deviation",
                f"“{ind.name}”未取得满分，自评表的“偏差原因分析及改进措施”一栏将空着，建议填写 deviation",
                "warning",
            ))
    return problems
