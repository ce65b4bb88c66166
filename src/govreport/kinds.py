"""The registry of report kinds: the data's ``kind`` selects model, checks, figures and templates.

Adding a kind means adding its model, its checks, its figures and its
template folder, then one ``Kind`` entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .checks import check_performance_evaluation
from .errors import Problem
from .figures import evaluate
from .models import PerformanceEvaluation
from .render.rows import score_rows


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # what the document is called, in Chinese
    model: type[BaseModel]
    check: Callable[[Any], list[Problem]]
    compute: Callable[[Any], Any]
    rows: Callable[[Any], dict[str, Any]]  # table rows the templates share
    folder: str  # under templates/


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            name="performance_evaluation",
            label="项目绩效评价报告",
            model=PerformanceEvaluation,
            check=check_performance_evaluation,
            compute=evaluate,
            rows=lambda figures: {"score_rows": score_rows(figures)},
            folder="performance_evaluation",
        ),
    )
}


def kinds_text() -> str:
    return "、".join(f"{k.name}（{k.label}）" for k in KINDS.values())
