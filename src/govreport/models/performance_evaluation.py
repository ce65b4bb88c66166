"""The ``performance_evaluation`` kind: 项目绩效评价报告 (outline of seeds/000)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..vocabulary.words import (
    DEFAULT_DATE_STYLE,
    DEFAULT_OUTLINE,
    OUTLINES,
    DateStyle,
    MoneyUnit,
    described,
    outline_names,
)
from .body import Body2, Body3
from .common import Amount, Day, Money, Paragraphs, Strict, Text
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

KIND = "performance_evaluation"
OutlineName = Literal[outline_names(KIND)]  # type: ignore[valid-type]
OUTLINE_HELP = f"报告提纲：{described(OUTLINES[KIND])}；命令行 --outline 优先"
SCORING_HELP = ("本次评价的评分规则，写法同模板目录 manifest.yaml 的 scoring（见 docs/figures.md）；"
                "写了的选项优先于模板目录，没写的沿用模板目录或内置规则")


class Meta(Strict):
    department: Text = Field(description="主管部门，如“三亚市民政局”；用于标题")
    project: Text = Field(description="项目名称，不含年度和部门，如“健康扶贫保障资金项目”")
    year: Year
    evaluator: Text = Field(description="评价单位，落款署名")
    date: Day = Field(description="成文日期，格式 2026-01-20")
    region: Region | None = Field(None, description="所属地区")
    doc_number: Text | None = Field(None, description="发文字号，如“三民发〔2026〕3号”")
    title: Text | None = Field(None, description="报告标题；不填则由部门、年度和项目名称生成")
    date_style: DateStyle = Field(DEFAULT_DATE_STYLE, description=DATE_STYLE_HELP)
    templates: TemplateFolders
    outline: OutlineName = Field(DEFAULT_OUTLINE, description=OUTLINE_HELP)
    veto: Text | None = Field(None, description=VETO_HELP)
    scoring: ScoringOptions | None = Field(None, description=SCORING_HELP)


class Background(Strict):
    basis: Paragraphs = Field(description="立项依据，每项一个文件名，带书名号《》")
    overview: Body2 = Field(description="（一）项目背景，每项一段；也可以是小节")
    objectives: Body2 = Field(description="（二）项目目标，每项一段；也可以是小节")
    scope: Body2 = Field(description="（三）项目范围，每项一段；也可以是小节")


class Period(Strict):
    start: Day = Field(description="实施开始日期")
    end: Day = Field(description="实施结束日期")


class Source(FundSource):
    received: Money = Field(description="实际到位数")


class Use(Strict):
    name: Text = Field(description="资金用途，如“医疗救助”")
    amount: Money = Field(description="该用途支出金额")


class Funds(Strict):
    unit: MoneyUnit = Field(DEFAULT_MONEY_UNIT, description=MONEY_UNIT_HELP)
    sources: list[Source] = Field(min_length=1, description="按资金来源列示的预算、到位和执行数")
    uses: list[Use] = Field(default_factory=list, description="资金用途；合计须等于执行数合计")


class Beneficiary(Strict):
    name: Text = Field(description="受益类别，如“门诊救助”")
    count: Amount = Field(description="人数或人次")
    unit: Text = Field("人", description="单位，如“人次”")


class Implementation(Strict):
    funds: Funds = Field(description="项目资金")
    period: Period | None = Field(None, description="实施期间")
    progress: Body2 = Field(description="（一）项目执行进度，每项一段；也可以是小节")
    beneficiaries: list[Beneficiary] = Field(
        default_factory=list, description="受益对象分项；合计由各分项相加得出"
    )
    effects: Body2 = Field(description="（三）项目实施效果，每项一段；也可以是小节")


class Targets(Strict):
    expected: Body2 = Field(description="（一）预期目标，每项一段；也可以是小节")
    indicators: list[Indicator] = Field(min_length=1, description="绩效指标")
    execution_scored: bool = Field(True, description=EXECUTION_SCORED_HELP)


class Finding(Strict):
    description: Text = Field(description="发现的问题")
    amount: Money | None = Field(None, description="涉及金额，单位同资金")
    rectified: bool = Field(False, description="是否已整改")


class Compliance(Strict):
    review: Body2 = Field(description="（一）资金使用合规性审查，每项一段；也可以是小节")
    transparency: Body2 = Field(description="（二）资金使用透明度，每项一段；也可以是小节")
    efficiency: Body2 = Field(description="（三）资金使用效率，每项一段；也可以是小节")
    findings: list[Finding] | None = Field(
        None, description="审查发现的问题；填空列表表示未发现问题，不填则不作表述"
    )


class Management(Strict):
    team: Body2 = Field(description="（一）项目管理团队，每项一段；也可以是小节")
    structure: Body2 = Field(description="（二）项目组织架构，每项一段；也可以是小节")
    process: Body2 = Field(description="（三）项目管理流程，每项一段；也可以是小节")


class Lessons(Strict):
    experiences: Body2 = Field(description="（一）项目成功经验")
    insights: Body2 = Field(description="（二）项目实施过程中的启示")
    recommendations: Body2 = Field(description="（三）对今后工作的建议")


class Risk(Strict):
    risk: Text = Field(description="潜在风险")
    response: Text | None = Field(None, description="应对措施")


class Sustainability(Strict):
    strategies: Body2 = Field(description="（一）项目可持续发展策略")
    plans: Body2 = Field(description="（二）后续项目规划")
    risks: list[Risk] = Field(default_factory=list, description="（三）潜在风险及应对措施")


class EvaluationWork(Strict):
    """What the 财预〔2020〕10号 outline asks about the evaluation itself (二、绩效评价工作开展情况)."""

    purpose: Body2 = Field(description="（一）绩效评价目的、对象和范围")
    principles: Body2 = Field(description="（二）绩效评价原则、评价指标体系、评价方法和评价标准")
    process: Body2 = Field(description="（三）绩效评价工作过程")


class PerformanceEvaluation(Strict):
    """项目绩效评价报告的数据。"""

    kind: Literal["performance_evaluation"] = Field(description="报告类型")
    meta: Meta = Field(description="基本信息")
    background: Background = Field(default_factory=Background, description="一、项目概述")
    implementation: Implementation = Field(description="二、项目实施情况")
    targets: Targets = Field(description="三、绩效目标完成情况")
    compliance: Compliance = Field(default_factory=Compliance, description="四、资金使用合规性")
    management: Management | None = Field(None, description="五、项目管理及组织架构（可选）")
    problems: list[ProblemItem] = Field(default_factory=list, description="六、问题与挑战")
    lessons: Lessons = Field(default_factory=Lessons, description="七、经验与启示")
    sustainability: Sustainability = Field(
        default_factory=Sustainability, description="八、可持续发展"
    )
    evaluation: EvaluationWork = Field(
        default_factory=EvaluationWork, description="绩效评价工作开展情况（mof2020 提纲的第二章）"
    )
    other: Body3 = Field(description="其他需要说明的问题（mof2020 提纲的第七章）")
