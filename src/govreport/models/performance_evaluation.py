"""The ``performance_evaluation`` kind: 项目绩效评价报告 (outline of seeds/000)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from .common import Amount, Day, Paragraphs, Strict, Text

OPERATOR_ALIASES = {"≥": ">=", "≤": "<=", "＝": "=", "==": "=", "定性": "qualitative"}
RATING_ALIASES = {
    "达成年度指标": "达成",
    "部分达成年度指标并具有一定效果": "部分达成",
    "未达成年度指标且效果较差": "未达成",
}


def _alias(table: dict[str, str]):
    def normalise(value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            return table.get(value, value)
        return value

    return BeforeValidator(normalise)


Operator = Annotated[Literal[">=", "<=", "=", "qualitative"], _alias(OPERATOR_ALIASES)]
Rating = Annotated[Literal["达成", "部分达成", "未达成"], _alias(RATING_ALIASES)]
Year = Annotated[int, Field(ge=1949, le=2100, description="年度，四位数字，如 2025")]


class Region(Strict):
    province: Text | None = Field(None, description="省（自治区、直辖市）")
    city: Text | None = Field(None, description="市（州）")
    county: Text | None = Field(None, description="县（区）")


class Meta(Strict):
    department: Text = Field(description="主管部门，如“三亚市民政局”；用于标题")
    project: Text = Field(description="项目名称，不含年度和部门，如“健康扶贫保障资金项目”")
    year: Year
    evaluator: Text = Field(description="评价单位，落款署名")
    date: Day = Field(description="成文日期，格式 2026-01-20")
    region: Region | None = Field(None, description="所属地区")
    doc_number: Text | None = Field(None, description="发文字号，如“三民发〔2026〕3号”")
    title: Text | None = Field(None, description="报告标题；不填则由部门、年度和项目名称生成")
    date_style: Literal["arabic", "chinese"] = Field(
        "arabic", description="落款日期写法：arabic（2026年1月20日）或 chinese（二〇二六年一月二十日）"
    )


class Background(Strict):
    basis: Paragraphs = Field(description="立项依据，每项一个文件名，带书名号《》")
    overview: Paragraphs = Field(description="（一）项目背景，每项一段")
    objectives: Paragraphs = Field(description="（二）项目目标，每项一段")
    scope: Paragraphs = Field(description="（三）项目范围，每项一段")


class Period(Strict):
    start: Day = Field(description="实施开始日期")
    end: Day = Field(description="实施结束日期")


class Source(Strict):
    name: Text = Field(description="资金来源，如“中央财政补助”")
    budget: Amount = Field(description="全年预算数")
    received: Amount = Field(description="实际到位数")
    spent: Amount = Field(description="全年执行数（实际支出）")
    overrun_allowed: bool = Field(
        False, description="为 true 时允许到位数超过预算数、执行数超过到位数（如有结转资金）"
    )


class Use(Strict):
    name: Text = Field(description="资金用途，如“医疗救助”")
    amount: Amount = Field(description="该用途支出金额")


class Funds(Strict):
    unit: Literal["万元", "元"] = Field("万元", description="金额单位：万元或元")
    sources: list[Source] = Field(min_length=1, description="按资金来源列示的预算、到位和执行数")
    uses: list[Use] = Field(default_factory=list, description="资金用途；合计须等于执行数合计")


class Beneficiary(Strict):
    name: Text = Field(description="受益类别，如“门诊救助”")
    count: Amount = Field(description="人数或人次")
    unit: Text = Field("人", description="单位，如“人次”")


class Implementation(Strict):
    funds: Funds = Field(description="项目资金")
    period: Period | None = Field(None, description="实施期间")
    progress: Paragraphs = Field(description="（一）项目执行进度，每项一段")
    beneficiaries: list[Beneficiary] = Field(
        default_factory=list, description="受益对象分项；合计由各分项相加得出"
    )
    effects: Paragraphs = Field(description="（三）项目实施效果，每项一段")


class Indicator(Strict):
    level1: Text = Field(description="一级指标：产出指标、效益指标、满意度指标、成本指标，或决策、过程、产出、效益")
    level2: Text = Field(description="二级指标，如“数量指标”")
    name: Text = Field(description="三级指标名称")
    op: Operator = Field(
        description="比较方式：>=（正向）、<=（反向）、=（等于）、qualitative（定性）；也接受 ≥ ≤ ＝ 定性"
    )
    target: Decimal | Text = Field(
        union_mode="left_to_right", description="年度指标值；定量指标为数字，定性指标为文字"
    )
    actual: Decimal | Text = Field(
        union_mode="left_to_right", description="实际完成值；定量指标为数字，定性指标为文字"
    )
    unit: str = Field("", description="计量单位，如“人次”“%”“元”；定性指标不填")
    weight: Annotated[Decimal, Field(gt=0, allow_inf_nan=False)] = Field(description="分值")
    rating: Rating | None = Field(
        None, description="定性指标评定：达成、部分达成、未达成（也接受完整表述）"
    )
    ratio: Annotated[Decimal, Field(ge=0, le=1, allow_inf_nan=False)] | None = Field(
        None, description="定性指标得分比例：达成 0.8～1，部分达成 0.6～0.8（不含），未达成 0～0.6（不含）"
    )
    score: Annotated[Decimal, Field(ge=0, allow_inf_nan=False)] | None = Field(
        None, description="评价人给定的得分；填写后不再按公式计算，须不超过分值"
    )
    deviation: Text | None = Field(None, description="偏差原因分析及改进措施")


class Targets(Strict):
    expected: Paragraphs = Field(description="（一）预期目标，每项一段")
    indicators: list[Indicator] = Field(min_length=1, description="绩效指标")
    execution_scored: bool = Field(
        True,
        description="预算执行率是否计分（10分）；计分时指标分值合计应为90，否则为100",
    )


class Finding(Strict):
    description: Text = Field(description="发现的问题")
    amount: Amount | None = Field(None, description="涉及金额，单位同资金")
    rectified: bool = Field(False, description="是否已整改")


class Compliance(Strict):
    review: Paragraphs = Field(description="（一）资金使用合规性审查，每项一段")
    transparency: Paragraphs = Field(description="（二）资金使用透明度，每项一段")
    efficiency: Paragraphs = Field(description="（三）资金使用效率，每项一段")
    findings: list[Finding] | None = Field(
        None, description="审查发现的问题；填空列表表示未发现问题，不填则不作表述"
    )


class Management(Strict):
    team: Paragraphs = Field(description="（一）项目管理团队，每项一段")
    structure: Paragraphs = Field(description="（二）项目组织架构，每项一段")
    process: Paragraphs = Field(description="（三）项目管理流程，每项一段")


class ProblemItem(Strict):
    problem: Text = Field(description="问题")
    cause: Text | None = Field(None, description="原因分析")
    measure: Text | None = Field(None, description="应对措施")


class Lessons(Strict):
    experiences: Paragraphs = Field(description="（一）项目成功经验")
    insights: Paragraphs = Field(description="（二）项目实施过程中的启示")
    recommendations: Paragraphs = Field(description="（三）对今后工作的建议")


class Risk(Strict):
    risk: Text = Field(description="潜在风险")
    response: Text | None = Field(None, description="应对措施")


class Sustainability(Strict):
    strategies: Paragraphs = Field(description="（一）项目可持续发展策略")
    plans: Paragraphs = Field(description="（二）后续项目规划")
    risks: list[Risk] = Field(default_factory=list, description="（三）潜在风险及应对措施")


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
