"""Every computed figure of a performance evaluation, from its validated data."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from ..models.performance_evaluation import Indicator, PerformanceEvaluation
from .counts import total_of
from .funds import EXECUTION_WEIGHT, FundFigures, fund_figures
from .scoring import DEFAULT_PROFILE, ScoringProfile, completion_rate, grade, indicator_score, total_score


@dataclass(frozen=True)
class IndicatorFigures:
    indicator: Indicator
    score: Decimal
    completion: Decimal | None  # %, unrounded
    met: bool


@dataclass(frozen=True)
class BeneficiaryFigures:
    total: Decimal | None  # None when the parts are counted in different units
    unit: str


@dataclass(frozen=True)
class FindingFigures:
    count: int
    amount: Decimal
    rectified: int


@dataclass(frozen=True)
class EvaluationFigures:
    funds: FundFigures
    indicators: tuple[IndicatorFigures, ...]
    indicator_total: Decimal
    indicator_weight: Decimal
    level1_counts: tuple[tuple[str, int], ...]  # 产出指标 4, 效益指标 2, … in data order
    execution_score: Decimal | None  # None when 预算执行率 is not scored
    weight_total: Decimal  # full marks: indicator weights plus the execution row's 10
    total: Decimal
    grade: str
    met: int
    beneficiaries: BeneficiaryFigures | None
    findings: FindingFigures | None


def score_indicator(ind: Indicator, profile: ScoringProfile) -> IndicatorFigures:
    score = indicator_score(
        ind.op, ind.target, ind.actual, ind.weight,
        rating=ind.rating, ratio=ind.ratio, given=ind.score, profile=profile,
    )
    return IndicatorFigures(ind, score, completion_rate(ind.op, ind.target, ind.actual),
                            met=score >= ind.weight)


def evaluate(report: PerformanceEvaluation, profile: ScoringProfile = DEFAULT_PROFILE) -> EvaluationFigures:
    """Compute funds, scores, total, grade, beneficiaries and audit findings."""
    data = report.implementation.funds
    funds = fund_figures(
        data.unit,
        [(s.name, s.budget, s.received, s.spent) for s in data.sources],
        [(u.name, u.amount) for u in data.uses],
    )
    indicators = tuple(score_indicator(i, profile) for i in report.targets.indicators)
    indicator_total = total_score(i.score for i in indicators)
    execution = funds.execution_score if report.targets.execution_scored else None
    total = indicator_total + (execution or 0)
    indicator_weight = total_of(i.weight for i in report.targets.indicators)

    people = report.implementation.beneficiaries
    beneficiaries = None
    if people:
        units = {p.unit for p in people}
        beneficiaries = BeneficiaryFigures(
            total_of(p.count for p in people) if len(units) == 1 else None, people[0].unit
        )
    found = report.compliance.findings
    findings = None
    if found is not None:
        findings = FindingFigures(
            count=len(found),
            amount=total_of(f.amount or Decimal(0) for f in found),
            rectified=sum(1 for f in found if f.rectified),
        )
    return EvaluationFigures(
        funds=funds,
        indicators=indicators,
        indicator_total=indicator_total,
        indicator_weight=indicator_weight,
        level1_counts=tuple(Counter(i.level1 for i in report.targets.indicators).items()),
        execution_score=execution,
        weight_total=indicator_weight + (EXECUTION_WEIGHT if execution is not None else 0),
        total=total,
        grade=grade(total),
        met=sum(1 for i in indicators if i.met),
        beneficiaries=beneficiaries,
        findings=findings,
    )
