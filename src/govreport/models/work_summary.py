"""The ``work_summary`` kind: 年度工作总结 (the shape of seeds/003 and most of seeds/001).

Metrics are facts, not sentences: the sentence, its total, share and change
are computed (docs/figures.md “工作总结中的数据”), so a summary cannot say 681 where its parts add
up to 680, or 提高1.04% where it means 个百分点.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from .body import Body0, Body3, Metric, Section, Table, too_deep
from .common import Number, Strict, Text
from .project import OrganizationMeta


class WorkSummaryMeta(OrganizationMeta):
    plan: Text | None = Field(
        None, description="本总结回应的计划：工作计划（work_plan）或实施方案（implementation_plan）数据文件的路径，"
        "相对本数据文件所在目录，如“cycle_plan_2024.yaml”；填写后计划的每项量化目标都应在 answers 中写明实际完成数")


class TargetAnswer(Strict):
    """The actual figure of one quantified target of the plan; the sentence is worded from the plan's threshold."""

    target: Text = Field(description="计划中目标的名称，与计划 targets 中的 name 一字不差，如“宣传资料入户率”")
    per: Text | None = Field(
        None, description="频次说法，与计划中该目标的 per 相同（如“每季度”）；计划中同名目标只有一个时不填")
    actual: Number = Field(
        description="实际完成数，单位与计划中该目标的单位相同（计划写 80%，这里写 86.5）；"
        "比较方式、目标值和单位取自计划，句子由程序生成：“宣传资料入户率达到86.5%，超过年初计划80%的目标”")


class TaskAnswer(Strict):
    """A word on one task of the plan: what became of it, in the clerk's own sentence."""

    task: Text = Field(description="计划中任务的标题，与计划 tasks（含下级任务）中的 title 一字不差")
    text: Text = Field(description="该项任务的完成情况，一段文字，如“3月20日前调整了健康教育工作领导小组……”")


class Achievement(Strict):
    heading: Text = Field(description="工作事项的标题，不带编号（（一）级；work_items_as_chapters 时为一、级）；可以是一整句话")
    paragraphs: Body3 = Field(description="正文段落；也可以是小节（带 title 的对象）")
    metrics: list[Metric] = Field(default_factory=list, description="本项工作的数据，合为一段，每项生成一句话")
    table: Table | None = Field(None, description="本项工作的表格")
    sections: list[Section] = Field(default_factory=list, description="下一级小节（1. 级，其下可再分（1）级）")


class WorkSummary(Strict):
    """年度工作总结的数据。各章的标题可以改写；没有内容的章整章省略，编号随之顺延。"""

    kind: Literal["work_summary"] = Field(description="报告类型")
    meta: WorkSummaryMeta = Field(description="基本信息")
    intro: Body0 = Field(description="开头段落（可含不带标题的数据小节）")
    basics_heading: Text = Field("基本情况", description="“基本情况”一章的标题")
    basics: Body3 = Field(description="基本情况（可选的一章，写在主要工作之前），段落或小节")
    achievements_heading: Text = Field(
        "主要工作及成效", description="主要工作一章的标题，如“主要做法”“项目工作整体推进，取得了实质性进展”"
    )
    work_items_as_chapters: bool = Field(
        False, description="true 时各项工作本身就是一级标题（一、加强领导…），不再有“主要工作及成效”一章"
    )
    achievements: list[Achievement] = Field(min_length=1, description="主要工作，每项一个（一）级标题（或一级标题）")
    problems_heading: Text = Field("存在的问题", description="“存在的问题”一章的标题")
    problems: Body3 = Field(description="存在的问题：文字各条编为 1. 2.；带 title 的小节编为（一）（二）")
    causes_heading: Text = Field("原因分析", description="“原因分析”一章的标题")
    causes: Body3 = Field(description="原因分析（可选的一章），文字各条或小节")
    suggestions_heading: Text = Field("下一步工作建议", description="“下一步工作建议”一章的标题")
    suggestions: Body3 = Field(description="下一步工作建议（可选的一章），文字各条或小节")
    plans_heading: Text = Field("下一步工作打算", description="最后一章的标题，如“下一步工作打算”“2005年工作重点”")
    plans: Body3 = Field(description="下一步工作打算：文字各条编为 1. 2.；带 title 的小节编为（一）（二）")
    answers_heading: Text = Field("计划完成情况", description="“计划完成情况”一章的标题（填写 answers 或 task_answers 时写出）")
    plan_label: Text = Field("年初计划", description="句中对所回应计划的称呼，如“年初计划”“实施方案”")
    answers: list[TargetAnswer] = Field(
        default_factory=list, description="计划中各项量化目标的实际完成数（须填 meta.plan），每项生成一句，"
        "写在“计划完成情况”一章；计划中的目标没有写到的，检查时会提示")
    task_answers: list[TaskAnswer] = Field(
        default_factory=list, description="计划中各项任务的完成情况（须填 meta.plan），每项一段；完成时限早于本总结"
        "成文日期的任务，既不在此写明、其目标也不在 answers 中的，检查时会提示")

    @field_validator("problems", "causes", "suggestions", "plans")
    @classmethod
    def _numbered_one_way(cls, blocks: list[Any]) -> list[Any]:
        """A numbered chapter is either items (1. 2.) or titled sections (（一）（二）): mixed, an item after a
        section would read as part of it."""
        titled = {isinstance(b, Section) for b in blocks if not (isinstance(b, Section) and b.title is None)}
        if len(titled) > 1:  # untitled groups of figures may stand among either
            raise ValueError("这一章的各条要么都写成文字（编为 1. 2.），要么都写成带 title 的小节（编为（一）（二）），"
                             "不能混用")
        return blocks

    @field_validator("achievements")
    @classmethod
    def _items_fit_four_levels(cls, items: list[Achievement], info: ValidationInfo) -> list[Achievement]:
        """A work item is a （一） heading, or a chapter when lifted: what is under it has the levels left."""
        levels = 3 if info.data.get("work_items_as_chapters") else 2
        for n, item in enumerate(items):
            if reason := too_deep([*item.paragraphs, *item.sections], levels):
                raise ValueError(f"第{n + 1}项工作（achievements[{n}]）：{reason}")
        return items

    @model_validator(mode="after")
    def _answers_need_plan(self) -> WorkSummary:
        """A target's threshold and unit come from the plan: without one an answer cannot be worded."""
        if (self.answers or self.task_answers) and self.meta.plan is None:
            raise ValueError("填写了 answers 或 task_answers，却没有在 meta.plan 中写明所回应的计划文件")
        return self
