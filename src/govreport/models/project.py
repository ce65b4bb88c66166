"""What the project-level kinds share: region, funds, indicators and problems.

``performance_evaluation`` and ``self_evaluation`` describe the same funds and
indicators, so one data file can be rendered as either.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from ..vocabulary.scoring import (
    EXECUTION_WEIGHT,
    OPERATOR_ALIASES,
    OPERATORS,
    QUALITATIVE,
    RATING_NAMES,
    RATINGS,
    OperatorCode,
    indicator_weights_total,
)
from ..vocabulary.words import DATE_STYLES, DEFAULT_DATE_STYLE, MONEY_UNITS, DateStyle, MoneyUnit, described
from .common import Amount, Day, InRange, Money, Strict, Text, Unit


def _alias(table: dict[str, str]):
    def normalise(value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            return table.get(value, value)
        return value

    return BeforeValidator(normalise)


Operator = Annotated[OperatorCode, _alias(OPERATOR_ALIASES)]
Rating = Text  # which words stand for a rating is the scoring profile's (checks/project.py)
Year = Annotated[int, Field(ge=1949, le=2100, description="年度，四位数字，如 2025")]
DATE_STYLE_HELP = f"落款日期写法：{described(DATE_STYLES)}"
MONEY_UNIT_HELP = "金额单位：" + "或".join(MONEY_UNITS)
DEFAULT_MONEY_UNIT: MoneyUnit = MONEY_UNITS[0]
EXECUTION_SCORED_HELP = (
    f"预算执行率是否计分（{EXECUTION_WEIGHT}分）；计分时指标分值合计应为{indicator_weights_total(True)}，"
    f"否则为{indicator_weights_total(False)}"
)
OPERATOR_HELP = (
    "比较方式：" + "、".join(f"{o.code}（{o.meaning}）" for o in OPERATORS)
    + "；也接受 " + " ".join(o.word for o in OPERATORS)
)
RATING_HELP = ("定性指标评定：" + "、".join(RATING_NAMES) + "（也接受完整表述和" + "、".join(w for r in RATINGS for w in r.words)
               + "；县级评分规则可另设说法）")
RATIO_HELP = "定性指标得分比例：" + "，".join(
    f"{r.name} {r.low}～{r.high}" + ("" if r.high_included else "（不含）") for r in RATINGS)
TemplateFolders = Annotated[
    list[Text],
    BeforeValidator(lambda v: [v] if isinstance(v, str) else v),
    Field(
        default_factory=list,
        description="本报告使用的县级模板目录（相对数据文件的路径，可填一个或多个），先于内置模板查找；命令行 --templates 优先",
    ),
]


class Region(Strict):
    province: Text | None = Field(None, description="省（自治区、直辖市）")
    city: Text | None = Field(None, description="市（州）")
    county: Text | None = Field(None, description="县（区）")


class OrganizationMeta(Strict):
    """What an office's own documents (总结, 计划, 方案) share: who writes, for which year, when, how it is signed."""

    organization: Text = Field(description="单位名称，如“秀山土家族苗族自治县卫生项目办公室”；用于标题和落款")
    year: Year
    date: Day = Field(description="成文日期，格式 2026-01-20")
    date_style: DateStyle = Field(DEFAULT_DATE_STYLE, description=DATE_STYLE_HELP)
    templates: TemplateFolders
    title: Text | None = Field(None, description="标题；不填则为“单位名称+年度+年”加报告类型的名称（如“工作总结”）")
    signature: Text | None = Field(None, description="落款署名；不填则为单位名称")
    region: Region | None = Field(None, description="所属地区")


class FundSource(Strict):
    """One funding source; 到位数 is optional where a form does not ask for it."""

    name: Text = Field(description="资金来源，如“中央财政补助”")
    initial_budget: Money | None = Field(
        None, description="年初预算数；不填则视为与全年预算数相同（年内未调整预算）"
    )
    budget: Money = Field(description="全年预算数")
    received: Money | None = Field(None, description="实际到位数")
    spent: Money = Field(description="全年执行数（实际支出）")
    overrun_allowed: bool = Field(
        False, description="为 true 时允许到位数超过预算数、执行数超过到位数（如有结转资金）"
    )


class Indicator(Strict):
    level1: Text = Field(description="一级指标：产出指标、效益指标、满意度指标、成本指标，或决策、过程、产出、效益")
    level2: Text = Field(description="二级指标，如“数量指标”")
    name: Text = Field(description="三级指标名称")
    op: Operator = Field(description=OPERATOR_HELP)
    target: Annotated[Decimal | Text, InRange] = Field(
        union_mode="left_to_right", description="年度指标值；定量指标为数字，定性指标为文字"
    )
    actual: Annotated[Decimal | Text, InRange] = Field(
        union_mode="left_to_right", description="实际完成值；定量指标为数字，定性指标为文字"
    )
    unit: Unit = Field("", description="计量单位，如“人次”“%”“元”；定性指标不填")
    weight: Annotated[Decimal, Field(gt=0, allow_inf_nan=False), InRange] = Field(description="分值")
    rating: Rating | None = Field(None, description=RATING_HELP)
    ratio: Annotated[Decimal, Field(ge=0, le=1, allow_inf_nan=False), InRange] | None = Field(
        None, description=RATIO_HELP
    )
    score: Amount | None = Field(
        None, description="评价人给定的得分；填写后不再按公式计算，须不超过分值"
    )
    deviation: Text | None = Field(None, description="偏差原因分析及改进措施")
    applicable: bool = Field(True, description="为 false 时该指标不适用、不计分（须写明理由 reason）")
    reason: Text | None = Field(None, description="不适用的理由，印在评分表的偏差原因一栏")

    @property
    def qualitative(self) -> bool:
        """Scored by its rating, not by comparing figures."""
        return self.op == QUALITATIVE


class ProblemItem(Strict):
    problem: Text = Field(description="问题")
    cause: Text | None = Field(None, description="原因分析")
    measure: Text | None = Field(None, description="应对措施")


VETO_HELP = "审计、巡视等发现资金挪用等违规问题时写明事由；模板评分规则设有一票否决（veto.findings）时，等级定为最低一级"
