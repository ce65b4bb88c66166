"""Table rows with display strings, shared by the DOCX and Markdown templates."""

from __future__ import annotations

from typing import Any

from ..figures.evaluation import EvaluationFigures
from ..format.filters import actual_text, target_text
from ..format.numbers import amount, number


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
            "deviation": ind.deviation or "",
            "first_of_level1": previous is None or previous[0] != ind.level1,
            "first_of_level2": previous != (ind.level1, ind.level2),
        })
        previous = (ind.level1, ind.level2)
    return rows
