"""Column widths of a table from its content: no figure or unbreakable piece is cut, and rows are as short as the width allows.

The rule, in ems of the cells' font size (widths are text widths, without the
cells' padding); a cell that spans columns does not count, and a label merged
down several rows (一级指标) counts only the lines it needs beyond one per row:

1. Each column is at least as wide as its widest piece that may not break:
   a figure (1,150.00), a heading that stays whole (执行率（B/A）), a
   heading's part before its bracket (全年预算数 of 全年预算数（A）), the
   widest unbreakable piece of a text (≥12,000). Where these do not fit in
   the table (amounts in 元 run to 12 characters), the headings that stay
   whole may break before their bracket, and if that is not enough, the
   headings break like any text; figures never break.
2. The tallest row is made as short as the table's width allows: the fewest
   lines L such that, with every column just wide enough for each of its
   cells to fit in L lines, the columns fit in the table.
3. The width left over is given out step by step where it saves the most
   lines of the table's height per em: each step widens one column just
   enough for some of its cells to take a line less, and counts a row's
   lines by its tallest cell. A long 偏差原因分析及改进措施 therefore gets the
   room it needs, and a short name in a row of short cells gets a line to itself.
4. What is still left is shared by the columns whose longest cell does not fit
   on one line, in proportion to what each lacks, and then by all columns in
   proportion to their widths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..format.textwidth import EPSILON, Pieces, heading_units, lines, text_width, units, whole, widest_unit, width_for_lines

RULES: tuple[Pieces, ...] = (whole, heading_units, units)  # from the strictest; a heading steps down when it must


@dataclass(frozen=True)
class Cell:
    """A cell's text and how it may break (one of ``RULES``); a figure never breaks."""

    text: str
    pieces: Pieces = units
    rows: int = 1  # rows the cell is merged down over (it stands in the first)
    figure: bool = False


def figure(text: str) -> Cell:
    """A number: never broken."""
    return Cell(text, whole, figure=True)


def label(text: str) -> Cell:
    """A heading that stays on one line while the table has room."""
    return Cell(text, whole)


def heading(text: str) -> Cell:
    """A heading that may break only before its bracketed note."""
    return Cell(text, heading_units)


Table = Sequence[Sequence[Cell | None]]  # rows of cells, one per column; None where a cell spans columns


def column_floors(table: Table) -> list[float]:
    """Rule 1: each column's widest piece that may not break."""
    return [max((widest_unit(x.text, x.pieces) for x in column if x is not None), default=0.0)
            for column in zip(*table, strict=True)]


class Layout:
    """The cells of a table by column, and how many lines each takes at a width."""

    def __init__(self, table: Table) -> None:
        self.rows = [list(row) for row in table]
        self.columns = [[row[c] for row in self.rows if row[c] is not None] for c in range(len(self.rows[0]))]
        self.floors = column_floors(table)

    @staticmethod
    def lines(cell: Cell | None, width: float) -> int:
        """The lines a cell adds to its row: a merged cell's beyond one per row it spans."""
        return 0 if cell is None else max(1, lines(cell.text, width, cell.pieces) - cell.rows + 1)

    def width_for(self, column: int, count: int) -> float:
        return max([self.floors[column],
                    *(width_for_lines(x.text, count + x.rows - 1, x.pieces) for x in self.columns[column])])

    def height(self, widths: Sequence[float]) -> int:
        """The table's height in lines: each row as tall as its tallest cell."""
        return sum(max(self.lines(cell, w) for cell, w in zip(row, widths, strict=True)) for row in self.rows)


def fit_columns(table: Table, room: float) -> list[float]:
    """Text widths of the table's columns (ems) that add up to ``room``, by the rule in the module docstring."""
    layout = Layout(table)
    while sum(layout.floors) >= room and (looser := relaxed(table)) is not None:
        table, layout = looser, Layout(looser)
    floors = layout.floors
    if sum(floors) >= room:  # the figures alone do not fit: shrink the floors alike, the renderer breaks them
        return [room * f / sum(floors) for f in floors]
    fewest = fewest_lines(layout, room)
    widths = [layout.width_for(c, fewest) for c in range(len(floors))]
    if sum(widths) >= room:  # L is the most lines at the floors, which fill the room to within 1/100 em
        return [room * w / sum(widths) for w in widths]
    widths = _save_lines(layout, widths, room)
    longest = [max([w, *(text_width(x.text) for x in column)]) for w, column in zip(widths, layout.columns, strict=True)]
    return _share(widths, longest, room)


def relaxed(table: Table) -> list[list[Cell | None]] | None:
    """The table with its strictest headings one step looser (rule 1), or None when none can be."""
    levels = [RULES.index(x.pieces) for row in table for x in row if x and not x.figure and x.pieces is not units]
    if not levels:
        return None
    level = min(levels)
    return [[replace(x, pieces=RULES[level + 1]) if x and not x.figure and RULES.index(x.pieces) == level else x
             for x in row] for row in table]


def fewest_lines(layout: Layout, room: float) -> int:
    """Rule 2: the fewest lines L every column's cells can be fitted into within ``room``."""
    low = 1
    high = max((layout.lines(x, f) for column, f in zip(layout.columns, layout.floors, strict=True) for x in column),
               default=1)
    while low < high:
        middle = (low + high) // 2
        if sum(layout.width_for(c, middle) for c in range(len(layout.floors))) <= room:
            high = middle
        else:
            low = middle + 1
    return low


def _save_lines(layout: Layout, widths: list[float], room: float) -> list[float]:
    """Rule 3: widen one column at a time where an em saves the most lines of the table."""
    widths = list(widths)
    height = layout.height(widths)
    while True:
        spare = room - sum(widths)
        best: tuple[float, int, float, int] | None = None  # (lines saved per em, column, width, new height)
        grid = [[layout.lines(cell, w) for cell, w in zip(row, widths, strict=True)] for row in layout.rows]
        for c, column in enumerate(layout.columns):
            # Each row's lines without column c: a trial width of c is then counted over one column, not all.
            others = [max([0, *lines[:c], *lines[c + 1:]]) for lines in grid]
            for target in sorted({width_for_lines(x.text, layout.lines(x, widths[c]) + x.rows - 2, x.pieces)
                                  for x in column if layout.lines(x, widths[c]) > 1}):
                if target - widths[c] > spare + EPSILON or target <= widths[c]:
                    continue
                saved = height - sum(max(rest, layout.lines(row[c], target))
                                     for rest, row in zip(others, layout.rows, strict=True))
                if saved > 0 and (best is None or saved / (target - widths[c]) > best[0] + EPSILON):
                    best = (saved / (target - widths[c]), c, target, height - saved)
        if best is None:
            return widths
        _, c, widths[c], height = best


def _share(widths: list[float], longest: list[float], room: float) -> list[float]:
    """Rule 4: the width still left, first to the columns short of their longest cell, then to all."""
    spare = room - sum(widths)
    if spare <= 0:
        return widths
    short = [want - width for width, want in zip(widths, longest, strict=True)]
    if sum(short) >= spare:  # spare > 0 here, so some column is short
        return [width + spare * s / sum(short) for width, s in zip(widths, short, strict=True)]
    spare -= sum(short)
    if not sum(longest):  # no column holds any text
        return [room / len(widths)] * len(widths)
    return [want + spare * want / sum(longest) for want in longest]
