"""Consistency checks of a work summary: totals against parts, shares against wholes, in every chapter;
and, for a summary that answers a plan, its answers against the plan's targets and tasks."""

from __future__ import annotations

from ..errors import Problem
from ..figures.scoring import DEFAULT_PROFILE, ScoringProfile
from ..figures.work_summary import TargetKey, answered_key, plan_targets
from ..format.numerals import date_arabic
from ..format.threshold import target_sentence
from ..models.plan import PlanBase, all_tasks
from ..models.work_summary import WorkSummary
from .body import check_body

PLAN_FIELD = "meta.plan"


def check_work_summary(report: WorkSummary, profile: ScoringProfile = DEFAULT_PROFILE) -> list[Problem]:
    """Every kind's checks take the chain's scoring profile; a work summary has no scores."""
    return check_body(report)


def check_answers(report: WorkSummary, plan: PlanBase) -> list[Problem]:
    """Answers must name the plan's targets and tasks (errors); a target not answered, and a task whose
    deadline fell before the summary's date with no word on it, are warned of.

    A task has “a word” when ``task_answers`` names it or one of the tasks above it, or when ``answers``
    gives the actual of one of its own targets.
    """
    targets = plan_targets(plan)
    problems: list[Problem] = []
    answered: dict[TargetKey, int] = {}
    for i, answer in enumerate(report.answers):
        key = answered_key(answer, targets)
        if key is None:
            problems.append(Problem(f"answers[{i}].target", _unknown_target(answer.target, answer.per, targets)))
        elif key in answered:
            problems.append(Problem(f"answers[{i}].target", f"目标“{answer.target}”已在 answers[{answered[key]}] 中"
                                    "写过实际完成数：每项目标只写一次"))
        else:
            answered[key] = i
    tasks = all_tasks(plan.tasks)
    titles = [task.title for _, task in tasks if task.title]
    named: dict[str, int] = {}
    for i, told in enumerate(report.task_answers):
        if told.task not in titles:
            problems.append(Problem(f"task_answers[{i}].task", f"{PLAN_FIELD} 所指的计划中没有标题为“{told.task}”的任务；"
                                    f"计划中的任务：{'、'.join(titles) or '（没有带标题的任务）'}"))
        elif told.task in named:
            problems.append(Problem(f"task_answers[{i}].task", f"任务“{told.task}”已在 task_answers[{named[told.task]}] "
                                    "中写过：每项任务只写一次"))
        else:
            named[told.task] = i
    for key, (where, target) in targets.items():
        if key not in answered:
            problems.append(Problem("answers", f"计划中的目标“{target_sentence(target)}”（{PLAN_FIELD} 的 {where}）"
                                    "没有写出实际完成数：请在 answers 中填写", "warning"))
    spoken = {where for where, task in tasks
              if task.title in named or any((t.name, t.per or "") in answered for t in task.targets)}
    for where, task in tasks:
        if task.deadline is None or task.deadline >= report.meta.date:
            continue
        if any(where == done or where.startswith(done + ".") for done in spoken):
            continue
        name = f"任务“{task.title}”" if task.title else "没有标题的任务"
        how = "请在 task_answers 中写一句完成情况" if task.title else "请在计划中给它一个标题，再在 task_answers 中写明"
        problems.append(Problem("task_answers", f"计划中的{name}（{PLAN_FIELD} 的 {where}）完成时限"
                                f"{date_arabic(task.deadline)}已过，总结中没有写到：{how}", "warning"))
    return problems


def _unknown_target(name: str, per: str | None, targets: dict[TargetKey, tuple[str, object]]) -> str:
    frequencies = [key[1] for key in targets if key[0] == name]
    if per is None and len(frequencies) > 1:
        return (f"{PLAN_FIELD} 所指的计划中有{len(frequencies)}项名为“{name}”的目标（"
                f"{'、'.join(f or '不分频次' for f in frequencies)}），请用 per 写明是哪一项")
    if frequencies:
        return f"{PLAN_FIELD} 所指的计划中目标“{name}”的频次为{'、'.join(f or '不分频次' for f in frequencies)}，没有“{per}”"
    known = "、".join(dict.fromkeys(key[0] for key in targets)) or "（计划中没有量化目标）"
    return f"{PLAN_FIELD} 所指的计划中没有名为“{name}”的目标；计划中的目标：{known}"
