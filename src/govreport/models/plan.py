"""The ``implementation_plan`` (实施方案) and ``work_plan`` (工作计划) kinds: what an office promises to do.

A plan states targets as thresholds (入户率达80%以上), tasks with who does them by
when (责任单位, 完成时限) and phases with their dates (整改阶段（3月25日前）). The
工作计划 is the same skeleton, lighter. Chapters are written in the usual order
unless ``order`` names another; a chapter without content is left out.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from ..vocabulary.scoring import OPERATOR_ALIASES, OPERATORS, QUALITATIVE, OperatorCode
from .body import Body0, Body2, Body3, Section, Table, too_deep
from .common import Day, Number, Strict, Text
from .project import OrganizationMeta

THRESHOLD_WORDS = {"至少": ">=", "不少于": ">=", "以上": ">=", "不低于": ">=", "不超过": "<=", "以内": "<=",
                   "不高于": "<="}
"""The words a plan writes for a threshold, and the operator code each stands for."""
THRESHOLD_MEANINGS = {">=": "达…以上、不少于", "<=": "控制在…以内、不超过", "=": "达到"}
TARGET_OPERATOR_HELP = (
    "比较方式：" + "，".join(f"{o.code}（{THRESHOLD_MEANINGS[o.code]}）" for o in OPERATORS if o.code != QUALITATIVE)
    + "；也接受 " + " ".join([*(o.word for o in OPERATORS if o.code != QUALITATIVE), *THRESHOLD_WORDS])
)


PLACE = "{}"
"""Where a target's ``wording`` puts its threshold; the text around it is printed as written, never run."""


def _operator(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return THRESHOLD_WORDS.get(value, OPERATOR_ALIASES.get(value, value))
    return value


class Target(Strict):
    """A quantified target: worded by code as a threshold (宣传资料入户率达80%以上, 宣传栏不少于2个)."""

    name: Text = Field(description="目标名称，如“宣传资料入户率”“健康教育宣传栏”“健康教育专题讲座”")
    op: Annotated[OperatorCode, BeforeValidator(_operator)] = Field(">=", description=TARGET_OPERATOR_HELP)
    value: Number = Field(description="目标值，如 80")
    unit: Text = Field(description="单位，如“%”“个”“平方米”“次”；比率填 % 或 ‰（写作“达80%以上”）")
    per: Text | None = Field(None, description="频次的说法，如“每季度”“每年”：写作“每季度至少开展一次”“每年不少于6次”")
    verb: Text | None = Field(None, description="频次目标的动词，如“开展”（每季度至少开展一次）")
    wording: Text | None = Field(
        None, description="门槛在句中时的说法：门槛处写 {}（只写一处），如“每个机构每年提供{}内容的印刷资料”，"
                          "{} 由程序按比较方式、数值和单位写成“不少于12种”；不填则为“名称+门槛”。名称仍用于回应句和查重")

    @field_validator("wording")
    @classmethod
    def _one_place(cls, wording: str | None) -> str | None:
        """The threshold goes where {} stands, and nowhere else: a text with other braces would read as a mistake."""
        if wording is not None:
            if wording.count(PLACE) != 1:
                raise ValueError(f"说法须有且只有一处 {PLACE}（门槛写在这里），实际有{wording.count(PLACE)}处")
            if {"{", "}"} & set(wording.replace(PLACE, "")):
                raise ValueError(f"说法中除门槛处的 {PLACE} 外不能有花括号")
        return wording

    @field_validator("op")
    @classmethod
    def _quantified(cls, op: str) -> str:
        if op == QUALITATIVE:
            raise ValueError("计划的目标须是数量：比较方式填 >=、<= 或 =；定性的目标请写成段落")
        return op


class TaskFields(Section):
    """What a task adds to a section of the body: who does it, by when, in which phase, to what target."""

    owner: Text | None = Field(None, description="责任单位，如“区卫生局、各乡镇卫生院”")
    deadline: Day | None = Field(None, description="完成时限（日期），格式 2015-03-25；写作“2015年3月25日前”")
    phase: Text | None = Field(None, description="所属实施阶段的名称（与 phases 中的 name 相同），完成时限须在该阶段之内")
    targets: list[Target] = Field(
        default_factory=list, description="本项任务的量化目标，每项写成一句（如“每季度至少开展一次”）；不带标题、只有目标的一项，"
                                          "目标的句子就是带编号的一项（如“4.职工相关卫生知识知晓率达80%以上。”）")

    @model_validator(mode="after")
    def _something(self) -> TaskFields:
        """Replaces the section's rule: a task may be only its targets, as seed 002 第3篇 （四）4. is."""
        if self.title is None and not (self.paragraphs or self.figures or self.table or self.sections or self.targets):
            raise ValueError("任务既无标题也无内容：请填写 title，或删去这一项")
        return self

    @property
    def only_targets(self) -> bool:
        """An untitled task of targets alone: printed as a numbered item whose text is the target sentences."""
        return self.title is None and bool(self.targets) and not (
            self.paragraphs or self.figures or self.table or self.sections)


class SubTask(TaskFields):
    sections: list[SubTask] = Field(default_factory=list, description="下一级任务")


class Task(TaskFields):
    """A task of 主要任务: a section of the body with 责任单位 and 完成时限; its sub-tasks nest below it."""

    sections: list[SubTask] = Field(default_factory=list, description="下一级任务（最多到（1）级）")


class Phase(Strict):
    """A phase of 实施步骤: its name, and its dates written after it (整改阶段（3月25日前）)."""

    name: Text = Field(description="阶段名称，不带编号，如“准备阶段”“整改阶段”")
    start: Day | None = Field(
        None, description="开始日期；与 end 同填写作“（2011年1月1日—2011年3月31日）”，只填 start 写作“（…起）”")
    end: Day | None = Field(None, description="结束日期或截止日期；只填 end 写作“（3月25日前）”")
    paragraphs: Body2 = Field(description="本阶段的工作，段落或小节（小节编为 1. 级）")

    @model_validator(mode="after")
    def _ordered(self) -> Phase:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"阶段“{self.name}”的开始日期晚于结束日期（start、end）")
        return self


class Duty(Strict):
    unit: Text = Field(description="责任单位或岗位，如“社区健康教育领导小组”")
    duties: Text = Field(description="职责，一段文字，如“负责将健康教育工作列入卫生工作目标……”")


class Notice(Strict):
    """印发通知：方案（计划）作为通知的附件印发时通知自己的部分。通知标题“关于印发《…》的通知”和附件说明由方案标题生成，
    落款为 meta.signature（不填为单位名称）。"""

    doc_number: Text | None = Field(None, description="通知的发文字号，如“凤居发〔2015〕3号”")
    recipients: Text = Field(description="主送机关，不带冒号，如“辖区各单位、各居民小组”（印作“辖区各单位、各居民小组：”）")
    paragraphs: list[Text] = Field(
        default_factory=list,
        description="通知的正文段落；不填则为“现将《方案标题》印发给你们，请结合实际，认真贯彻执行。”")
    date: Day | None = Field(None, description="通知的成文日期，格式 2015-03-02；不填则为方案的成文日期（meta.date）")


def _date_may_be_left_out(schema: dict[str, Any]) -> None:
    """The schema cannot say "required unless signed is false": it lists date as optional, and its description says when."""
    schema["required"] = [name for name in schema.get("required", []) if name != "date"]


class PlanMeta(OrganizationMeta):
    model_config = ConfigDict(json_schema_extra=_date_may_be_left_out)

    date: Day | None = Field(  # type: ignore[assignment]
        description="成文日期，格式 2026-01-20；文末不印落款（signed 为 false）或印发通知另填了成文日期（notice.date）时可不填，"
                    "否则必填")
    signed: bool = Field(
        True, description="是否在文末印落款（署名和成文日期）；原文没有落款时填 false，此时可不填 date。"
                          "以印发通知印发时落款是通知的，不能填 false")
    notice: Notice | None = Field(
        None, description="以印发通知的附件印发时填写：通知的文号、主送机关和正文；方案（计划）另面作为“附件”印在通知之后，"
                          "落款和成文日期为通知的落款")
    start: Day | None = Field(None, description="方案（计划）期的开始日期；各阶段须在期内")
    end: Day | None = Field(None, description="方案（计划）期的结束日期；各阶段和完成时限不得晚于此日")
    tasks_need_owner: bool = Field(False, description="true 时每项任务都须写明责任单位（owner）")

    @model_validator(mode="before")
    @classmethod
    def _undated(cls, data: Any) -> Any:
        """Without a closing of its own (signed: false, or a notice dated itself) the plan may leave out its date, a
        choice the data states; otherwise a missing date is a missing field like any other."""
        if isinstance(data, dict) and "date" not in data:
            notice = data.get("notice")
            if data.get("signed") is False or (isinstance(notice, dict) and notice.get("date") is not None):
                return {**data, "date": None}
        return data

    @model_validator(mode="after")
    def _period(self) -> PlanMeta:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError("方案期的开始日期晚于结束日期（start、end）")
        return self


def _levels(task: TaskFields) -> int:
    """Heading levels a task takes: a titled one takes one, and so does one of targets alone (a numbered item)."""
    below = max((_levels(s) for s in task.sections), default=0)
    return below + (1 if task.title is not None or task.only_targets else 0)


def _tasks_fit(tasks: list[Task], info: ValidationInfo) -> list[Task]:
    """A task is a （一） heading below 主要任务, or a chapter when lifted: what is under it has the levels left."""
    levels = 3 if info.data.get("tasks_as_chapters") else 2
    for n, task in enumerate(tasks):
        if reason := too_deep([*task.sections], levels):
            raise ValueError(f"第{n + 1}项任务（tasks[{n}]）：{reason}")
        if max((_levels(s) for s in task.sections), default=0) > levels:
            raise ValueError(f"第{n + 1}项任务（tasks[{n}]）：小节层级过深：只有目标的一项印作带编号的一项，这里最多还能分"
                             f"{levels}级；请把这些目标写在上一级任务中")
    return tasks


def _once(order: list[str] | None) -> list[str] | None:
    if order is not None and len(set(order)) != len(order):
        twice = next(c for c in order if order.count(c) > 1)
        raise ValueError(f"章“{twice}”在 order 中出现了两次")
    return order


ORDER_HELP = "各章的先后（不填按默认顺序）；列出的章按所列顺序在前，未列出的按默认顺序在后。可用："


class PlanBase(Strict):
    """What both plans share: 前言, 指导思想, 工作目标 (with quantified targets), 主要任务, 实施步骤, 结尾."""

    meta: PlanMeta = Field(description="基本信息")
    preface: Body0 = Field(description="前言：目的和依据（为…，根据《…》，结合实际，特制定本方案）")
    guidance_heading: Text = Field("指导思想", description="“指导思想”一章的标题")
    guidance: Body3 = Field(description="指导思想（可选的一章）")
    goals_heading: Text = Field("工作目标", description="“工作目标”一章的标题，如“目标和任务”")
    goals: Body3 = Field(description="总体目标的段落（可选）")
    targets: list[Target] = Field(
        default_factory=list, description="量化目标，写在总体目标之后，每项一句（达80%以上、不少于2个）")
    tasks_heading: Text = Field("主要任务", description="“主要任务”一章的标题")
    tasks_as_chapters: bool = Field(False, description="true 时各项任务本身就是一级标题（一、…），不再有“主要任务”一章")
    tasks: list[Task] = Field(default_factory=list, description="主要任务，每项一个（一）级标题，其下可再分 1.、（1）级")
    steps_heading: Text = Field("实施步骤", description="“实施步骤”一章的标题，如“时间安排”“工作的开展”")
    phases: list[Phase] = Field(default_factory=list, description="实施阶段，按时间先后，每个一个（一）级标题")
    closing: Body0 = Field(description="结尾段落（可选），写在各章之后、落款之前")

    _validate_tasks = field_validator("tasks")(_tasks_fit)
    _validate_order = field_validator("order", check_fields=False)(_once)

    def duties_table(self) -> Table | None:
        return None


IMPLEMENTATION_CHAPTERS = ("guidance", "goals", "scope", "tasks", "steps", "duties", "safeguards", "supervision",
                           "accountability")
WORK_PLAN_CHAPTERS = ("guidance", "goals", "tasks", "measures", "steps")


class ImplementationPlan(PlanBase):
    """实施方案的数据。各章的标题可以改写；没有内容的章整章省略，编号随之顺延。"""

    kind: Literal["implementation_plan"] = Field(description="报告类型")
    scope_heading: Text = Field("实施范围与内容", description="“实施范围与内容”一章的标题，如“健康教育工作内容”")
    scope: Body3 = Field(description="实施范围与内容（可选的一章），段落或小节")
    duties_heading: Text = Field("部门职责", description="“部门职责”一章的标题")
    duties: list[Duty] = Field(default_factory=list, description="部门职责，每个单位一条（（一）级），或一张表")
    duties_as_table: bool = Field(False, description="true 时部门职责印成一张表（责任单位、工作职责两列）")
    safeguards_heading: Text = Field("保障措施", description="“保障措施”一章的标题，如“措施保障”")
    safeguards: Body3 = Field(description="保障措施（可选的一章）")
    supervision_heading: Text = Field("督导检查", description="“督导检查”一章的标题")
    supervision: Body3 = Field(description="督导检查（可选的一章）")
    accountability_heading: Text = Field("责任追究", description="“责任追究”一章的标题")
    accountability: Body3 = Field(description="责任追究（可选的一章）")
    order: list[Literal[IMPLEMENTATION_CHAPTERS]] | None = Field(  # type: ignore[valid-type]
        None, description=ORDER_HELP + "、".join(IMPLEMENTATION_CHAPTERS))

    def duties_table(self) -> Table | None:
        """部门职责 as a body table, when the plan asks for one."""
        if not (self.duties_as_table and self.duties):
            return None
        return Table(columns=[{"name": "责任单位"}, {"name": "工作职责"}],  # type: ignore[list-item]
                     rows=[[d.unit, d.duties] for d in self.duties])


class WorkPlan(PlanBase):
    """工作计划的数据：指导思想、工作目标、主要任务、工作措施和（可选的）时间安排。"""

    kind: Literal["work_plan"] = Field(description="报告类型")
    steps_heading: Text = Field("时间安排", description="“时间安排”一章的标题")
    measures_heading: Text = Field("工作措施", description="“工作措施”一章的标题")
    measures: Body3 = Field(description="工作措施（可选的一章），段落或小节")
    order: list[Literal[WORK_PLAN_CHAPTERS]] | None = Field(  # type: ignore[valid-type]
        None, description=ORDER_HELP + "、".join(WORK_PLAN_CHAPTERS))


def chapter_order(plan: PlanBase) -> list[str]:
    """The chapters in the order they are written: those ``order`` names first, the rest as usual."""
    usual = IMPLEMENTATION_CHAPTERS if isinstance(plan, ImplementationPlan) else WORK_PLAN_CHAPTERS
    named = list(getattr(plan, "order", None) or [])
    return named + [c for c in usual if c not in named]


def all_tasks(tasks: list[Any], path: str = "tasks") -> list[tuple[str, TaskFields]]:
    """Every task and sub-task with its field path, in reading order."""
    found: list[tuple[str, TaskFields]] = []
    for i, task in enumerate(tasks):
        here = f"{path}[{i}]"
        found.append((here, task))
        found += all_tasks(task.sections, f"{here}.sections")
    return found

