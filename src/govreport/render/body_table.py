"""A table of the body as every format prints it: typed cells written by rule, the 合计 row, widths from content."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..figures.body import TableFigures
from ..format.numbers import amount, number, percent
from ..vocabulary.words import TOTAL_LABEL
from .columns import Cell, figure, heading, units
from .rows import table_widths

WRITERS = {"money": amount, "count": number, "rate": percent}
"""How a typed column writes a number; text columns print what the data says."""
ALIGN = {"text": "left", "money": "right", "count": "right", "rate": "right"}


@dataclass(frozen=True)
class PrintedTable:
    title: str
    unit: str
    heads: list[str]
    rows: list[list[str]]
    total: list[str] | None
    aligns: list[str]  # left, right per column
    widths: list[int]  # twips, the type area's width in all


def _written(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal) and kind in WRITERS:
        return WRITERS[kind](value)
    return number(value) if isinstance(value, Decimal) else str(value)


def printed(figures: TableFigures) -> PrintedTable:
    table = figures.table
    kinds = [c.type for c in table.columns]
    rows = [[_written(v, k) for v, k in zip(row, kinds, strict=True)] for row in table.rows]
    total = None
    if figures.totals is not None:
        total = [_written(v, k) for v, k in zip(figures.totals, kinds, strict=True)]
        first_text = next((i for i, k in enumerate(kinds) if k == "text"), None)
        if first_text is not None:
            total[first_text] = TOTAL_LABEL
    heads = [c.name for c in table.columns]
    cells = [[heading(h) for h in heads]]
    cells += [[figure(t) if k != "text" else Cell(t, units) for t, k in zip(row, kinds, strict=True)]
              for row in [*rows, *([total] if total else [])]]
    return PrintedTable(title=table.title or "", unit=table.unit, heads=heads, rows=rows, total=total,
                        aligns=[ALIGN[k] for k in kinds], widths=table_widths(cells))
