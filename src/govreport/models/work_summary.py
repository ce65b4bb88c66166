"""The ``work_summary`` kind: 年度工作总结 (the shape of seeds/003 and most of seeds/001).

Metrics are facts, not sentences: the sentence, its total, share and change
are computed (docs/figures.md “工作总结中的数据”), so a summary cannot say 681 where its parts add
up to 680, or 提高1.04% where it means 个百分点.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from ..vocabulary.words import DEFAULT_DATE_STYLE, DateStyle
from .common import Amount, Day, InRange, Number, Paragraphs, Strict, Text, Unit
from .project import DATE_STYLE_HELP, Region, TemplateFolders, Year


class WorkSummaryMeta(Strict):
    organization: Text = Field(description="单位名称，如“秀山土家族苗族自治县卫生项目办公室”；用于标题和落款")
    year: Year
    date: Day = Field(description="成文日期，格式 2004-12-20")
    date_style: DateStyle = Field(DEFAULT_DATE_STYLE, description=DATE_STYLE_HELP)
    templates: TemplateFolders
    title: Text | None = Field(None, description="标题；不填则为“单位名称+年度+年工作总结”")
    signature: Text | None = Field(None, description="落款署名；不填则为单位名称")
    region: Region | None = Field(None, description="所属地区")


class Part(Strict):
    name: Text = Field(description="分项名称，如“住院”")
    value: Amount = Field(description="分项数值，单位同所属指标")


class Metric(Strict):
    """One figure of an achievement; which sentence it becomes depends on what is given."""

    name: Text = Field(description="指标名称，如“儿童四苗全程接种率”")
    unit: Unit = Field("", description="单位，如“人次”“个”“%”；比率填 %")
    value: Number | None = Field(
        None, description="本期数值；填写 parts 时可不填（由各分项相加得出），填写则须等于分项之和"
    )
    parts: list[Part] | None = Field(None, min_length=2, description="分项；合计由各分项相加得出")
    of: Annotated[Decimal, Field(gt=0, allow_inf_nan=False), InRange] | None = Field(
        None, description="总数，用于计算占比，如 30 个乡镇中的“32”"
    )
    share_label: Text = Field("占总数的", description="占比的说法，如“占总乡镇的”")
    previous: Number | None = Field(None, description="对比期数值，如上年数；比率的变化以“个百分点”表述")
    previous_label: Text = Field("上年", description="对比期的说法，如“上年”“驱虫前”")
    digits: Annotated[int, Field(ge=0, le=4)] = Field(
        2, description="占比和增减幅度保留的小数位数（默认2位），如 1 得“93.8%”"
    )


class Achievement(Strict):
    heading: Text = Field(description="（一）级标题，不带编号")
    paragraphs: Paragraphs = Field(description="正文段落")
    metrics: list[Metric] = Field(default_factory=list, description="本项工作的数据，每项生成一句话")


class WorkSummary(Strict):
    """年度工作总结的数据。"""

    kind: Literal["work_summary"] = Field(description="报告类型")
    meta: WorkSummaryMeta = Field(description="基本信息")
    intro: Paragraphs = Field(description="开头段落")
    achievements_heading: Text = Field("主要工作及成效", description="第一章标题")
    achievements: list[Achievement] = Field(min_length=1, description="一、主要工作及成效，每项一个（一）级标题")
    problems_heading: Text = Field("存在的问题", description="第二章标题")
    problems: Paragraphs = Field(description="二、存在的问题，每项一条")
    plans_heading: Text = Field("下一步工作打算", description="第三章标题，如“下一步工作打算”“2005年工作重点”")
    plans: Paragraphs = Field(description="三、下一步工作打算，每项一条")
