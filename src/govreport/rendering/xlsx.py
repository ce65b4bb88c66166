"""XLSX output of the self-evaluation form (openpyxl): the DOCX form's cells, ready to print.

Numbers are stored as numbers with number formats, so the sheet adds up in
Excel; they are rounded half-up first, so what Excel shows is what the DOCX
shows. The grid has the DOCX form's 9 columns.

Nothing may be cut off, on screen or on paper, in Excel, WPS or LibreOffice:
the cells are written first, then the columns are sized from their texts
(``columns.fit_columns``) and each row is made as tall as the lines its
tallest text wraps to (a merged cell's rows together). The sheet fills an A4
page's width at 100%; when figures and unbreakable headings would take more
than four fifths of it (amounts in 元 run to 12 characters), it is made
wider, so the texts keep a fifth, and printing scales it to the page.

Sizes, at 96 dots per inch as Excel counts them: a column ``width`` counts
characters of the workbook's default font, Calibri 11 (LibreOffice uses its
metric twin Carlito), whose digits are 7 pixels (5.25 pt) wide; the stored
width is the column's whole width in those characters, and 5 pixels of it are
the cell's margins and grid line. So a cell's text has ``width × 5.25 − 3.75``
points, which at 10.5 pt is ``width / 2 − 0.36`` ems. A line is at most 1.5 em
high (``LINE_EM``); a row gets 4 pt more for its margins.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..figures.evaluation import EvaluationFigures, Level1Group
from ..figures.rounding import round_half_up
from ..format.filters import actual_text, target_text
from ..format.filters import cell as cell_text
from ..format.numbers import amount, number, percent
from ..format.textwidth import LINE_EM, Pieces, heading_units, lines, units, whole, wrap
from ..ooxml.writer import reproducible
from ..vocabulary.gbt9704 import profile
from ..vocabulary.words import NOT_APPLICABLE
from .columns import Cell, column_floors, fit_columns
from .rows import FORM, FORM_COLUMNS, SCORE_HEADINGS, SUBTOTAL, FundRow, ScoreRow, Span

COLUMNS = FORM_COLUMNS
STYLES = profile()["styles"]  # the DOCX form's: its table title, its cells, its note line
TITLE, BODY, NOTE = STYLES["table_title"], STYLES["table_cell"], STYLES["table_note"]
BODY_FONT, BODY_SIZE = BODY["font"], BODY["size"]
AMOUNT_FORMAT = "[>=10000]#,##0.00;0.00"  # grouping from 5 integer digits (docs/figures.md “写法”)
RATE_FORMAT = "0.00%"
SCORE_FORMAT = "0.00"
WEIGHT_FORMAT = "General"  # 10 as 10 and 7.5 as 7.5 ("0.##" shows a bare point: "10.")
SHOWN: dict[str, Callable[[Decimal], str]] = {  # what Excel shows of a number in each format, as the DOCX writes it
    AMOUNT_FORMAT: amount, RATE_FORMAT: lambda value: percent(value * 100), SCORE_FORMAT: amount,
    WEIGHT_FORMAT: number,
}
CHARACTER = 5.25  # points: a column width unit, the default font's digit (7 pixels at 96 dpi)
MARGINS = 3.75  # points of a column's width that are the cell's margins and grid line (5 pixels)
ROW_MARGINS = 4.0  # points a row needs beyond its lines
MIN_ROW = 20.0  # points: the form's rows are never lower
PRINTABLE = 210 / 25.4 * 72 - 2 * 0.6 * 72  # points across an A4 page between the 0.6-inch margins
FIXED_SHARE = 0.8  # what may not break takes at most this share of the width, else the sheet is made wider

_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")


@dataclass
class Placed:
    """A text on the sheet: rows top..bottom, columns first..last (1-based), at a font size."""

    text: str
    top: int
    first: int
    last: int
    pieces: Pieces
    size: float = BODY_SIZE
    bottom: int = 0
    figure: bool = False  # a number: never broken

    def __post_init__(self) -> None:
        self.bottom = self.bottom or self.top


class FormSheet:
    """Writes rows of merged, bordered cells onto one worksheet, top to bottom, then sizes columns and rows."""

    def __init__(self, sheet: Worksheet, faces: Mapping[str, str]) -> None:
        self.sheet = sheet
        self.faces = faces  # font names renamed as the chain's layout options say (as in the DOCX)
        self.row = 0
        self.placed: dict[tuple[int, int], Placed] = {}

    def font(self, name: str, **style: Any) -> Font:
        return Font(name=self.faces.get(name, name), **style)

    def put(self, row: int, first: int, last: int, value: Any, *, number_format: str | None = None,
            bold: bool = False, header: bool = False, left: bool = False, pieces: Pieces | None = None) -> None:
        """A value in columns first..last (1-based) of a row, merged when it spans columns.

        A number never breaks, nor does a heading unless ``pieces`` says where it may.
        """
        cell = self.sheet.cell(row=row, column=first, value=value)
        cell.font = self.font(BODY_FONT, size=BODY_SIZE, bold=bold or header)
        cell.alignment = Alignment(horizontal="left" if left else "center", vertical="center", wrap_text=True)
        if number_format:
            cell.number_format = number_format
        for column in range(first, last + 1):
            target = self.sheet.cell(row=row, column=column)
            target.border = BORDER
            if header:
                target.fill = HEADER_FILL
        if last > first:
            self.sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        numeric = number_format is not None and not isinstance(value, str)
        shown = SHOWN[number_format](Decimal(value)) if numeric else str(value)
        self.place(Placed(shown, row, first, last, pieces or (whole if header or numeric else units), figure=numeric))

    def place(self, placed: Placed) -> None:
        self.placed[placed.top, placed.first] = placed

    def merge_down(self, column: int, first_row: int, last_row: int) -> None:
        if last_row > first_row:
            self.sheet.merge_cells(start_row=first_row, start_column=column, end_row=last_row, end_column=column)
            self.placed[first_row, column].bottom = last_row
            for row in range(first_row + 1, last_row + 1):  # their values are gone under the merge
                self.placed.pop((row, column), None)

    def next_row(self) -> int:
        self.row += 1
        return self.row

    def fit(self) -> None:
        """Column widths from the single-column cells' texts, then every row as tall as its texts need."""
        table = [[None] * COLUMNS for _ in range(self.row)]
        for p in self.placed.values():
            if p.first == p.last and p.size == BODY_SIZE:
                table[p.top - 1][p.first - 1] = Cell(p.text, p.pieces, rows=p.bottom - p.top + 1, figure=p.figure)
        room = max((PRINTABLE - COLUMNS * MARGINS) / BODY_SIZE, sum(column_floors(table)) / FIXED_SHARE)
        for index, text_width in enumerate(fit_columns(table, room), start=1):
            width = (text_width * BODY_SIZE + MARGINS) / CHARACTER
            self.sheet.column_dimensions[get_column_letter(index)].width = math.ceil(width * 100) / 100
        for p in self.placed.values():  # Calc and Excel break anywhere, so a heading gets its break written in
            if p.pieces is heading_units:
                p.text = "\n".join(wrap(p.text, self.text_width(p.first, p.last, p.size), p.pieces))
                self.sheet.cell(row=p.top, column=p.first).value = p.text
        heights = [MIN_ROW] * (self.row + 1)
        for p in sorted(self.placed.values(), key=lambda p: p.bottom - p.top):  # single rows first
            need = lines(p.text, self.text_width(p.first, p.last, p.size), p.pieces) * LINE_EM * p.size + ROW_MARGINS
            heights[p.bottom] += max(0.0, need - sum(heights[p.top:p.bottom + 1]))
        for row in range(1, self.row + 1):
            self.sheet.row_dimensions[row].height = math.ceil(heights[row] * 4) / 4

    def text_width(self, first: int, last: int, size: float) -> float:
        """Ems of a text at ``size`` that fit across columns first..last, as Excel sizes them (module docstring)."""
        points = sum(self.sheet.column_dimensions[get_column_letter(c)].width for c in range(first, last + 1)) * CHARACTER
        return (points - MARGINS) / size


def _rate(value: Decimal | None) -> Decimal | str:
    """A percentage as Excel stores it (0.9117 for 91.17%), rounded as the document shows it."""
    return NOT_APPLICABLE if value is None else round_half_up(value) / 100


def self_evaluation_workbook(context: dict[str, Any], fonts: Mapping[str, str] | None = None) -> bytes:
    """The form; ``fonts`` renames font faces as the chain's layout options say (as in the DOCX)."""
    data = context["data"]
    fig: EvaluationFigures = context["fig"]
    meta = data.meta
    book = Workbook()
    sheet = book.active
    sheet.title = "绩效自评表"
    form = FormSheet(sheet, fonts or {})

    _line(form, "项目支出绩效自评表", form.font(TITLE["font"], size=TITLE["size"]), "center")
    _line(form, f"（{meta.year}年度）", form.font(NOTE["font"], size=NOTE["size"]), "center")
    row = form.next_row()
    form.put(row, *_at(FORM.project[0]), "项目名称", header=True)
    form.put(row, *_at(FORM.project[1]), context["project"], left=True)
    implementer = meta.implementer or meta.department
    row = form.next_row()
    form.put(row, *_at(FORM.parties[0]), "主管部门", header=True)
    form.put(row, *_at(FORM.parties[1]), meta.department, left=True)
    form.put(row, *_at(FORM.parties[2]), "实施单位", header=True)
    form.put(row, *_at(FORM.parties[3]), implementer, left=True)

    _funds(form, context["fund_rows"], context["fund_heads"], data.funds.unit)
    _goals(form, context["goals_expected"], context["goals_actual"])
    _indicators(form, context["score_rows"])

    row = form.next_row()
    label, weight, score, note = map(_at, FORM.total)
    form.put(row, *label, "总分", bold=True)
    form.put(row, *weight, fig.weight_total, number_format=WEIGHT_FORMAT, bold=True)
    form.put(row, *score, fig.total, number_format=SCORE_FORMAT, bold=True)
    form.put(row, *note, "")
    row = form.next_row()
    form.put(row, *_at(FORM.grade[0]), "自评等级", bold=True)
    form.put(row, *_at(FORM.grade[1]), fig.grade, bold=True)
    if context["score_note"]:
        _line(form, context["score_note"], form.font(BODY_FONT, size=BODY_SIZE), "left")
    _line(form, f"填报单位：{context['signature']}　　填报日期：{context['date']}", form.font(BODY_FONT, size=BODY_SIZE),
          "right")

    form.fit()
    _page_setup(sheet, form.row)
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue(), meta.date)


def _line(form: FormSheet, text: str, font: Font, align: str) -> None:
    """A line of its own across the form, without borders (title, year, who filled it in)."""
    row = form.next_row()
    form.sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=COLUMNS)
    cell = form.sheet.cell(row=row, column=1, value=text)
    cell.font = font
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    form.place(Placed(text, row, 1, COLUMNS, units, size=font.sz))


def _at(span: Span) -> tuple[int, int]:
    """A span of the form's grid (0-based, ``rows.FORM``) as the sheet's columns (1-based)."""
    return span[0] + 1, span[1] + 1


def _applicable(value: Decimal | None) -> Decimal | str:
    """A number of the form, or “/” where its cell does not apply."""
    return NOT_APPLICABLE if value is None else value


def _funds(form: FormSheet, rows: Sequence[FundRow], heads: Sequence[str], unit: str) -> None:
    """``fund_rows`` as numbers in number formats, rounded as the DOCX shows them."""
    label, source, *figures = map(_at, FORM.fund)
    first = form.next_row()
    form.put(first, *label, f"项目资金（{unit}）", header=True, pieces=heading_units)
    form.put(first, *source, "", header=True)
    for span, head in zip(figures, heads, strict=True):  # a bracketed note may go under its heading, the row grows
        form.put(first, *span, head, header=True, pieces=heading_units)
    for n, f in enumerate(rows):
        row = form.next_row()
        form.put(row, *source, f.name, left=n > 0)
        values = (round_half_up(f.initial), round_half_up(f.budget), round_half_up(f.spent), _applicable(f.weight),
                  _rate(f.rate), _applicable(f.score))
        formats = (AMOUNT_FORMAT, AMOUNT_FORMAT, AMOUNT_FORMAT, WEIGHT_FORMAT, RATE_FORMAT, SCORE_FORMAT)
        for span, value, number_format in zip(figures, values, formats, strict=True):
            form.put(row, *span, value, number_format=number_format)
    form.merge_down(label[0], first, form.row)


def _goals(form: FormSheet, expected: Sequence[str], actual: Sequence[str]) -> None:
    label, before, after = map(_at, FORM.goals)
    first = form.next_row()
    form.put(first, *label, "年度总体目标", header=True, pieces=units)
    form.put(first, *before, "预期目标", header=True)
    form.put(first, *after, "实际完成情况", header=True)
    row = form.next_row()
    form.put(row, *before, "\n".join(expected), left=True)
    form.put(row, *after, "\n".join(actual), left=True)
    form.merge_down(label[0], first, row)


def _indicators(form: FormSheet, rows: Sequence[ScoreRow]) -> None:
    """``score_rows``: numbers in number formats, texts as the DOCX writes them, a group's labels merged."""
    label, level1, level2, name, target, actual, weight, score, deviation_span = map(_at, FORM.indicator)
    first = form.next_row()
    form.put(first, *label, "绩效指标", header=True)
    form.sheet.print_title_rows = f"{first}:{first}"  # the headings again on each printed page the indicators run onto
    for span, head in zip(map(_at, FORM.indicator[1:]), SCORE_HEADINGS, strict=True):  # broken between words
        form.put(first, *span, head, header=True, pieces=heading_units)  # where a column is narrow
    groups = (level1[0], level2[0])
    runs: dict[int, int] = dict.fromkeys(groups, first + 1)  # column → row where its merged run started
    for r in rows:
        row = form.next_row()
        for column, starts in zip(groups, (r.first_of_level1, r.first_of_level2), strict=True):
            if starts:
                form.merge_down(column, runs[column], row - 1)
                runs[column] = row
        form.put(row, *level1, r.level1)
        form.put(row, *level2, r.level2)
        form.put(row, *name, r.name, left=True)
        form.put(row, *target, target_text(r.indicator))
        form.put(row, *actual, actual_text(r.indicator))
        form.put(row, *weight, r.weight, number_format=WEIGHT_FORMAT)
        form.put(row, *score, _applicable(r.score), number_format=SCORE_FORMAT)
        deviation = cell_text(r.deviation)
        form.put(row, *deviation_span, deviation, left=deviation != NOT_APPLICABLE)  # "/" centred
        if r.subtotal is not None:  # the group's labels end above its subtotal row
            for column in groups:
                form.merge_down(column, runs[column], row)
            _subtotal(form, r.subtotal)
            runs = dict.fromkeys(groups, form.row + 1)
    for column in groups:
        form.merge_down(column, runs[column], form.row)
    form.merge_down(label[0], first, form.row)


def _subtotal(form: FormSheet, group: Level1Group) -> None:
    """The row of a 一级指标's subtotal, below its last indicator (the 绩效指标 label's column runs on)."""
    _, name, weight, score, note = map(_at, FORM.subtotal)
    row = form.next_row()
    form.put(row, *name, group.name + SUBTOTAL, bold=True)
    form.put(row, *weight, group.weight, number_format=WEIGHT_FORMAT, bold=True)
    form.put(row, *score, group.score, number_format=SCORE_FORMAT, bold=True)
    form.put(row, *note, "")


def _page_setup(sheet: Worksheet, last_row: int) -> None:
    sheet.print_area = f"A1:{get_column_letter(COLUMNS)}{last_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6
    sheet.page_margins.top = sheet.page_margins.bottom = 0.8
    sheet.sheet_view.showGridLines = False
