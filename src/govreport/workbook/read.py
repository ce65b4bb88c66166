"""Load an .xlsx data workbook into the same plain data a JSON file gives, remembering each value's cell.

Problems found later by validation name the cell (``绩效指标!E7``) instead
of the field path, because the cell is what a clerk can find and fix.
"""

from __future__ import annotations

import difflib
import io
import zipfile
from collections.abc import Iterable
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ..errors import DataError, Problem
from .cells import CellProblem, convert, text
from .describe import field_info
from .layout import (
    FINDINGS_NONE,
    GUIDE_SHEET,
    INFO_SHEET,
    LAYOUTS,
    NUMBER_COLUMN,
    PARAGRAPH_SHEET,
    Field,
    Layout,
    Table,
    value_at,
)
from .located import WorkbookData

KIND_LABEL = "报告类型"
MAX_ROWS = 5000
MAX_COLUMNS = 40


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def _close(word: str, options: Iterable[str]) -> str:
    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.5)
    return f"，是否应为“{found[0]}”？" if found else ""


class _Reader:
    def __init__(self, book: Any) -> None:
        self.sheets = {ws.title.strip(): ws for ws in book.worksheets}
        self.data: dict[str, Any] = {}
        self.cells: dict[str, str] = {}
        self.choices: dict[str, tuple[str, ...]] = {}
        self.problems: list[Problem] = []

    def rows(self, sheet: str) -> list[tuple[Any, ...]]:
        """The sheet's rows (at most MAX_ROWS: one project's data, not a database), widths capped at MAX_COLUMNS."""
        ws = self.sheets.get(sheet)
        if ws is None:
            return []
        rows = []
        for row in ws.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            if len(rows) == MAX_ROWS:
                self.fail(f"“{sheet}”表", f"超过 {MAX_ROWS} 行，不像是一个项目的数据；只读取了前 {MAX_ROWS} 行")
                break
            rows.append(tuple(row))
        return rows

    def fail(self, where: str, message: str) -> None:
        problem = Problem(where, message)
        if problem not in self.problems:
            self.problems.append(problem)

    def value(self, field: Field, raw: Any, cell: str) -> tuple[bool, Any]:
        if field.choices:
            self.choices[cell] = field.choices
        try:
            return True, convert(field, raw)
        except CellProblem as exc:
            self.fail(cell, str(exc))
            return False, None

    def layout(self) -> Layout | None:
        if INFO_SHEET not in self.sheets:
            names = "、".join(self.sheets) or "（无）"
            self.fail("", f"缺少工作表“{INFO_SHEET}”（现有：{names}）；可用 govreport excel-template 生成空白工作簿")
            return None
        for r, row in enumerate(self.rows(INFO_SHEET), start=1):
            if row and text(row[0] or "") == KIND_LABEL:
                chosen = text(row[1]) if len(row) > 1 and not _blank(row[1]) else ""
                for layout in LAYOUTS.values():
                    if chosen in (layout.kind, layout.label):
                        self.cells["kind"] = f"{INFO_SHEET}!B{r}"
                        return layout
                options = "、".join(f"{x.label}（{x.kind}）" for x in LAYOUTS.values())
                self.fail(f"{INFO_SHEET}!B{r}", f"报告类型应为以下之一：{options}，实际为“{chosen}”")
                return None
        self.fail(INFO_SHEET, f"缺少“{KIND_LABEL}”一行")
        return None

    def info(self, layout: Layout) -> bool | None:
        by_label = {f.label: f for f in layout.info}
        for f in layout.info:
            self.cells[f.path] = f"{INFO_SHEET}“{f.label}”"
        findings_none = None
        for r, row in enumerate(self.rows(INFO_SHEET)[1:], start=2):
            label = text(row[0]) if row and not _blank(row[0]) else ""
            if not label or label == KIND_LABEL:
                continue
            field = by_label.get(label)
            if field is None:
                self.fail(f"{INFO_SHEET}!A{r}", f"未知的项目“{label}”{_close(label, by_label) or '，请删除该行'}")
                continue
            cell = f"{INFO_SHEET}!B{r}（{label}）"
            self.cells[field.path] = cell
            raw = row[1] if len(row) > 1 else None
            if _blank(raw):
                continue
            ok, value = self.value(field, raw, cell)
            if not ok:
                continue
            if field.path == FINDINGS_NONE:
                findings_none = value
            else:
                _put(self.data, field.path, value)
        return findings_none

    def columns(self, table: Table, header: tuple[Any, ...]) -> tuple[dict[int, Field], int | None]:
        by_label = {f.label: f for f in table.columns}
        columns: dict[int, Field] = {}
        number_column = None
        for c, title in enumerate(header):
            title = text(title) if not _blank(title) else ""
            if not title:
                continue
            if title == NUMBER_COLUMN and (table.numbered or table.parent):
                number_column = c
            elif title in by_label:
                columns[c] = by_label[title]
            else:
                expected = "、".join(by_label)
                self.fail(f"{table.sheet}!{get_column_letter(c + 1)}1",
                          f"未知的列“{title}”{_close(title, by_label) or f'，应为：{expected}'}")
        if table.parent and number_column is None:
            self.fail(f"{table.sheet}!A1", f"缺少“{NUMBER_COLUMN}”列，用来指明属于“{table.parent}”表的哪一项")
        return columns, number_column

    def table(self, table: Table, numbered: dict[str, dict[Any, tuple[dict[str, Any], str]]]) -> None:
        if not table.parent:
            self.cells[table.path] = f"“{table.sheet}”表"
        rows = self.rows(table.sheet)
        if not rows:
            return
        columns, number_column = self.columns(table, rows[0])
        if table.parent and number_column is None:
            return
        items: list[Any] = []
        own: dict[Any, tuple[dict[str, Any], str]] = {}
        for r, row in enumerate(rows[1:], start=2):
            used = [c for c in columns if c < len(row) and not _blank(row[c])]
            if not used:
                continue
            key = _key(row[number_column]) if number_column is not None and number_column < len(row) else None
            if table.parent:
                parent = numbered.get(table.parent, {}).get(key)
                if parent is None:
                    self.fail(f"{table.sheet}!{get_column_letter(number_column + 1)}{r}",
                              f"{NUMBER_COLUMN}“{key if key is not None else ''}”在“{table.parent}”表中不存在")
                    continue
                siblings = parent[0].setdefault(table.path, [])
                path = f"{parent[1]}.{table.path}[{len(siblings)}]"
            else:
                siblings = items
                path = f"{table.path}[{len(items)}]"
            item = self.record(table, row, r, columns, path)
            siblings.append(item)
            self.cells[path] = f"{table.sheet}!第{r}行"
            if table.numbered:
                own[key if key is not None else len(own) + 1] = (item, path)
        if table.numbered:
            numbered[table.sheet] = own
        if items and not table.parent:
            _put(self.data, table.path, items)

    def record(self, table: Table, row: tuple[Any, ...], r: int, columns: dict[int, Field], path: str) -> Any:
        item: dict[str, Any] = {}
        for c, field in columns.items():
            cell = f"{table.sheet}!{get_column_letter(c + 1)}{r}"
            if table.scalar:
                self.cells[path] = cell
            else:
                self.cells[f"{path}.{field.path}"] = cell
            raw = row[c] if c < len(row) else None
            if _blank(raw):
                continue
            ok, value = self.value(field, raw, cell)
            if ok and table.scalar:
                return value
            if ok:
                item[field.path] = value
        return item if not table.scalar else ""

    def paragraphs(self, layout: Layout) -> None:
        by_label = {f.label: f for f in layout.paragraphs}
        counts: dict[str, list[str]] = {}
        for f in layout.paragraphs:
            self.cells[f.path] = f"{PARAGRAPH_SHEET}“{f.label}”"
        for r, row in enumerate(self.rows(PARAGRAPH_SHEET)[1:], start=2):
            label = text(row[0]) if row and not _blank(row[0]) else ""
            body = row[1] if len(row) > 1 else None
            if _blank(body):
                continue
            field = by_label.get(label)
            if field is None:
                where = f"{PARAGRAPH_SHEET}!A{r}"
                self.fail(where, f"未知的栏目“{label}”{_close(label, by_label)}" if label else "缺少栏目名称")
                continue
            found = counts.setdefault(field.path, [])
            self.cells[f"{field.path}[{len(found)}]"] = f"{PARAGRAPH_SHEET}!B{r}"
            found.append(text(body))
        for path, found in counts.items():
            _put(self.data, path, found)

    def read(self) -> WorkbookData:
        layout = self.layout()
        if layout is None:
            return WorkbookData(self.data, self.cells, self.choices)
        self.data["kind"] = layout.kind
        for name in self.sheets:
            if name not in layout.sheets and name != GUIDE_SHEET:
                known = f"，{layout.label}的工作表为：{'、'.join(layout.sheets)}"
                self.fail(f"“{name}”表", f"未知的工作表{_close(name, layout.sheets) or known}")
        findings_none = self.info(layout)
        numbered: dict[str, dict[Any, tuple[dict[str, Any], str]]] = {}
        for table in layout.tables:
            self.table(table, numbered)
        if findings_none:
            if value_at(self.data, "compliance.findings"):
                self.fail(self.cells[FINDINGS_NONE], "已填写“审查发现”表，与“资金审查未发现问题：是”矛盾")
            else:
                _put(self.data, "compliance.findings", [])
        self.paragraphs(layout)
        self.open_required(layout)
        return WorkbookData(self.data, self.cells, self.choices)

    def open_required(self, layout: Layout) -> None:
        """Required groups (meta, implementation.funds…) that nothing was filled in for are opened empty,
        so validation names each missing row or sheet instead of the whole group."""
        from ..kinds import KINDS

        model = KINDS[layout.kind].model
        paths = [f.path for f in layout.info] + [t.path for t in layout.tables if not t.parent]
        for path in paths:
            parts = path.split(".")
            for depth in range(1, len(parts)):
                prefix = ".".join(parts[:depth])
                info = field_info(model, prefix)
                if info is None or not info.is_required() or value_at(self.data, prefix) is not None:
                    break
                _put(self.data, prefix, {})


def _key(value: Any) -> Any:
    if _blank(value):
        return None
    try:
        number = convert(Field("", "", "int"), value)
    except CellProblem:
        return text(value)
    return number


def read_workbook(raw: bytes, source: str = "") -> WorkbookData:
    """Every value of the workbook, or a ``DataError`` naming each cell that cannot be read."""
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        problem = Problem("", "不是有效的 Excel 工作簿（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后再试")
        raise DataError([problem], source) from None
    try:
        reader = _Reader(book)
        data = reader.read()
    finally:
        book.close()
    if reader.problems:
        raise DataError(reader.problems, source)
    return data
