"""Table rows shared by the DOCX, XLSX, Markdown and HTML forms; the DOCX tables' column widths.

A row carries the numbers and flags of one line of a table, not display
strings: each renderer writes them its own way — the text templates through
the filters (``amount``, ``number``, ``cell``…), the Excel form as numbers with
number formats. A cell that does not apply (“/”) is None.

The DOCX tables are as wide as the type area; their columns are shared out by
content (``columns.fit_columns``) for each report, in twips.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..figures.evaluation import EvaluationFigures, IndicatorFigures, Level1Group
from ..format.filters import actual_text, cell, target_text
from ..format.numbers import amount, number, percent
from ..format.sentence import quoted
from ..format.textwidth import BREAK, heading_units, wrap
from ..models.project import Indicator
from ..vocabulary.gbt9704 import profile
from ..vocabulary.scoring import QUALITATIVE
from ..vocabulary.words import NOT_APPLICABLE
from .columns import Cell, Table, column_floors, figure, fit_columns, heading, label

CELL_PADDING = 114  # twips: a table cell's left and right margins (57 each), as tools/build_templates.py sets them
CELL_ALLOWANCE = CELL_PADDING + 20  # and its share of the borders, with a little to spare for rounding
# The indicator tables' headings; a heading breaks only where BREAK marks a word's end, when its column is
# narrow. 一级指标, 二级指标 and 三级指标 stay whole: their columns then hold 产出指标, 数量指标 on one line.
SCORE_HEADINGS = tuple(h.replace("|", BREAK) for h in (
    "一级指标", "二级指标", "三级指标", "年度|指标值", "实际|完成值", "分值", "得分", "偏差原因|分析及|改进措施"))
SCORE_HEADS = tuple(h.replace(BREAK, "") for h in SCORE_HEADINGS)
SUBTOTAL = "小计"  # after a 一级指标's name, on the row of its subtotal
FORM_COLUMNS = 1 + len(SCORE_HEADINGS)  # the self-evaluation form's grid: the 绩效指标 label, then the score columns

Span = tuple[int, int]
"""Columns first..last (0-based, inclusive) of the form's grid that one cell covers."""


@dataclass(frozen=True)
class FormRows:
    """The self-evaluation form's rows as the cells each lays over the grid, left to right: one home for the
    DOCX template (tools/build_templates.py) and the XLSX form (rendering/xlsx.py), so the two cannot drift."""

    project: tuple[Span, ...] = ((0, 0), (1, 8))  # 项目名称 | the name
    parties: tuple[Span, ...] = ((0, 0), (1, 3), (4, 5), (6, 8))  # 主管部门 | … | 实施单位 | …
    fund: tuple[Span, ...] = ((0, 0), (1, 2), *((c, c) for c in range(3, FORM_COLUMNS)))  # 项目资金 | source | figures
    goals: tuple[Span, ...] = ((0, 0), (1, 4), (5, 8))  # 年度总体目标 | 预期目标 | 实际完成情况
    indicator: tuple[Span, ...] = tuple((c, c) for c in range(FORM_COLUMNS))  # 绩效指标 | the score columns
    subtotal: tuple[Span, ...] = ((0, 0), (1, 5), (6, 6), (7, 7), (8, 8))  # | 产出指标小计 | 分值 | 得分 |
    total: tuple[Span, ...] = ((0, 5), (6, 6), (7, 7), (8, 8))  # 总分 | 分值 | 得分 |
    grade: tuple[Span, ...] = ((0, 5), (6, 8))  # 自评等级 | the grade


FORM = FormRows()


@dataclass(frozen=True)
class ScoreRow:
    """One indicator of a score table; ``first_of_*`` and ``last_of_*`` bound a 一级/二级 group.

    The XLSX form merges a group's label cells; the DOCX tables write the label
    in every row and drop the borders inside the group, so that the label is on
    every page a long group runs over.
    """

    indicator: Indicator  # its 年度指标值 and 实际完成值 are written by ``target_text`` and ``actual_text``
    weight: Decimal
    score: Decimal | None  # None (“/”) for an indicator not applicable
    deviation: str | None  # 偏差原因分析及改进措施 (the reason of one not applicable); None for full marks
    first_of_level1: bool
    first_of_level2: bool
    last_of_level1: bool = False
    last_of_level2: bool = False
    subtotal: Level1Group | None = None  # on a group's last row when the profile requires subtotals

    @property
    def level1(self) -> str:
        return self.indicator.level1

    @property
    def level2(self) -> str:
        return self.indicator.level2

    @property
    def name(self) -> str:
        return self.indicator.name


@dataclass(frozen=True)
class FundRow:
    """A 项目资金 row of the self-evaluation form; 分值 and 得分 are None where they do not apply."""

    name: str
    initial: Decimal
    budget: Decimal
    spent: Decimal
    weight: Decimal | None
    rate: Decimal | None  # 执行率 %, None where the budget is 0
    score: Decimal | None


def score_rows(figures: EvaluationFigures) -> list[ScoreRow]:
    """Rows of 绩效指标评分表, in data order; a group ends where the next row starts another."""
    starts = []
    previous: tuple[str, str] | None = None
    for item in figures.indicators:
        ind = item.indicator
        starts.append((previous is None or previous[0] != ind.level1, previous != (ind.level1, ind.level2)))
        previous = (ind.level1, ind.level2)
    ends = [*starts[1:], (True, True)]
    groups = {g.name: g for g in figures.level1_groups} if figures.subtotals else {}
    return [
        ScoreRow(item.indicator, item.indicator.weight, item.score, _deviation(item), *start, *end,
                 subtotal=groups.get(item.indicator.level1) if end[0] else None)
        for item, start, end in zip(figures.indicators, starts, ends, strict=True)
    ]


def _deviation(item: IndicatorFigures) -> str | None:
    if not item.applicable:
        return item.indicator.reason or ""
    return item.indicator.deviation or (None if item.met else "")


def subtotal_cells(group: Level1Group) -> list[Cell | None]:
    """A 一级指标's subtotal row: its name over the label columns, its weight and score."""
    return [Cell(group.name + SUBTOTAL), None, None, None, None, figure(number(group.weight)),
            figure(amount(group.score)), None]


def score_note(figures: EvaluationFigures) -> str | None:
    """The note under a score table with indicators not applicable: which, and how the total comes of the rest."""
    dropping = figures.not_applicable
    if dropping is None:
        return None
    names = "、".join(quoted(i.indicator.name) for i in dropping.dropped)
    total = (f"折算为百分制得分{amount(figures.total)}分" if dropping.rescaled
             else f"不折算，总分为{amount(figures.total)}分")
    return (f"注：{names}不适用，不计分；适用指标满分{number(dropping.full_marks)}分，"
            f"得分{amount(dropping.score)}分，{total}。")


def fund_heads(figures: EvaluationFigures) -> list[str]:
    """Headings of the form's 项目资金 columns; (A) marks the budget the 执行率 divides by."""
    initial = figures.funds.denominator == "initial"
    return ["年初预算数（A）" if initial else "年初预算数", "全年预算数" if initial else "全年预算数（A）",
            "全年执行数（B）", "分值", "执行率（B/A）", "得分"]


def fund_rows(figures: EvaluationFigures) -> list[FundRow]:
    """项目资金 rows of the self-evaluation form: 年度资金总额, then 其中 one row per source.

    分值 and 得分 belong to the total row only (not applicable elsewhere, and
    there too when 预算执行率 is not scored).
    """
    funds = figures.funds
    total = funds.total
    rows = [FundRow("年度资金总额", total.initial, total.budget, total.spent, figures.execution_weight,
                    total.execution_rate, figures.execution_score)]
    for n, s in enumerate(funds.sources):
        rows.append(FundRow(("其中：" if n == 0 else "") + s.name, s.initial, s.budget, s.spent, None,
                            s.execution_rate, None))
    return rows


def fund_cells(row: FundRow) -> list[Cell]:
    """A 项目资金 row's figures as the form shows them (for the column widths)."""
    return [figure(amount(row.initial)), figure(amount(row.budget)), figure(amount(row.spent)),
            figure(cell(row.weight, "number")), figure(percent(row.rate)), figure(cell(row.score, "amount"))]


def score_cells(rows: Sequence[ScoreRow]) -> list[list[Cell | None]]:
    """An indicator table's heading row and data rows as cells (一级指标 … 偏差原因分析及改进措施).

    The headings break only between their words; 分值 and 得分, and a quantitative target and actual with
    their unit (≥12,000人次), are figures that never break; the rest wraps.
    """
    table: list[list[Cell | None]] = [list(map(heading, SCORE_HEADINGS))]
    for r in rows:
        quantity = Cell if r.indicator.op == QUALITATIVE else figure
        table.append([Cell(r.level1), Cell(r.level2), Cell(r.name), quantity(target_text(r.indicator)),
                      quantity(actual_text(r.indicator)), figure(number(r.weight)), figure(cell(r.score, "amount")),
                      Cell(cell(r.deviation))])
        if r.subtotal is not None:
            table.append(subtotal_cells(r.subtotal))
    return table


def self_evaluation_tables(figures: EvaluationFigures) -> dict[str, Any]:
    """The form's rows; column widths of its 项目资金 table (``form_widths``) and its 绩效指标 table.

    The 项目资金 table's 2nd and 3rd grid columns always stand merged (the row
    names), so they are sized as one and halved.
    """
    rows, funds, heads = score_rows(figures), fund_rows(figures), fund_heads(figures)
    spanned = [None] * (FORM_COLUMNS - 2)  # the 2nd and 3rd grid columns are sized as one, see below
    summary: list[list[Cell | None]] = [
        [label("项目名称"), *spanned],
        [label("主管部门"), *spanned],
        [Cell(f"项目资金（{figures.funds.unit}）", heading_units, rows=1 + len(funds)), None,
         *map(heading, heads[:3]), *map(label, heads[3:])],  # 执行率（B/A） is one term: it stays whole
        *([None, Cell(f.name), *fund_cells(f)] for f in funds),
        [Cell("年度总体目标", rows=2), *spanned],
    ]
    form = table_widths(summary)
    name = form.pop(1)
    form[1:1] = [name // 2, name - name // 2]
    table = [[label("绩效指标"), *cells] if n == 0 else [None, *cells] for n, cells in enumerate(score_cells(rows))]
    table.append([None] * 6 + [figure(number(figures.weight_total)), figure(amount(figures.total)), None])
    indicator = table_widths(table, lead=form[0])  # its label column lines up with the table above
    return {"score_rows": rows, "fund_rows": funds, "fund_heads": heads, "form_widths": form,
            "indicator_widths": indicator, "indicator_heads": headings(SCORE_HEADINGS, indicator[1:]),
            "not_applicable": NOT_APPLICABLE, "score_note": score_note(figures)}


def em() -> float:
    """A table character's width in twips."""
    return profile()["styles"]["table_cell"]["size"] * 20


def type_area(landscape: bool = False) -> int:
    """The width of the page's type area, in twips; a landscape page keeps the margins and turns the paper."""
    page = profile()["page"]
    return (page["height"] if landscape else page["width"]) - page["margin_left"] - page["margin_right"]


def headings(texts: Sequence[str], widths: Sequence[int]) -> list[str]:
    """Headings as the table shows them: broken into lines ("\n") where their columns are too narrow."""
    return ["\n".join(wrap(text, (width - CELL_ALLOWANCE) / em(), heading_units))
            for text, width in zip(texts, widths, strict=True)]


def fits_portrait(table: Table) -> bool:
    """Whether the table's figures and unbreakable pieces fit across the portrait type area."""
    return sum(column_floors(table)) * em() + CELL_ALLOWANCE * len(table[0]) <= type_area()


def table_widths(table: Table, lead: int | None = None, area: int | None = None) -> list[int]:
    """Cell widths in twips of a table as wide as the type area, padding included; ``lead`` sets the first.

    Each width is rounded up, so no text loses a fraction of a twip; what that
    (and ``lead``) adds is taken from the column with the most room beyond its floor.
    """
    area = type_area() if area is None else area
    char = em()
    count = len(table[0])
    room = (area - CELL_ALLOWANCE * count) / char
    widths = [math.ceil(w * char) + CELL_ALLOWANCE for w in fit_columns(table, room)]
    slack = [w - f * char for w, f in zip(widths, column_floors(table), strict=True)]
    if lead:
        widths[0], slack[0] = lead, -math.inf
    widths[slack.index(max(slack))] -= sum(widths) - area
    return widths
