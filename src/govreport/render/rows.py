"""Table rows with display strings, shared by the DOCX and Markdown templates."""

from __future__ import annotations

from typing import Any

from ..figures.evaluation import EvaluationFigures
from ..format.filters import actual_text, target_text
from ..format.numbers import amount, number, percent


def score_rows(figures: EvaluationFigures) -> list[dict[str, Any]]:
    """Rows of 绩效指标评分表; ``first_of_*`` starts a vertically merged 一级/二级 cell."""
    rows = []
    previous: tuple[str, str] | None = None
    for item in figures.indicators:
        ind = item.indicator
        rows.append({
            "level1": ind.level1,
            "level2": ind.level2,
            "name": ind.name,
            "target": target_text(ind),
            "actual": actual_text(ind),
            "weight": number(ind.weight),
            "score": amount(item.score),
            "deviation": ind.deviation or (NOT_APPLICABLE if item.met else ""),
            "first_of_level1": previous is None or previous[0] != ind.level1,
            "first_of_level2": previous != (ind.level1, ind.level2),
        })
        previous = (ind.level1, ind.level2)
    return rows


NOT_APPLICABLE = "/"


def fund_heads(figures: EvaluationFigures) -> list[str]:
    """Headings of the form's 项目资金 columns; (A) marks the budget the 执行率 divides by."""
    initial = figures.funds.denominator == "initial"
    return ["年初预算数（A）" if initial else "年初预算数", "全年预算数" if initial else "全年预算数（A）",
            "全年执行数（B）", "分值", "执行率（B/A）", "得分"]


def fund_rows(figures: EvaluationFigures) -> list[dict[str, Any]]:
    """项目资金 rows of the self-evaluation form: 年度资金总额, then 其中 one row per source.

    分值 and 得分 belong to the total row only ("/" elsewhere, and there too when
    预算执行率 is not scored).
    """
    funds = figures.funds
    scored = figures.execution_score is not None
    rows = [{
        "name": "年度资金总额",
        "initial": amount(funds.total.initial),
        "budget": amount(funds.total.budget),
        "spent": amount(funds.total.spent),
        "weight": "10" if scored else NOT_APPLICABLE,
        "rate": percent(funds.total.execution_rate),
        "score": amount(figures.execution_score) if scored else NOT_APPLICABLE,
    }]
    for n, s in enumerate(funds.sources):
        rows.append({
            "name": ("其中：" if n == 0 else "") + s.name,
            "initial": amount(s.initial),
            "budget": amount(s.budget),
            "spent": amount(s.spent),
            "weight": NOT_APPLICABLE,
            "rate": percent(s.execution_rate),
            "score": NOT_APPLICABLE,
        })
    return rows
