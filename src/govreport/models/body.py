"""The body vocabulary every kind's narrative places share: paragraphs, titled sections, figures and tables.

Real reports nest their work items (一、（一）1.（1）), state figures as facts
the code words (共681人次，其中…; 计划总投资2937万元，实际投资4651万元; 10万余人)
and put tables in the body. A narrative place is a list of blocks: a string is
a paragraph, an object a section. A section's title is numbered by its depth,
never typed; a section without a title only groups figures or a table at the
level it stands on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, Discriminator, Field, Tag, ValidationInfo, field_validator, model_validator

from ..vocabulary.words import (
    MAX_HEADING_LEVEL,
    NUMBER_COLUMNS,
    Approximation,
    ColumnType,
)
from .common import Amount, InRange, Number, Paragraph, Paragraphs, Strict, Text, Unit


class Part(Strict):
    name: Text = Field(description="分项名称，如“住院”")
    value: Amount = Field(description="分项数值，单位同所属指标")


class Metric(Strict):
    """One figure; which sentence it becomes depends on what is given (docs/figures.md “正文中的数据”)."""

    name: Text = Field(description="指标名称，如“儿童四苗全程接种率”“实际投资”")
    unit: Unit = Field("", description="单位，如“人次”“个”“万元”；比率填 % 或 ‰")
    value: Number | None = Field(
        None, description="本期数值；填写 parts 时可不填（由各分项相加得出），填写则须等于分项之和"
    )
    parts: list[Part] | None = Field(None, min_length=2, description="分项；合计由各分项相加得出")
    of: Annotated[Decimal, Field(gt=0, allow_inf_nan=False), InRange] | None = Field(
        None, description="总数，用于计算占比，如 30 个乡镇中的“32”"
    )
    share_label: Text = Field("占总数的", description="占比的说法，如“占总乡镇的”")
    previous: Number | None = Field(None, description="对比期数值，如上年数；比率的变化以“个百分点”（‰ 为“个千分点”）表述")
    previous_label: Text = Field("上年", description="对比期的说法，如“上年”“驱虫前”")
    digits: Annotated[int, Field(ge=0, le=4)] = Field(
        2, description="占比和增减幅度保留的小数位数（默认2位），如 1 得“93.8%”"
    )
    approximate: Approximation | None = Field(
        None,
        description="约数的说法：超过、逾、近、约（写在数字前），余、多（写在数字后，如“10万余人”）；"
                    "约数按原文照录，不计算占比和增减",
    )
    planned: Number | None = Field(None, description="计划数，如计划总投资；与本期数值比较，得出完成计划的百分比")
    planned_label: Text = Field("计划", description="计划数的说法，如“计划总投资”")
    stated_change: Number | None = Field(
        None, description="原文只给出的增减幅度（没有对比期数值），如“同比增加53.83%”填 53.83，下降填负数"
    )
    stated_change_label: Text = Field("同比", description="只给出增减幅度时的说法，如“同比”“比上年”")

    @model_validator(mode="after")
    def _one_reading(self) -> Metric:
        """Refuse the combinations a sentence cannot word without guessing."""
        if self.approximate is not None and self.value is None:
            raise ValueError(f"约数“{self.approximate}”须写明数字：请填写 value")
        if self.value is None and self.parts is None and self.stated_change is None:
            raise ValueError("须填写 value（数值）、parts（分项）或 stated_change（增减幅度）之一")
        computed = self.parts is not None or self.previous is not None or self.of is not None
        if self.approximate is not None and computed:
            raise ValueError("约数不能再计算合计、占比或增减：约数时请不填 parts、of、previous")
        if self.stated_change is not None and self.previous is not None:
            raise ValueError("已填对比期数值 previous 时增减幅度由计算得出，请不填 stated_change")
        if self.planned is not None and self.value is None and self.parts is None:
            raise ValueError("填写计划数 planned 时须有实际数（value 或 parts）")
        return self


Cell = Annotated[Number | Text | None, Field(union_mode="left_to_right")]


class Column(Strict):
    name: Text = Field(description="列名，如“建设内容”“投资（万元）”")
    type: ColumnType = Field("text", description="列的类型：text（文字）、money（金额，两位小数）、count（数量）、rate（比率%）")
    merge: bool = Field(False, description="是否把本列上下相邻、内容相同的格合并为一格（如分组的类别）")


class Table(Strict):
    """A table in the body: typed columns, and a 合计 row that is computed, never typed in."""

    title: Text | None = Field(None, description="表题，如“建设内容及投资情况表”")
    unit: Unit = Field("", description="单位，写在表题下，如“万元”")
    columns: list[Column] = Field(min_length=1, max_length=12, description="各列，从左到右")
    rows: list[list[Cell]] = Field(min_length=1, description="各行，每行的格数与列数相同；空格填 null")
    total: bool = Field(False, description="是否在末尾加“合计”行（金额和数量列由各行相加）")
    stated_total: list[Cell] | None = Field(
        None, description="原文给出的合计行（与列数相同）；其中的数字须等于各行之和，并由计算结果印出"
    )

    @model_validator(mode="after")
    def _rows_fit(self) -> Table:
        width = len(self.columns)
        for n, row in enumerate(self.rows, start=1):
            if len(row) != width:
                raise ValueError(f"第{n}行有{len(row)}格，与表头的{width}列不符（rows[{n - 1}]）")
            for column, cell in zip(self.columns, row, strict=True):
                if column.type in NUMBER_COLUMNS and cell is not None and not isinstance(cell, Decimal):
                    raise ValueError(f"第{n}行“{column.name}”列应为数字，实际为“{cell}”（rows[{n - 1}]）")
        if self.stated_total is not None and len(self.stated_total) != width:
            raise ValueError(f"合计行有{len(self.stated_total)}格，与表头的{width}列不符（stated_total）")
        return self


class Section(Strict):
    """A titled part of the body (numbered by depth), or an untitled group of figures and a table."""

    title: Text | None = Field(
        None, description="小节标题，不带编号；可以是一整句话（只有标题的小节作为一句话印出）。不填则只是把数据和表格归在当前层级"
    )
    paragraphs: Paragraphs = Field(description="正文段落")
    figures: list[Metric] = Field(default_factory=list, description="本节的数据，合为一段，每项生成一句话")
    run_on: bool = Field(
        False, description="为 true 时，数据不另起一段：各项以“，”连成一句，接在本节最后一段之后"
                           "（如“……总贫困人口16.6万人，其中文富市镇总农业人口35,035人，总贫困人口3746人，……”）")
    then: Paragraph | None = Field(None, description="数据连成的句子之后，在同一段中接着写的文字（run_on 为 true 时）")
    table: Table | None = Field(None, description="本节的表格")
    sections: list[Section] = Field(default_factory=list, description="下一级小节")

    @model_validator(mode="after")
    def _something(self) -> Section:
        if self.title is None and not (self.paragraphs or self.figures or self.table or self.sections):
            raise ValueError("小节既无标题也无内容：请填写 title，或删去这一项")
        return self

    # Field validators with their own names: a kind's section (a plan's task) replaces ``_something`` with its own
    # rule and keeps these, and each error stands at its field (a workbook's cell).
    @field_validator("run_on")
    @classmethod
    def _run_on_has_figures(cls, run_on: bool, info: ValidationInfo) -> bool:
        if run_on and not info.data.get("figures"):
            raise ValueError("“数据接在段中”（run_on）把数据接在段落之后，本节却没有数据（figures）：请填写数据，或改为否")
        return run_on

    @field_validator("then")
    @classmethod
    def _then_follows_figures(cls, then: str | None, info: ValidationInfo) -> str | None:
        if then is not None and not info.data.get("run_on"):
            raise ValueError("“数据之后的文字”（then）接在数据之后，只在“数据接在段中”（run_on）为是时使用："
                             "请写成一段（paragraphs），或把 run_on 改为是")
        return then


def _block_kind(value: Any) -> str:
    return "section" if isinstance(value, dict | Section) else "paragraph"


Block = Annotated[
    Annotated[Paragraph, Tag("paragraph")] | Annotated[Section, Tag("section")], Discriminator(_block_kind)
]


def depth(section: Section) -> int:
    """How many heading levels a section takes: an untitled group takes none of its own."""
    below = max((depth(s) for s in section.sections), default=0)
    return below + (1 if section.title is not None else 0)


def deepest(blocks: Iterable[Any]) -> tuple[int, Section | None]:
    """The most heading levels any section among the blocks takes, and that section."""
    found = [(depth(b), b) for b in blocks if isinstance(b, Section)]
    return max(found, key=lambda pair: pair[0], default=(0, None))


def too_deep(blocks: Iterable[Any], levels: int) -> str | None:
    """Why the sections among the blocks go deeper than ``levels``, or None."""
    levels_taken, section = deepest(blocks)
    if levels_taken <= levels:
        return None
    if levels == 0:
        return "这里不能分带标题的小节（标题请写在各章中）；不带 title 的小节可以放数据和表格"
    return (f"小节层级过深：这里最多还能分{levels}级（正文标题最多{MAX_HEADING_LEVEL}级：一、（一）1.（1）），"
            f"小节“{section.title if section and section.title else ''}”分了{levels_taken}级；请把最深一级写成段落")


def _within(levels: int) -> Callable[[list[Any]], list[Any]]:
    def check(blocks: list[Any]) -> list[Any]:
        if reason := too_deep(blocks, levels):
            raise ValueError(reason)
        return blocks

    return check


def plain_texts(blocks: Iterable[Any]) -> list[str]:
    """The words of the blocks as plain paragraphs, for a place that holds only text (a form's cell): each
    section's title and paragraphs in reading order. Figures and tables stay out; the kind names them."""
    texts: list[str] = []
    for block in blocks:
        if isinstance(block, Section):
            texts += [block.title] if block.title else []
            texts += plain_texts([*block.paragraphs, *block.sections])
        else:
            texts.append(block)
    return texts


def body(levels: int) -> Any:
    """A narrative place whose sections may go ``levels`` heading levels deep (what is left of the four
    below the heading the place stands under)."""
    return Annotated[list[Block], Field(default_factory=list), AfterValidator(_within(levels))]


Body0 = body(0)
Body2 = body(2)
Body3 = body(3)
