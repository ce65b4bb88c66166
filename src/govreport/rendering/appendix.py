"""The appendix tables of the performance evaluation, as printed tables of the same shape as the body's:
附件 资金使用情况表 (the sources with their 合计, and the uses) and 附件 绩效指标评分表 (the 预算执行率 row, the
indicators by 一级/二级 group with their 小计, 总分 and 评价等级, and the note on indicators not applicable).

Every figure is written here by the format functions, once, for every format.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..figures.evaluation import EvaluationFigures
from ..figures.funds import FundFigures, SourceFigures
from ..format.filters import actual_text, cell, target_text
from ..format.numbers import amount, number, percent
from ..vocabulary.scoring import QUALITATIVE
from ..vocabulary.words import NOT_APPLICABLE, TOTAL_LABEL
from . import printed as cells
from .printed import Draft, PrintedTable, grouped, laid_out
from .rows import SCORE_HEADINGS, SUBTOTAL, score_note, score_rows

FUND_HEADS = ("资金来源", "全年预算数", "实际到位数", "全年执行数", "资金到位率", "预算执行率", "资金使用率")
USE_HEADS = ("资金用途", "支出金额", "占执行数比例")
FUNDS_TITLE, SCORES_TITLE = "资金使用情况表", "绩效指标评分表"
GRADE_LABEL = "评价等级"
TOTAL_SCORE_LABEL = "总分"
EXECUTION_LABEL, EXECUTION_TARGET = "预算执行率", "100%"
SCORE_ALIGNS = ("center", "center", "left", "center", "center", "center", "center", "left")  # a reason reads from the left


def _money(value: Decimal | None) -> str:
    """An amount, or — where the data leaves it out (到位数)."""
    return percent(None) if value is None else amount(value)


def _figure(text: str, bold: bool = False) -> Draft:
    """A figure of an appendix table: centred, as the forms print them."""
    return cells.number(text, "center", bold)


def funds_tables(funds: FundFigures, project: str) -> list[PrintedTable]:
    """资金使用情况表: the sources and their 合计; then, when the data gives them, the uses and theirs."""
    def figures(s: SourceFigures, bold: bool = False) -> list[Draft]:
        return [_figure(text, bold) for text in (_money(s.budget), _money(s.received), _money(s.spent),
                                                 percent(s.arrival_rate), percent(s.execution_rate),
                                                 percent(s.usage_rate))]

    sources = [[cells.text(s.name), *figures(s)] for s in funds.sources]
    sources.append([cells.whole(TOTAL_LABEL, bold=True), *figures(funds.total, bold=True)])
    tables = [laid_out([[cells.head(h) for h in FUND_HEADS]], sources, title=FUNDS_TITLE,
                       caption=f"项目名称：{project}　　单位：{funds.unit}", keep=[len(sources) - 2], may_turn=False)]
    if funds.uses:
        uses = [[cells.text(u.name), _figure(amount(u.amount)), _figure(percent(u.share))] for u in funds.uses]
        uses.append([cells.whole(TOTAL_LABEL, bold=True), _figure(amount(funds.uses_total), bold=True),
                     cells.text("")])
        tables.append(laid_out([[cells.head(h) for h in USE_HEADS]], uses, keep=[len(uses) - 2], may_turn=False))
    return tables


def score_table(figures: EvaluationFigures, project: str) -> PrintedTable:
    """绩效指标评分表; its cells centred as the form is, the 三级指标 and a reason read from the left."""
    rows: list[list[Draft]] = []
    if figures.execution_score is not None and figures.execution_weight is not None:
        rows.append([cells.whole(EXECUTION_LABEL, span=3), _figure(EXECUTION_TARGET),
                     _figure(percent(figures.funds.total.execution_rate)), _figure(number(figures.execution_weight)),
                     _figure(amount(figures.execution_score)), cells.whole(NOT_APPLICABLE)])
    for r in score_rows(figures):
        quantity = cells.text if r.indicator.op == QUALITATIVE else cells.number
        deviation = cell(r.deviation)
        rows.append([cells.text(r.level1, "center"), cells.text(r.level2, "center"), cells.text(r.name),
                     quantity(target_text(r.indicator), "center"), quantity(actual_text(r.indicator), "center"),
                     _figure(number(r.weight)), _figure(cell(r.score, "amount")),
                     cells.text(deviation, "center" if deviation == NOT_APPLICABLE else "left")])
        if r.subtotal is not None:
            rows.append(_sum_row(r.subtotal.name + SUBTOTAL, r.subtotal.weight, r.subtotal.score))
    rows = grouped(rows, [0, 1])
    rows.append(_sum_row(TOTAL_SCORE_LABEL, figures.weight_total, figures.total))
    rows.append([cells.whole(GRADE_LABEL, bold=True, span=5), cells.whole(figures.grade, bold=True, span=3)])
    heads = [[cells.head(h) for h in SCORE_HEADINGS]]
    return laid_out(heads, rows, title=SCORES_TITLE, caption=f"项目名称：{project}", note=score_note(figures) or "",
                    keep=[len(rows) - 3, len(rows) - 2], may_turn=False, aligns=SCORE_ALIGNS)


def _sum_row(name: str, weight: Decimal, score: Decimal) -> list[Draft]:
    """A 小计 or 总分 row: its name over the five label columns, its 分值 and 得分."""
    return [cells.whole(name, bold=True, span=5), _figure(number(weight), bold=True), _figure(amount(score), bold=True),
            cells.text("")]


def performance_evaluation_tables(figures: EvaluationFigures, project: str) -> dict[str, Any]:
    """The appendix tables, printed by the same DOCX block and macros as the tables of the body."""
    return {"funds_tables": funds_tables(figures.funds, project), "score_table": score_table(figures, project)}
