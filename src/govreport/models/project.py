"""What the project-level kinds share: region, funds, indicators and problems.

``performance_evaluation`` and ``self_evaluation`` describe the same funds and
indicators, so one data file can be rendered as either.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from .common import Amount, InRange, Money, Strict, Text, Unit

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
DateStyle = Literal["arabic", "chinese"]
DATE_STYLE_HELP = "落款日期写法：arabic（2026年1月20日）或 chinese（二〇二六年一月二十日）"
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
    op: Operator = Field(
        description="比较方式：>=（正向）、<=（反向）、=（等于）、qualitative（定性）；也接受 ≥ ≤ ＝ 定性"
    )
    target: Annotated[Decimal | Text, InRange] = Field(
        union_mode="left_to_right", description="年度指标值；定量指标为数字，定性指标为文字"
    )
    actual: Annotated[Decimal | Text, InRange] = Field(
        union_mode="left_to_right", description="实际完成值；定量指标为数字，定性指标为文字"
    )
    unit: Unit = Field("", description="计量单位，如“人次”“%”“元”；定性指标不填")
    weight: Annotated[Decimal, Field(gt=0, allow_inf_nan=False), InRange] = Field(description="分值")
    rating: Rating | None = Field(
        None, description="定性指标评定：达成、部分达成、未达成（也接受完整表述）"
    )
    ratio: Annotated[Decimal, Field(ge=0, le=1, allow_inf_nan=False), InRange] | None = Field(
        None, description="定性指标得分比例：达成 0.8～1，部分达成 0.6～0.8（不含），未达成 0～0.6（不含）"
    )
    score: Amount | None = Field(
        None, description="评价人给定的得分；填写后不再按公式计算，须不超过分值"
    )
    deviation: Text | None = Field(None, description="偏差原因分析及改进措施")


class ProblemItem(Strict):
    problem: Text = Field(description="问题")
    cause: Text | None = Field(None, description="原因分析")
    measure: Text | None = Field(None, description="应对措施")
