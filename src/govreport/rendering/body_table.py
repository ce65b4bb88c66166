"""A table of the body as every format prints it: typed cells written by rule, the 合计 row, groups merged,
widths from content, and a landscape page when the table does not fit across a portrait one."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..figures.body import TableFigures
from ..format.numbers import amount, number, percent
from ..vocabulary.words import TOTAL_LABEL
from .columns import Cell, figure, heading, label, units
from .rows import fits_portrait, table_widths, type_area

WRITERS = {"money": amount, "count": number, "rate": percent}
"""How a typed column writes a number; text columns print what the data says."""
ALIGN = {"text": "left", "money": "right", "count": "right", "rate": "right"}


@dataclass(frozen=True)
class PrintedCell:
    text: str
    merge: str = ""  # "restart" opens a run of equal cells merged down, "continue" is inside one
    span: int = 1  # rows a "restart" cell covers


@dataclass(frozen=True)
class PrintedTable:
    title: str
    unit: str
    heads: list[str]
    rows: list[list[PrintedCell]]
    total: list[str] | None
    aligns: list[str]  # left, right per column
    widths: list[int]  # twips, the type area's width in all
    landscape: bool  # too wide for a portrait page: printed on a landscape one


def _written(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal) and kind in WRITERS:
        return WRITERS[kind](value)
    return number(value) if isinstance(value, Decimal) else str(value)


def _merged(texts: list[list[str]], merging: list[bool]) -> list[list[PrintedCell]]:
    """Runs of equal, non-empty cells in a merging column become one cell spanning the run."""
    rows = [[PrintedCell(t) for t in row] for row in texts]
    for c, merge in enumerate(merging):
        if not merge:
            continue
        start = 0
        while start < len(rows):
            end = start + 1
            while end < len(rows) and texts[end][c] == texts[start][c] and texts[start][c]:
                end += 1
            if end - start > 1:
                rows[start][c] = PrintedCell(texts[start][c], "restart", end - start)
                for r in range(start + 1, end):
                    rows[r][c] = PrintedCell(texts[r][c], "continue", 0)
            start = end
    return rows


def printed(figures: TableFigures) -> PrintedTable:
    table = figures.table
    kinds = [c.type for c in table.columns]
    texts = [[_written(v, k) for v, k in zip(row, kinds, strict=True)] for row in table.rows]
    total = None
    if figures.totals is not None:
        total = [_written(v, k) for v, k in zip(figures.totals, kinds, strict=True)]
        first_text = next((i for i, k in enumerate(kinds) if k == "text"), None)
        if first_text is not None:
            total[first_text] = TOTAL_LABEL
    heads = [c.name for c in table.columns]
    cells = [[heading(h) for h in heads]]
    merging = [c.merge for c in table.columns]
    cells += [[figure(t) if k != "text" else label(t) if m else Cell(t, units)  # a group's label stays whole
               for t, k, m in zip(row, kinds, merging, strict=True)]
              for row in [*texts, *([total] if total else [])]]
    landscape = not fits_portrait(cells)
    return PrintedTable(title=table.title or "", unit=table.unit, heads=heads,
                        rows=_merged(texts, merging), total=total,
                        aligns=[ALIGN[k] for k in kinds], widths=table_widths(cells, area=type_area(landscape)),
                        landscape=landscape)
