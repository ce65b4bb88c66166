"""The figures of a self-evaluation form: those of any project with funds and indicators."""

from __future__ import annotations

from ..models.self_evaluation import SelfEvaluation
from .evaluation import EvaluationFigures, project_figures
from .scoring import DEFAULT_PROFILE, ScoringProfile


def self_evaluate(report: SelfEvaluation, profile: ScoringProfile = DEFAULT_PROFILE) -> EvaluationFigures:
    return project_figures(
        report.funds.unit, report.funds.sources, [], report.indicators, report.execution_scored, profile,
        veto=report.meta.veto,
    )
