"""Every table a report prints in its text, in one shape: the tables of the body and the appendix tables of
the performance evaluation alike. One DOCX block (tools/build_templates.py), one Markdown and one HTML macro
(templates/outline.md.j2, outline.html.j2) print them all.

A row is a list of cells, each with its text, the columns it spans, its
alignment and weight; heading rows repeat on every page; a 合计, 小计 or 总分
row is an ordinary row of spanning, bold cells. A group label (一级指标,
a merged column of a body table) is written in every row of its group, and
the borders inside the group are dropped, so that the label stands on every
page a long group runs over.
Widths come from content (rendering/columns.py), in twips.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..format.textwidth import BREAK, heading_units, wrap
from .columns import Cell, figure, heading, label, units
from .rows import CELL_ALLOWANCE, em, fits_portrait, table_widths, type_area

Align = str  # left, center, right


@dataclass(frozen=True)
class PrintedCell:
    text: str
    span: int = 1  # columns it covers
    align: Align = "center"
    bold: bool = False
    figure: bool = False  # a number, never broken
    lines: tuple[str, ...] = ()  # a heading broken where its column is narrow; () when printed as it is
    open_top: bool = False  # a group label continuing from the row above: the border between them dropped
    open_bottom: bool = False  # and one the row below continues
    width: int = 0  # twips, of the columns it spans

    @property
    def printed(self) -> str:
        """The text as DOCX prints it: a heading's lines on lines of their own."""
        return "\n".join(self.lines) if self.lines else self.text


@dataclass(frozen=True)
class PrintedRow:
    cells: tuple[PrintedCell, ...]
    keep_next: bool = False  # stays on the page of the row below (the last row before 合计 or 总分)


@dataclass(frozen=True)
class PrintedTable:
    title: str
    caption: str  # the line under the title: 单位, 项目名称
    heads: tuple[PrintedRow, ...]  # repeated at the top of every page
    rows: tuple[PrintedRow, ...]
    widths: tuple[int, ...]  # twips, the type area's width in all
    aligns: tuple[Align, ...]  # each column's alignment where a format aligns whole columns (Markdown)
    landscape: bool = False  # too wide for a portrait page: printed on a landscape one
    note: str = ""  # under the table: which indicators do not apply, say


@dataclass(frozen=True)
class Draft:
    """A cell before the widths are known, with how it counts toward its column's width."""

    cell: PrintedCell
    measure: Cell | None  # None: it does not count (a cell spanning columns never does)
    heading: str = ""  # a heading's text with its word ends (BREAK), broken into lines once widths are known


def text(value: str, align: Align = "left", bold: bool = False, span: int = 1) -> Draft:
    """Words, which wrap anywhere a line may break."""
    return Draft(PrintedCell(value, span, align, bold), Cell(value, units) if span == 1 else None)


def number(value: str, align: Align = "right", bold: bool = False, span: int = 1) -> Draft:
    """A figure: never broken."""
    return Draft(PrintedCell(value, span, align, bold, figure=True), figure(value) if span == 1 else None)


def whole(value: str, align: Align = "center", bold: bool = False, span: int = 1) -> Draft:
    """A label that stays on one line while the table has room (一级指标, a group's name)."""
    return Draft(PrintedCell(value, span, align, bold), label(value) if span == 1 else None)


def head(value: str, span: int = 1, stays_whole: bool = False) -> Draft:
    """A heading: bold and centred, broken only between its words (marked by BREAK) or before its bracket."""
    plain = value.replace(BREAK, "")
    measure = label(plain) if stays_whole else heading(value)
    return Draft(PrintedCell(plain, span, "center", True), measure if span == 1 else None, value)


def grouped(rows: list[list[Draft]], columns: Sequence[int]) -> list[list[Draft]]:
    """Runs of equal, non-empty labels in ``columns`` (0-based grid columns) become groups: a run of a later
    column ends where one of an earlier column does (二级指标 within 一级指标)."""
    starts = [[_start(row, c) for c in columns] for row in rows]
    ends: set[int] = set()  # rows after which every group ends, for the columns seen so far
    for n in range(len(columns)):
        texts = [row[i].cell.text if i is not None else None for row, i in
                 zip(rows, (s[n] for s in starts), strict=True)]
        r = 0
        while r < len(rows):
            end = r + 1
            while (end < len(rows) and texts[r] and texts[end] == texts[r] and end - 1 not in ends):
                end += 1
            if end - r > 1:
                i = starts[r][n]
                rows[r][i] = _marked(rows[r][i], open_top=False, open_bottom=True)
                for k in range(r + 1, end):
                    rows[k][starts[k][n]] = _marked(rows[k][starts[k][n]], open_top=True, open_bottom=k < end - 1)
            ends.add(end - 1)
            r = end
    return rows


def _start(row: list[Draft], column: int) -> int | None:
    """The index of the cell that starts at ``column`` with a span of one, or None."""
    at = 0
    for i, draft in enumerate(row):
        if at == column:
            return i if draft.cell.span == 1 else None
        at += draft.cell.span
    return None


def _marked(draft: Draft, **edges: object) -> Draft:
    return replace(draft, cell=replace(draft.cell, **edges))


def laid_out(heads: list[list[Draft]], rows: list[list[Draft]], *, title: str = "", caption: str = "",
             note: str = "", keep: Sequence[int] = (), may_turn: bool = True,
             aligns: Sequence[Align] = ()) -> PrintedTable:
    """The table with its widths worked out from its cells; ``keep`` are rows kept with the row below, and a
    table that ``may_turn`` is printed on a landscape page when its figures do not fit across a portrait one.
    Each column's alignment is its cells' in the first row of single cells, unless ``aligns`` gives them."""
    grid = [[m for d in row for m in (d.measure, *[None] * (d.cell.span - 1))] for row in [*heads, *rows]]
    landscape = may_turn and not fits_portrait(grid)
    widths = table_widths(grid, area=type_area(landscape))

    def placed(row: list[Draft]) -> tuple[PrintedCell, ...]:
        cells, at = [], 0
        for d in row:
            width = sum(widths[at:at + d.cell.span])
            lines = tuple(wrap(d.heading, (width - CELL_ALLOWANCE) / em(), heading_units)) if d.heading else ()
            cells.append(replace(d.cell, width=width, lines=lines if len(lines) > 1 else ()))
            at += d.cell.span
        return tuple(cells)

    first = next((row for row in rows if all(d.cell.span == 1 for d in row)), None)
    return PrintedTable(
        title=title, caption=caption,
        heads=tuple(PrintedRow(placed(row)) for row in heads),
        rows=tuple(PrintedRow(placed(row), n in keep) for n, row in enumerate(rows)),
        widths=tuple(widths),
        aligns=tuple(aligns) or (tuple(d.cell.align for d in first) if first else ("left",) * len(widths)),
        landscape=landscape, note=note)
