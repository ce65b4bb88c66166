"""The ``self_evaluation`` kind: 项目支出绩效自评表 with a short 自评报告.

Its funds and indicators are those of ``performance_evaluation``, so an
evaluation's data file renders as a self-evaluation form too
(``from_performance_evaluation``).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ..vocabulary.words import DEFAULT_DATE_STYLE, DateStyle, MoneyUnit
from .body import Body2, plain_texts
from .common import Day, Paragraphs, Strict, Text
from .performance_evaluation import SCORING_HELP, PerformanceEvaluation
from .project import (
    DATE_STYLE_HELP,
    DEFAULT_MONEY_UNIT,
    EXECUTION_SCORED_HELP,
    MONEY_UNIT_HELP,
    VETO_HELP,
    FundSource,
    Indicator,
    ProblemItem,
    Region,
    TemplateFolders,
    Year,
)
from .scoring import ScoringOptions


class SelfEvaluationMeta(Strict):
    department: Text = Field(description="主管部门，如“三亚市民政局”")
    project: Text = Field(description="项目名称，不含年度和部门")
    year: Year
    implementer: Text | None = Field(None, description="实施单位；不填则同主管部门")
    evaluator: Text | None = Field(None, description="自评单位，落款署名；不填则同实施单位")
    date: Day = Field(description="填报日期，格式 2026-01-20")
    date_style: DateStyle = Field(DEFAULT_DATE_STYLE, description=DATE_STYLE_HELP)
    templates: TemplateFolders
    title: Text | None = Field(None, description="自评报告标题；不填则由部门、年度和项目名称生成")
    region: Region | None = Field(None, description="所属地区")
    veto: Text | None = Field(None, description=VETO_HELP)
    scoring: ScoringOptions | None = Field(None, description=SCORING_HELP)


class SelfEvaluationFunds(Strict):
    unit: MoneyUnit = Field(DEFAULT_MONEY_UNIT, description=MONEY_UNIT_HELP)
    sources: list[FundSource] = Field(min_length=1, description="按资金来源列示的年初预算数、全年预算数和全年执行数")


class Goals(Strict):
    expected: Paragraphs = Field(description="年度总体目标：预期目标")
    actual: Paragraphs = Field(description="年度总体目标：实际完成情况；不填则按资金和指标完成情况生成")


class SelfEvaluation(Strict):
    """项目支出绩效自评表的数据。"""

    kind: Literal["self_evaluation"] = Field(description="报告类型")
    meta: SelfEvaluationMeta = Field(description="基本信息")
    funds: SelfEvaluationFunds = Field(description="项目资金")
    goals: Goals = Field(default_factory=Goals, description="年度总体目标")
    indicators: list[Indicator] = Field(min_length=1, description="绩效指标")
    execution_scored: bool = Field(True, description=EXECUTION_SCORED_HELP)
    overview: Body2 = Field(description="自评报告：项目基本情况；段落或小节")
    problems: list[ProblemItem] = Field(default_factory=list, description="自评报告：存在的问题及改进措施")


def from_performance_evaluation(pe: PerformanceEvaluation) -> dict[str, Any]:
    """The self-evaluation of an evaluated project: same funds, indicators and problems."""
    meta = pe.meta
    return {
        "kind": "self_evaluation",
        "meta": {
            "department": meta.department, "project": meta.project, "year": meta.year,
            "implementer": meta.department, "evaluator": meta.evaluator, "date": meta.date,
            "date_style": meta.date_style, "region": meta.region, "templates": meta.templates,
            "veto": meta.veto, "scoring": meta.scoring,
        },
        "funds": {"unit": pe.implementation.funds.unit, "sources": list(pe.implementation.funds.sources)},
        "goals": {
            "expected": plain_texts(pe.targets.expected or pe.background.objectives),
            "actual": plain_texts(pe.implementation.effects),
        },
        "indicators": list(pe.targets.indicators),
        "execution_scored": pe.targets.execution_scored,
        "overview": pe.background.overview,
        "problems": list(pe.problems),
    }


# Where the fields of a derived self-evaluation come from in the evaluation's data file.
PATHS_IN_PERFORMANCE_EVALUATION = (
    ("funds", "implementation.funds"),
    ("indicators", "targets.indicators"),
    ("execution_scored", "targets.execution_scored"),
    ("goals.expected", "targets.expected"),
    ("goals.actual", "implementation.effects"),
    ("overview", "background.overview"),
)
