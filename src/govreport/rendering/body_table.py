"""A table of the body as every format prints it: typed cells written by rule, the 合计 row, a merged column's
groups, widths from content, and a landscape page when the table does not fit across a portrait one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..figures.body import TableFigures
from ..format.numbers import COLUMN_WRITERS, number
from ..vocabulary.words import TOTAL_LABEL
from . import printed as cells
from .printed import Draft, PrintedTable, grouped, laid_out


def _written(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal) and kind in COLUMN_WRITERS:
        return COLUMN_WRITERS[kind](value)
    return number(value) if isinstance(value, Decimal) else str(value)


def _cell(text: str, kind: str, merge: bool, bold: bool = False) -> Draft:
    """Figures right-aligned and never broken; a group's label stays whole; other text wraps."""
    if kind != "text":
        return cells.number(text, bold=bold)
    return cells.whole(text, "left", bold) if merge else cells.text(text, bold=bold)


def printed(figures: TableFigures) -> PrintedTable:
    table = figures.table
    kinds = [c.type for c in table.columns]
    merging = [c.merge for c in table.columns]
    rows = [[_cell(_written(v, k), k, m) for v, k, m in zip(row, kinds, merging, strict=True)] for row in table.rows]
    rows = grouped(rows, [c for c, m in enumerate(merging) if m])
    if figures.totals is not None:
        total = [_written(v, k) for v, k in zip(figures.totals, kinds, strict=True)]
        first_text = next((i for i, k in enumerate(kinds) if k == "text"), None)
        if first_text is not None:
            total[first_text] = TOTAL_LABEL
        rows.append([_cell(t, k, False, bold=True) for t, k in zip(total, kinds, strict=True)])
    return laid_out([[cells.head(c.name) for c in table.columns]], rows, title=table.title or "",
                    caption=f"单位：{table.unit}" if table.unit else "",
                    keep=[len(table.rows) - 1] if figures.totals is not None else [])
