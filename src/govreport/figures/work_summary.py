"""The figures of a work summary: each metric's total, share and change (docs/figures.md “工作总结中的数据”),
and, for a summary that answers a plan, each target's actual against the plan's threshold."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ..models.plan import PlanBase, Target, all_tasks
from ..models.work_summary import TargetAnswer, WorkSummary
from ..vocabulary.words import POINT_WORDS
from .body import MetricFigures, metric_figures
from .scoring import DEFAULT_PROFILE, ScoringProfile

Outcome = Literal["exceeded", "met", "missed", "held", "over"]
"""exceeded/met/missed for a target to reach (达…以上, 达到); held/over for a ceiling (控制在…以内)."""

TargetKey = tuple[str, str]  # (name, per): how a plan tells its targets apart


@dataclass(frozen=True)
class AnswerFigures:
    """One target of the plan against the summary's actual: the outcome and, when short or over, by how much."""

    target: Target
    actual: Decimal
    outcome: Outcome
    gap: Decimal | None  # how far short of the target (missed) or over the ceiling (over); None otherwise
    gap_unit: str  # 个百分点 / 个千分点 for rates, the target's unit otherwise


@dataclass(frozen=True)
class WorkSummaryFigures:
    achievements: tuple[tuple[MetricFigures, ...], ...]  # metric figures per achievement, in data order
    answers: tuple[AnswerFigures, ...] = ()  # per answer, in data order; empty without a plan


def summarise(report: WorkSummary, profile: ScoringProfile = DEFAULT_PROFILE) -> WorkSummaryFigures:
    """Every kind's figures take the chain's scoring profile; a work summary has no scores."""
    return WorkSummaryFigures(
        tuple(tuple(metric_figures(m) for m in a.metrics) for a in report.achievements)
    )


def plan_targets(plan: PlanBase) -> dict[TargetKey, tuple[str, Target]]:
    """Every quantified target of the plan (goals and tasks) with its path in the plan, each (name, per) once:
    the plan's checks make a target stated twice state the same threshold."""
    places = [(f"targets[{i}]", t) for i, t in enumerate(plan.targets)]
    places += [(f"{where}.targets[{i}]", t) for where, task in all_tasks(plan.tasks) for i, t in enumerate(task.targets)]
    found: dict[TargetKey, tuple[str, Target]] = {}
    for where, target in places:
        found.setdefault((target.name, target.per or ""), (where, target))
    return found


def answered_key(answer: TargetAnswer, targets: dict[TargetKey, tuple[str, Target]]) -> TargetKey | None:
    """The target an answer names: by name and frequency, or by name alone when the plan has one of that name."""
    if answer.per is not None:
        key = (answer.target, answer.per)
        return key if key in targets else None
    named = [key for key in targets if key[0] == answer.target]
    return named[0] if len(named) == 1 else None


def answer_figures(report: WorkSummary, plan: PlanBase) -> tuple[AnswerFigures, ...]:
    """Each answer against its target; answers that name no target of the plan were refused by the checks."""
    targets = plan_targets(plan)
    found = []
    for answer in report.answers:
        key = answered_key(answer, targets)
        if key is not None:
            found.append(compare(targets[key][1], answer.actual))
    return tuple(found)


def compare(target: Target, actual: Decimal) -> AnswerFigures:
    """How the actual stands to the threshold: over a floor is exceeded, under a ceiling is held."""
    gap_unit = POINT_WORDS.get(target.unit, target.unit)
    difference = actual - target.value
    if target.op == "<=":
        if difference <= 0:
            return AnswerFigures(target, actual, "held", None, gap_unit)
        return AnswerFigures(target, actual, "over", difference, gap_unit)
    if difference > 0:
        return AnswerFigures(target, actual, "exceeded", None, gap_unit)
    if difference == 0:
        return AnswerFigures(target, actual, "met", None, gap_unit)
    return AnswerFigures(target, actual, "missed", -difference, gap_unit)
