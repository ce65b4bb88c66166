"""Every computed figure of a project's funds and indicators, from its validated data.

A performance evaluation and a self-evaluation form compute the same figures;
the evaluation adds beneficiaries and audit findings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..models.performance_evaluation import Beneficiary, Finding, PerformanceEvaluation
from ..models.project import FundSource, Indicator
from ..vocabulary.scoring import EXECUTION_WEIGHT, Rating
from .counts import total_of
from .funds import FundFigures, funds_of
from .scoring import (
    DEFAULT_PROFILE,
    ScoringProfile,
    completion_rate,
    grade,
    indicator_score,
    rescaled,
    total_score,
)


@dataclass(frozen=True)
class IndicatorFigures:
    indicator: Indicator
    score: Decimal | None  # None for an indicator marked not applicable
    completion: Decimal | None  # %, unrounded
    met: bool  # full marks; an indicator not applicable is neither met nor missed
    rating: Rating | None = None  # what the data's 评定 stands for under the profile (the report prints its full name)

    @property
    def applicable(self) -> bool:
        return self.indicator.applicable

    @property
    def missed(self) -> bool:
        """Scored below full marks (what a veto on a named indicator looks for)."""
        return self.applicable and not self.met


@dataclass(frozen=True)
class Level1Group:
    """The indicators under one 一级指标, with their weights and (rounded) scores added up."""

    name: str
    indicators: tuple[IndicatorFigures, ...]
    weight: Decimal
    score: Decimal
    required: Decimal | None = None  # the weight the profile's subtotals require, when it sets them


@dataclass(frozen=True)
class Rescaling:
    """Indicators marked not applicable: the full marks and score of the rest, and the total they give."""

    dropped: tuple[IndicatorFigures, ...]
    full_marks: Decimal  # 适用指标满分, the execution row's included when it is scored
    score: Decimal  # 适用指标得分
    rescaled: bool  # the total is the score brought to 100 (else the score itself)


@dataclass(frozen=True)
class Veto:
    """Why the grade is the lowest whatever the score: a named indicator missed, or a finding in the data."""

    indicator: str | None
    finding: str | None


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
    level1_groups: tuple[Level1Group, ...]  # indicators by 一级指标, in data order
    execution_score: Decimal | None  # None when 预算执行率 is not scored
    execution_weight: Decimal | None  # 分值 of the 预算执行率 row; None when it is not scored
    weight_total: Decimal  # full marks: indicator weights plus the execution row's
    total: Decimal
    grade: str
    met: int
    beneficiaries: BeneficiaryFigures | None
    findings: FindingFigures | None
    score_grade: str = ""  # the grade the total earns, before any veto
    not_applicable: Rescaling | None = None  # None when every indicator applies
    vetoes: tuple[Veto, ...] = ()
    subtotals: bool = False  # the profile requires 一级 subtotals: the tables and text show them


def weight_of(indicators: Iterable[Indicator]) -> Decimal:
    """The indicators' weights added up (what the data's checks compare with 90 or 100)."""
    return total_of(i.weight for i in indicators)


def score_indicator(ind: Indicator, profile: ScoringProfile) -> IndicatorFigures:
    """An indicator's score, 完成率 and whether it earned full marks (what the checks ask too)."""
    if not ind.applicable:
        return IndicatorFigures(ind, None, None, met=False)
    score = indicator_score(
        ind.op, ind.target, ind.actual, ind.weight,
        rating=ind.rating, ratio=ind.ratio, given=ind.score, profile=profile,
    )
    return IndicatorFigures(ind, score, completion_rate(ind.op, ind.target, ind.actual), met=score >= ind.weight,
                            rating=None if ind.rating is None else profile.rating(ind.rating))


def evaluate(report: PerformanceEvaluation, profile: ScoringProfile = DEFAULT_PROFILE) -> EvaluationFigures:
    """Compute funds, scores, total, grade, beneficiaries and audit findings."""
    funds = report.implementation.funds
    return project_figures(
        funds.unit, funds.sources, [(u.name, u.amount) for u in funds.uses],
        report.targets.indicators, report.targets.execution_scored, profile,
        beneficiaries=report.implementation.beneficiaries, findings=report.compliance.findings, veto=report.meta.veto,
    )


def project_figures(
    unit: str,
    sources: Sequence[FundSource],
    uses: Sequence[tuple[str, Decimal]],
    indicator_data: Sequence[Indicator],
    execution_scored: bool,
    profile: ScoringProfile = DEFAULT_PROFILE,
    *,
    beneficiaries: Sequence[Beneficiary] = (),
    findings: Sequence[Finding] | None = None,
    veto: str | None = None,
) -> EvaluationFigures:
    """The figures any kind built on funds and indicators shows, by the profile's rules."""
    funds = funds_of(unit, sources, uses, profile.execution_denominator)
    indicators = tuple(score_indicator(i, profile) for i in indicator_data)
    indicator_total = total_score(i.score for i in indicators if i.score is not None)
    execution = funds.execution_score if execution_scored else None
    execution_weight = EXECUTION_WEIGHT if execution_scored else None
    indicator_weight = weight_of(indicator_data)
    scored = indicator_total + (execution or 0)
    dropping = _dropped(indicators, indicator_weight + (execution_weight or 0), scored, profile)
    total = scored if dropping is None or not dropping.rescaled else rescaled(scored, dropping.full_marks)
    vetoes = _vetoes(indicators, veto, profile)
    banded = grade(total, profile)
    return EvaluationFigures(
        funds=funds,
        indicators=indicators,
        indicator_total=indicator_total,
        indicator_weight=indicator_weight,
        level1_counts=tuple(Counter(i.level1 for i in indicator_data).items()),
        level1_groups=_groups(indicators, dict(profile.subtotals)),
        execution_score=execution,
        execution_weight=execution_weight,
        weight_total=indicator_weight + (execution_weight or 0),
        total=total,
        grade=profile.lowest_grade if vetoes else banded,
        met=sum(1 for i in indicators if i.met),
        beneficiaries=_beneficiaries(beneficiaries),
        findings=_findings(findings),
        score_grade=banded,
        not_applicable=dropping,
        vetoes=vetoes,
        subtotals=bool(profile.subtotals),
    )


def _dropped(indicators: Sequence[IndicatorFigures], full_marks: Decimal, scored: Decimal,
             profile: ScoringProfile) -> Rescaling | None:
    """Indicators not applicable drop out of the full marks; the total is rescaled to 100 or kept as scored."""
    dropped = tuple(i for i in indicators if not i.applicable)
    if not dropped:
        return None
    applicable = full_marks - weight_of(i.indicator for i in dropped)
    return Rescaling(dropped, applicable, scored, profile.not_applicable == "rescale")


def _vetoes(indicators: Sequence[IndicatorFigures], flagged: str | None, profile: ScoringProfile) -> tuple[Veto, ...]:
    named = [Veto(i.indicator.name, None) for i in indicators if i.indicator.name in profile.veto_indicators
             and i.missed]
    return tuple(named + ([Veto(None, flagged)] if flagged and profile.veto_flagged else []))


def _groups(indicators: Sequence[IndicatorFigures], required: dict[str, Decimal]) -> tuple[Level1Group, ...]:
    names = list(dict.fromkeys(i.indicator.level1 for i in indicators))
    groups = []
    for name in names:
        members = tuple(i for i in indicators if i.indicator.level1 == name)
        groups.append(Level1Group(
            name, members, weight_of(i.indicator for i in members),
            total_score(i.score for i in members if i.score is not None), required.get(name),
        ))
    return tuple(groups)


def _beneficiaries(people: Sequence[Beneficiary]) -> BeneficiaryFigures | None:
    if not people:
        return None
    single_unit = len({p.unit for p in people}) == 1
    return BeneficiaryFigures(total_of(p.count for p in people) if single_unit else None, people[0].unit)


def _findings(found: Sequence[Finding] | None) -> FindingFigures | None:
    if found is None:
        return None
    return FindingFigures(
        count=len(found),
        amount=total_of(f.amount or Decimal(0) for f in found),
        rectified=sum(1 for f in found if f.rectified),
    )
