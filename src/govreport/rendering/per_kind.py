"""What rendering adds for each kind, by the kind's name: the table rows its templates share and its XLSX form.

These are rendering helpers, so they live here rather than in the registry of
kinds, which sits below rendering. A kind without tables gets none; a kind
that lists ``xlsx`` among its formats has a writer here (every kind is rendered
in every format it lists by the tests).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .rows import performance_evaluation_tables, self_evaluation_tables

TABLES: dict[str, Callable[[Any], dict[str, Any]]] = {
    "performance_evaluation": performance_evaluation_tables,
    "self_evaluation": self_evaluation_tables,
}


def tables(kind: str, figures: Any) -> dict[str, Any]:
    """The rows the kind's templates share (none for a kind without tables)."""
    build = TABLES.get(kind)
    return build(figures) if build is not None else {}


def workbook(kind: str, context: dict[str, Any], fonts: Mapping[str, str]) -> bytes:
    """The kind's XLSX form; openpyxl is imported only when a form is asked for, to keep start-up short."""
    from .xlsx import self_evaluation_workbook

    writers = {"self_evaluation": self_evaluation_workbook}
    return writers[kind](context, fonts)
