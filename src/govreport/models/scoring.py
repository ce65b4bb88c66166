"""The options of a scoring profile (docs/figures.md “评分规则”), as a template folder's ``manifest.yaml``
writes them under ``scoring:`` and a data file under ``meta.scoring``; ``chain.manifest`` checks what a schema
cannot say of them (bands that overlap or leave a gap…) for both."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from ..vocabulary.scoring import (
    DEVIATION_OPERATORS,
    EXECUTION_DENOMINATORS,
    FULL_MARKS,
    NOT_APPLICABLE_RULES,
    OPERATOR_BY_CODE,
    RATING_NAMES,
    REVERSE_RULES,
    Denominator,
    NotApplicableRule,
    RatingName,
    Reverse,
)
from ..vocabulary.words import described
from .common import Strict, Text

Score = Annotated[Decimal, Field(ge=0, le=FULL_MARKS, allow_inf_nan=False)]
Share = Annotated[Decimal, Field(ge=0, le=1, allow_inf_nan=False)]
Percent = Annotated[Decimal, Field(gt=0, le=100, allow_inf_nan=False)]


class GradeOption(Strict):
    name: Text = Field(description="等级名称，如“优”“好”")
    min: Score = Field(description="本等级的最低分（含）")
    max: Score = Field(description="本等级的最高分（不含；最高一级含满分）")


class RatingOption(Strict):
    name: RatingName = Field(description="评定：" + "、".join(RATING_NAMES))
    low: Share = Field(description="得分比例下限（含）")
    high: Share = Field(description="得分比例上限（不含；达到1的一档含1）")
    words: list[Text] | None = Field(
        None, description="本评定在数据中的其他说法，如“达成预期指标”；不填沿用内置的说法，写 [] 则只认简称和完整表述")


class DeviationOption(Strict):
    tolerance: Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False)] = Field(
        description="偏差（差额÷年度指标值，%）在此以内不扣分，如 10")
    step: Percent = Field(description="超出后每档的宽度（%），如 10")
    deduction: Percent = Field(description="每档（不足一档按一档）扣分值的百分之几，如 20")


class VetoOption(Strict):
    indicators: list[Text] = Field(default_factory=list, description="未取得满分即一票否决的三级指标名称")
    findings: bool = Field(False, description="为 true 时，数据中 meta.veto 写明的审计、巡视等发现的违规问题一票否决")


class ScoringOptions(Strict):
    """Options of the scoring profile (figures.md); a field left out keeps the parent folder's choice, or in the
    data, the template chain's."""

    reverse: Reverse | None = Field(
        None, description=f"反向指标（{OPERATOR_BY_CODE['<='].word}）未达标时的得分：{described(REVERSE_RULES)}"
    )
    execution_denominator: Denominator | None = Field(
        None, description=f"预算执行率的分母：{described(EXECUTION_DENOMINATORS)}"
    )
    grades: list[GradeOption] | None = Field(None, description="等级及其分数段，从高到低，首尾相接，覆盖0～100分")
    ratings: list[RatingOption] | None = Field(None, description="定性指标各评定的得分比例区间，覆盖0～1")
    not_applicable: NotApplicableRule | None = Field(
        None, description=f"有不适用指标时的总分：{described(NOT_APPLICABLE_RULES)}")
    subtotals: dict[Text, Score] | None = Field(None, description="须有的一级指标及其分值，如 产出指标: 50")
    deviation: dict[Literal[DEVIATION_OPERATORS], DeviationOption] | None = Field(  # type: ignore[valid-type]
        None, description="按比较方式（>=、<=、=）设偏差档次：偏差在容许范围内不扣分，超出后每档扣分")
    veto: VetoOption | None = Field(None, description="一票否决：满足条件时等级定为最低一级，不论得分")
