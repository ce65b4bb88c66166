"""Consistency checks of a plan: its phases and deadlines against its period, its targets stated once."""

from __future__ import annotations

import datetime as dt

from ..errors import Problem
from ..figures.scoring import DEFAULT_PROFILE, ScoringProfile
from ..format.numerals import date_arabic
from ..format.threshold import threshold
from ..models.plan import Phase, PlanBase, Target, all_tasks
from .body import check_body


def check_plan(report: PlanBase, profile: ScoringProfile = DEFAULT_PROFILE) -> list[Problem]:
    """Every kind's checks take the chain's scoring profile; a plan has no scores."""
    return [*check_body(report), *_closing(report), *_phases(report), *_tasks(report), *_targets(report)]


def _closing(report: PlanBase) -> list[Problem]:
    """Leaving out the closing is a choice the data states (signed: false); a notice is always signed and dated.
    (A date left out otherwise is refused by the model as a missing field; these are the dates written as null.)"""
    meta = report.meta
    if meta.notice is not None:
        problems = []
        if not meta.signed:
            problems.append(Problem("meta.signed", "以印发通知印发时须有通知的落款和成文日期，不能设为不印落款"
                                                   "（“文末印落款”填是，或删去 signed: false）"))
        if meta.notice.date is None and meta.date is None:
            problems.append(Problem("meta.date", "印发通知缺少成文日期：请填写成文日期或印发通知成文日期"
                                                 "（meta.date 或 meta.notice.date），格式 2026-01-20"))
        return problems
    if meta.signed and meta.date is None:
        return [Problem("meta.date", "缺少成文日期：请填写，格式 2026-01-20；原文没有落款时，“文末印落款”填否"
                                     "（数据文件中写 signed: false），文末不印署名和日期")]
    return []


def _first_day(phase: Phase) -> dt.date | None:
    return phase.start or phase.end


def _phases(report: PlanBase) -> list[Problem]:
    problems: list[Problem] = []
    meta = report.meta
    previous: tuple[int, Phase] | None = None
    for i, phase in enumerate(report.phases):
        where = f"phases[{i}]"
        day = _first_day(phase)
        if day is not None and previous is not None:
            j, before = previous
            last = before.end or before.start
            if last is not None and day < last:
                problems.append(Problem(
                    f"{where}.{'start' if phase.start else 'end'}",
                    f"阶段“{phase.name}”（{date_arabic(day)}）排在阶段“{before.name}”（phases[{j}]，"
                    f"{date_arabic(last)}）之后，日期却更早：各阶段应按时间先后排列"))
        if day is not None:
            previous = (i, phase)
        if meta.start is not None and phase.start is not None and phase.start < meta.start:
            problems.append(Problem(f"{where}.start", f"阶段“{phase.name}”开始于{date_arabic(phase.start)}，"
                                    f"早于方案期的开始日期{date_arabic(meta.start)}（meta.start）"))
        if meta.end is not None and phase.end is not None and phase.end > meta.end:
            problems.append(Problem(f"{where}.end", f"阶段“{phase.name}”截止于{date_arabic(phase.end)}，"
                                    f"晚于方案期的结束日期{date_arabic(meta.end)}（meta.end）"))
    return problems


def _tasks(report: PlanBase) -> list[Problem]:
    problems: list[Problem] = []
    meta = report.meta
    phases = {p.name: p for p in report.phases}
    owners: dict[str, str | None] = {}
    for where, task in all_tasks(report.tasks):
        name = f"任务“{task.title}”" if task.title else "任务"
        parent = where.rsplit(".sections[", 1)[0] if ".sections[" in where else None
        owners[where] = task.owner or (owners.get(parent) if parent else None)
        if meta.tasks_need_owner and owners[where] is None:
            problems.append(Problem(f"{where}.owner", f"{name}没有写明责任单位：本方案要求每项任务都有责任单位"
                                    "（meta.tasks_need_owner）"))
        if task.deadline is not None:
            if meta.end is not None and task.deadline > meta.end:
                problems.append(Problem(f"{where}.deadline", f"{name}的完成时限{date_arabic(task.deadline)}晚于"
                                        f"方案期的结束日期{date_arabic(meta.end)}（meta.end）"))
            if meta.start is not None and task.deadline < meta.start:
                problems.append(Problem(f"{where}.deadline", f"{name}的完成时限{date_arabic(task.deadline)}早于"
                                        f"方案期的开始日期{date_arabic(meta.start)}（meta.start）"))
        if task.phase is None:
            continue
        phase = phases.get(task.phase)
        if phase is None:
            known = "、".join(phases) or "（没有填写实施阶段）"
            problems.append(Problem(f"{where}.phase", f"{name}所属的阶段“{task.phase}”不在实施阶段中；可用：{known}"))
        elif task.deadline is not None and not _within(task.deadline, phase):
            problems.append(Problem(f"{where}.deadline", f"{name}的完成时限{date_arabic(task.deadline)}不在"
                                    f"所属阶段“{phase.name}”（{_span(phase)}）之内"))
    return problems


def _within(day: dt.date, phase: Phase) -> bool:
    return (phase.start is None or phase.start <= day) and (phase.end is None or day <= phase.end)


def _span(phase: Phase) -> str:
    start = date_arabic(phase.start) if phase.start else ""
    end = date_arabic(phase.end) if phase.end else ""
    return f"{start}—{end}" if start and end else f"{start}起" if start else f"{end}前" if end else "未写日期"


def _stated(target: Target) -> str:
    return threshold(target.op, target.value, target.unit, target.per or "", target.verb or "")


def _targets(report: PlanBase) -> list[Problem]:
    """The same target (name and frequency) stated twice must say the same threshold both times."""
    problems: list[Problem] = []
    places = [(f"targets[{i}]", t) for i, t in enumerate(report.targets)]
    places += [(f"{where}.targets[{i}]", t) for where, task in all_tasks(report.tasks) for i, t in enumerate(task.targets)]
    first: dict[tuple[str, str], tuple[str, Target]] = {}
    for where, target in places:
        key = (target.name, target.per or "")
        if key not in first:
            first[key] = (where, target)
            continue
        there, earlier = first[key]
        if _stated(earlier) != _stated(target):
            problems.append(Problem(f"{where}.value", f"目标“{target.name}”在 {there} 为{_stated(earlier)}，"
                                    f"这里却为{_stated(target)}：同一目标只能有一个目标值"))
    return problems
