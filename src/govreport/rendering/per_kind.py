"""What rendering adds for each kind, by the kind's name: the table rows its templates share and its XLSX form.

These are rendering helpers, so they live here rather than in the registry of
kinds, which sits below rendering. A kind without tables gets none; a kind
that lists ``xlsx`` among its formats has a writer here (every kind is rendered
in every format it lists by the tests).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .appendix import performance_evaluation_tables
from .rows import self_evaluation_tables


def _form_tables(figures: Any, project: str) -> dict[str, Any]:
    """The self-evaluation form's rows: its cells name no project of their own."""
    return self_evaluation_tables(figures)


TABLES: dict[str, Callable[[Any, str], dict[str, Any]]] = {
    "performance_evaluation": performance_evaluation_tables,
    "self_evaluation": _form_tables,
}


def tables(kind: str, figures: Any, project: str) -> dict[str, Any]:
    """The tables the kind's templates share (none for a kind without tables); ``project`` is the name the
    appendix tables repeat."""
    build = TABLES.get(kind)
    return build(figures, project) if build is not None else {}


def workbook(kind: str, context: dict[str, Any], fonts: Mapping[str, str]) -> bytes:
    """The kind's XLSX form; openpyxl is imported only when a form is asked for, to keep start-up short."""
    from .xlsx import self_evaluation_workbook

    writers = {"self_evaluation": self_evaluation_workbook}
    return writers[kind](context, fonts)
