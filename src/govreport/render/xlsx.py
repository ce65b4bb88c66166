"""XLSX output of the self-evaluation form (openpyxl): the DOCX form's cells, ready to print.

Numbers are stored as numbers with number formats, so the sheet adds up in
Excel; they are rounded half-up first, so what Excel shows is what the DOCX
shows. The grid (9 columns) is the DOCX form's grid.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape, unescape
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..figures.evaluation import EvaluationFigures
from ..figures.rounding import round_half_up
from .package import entries, reproducible, zipped
from .rows import NOT_APPLICABLE

WIDTHS = (10, 11, 12, 20, 13, 13, 7, 9, 24)  # A–I, in Excel character units
COLUMNS = len(WIDTHS)
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
AMOUNT_FORMAT = "[>=10000]#,##0.00;0.00"  # grouping from 5 integer digits (figures.md §5)
RATE_FORMAT = "0.00%"
SCORE_FORMAT = "0.00"
WEIGHT_FORMAT = "0.##"
STYLES = "xl/styles.xml"
_FACE = re.compile(rb'(<name val=")([^"]*)(")')
LINE_HEIGHT = 15.0  # points per wrapped line at 10.5 pt

_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")


class FormSheet:
    """Writes rows of merged, bordered cells onto one worksheet, top to bottom."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.row = 0

    def put(self, row: int, first: int, last: int, value: Any, *, number_format: str | None = None,
            bold: bool = False, header: bool = False, left: bool = False) -> None:
        """A value in columns first..last (1-based) of a row, merged when it spans columns."""
        cell = self.sheet.cell(row=row, column=first, value=value)
        cell.font = Font(name=BODY_FONT, size=10.5, bold=bold or header)
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

    def merge_down(self, column: int, first_row: int, last_row: int) -> None:
        if last_row > first_row:
            self.sheet.merge_cells(start_row=first_row, start_column=column, end_row=last_row, end_column=column)

    def next_row(self, *texts: tuple[str, int, int]) -> int:
        """Advance one row and size it for the longest wrapped text among (text, first, last) spans."""
        self.row += 1
        lines = max([1, *(_lines(text, first, last) for text, first, last in texts)])
        self.sheet.row_dimensions[self.row].height = max(20.0, lines * LINE_HEIGHT + 5)
        return self.row


def _lines(text: str, first: int, last: int) -> int:
    width = sum(WIDTHS[first - 1:last]) - 1
    used = sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(text))
    return max(1, math.ceil(used / max(width, 1)))


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
    form = FormSheet(sheet)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width

    row = form.next_row()
    sheet.row_dimensions[row].height = 32
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=COLUMNS)
    title = sheet.cell(row=row, column=1, value="项目支出绩效自评表")
    title.font = Font(name=TITLE_FONT, size=18)
    title.alignment = Alignment(horizontal="center", vertical="center")
    row = form.next_row()
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=COLUMNS)
    year = sheet.cell(row=row, column=1, value=f"（{meta.year}年度）")
    year.font = Font(name=BODY_FONT, size=12)
    year.alignment = Alignment(horizontal="center", vertical="center")

    row = form.next_row((context["project"], 2, 9))
    form.put(row, 1, 1, "项目名称", header=True)
    form.put(row, 2, 9, context["project"], left=True)
    implementer = meta.implementer or meta.department
    row = form.next_row((meta.department, 2, 4), (implementer, 7, 9))
    form.put(row, 1, 1, "主管部门", header=True)
    form.put(row, 2, 4, meta.department, left=True)
    form.put(row, 5, 6, "实施单位", header=True)
    form.put(row, 7, 9, implementer, left=True)

    _funds(form, fig, context["fund_rows"], context["fund_heads"], data.funds.unit)
    _goals(form, context["goals_expected"], context["goals_actual"])
    _indicators(form, fig, context["score_rows"])

    row = form.next_row()
    form.put(row, 1, 6, "总分", bold=True)
    form.put(row, 7, 7, fig.weight_total, number_format=WEIGHT_FORMAT, bold=True)
    form.put(row, 8, 8, fig.total, number_format=SCORE_FORMAT, bold=True)
    form.put(row, 9, 9, "")
    row = form.next_row()
    form.put(row, 1, 6, "自评等级", bold=True)
    form.put(row, 7, 9, fig.grade, bold=True)
    row = form.next_row()
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=COLUMNS)
    note = sheet.cell(row=row, column=1, value=f"填报单位：{context['signature']}　　填报日期：{context['date']}")
    note.font = Font(name=BODY_FONT, size=10.5)
    note.alignment = Alignment(horizontal="right", vertical="center")

    _page_setup(sheet, form.row)
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(_renamed(buffer.getvalue(), fonts or {}), meta.date)


def _renamed(content: bytes, fonts: Mapping[str, str]) -> bytes:
    """The workbook with each font face of its style sheet renamed by ``fonts``."""
    if not fonts:
        return content

    def rename(match: re.Match[bytes]) -> bytes:
        face = escape(fonts.get(unescape(match.group(2).decode()), unescape(match.group(2).decode())))
        return match.group(1) + face.encode() + match.group(3)

    return zipped((name, _FACE.sub(rename, data) if name == STYLES else data) for name, data in entries(content))


def _funds(form: FormSheet, fig: EvaluationFigures, texts: Sequence[dict[str, Any]], heads: Sequence[str],
           unit: str) -> None:
    """The numbers come from the figures; the row names and "/" cells from ``fund_rows``, as in the DOCX."""
    first = form.next_row()
    form.put(first, 1, 1, f"项目资金（{unit}）", header=True)
    form.put(first, 2, 3, "", header=True)
    for column, head in enumerate(heads, 4):
        form.put(first, column, column, head, header=True)
    funds = fig.funds
    for n, (s, text) in enumerate(zip((funds.total, *funds.sources), texts, strict=True)):
        row = form.next_row((text["name"], 2, 3))
        form.put(row, 2, 3, text["name"], left=n > 0)
        form.put(row, 4, 4, round_half_up(s.initial), number_format=AMOUNT_FORMAT)
        form.put(row, 5, 5, round_half_up(s.budget), number_format=AMOUNT_FORMAT)
        form.put(row, 6, 6, round_half_up(s.spent), number_format=AMOUNT_FORMAT)
        scored = text["score"] != NOT_APPLICABLE
        form.put(row, 7, 7, Decimal(text["weight"]) if scored else NOT_APPLICABLE, number_format=WEIGHT_FORMAT)
        form.put(row, 8, 8, _rate(s.execution_rate), number_format=RATE_FORMAT)
        form.put(row, 9, 9, fig.execution_score if scored else NOT_APPLICABLE, number_format=SCORE_FORMAT)
    form.merge_down(1, first, form.row)


def _goals(form: FormSheet, expected: Sequence[str], actual: Sequence[str]) -> None:
    first = form.next_row()
    form.put(first, 1, 1, "年度总体目标", header=True)
    form.put(first, 2, 5, "预期目标", header=True)
    form.put(first, 6, 9, "实际完成情况", header=True)
    left, right = "\n".join(expected), "\n".join(actual)
    row = form.next_row((left, 2, 5), (right, 6, 9))
    form.sheet.row_dimensions[row].height += LINE_HEIGHT * max(left.count("\n"), right.count("\n"))
    form.put(row, 2, 5, left, left=True)
    form.put(row, 6, 9, right, left=True)
    form.merge_down(1, first, row)


def _indicators(form: FormSheet, fig: EvaluationFigures, texts: Sequence[dict[str, Any]]) -> None:
    """Numbers from the figures; texts, "/" cells and where merged runs start from ``score_rows``."""
    first = form.next_row()
    form.put(first, 1, 1, "绩效指标", header=True)
    for column, head in enumerate(("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                                   "偏差原因分析及改进措施"), 2):
        form.put(first, column, column, head, header=True)
    runs: dict[int, int] = {2: first + 1, 3: first + 1}  # column → row where its merged run started
    for item, text in zip(fig.indicators, texts, strict=True):
        row = form.next_row((text["name"], 4, 4), (text["target"], 5, 5), (text["actual"], 6, 6), (text["deviation"], 9, 9))
        for column, starts in ((2, text["first_of_level1"]), (3, text["first_of_level2"])):
            if starts:
                form.merge_down(column, runs[column], row - 1)
                runs[column] = row
        form.put(row, 2, 2, text["level1"])
        form.put(row, 3, 3, text["level2"])
        form.put(row, 4, 4, text["name"], left=True)
        form.put(row, 5, 5, text["target"])
        form.put(row, 6, 6, text["actual"])
        form.put(row, 7, 7, item.indicator.weight, number_format=WEIGHT_FORMAT)
        form.put(row, 8, 8, item.score, number_format=SCORE_FORMAT)
        form.put(row, 9, 9, text["deviation"], left=text["deviation"] != NOT_APPLICABLE)  # "/" centred
    form.merge_down(2, runs[2], form.row)
    form.merge_down(3, runs[3], form.row)
    form.merge_down(1, first, form.row)


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
