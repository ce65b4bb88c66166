"""Write a data workbook: empty (``govreport excel-template``) or holding a data file (``govreport convert``).

Every sheet has a bold, frozen header row; each column's header carries the
field's description from the data model as a note, in the drop-downs' words;
operators, ratings, 是/否 and the paragraph sections are drop-down lists;
number columns refuse text. Sections among the paragraphs are numbered in the
order met and written to 小节, 小节段落 and 小节数据; body tables, numbered in
the order met, to 正文表格, 表格列 and 表格行. What is written reads back as the
same data, so data a workbook cannot hold (more than ``MAX_ROWS`` rows in a
sheet, text longer than a cell, more than the reader unpacks, a field no sheet
has a column for) is refused by field.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel

from ..errors import DataError, Problem
from ..models.body import Table as BodyTable
from ..models.common import MAX_WHOLE_DIGITS
from ..ooxml import MAX_UNPACKED, unpacked_size
from ..ooxml.writer import reproducible
from .cells import too_long, written
from .describe import description, worded
from .sheets import (
    FINDINGS_NONE,
    GUIDE_SHEET,
    INFO_COLUMNS,
    INFO_SHEET,
    ITEM_HOLDER,
    KIND_LABEL,
    MAX_ROWS,
    NUMBER_COLUMN,
    PARAGRAPH_COLUMNS,
    PARAGRAPH_SHEET,
    PARENT_COLUMN,
    SECTION_COLUMN,
    SECTION_FIGURE_SHEET,
    SECTION_HOLDER,
    SECTION_PARAGRAPH_SHEET,
    SECTION_SHEET,
    TABLE_COLUMN_SHEET,
    TABLE_NUMBER,
    TABLE_ROW_SHEET,
    TABLE_SHEET,
    YES_NO,
    Field,
    Layout,
    Table,
    value_at,
)

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a description that shows how a date is written needs no hint
VALIDATED_ROWS = MAX_ROWS + 1  # drop-downs and number checks reach every row the reader reads
BOOLEAN_WORDS = tuple(zip(YES_NO, ("true", "false"), strict=True))
HEADER_FONT = Font(name="黑体", bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "yyyy-mm-dd"
PARTS_HINT = ("。写成“住院：515；门诊：133”；名称中有“；”“：”或换行时，名称用英文双引号括起，"
              '如 "门诊：慢病"：133')
RECORD_REFUSED = (f"工作簿的“{INFO_SHEET}”表每项只填一个值，放不下此项分档、成组的选项，写成工作簿会丢失它；"
                  "请把数据保留为 JSON 或 YAML 文件，或把这些选项写在模板目录的 manifest.yaml 中")
FIELD_REFUSED = "工作簿中没有存放此项的列，写成工作簿会丢失它；请把数据保留为 JSON 或 YAML 文件"
SECTION_NOTE = f"本行是一个小节时，填“{SECTION_SHEET}”表中该小节的序号（“段落”列留空）"
FINDINGS_NOTE = "填“是”表示审查未发现问题（报告写明未发现问题）；不填则报告不作表述；发现问题时填“审查发现”表"


def _header(ws: Worksheet, titles: list[str], notes: list[str], widths: list[int]) -> None:
    for c, (title, note, width) in enumerate(zip(titles, notes, widths, strict=True), start=1):
        cell = ws.cell(row=1, column=c, value=title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        if note:
            cell.comment = Comment(note, "govreport", width=320, height=120)
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"


LARGEST = 10**MAX_WHOLE_DIGITS - 1  # what the models accept: Excel's check refuses no number govreport takes


def _validation(ws: Worksheet, field: Field, cells: str) -> None:
    """A drop-down for choices and 是/否, a number check for number columns."""
    if field.choices and field.open:  # Excel warns of another word and keeps it when the clerk says so
        rule = DataValidation(type="list", formula1='"' + ",".join(field.choices) + '"', allow_blank=True,
                              errorStyle="information")
        rule.error = f"下拉列表中是常用的说法：{'、'.join(field.choices)}；评分规则另设的说法也可填写"
        rule.errorTitle = "不是下拉列表中的说法"
    elif field.choices:
        rule = DataValidation(type="list", formula1='"' + ",".join(field.choices) + '"', allow_blank=True)
        rule.error, rule.errorTitle = f"请从下拉列表中选择：{'、'.join(field.choices)}", "取值无效"
    elif field.type in ("number", "int"):
        rule = DataValidation(type="decimal" if field.type == "number" else "whole", operator="between",
                              formula1=str(-LARGEST), formula2=str(LARGEST), allow_blank=True)
        rule.error, rule.errorTitle = "请填写数字（不带单位）", "应为数字"
    else:
        return
    rule.showErrorMessage = True
    ws.add_data_validation(rule)
    rule.add(cells)


Numbered = list[tuple[int, Any, str]]
"""The rows of a sheet: each one's 序号, its item and the item's field path."""


class _Writer:
    def __init__(self, layout: Layout, model: type[BaseModel], data: dict[str, Any]) -> None:
        self.layout, self.model, self.data = layout, model, data
        self.book = Workbook()
        self.problems: list[Problem] = []
        self.sections: list[tuple[int | None, dict[str, Any], str]] = []  # by 序号 - 1: 上级序号, section, path
        self.tables: list[tuple[str, int, dict[str, Any], str]] = []  # by 序号 - 1: holder's field, its 序号, table, path
        self.all_tables = (*layout.tables, *layout.section_tables, *layout.body_tables)
        self.words = BOOLEAN_WORDS + tuple(
            pair for f in (*layout.info, *(c for t in self.all_tables for c in t.columns)) for pair in f.values)
        top, *children = layout.section_tables
        self.section_held = {"sections", "table", *(f.path for f in top.columns), *(t.path for t in children)}
        table, columns, _ = layout.body_tables
        self.table_held = {"rows", "stated_total", columns.path, *(f.path for f in table.columns)}
        self.column_held = {f.path for f in columns.columns}

    def put(self, ws: Worksheet, row: int, column: int, field: Field, value: Any, path: str) -> None:
        """One value in its cell; text stays text (never a formula), and what a cell cannot hold is named by ``path``."""
        content = written(field, value)
        cell = ws.cell(row=row, column=column)
        if isinstance(content, str):
            problem = too_long(content)
            if problem:
                self.problems.append(Problem(path, problem))
                return
            cell.value = content
            cell.data_type = "s"
        else:
            cell.value = content
        if isinstance(content, dt.date):
            cell.number_format = DATE_FORMAT
        if field.type == "text":
            cell.alignment = WRAP

    def note(self, path: str, field: Field, model: type[BaseModel] | None = None) -> str:
        """The model's description of the field in the drop-downs' words, plus how to write it in a cell."""
        hint = {"parts": PARTS_HINT, "list": "。多个用“；”隔开", "date": "。写成 2026-01-20",
                "sections": f"。填“{SECTION_SHEET}”表中各小节的序号，多个用“；”隔开"}
        text = field.note or worded(description(model or self.model, path), self.words)
        return text if field.type == "date" and _DAY.search(text) else text + hint.get(field.type, "")

    def fits(self, sheet: str, rows: int, path: str, what: str) -> bool:
        if rows <= MAX_ROWS:
            return True
        self.problems.append(Problem(path, f"{what}共 {rows} 行，超过工作簿“{sheet}”表最多 {MAX_ROWS} 行的上限；"
                                           "请拆分数据，或改用 JSON、YAML"))
        return False

    def refuse_unheld(self, record: dict[str, Any], held: set[str], path: str) -> None:
        """A field of ``record`` no column holds is named by path, never dropped."""
        for name, value in record.items():
            if name not in held and value not in (None, "", [], {}):
                self.problems.append(Problem(f"{path}.{name}", FIELD_REFUSED))

    def info(self) -> None:
        ws = self.book.active
        ws.title = INFO_SHEET
        _header(ws, list(INFO_COLUMNS), ["", "", ""], [22, 44, 80])
        ws.cell(row=2, column=1, value=KIND_LABEL)
        ws.cell(row=2, column=2, value=self.layout.label)
        ws.cell(row=2, column=3, value=f"不要修改；本工作簿用于生成{self.layout.label}")
        for r, field in enumerate(self.layout.info, start=3):
            ws.cell(row=r, column=1, value=field.label)
            if field.path == FINDINGS_NONE:
                findings = value_at(self.data, "compliance.findings")
                value, note = (True if findings == [] else None), FINDINGS_NOTE
            else:
                value, note = value_at(self.data, field.path), self.note(field.path, field)
            self.put(ws, r, 2, field, value, field.path)
            ws.cell(row=r, column=3, value=note).alignment = WRAP
            _validation(ws, field, f"B{r}")

    def table(self, table: Table, numbers: dict[str, Numbered], model: type[BaseModel] | None = None,
              items: Numbered | None = None) -> None:
        """A sheet of records: ``model`` describes its columns (the kind's model by default); ``items`` are the
        rows of a sheet whose records stand at no path of the data (正文表格)."""
        ws = self.book.create_sheet(table.sheet)
        with_number = table.numbered or table.parent is not None
        fields = list(table.columns)
        parent = self.layout.table(table.parent) if table.parent else None
        base = f"{parent.path}." if parent else ""

        def described(field: Field) -> str:  # the field's path in the model describing it
            if model is None:
                return f"{base}{table.path}" + (f".{field.path}" if field.path else "")
            return ".".join(part for part in (table.path if table.parent else "", field.path) if part)

        notes = [self.note(described(f), f, model) for f in fields]
        titles = [f.label for f in fields]
        widths = [60 if f.type == "text" and len(fields) <= 2 else (16 if f.type != "text" else 24) for f in fields]
        if with_number:
            children = "".join(f"“{t.sheet}”" for t in self.all_tables if t.parent == table.sheet)
            number_note = f"对应“{table.parent}”表的序号" if table.parent else f"本项的编号，供{children}表引用"
            titles, notes, widths = [table.number_label, *titles], [number_note, *notes], [8, *widths]
        if table.blocks:
            titles, notes, widths = [*titles, SECTION_COLUMN], [*notes, SECTION_NOTE], [*widths, 8]
        _header(ws, titles, notes, widths)
        offset = 2 if with_number else 1
        for c, field in enumerate(fields, start=offset):
            letter = get_column_letter(c)
            _validation(ws, field, f"{letter}2:{letter}{VALIDATED_ROWS}")
        rows = items if items is not None else self.rows(table, numbers)
        if table.numbered:
            numbers[table.sheet] = rows
        if parent:
            listed, what = f"{base.rstrip('.')}[*].{table.path}", f"“{table.parent}”各项合计"
        elif table.parent is None and items is None:
            listed, what = table.path, ""
        else:  # below 小节 or 正文表格: the first row's path
            listed, what = (rows[0][2] if rows else ""), f"“{table.sheet}”各行"
        if not self.fits(table.sheet, len(rows), listed, what):
            return
        for r, (number, item, path) in enumerate(rows, start=2):
            if with_number:
                ws.cell(row=r, column=1, value=number)
            if table.blocks and isinstance(item, dict):
                ws.cell(row=r, column=offset + len(fields), value=self.section(item, path))
                continue
            for c, field in enumerate(fields, start=offset):
                if table.scalar:
                    self.put(ws, r, c, field, item, path)
                elif field.type == "sections":
                    numbers_of = [self.section(s, f"{path}.{field.path}[{i}]") for i, s in enumerate(item.get(field.path) or [])]
                    self.put(ws, r, c, field, numbers_of, f"{path}.{field.path}")
                else:
                    self.put(ws, r, c, field, item.get(field.path), f"{path}.{field.path}")
            if table.sheet == self.layout.table_holder and item.get("table") is not None:
                self.body_table(ITEM_HOLDER, number, item["table"], f"{path}.table")

    def rows(self, table: Table, numbers: dict[str, Numbered]) -> Numbered:
        """Each row's 序号, item and field path: a child's 序号 is its parent's."""
        if table.parent is None:
            items = value_at(self.data, table.path) or []
            return [(n, item, f"{table.path}[{n - 1}]") for n, item in enumerate(items, start=1)]
        return [(n, child, f"{path}.{table.path}[{i}]") for n, parent, path in numbers.get(table.parent, [])
                for i, child in enumerate(parent.get(table.path) or [])]

    def section(self, section: dict[str, Any], path: str, parent: int | None = None) -> int:
        """The 序号 of a section (its sub-sections numbered after it); a field no column holds is refused by path."""
        self.sections.append((parent, section, path))
        number = len(self.sections)
        self.refuse_unheld(section, self.section_held, path)
        if section.get("table") is not None:
            self.body_table(SECTION_HOLDER, number, section["table"], f"{path}.table")
        for i, inner in enumerate(section.get("sections") or []):
            self.section(inner, f"{path}.sections[{i}]", number)
        return number

    def body_table(self, holder: str, number: int, table: dict[str, Any], path: str) -> None:
        """A body table, to be written as a row of 正文表格 naming the 小节 (or work item, task) holding it."""
        self.tables.append((holder, number, table, path))
        self.refuse_unheld(table, self.table_held, path)
        for i, column in enumerate(table.get("columns") or []):
            self.refuse_unheld(column, self.column_held, f"{path}.columns[{i}]")

    def unheld(self) -> None:
        """Refuse, by path, each record of options no key–value row of 基本信息 holds."""
        for where in self.layout.unheld:
            if value_at(self.data, where) is not None:
                self.problems.append(Problem(where, RECORD_REFUSED))

    def section_sheets(self) -> None:
        top, *children = self.layout.section_tables
        model = self.layout.section_model
        ws = self.book.create_sheet(SECTION_SHEET)
        parent, *fields = top.columns
        _header(ws, [NUMBER_COLUMN, parent.label, *(f.label for f in fields)],
                [f"本小节的编号，供“{PARAGRAPH_SHEET}”“工作段落”的“{SECTION_COLUMN}”列、下级小节和“{TABLE_SHEET}”引用",
                 "下级小节填所属小节的序号；不填则由“文字段落”“工作段落”的“小节”列或“主要工作”的“下级小节”列放到报告中",
                 *(self.note(f.path, f, model) for f in fields)], [8, 10, 60, *(16 for _ in fields[1:])])
        for c, field in enumerate(fields, start=3):
            letter = get_column_letter(c)
            _validation(ws, field, f"{letter}2:{letter}{VALIDATED_ROWS}")
        numbered = [(n, section, path) for n, (_, section, path) in enumerate(self.sections, start=1)]
        if self.fits(SECTION_SHEET, len(self.sections), self.sections[0][2] if self.sections else "", "各小节"):
            for r, (above, section, path) in enumerate(self.sections, start=2):
                ws.cell(row=r, column=1, value=r - 1)
                ws.cell(row=r, column=2, value=above)
                for c, field in enumerate(fields, start=3):
                    self.put(ws, r, c, field, section.get(field.path), f"{path}.{field.path}")
        numbers = {SECTION_SHEET: numbered}
        for child in children:
            self.table(child, numbers, model)

    def body_table_sheets(self) -> None:
        top, columns, rows = self.layout.body_tables
        holders = {f.path for f in top.columns if f.path.startswith("#")}
        items = [(n, {**table, **dict.fromkeys(holders), holder: number}, path)
                 for n, (holder, number, table, path) in enumerate(self.tables, start=1)]
        numbers: dict[str, Numbered] = {}
        self.table(top, numbers, BodyTable, items)
        self.table(columns, numbers, BodyTable)
        ws = self.book.create_sheet(rows.sheet)
        kind, *cells = rows.columns
        _header(ws, [rows.number_label, kind.label, *(c.label for c in cells)],
                [f"对应“{TABLE_SHEET}”表的序号", kind.note, *(c.note for c in cells)], [8, 10, *(16 for _ in cells)])
        _validation(ws, kind, f"B2:B{VALIDATED_ROWS}")
        lines = []
        for n, table, path in items:
            lines += [(n, "rows", row, f"{path}.rows[{i}]") for i, row in enumerate(table.get("rows") or [])]
            if table.get("stated_total") is not None:
                lines.append((n, "stated_total", table["stated_total"], f"{path}.stated_total"))
        if not self.fits(rows.sheet, len(lines), lines[0][3] if lines else "", "各表格的行"):
            return
        for r, (n, which, row, path) in enumerate(lines, start=2):
            ws.cell(row=r, column=1, value=n)
            self.put(ws, r, 2, kind, which, path)
            for c, (field, value) in enumerate(zip(cells, row, strict=False), start=3):
                self.put(ws, r, c, field, value, f"{path}[{c - 3}]")

    def paragraphs(self) -> None:
        ws = self.book.create_sheet(PARAGRAPH_SHEET)
        _header(ws, [*PARAGRAPH_COLUMNS, SECTION_COLUMN],
                ["从下拉列表选择本段所属的栏目；一个栏目可有多段，按先后顺序", "每格一段，不要加编号", SECTION_NOTE],
                [26, 100, 8])
        sections = [(field, value_at(self.data, field.path) or [None]) for field in self.layout.paragraphs]
        longest = max(sections, key=lambda section: len(section[1]))[0].path
        if not self.fits(PARAGRAPH_SHEET, sum(len(texts) for _, texts in sections), longest, "各栏目的段落（空栏目占一行）"):
            return
        r = 2
        for field, texts in sections:
            for i, body in enumerate(texts):
                ws.cell(row=r, column=1, value=field.label)
                if isinstance(body, dict):
                    ws.cell(row=r, column=3, value=self.section(body, f"{field.path}[{i}]"))
                else:
                    self.put(ws, r, 2, field, body, f"{field.path}[{i}]")
                r += 1
        labels = len(self.layout.paragraphs)
        rule = DataValidation(type="list", formula1=f"'{GUIDE_SHEET}'!$D$2:$D${labels + 1}", allow_blank=True)
        rule.error, rule.errorTitle, rule.showErrorMessage = "请从下拉列表中选择栏目", "栏目无效", True
        ws.add_data_validation(rule)
        rule.add(f"A2:A{max(r, VALIDATED_ROWS)}")

    def guide(self) -> None:
        ws = self.book.create_sheet(GUIDE_SHEET)
        _header(ws, ["工作表", "填写方法", "", "文字段落的栏目", "说明"], ["", "", "", "", ""], [14, 70, 2, 30, 70])
        lines = [
            (INFO_SHEET, "每行一项；“填写内容”列填写，不用的项留空。日期写成 2026-01-20。"),
            *((t.sheet, _table_help(t)) for t in self.layout.tables),
            (PARAGRAPH_SHEET, "每行一段：先选栏目，再写段落；同一栏目的多段按先后顺序排列。"
                              f"要在此处放一个带标题的小节，“段落”留空，在“{SECTION_COLUMN}”列填该小节的序号。"),
            (SECTION_SHEET, f"每行一个小节：标题不带编号（按层级自动编为一、（一）1.（1））；下级小节在“{PARENT_COLUMN}”"
                            "填所属小节的序号，按先后顺序排列。" + self.sub_task_help()),
            (SECTION_PARAGRAPH_SHEET, f"每行一段，“{NUMBER_COLUMN}”填所属小节的序号。"),
            (SECTION_FIGURE_SHEET, f"每行一项数据，“{NUMBER_COLUMN}”填所属小节的序号；各列的写法见表头的批注。"),
            *((t.sheet, f"每行一项，“{NUMBER_COLUMN}”填所属小节（下级任务）的序号。") for t in self.layout.section_children),
            (TABLE_SHEET, "正文中的表格，每行一张：“序号”是表格的编号；" + self.holder_help()
                          + "表题、单位（写在表题下，如“万元”）可不填；“合计行”填“是”时末尾加“合计”行，金额和数量列由各行相加。"),
            (TABLE_COLUMN_SHEET, f"每行一列，“{TABLE_NUMBER}”填所属表格的序号，按从左到右的顺序排列；“类型”从下拉列表选"
                                 "（文字；金额，保留两位小数；数量；比率%），不填为文字；“合并”填“是”时上下相邻、内容相同的格合为一格。"),
            (TABLE_ROW_SHEET, f"每行是表格的一行，“{TABLE_NUMBER}”填所属表格的序号，按先后顺序排列；第1列、第2列……依次对应"
                              f"“{TABLE_COLUMN_SHEET}”表中该表格的各列，空格留空，不能填到表格的列数以外。原文给出合计行时，"
                              "把它写成一行，“行类型”选“原文合计”：其中的数字须等于各行之和。"),
            ("", "数字只填数字（不带单位、不带千分位以外的符号）；金额单位在“基本信息”中统一填写。"),
            ("", "一格填多项（分项、模板目录）时用“；”或换行隔开；分项写成“名称：数值”，名称中有“；”“：”或换行时，"
                 '名称用英文双引号括起（其中的双引号写两遍），如 "门诊：慢病"：133。'),
            ("", f"每张表最多 {MAX_ROWS} 行数据（表头不计）；只读取有表头的列，其他列中有内容时报错。"),
            ("", "检查：govreport validate 本文件.xlsx　生成：govreport render 本文件.xlsx"),
        ]
        for r, (sheet, text) in enumerate(lines, start=2):
            ws.cell(row=r, column=1, value=sheet)
            ws.cell(row=r, column=2, value=text).alignment = WRAP
        for r, field in enumerate(self.layout.paragraphs, start=2):
            ws.cell(row=r, column=4, value=field.label)
            ws.cell(row=r, column=5, value=worded(description(self.model, field.path), self.words)).alignment = WRAP

    def sub_task_help(self) -> str:
        if not self.layout.section_fields:
            return ""
        shown = "、".join(f"“{f.label}”" for f in self.layout.section_fields)
        return f"下级任务的{shown}填在本表的同名列中；其他地方的小节不填这几列。"

    def holder_help(self) -> str:
        if not self.layout.table_holder:
            return f"“{SECTION_COLUMN}”填表格所在小节的序号（表格印在该小节的段落和数据之后）；"
        return (f"表格在小节中时“{SECTION_COLUMN}”填小节的序号，在“{self.layout.table_holder}”的一项中时"
                f"“{self.layout.table_holder}”列填该项的序号，两列只填一列（表格印在段落和数据之后）；")

    def build(self, source: str) -> bytes:
        self.info()
        numbers: dict[str, list[tuple[int, dict[str, Any], str]]] = {}
        for table in self.layout.tables:
            self.table(table, numbers)
        self.paragraphs()
        self.section_sheets()
        self.body_table_sheets()
        self.unheld()
        self.guide()
        if self.problems:
            raise DataError(self.problems, source)
        buffer = io.BytesIO()
        self.book.save(buffer)
        if unpacked_size(buffer.getvalue()) > MAX_UNPACKED:
            limit = f"超过 {MAX_UNPACKED >> 20} MB（读取工作簿的上限）"
            raise DataError([Problem("", f"文字太多，写成工作簿后解压{limit}；请改用 JSON 或 YAML")], source)
        return reproducible(buffer.getvalue(), dt.date(2000, 1, 1))


def _table_help(table: Table) -> str:
    if table.parent:
        return f"每行一项，“{NUMBER_COLUMN}”填所属“{table.parent}”表中那一项的序号。"
    return "每行一项，按报告中的先后顺序；不用的表留空。"


def write_workbook(layout: Layout, model: type[BaseModel], data: dict[str, Any] | None = None, source: str = "") -> bytes:
    """The workbook of ``data`` (a data file's plain values), or an empty one to fill in; a ``DataError``
    naming each field of ``source`` the workbook cannot hold."""
    return _Writer(layout, model, data or {}).build(source)
