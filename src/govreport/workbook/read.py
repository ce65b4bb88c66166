"""Load an .xlsx data workbook into the same plain data a JSON file gives, remembering each value's cell.

Problems found later by validation name the cell (``绩效指标!E7``) instead
of the field path, because the cell is what a clerk can find and fix.

The 小节 sheets are read first, each section under a provisional path; a
section takes its place (and its cells their field paths) where a 小节 column
names it, and every section is placed exactly once or named.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter

from ..errors import DataError, Problem
from ..models.common import within_range
from ..vocabulary.words import COLUMN_TYPES, NUMBER_COLUMNS
from .cells import CellProblem, convert, shown, text
from .cells import key as _key
from .cells import number as _number
from .describe import field_info
from .located import WorkbookData
from .sheets import (
    FINDINGS_NONE,
    GUIDE_SHEET,
    INFO_COLUMNS,
    INFO_SHEET,
    ITEM_HOLDER,
    KIND_LABEL,
    LAYOUTS,
    MAX_ROWS,
    NUMBER_COLUMN,
    PARAGRAPH_COLUMNS,
    PARAGRAPH_SHEET,
    PARENT_COLUMN,
    ROW_KIND,
    ROW_KIND_WORDS,
    SECTION_COLUMN,
    SECTION_HOLDER,
    SECTION_SHEET,
    TABLE_COLUMN_SHEET,
    TABLE_ROW_SHEET,
    TABLE_ROWS,
    TABLE_SHEET,
    TABLES,
    UNPLACED,
    Field,
    Layout,
    Table,
    value_at,
)
from .source import Row, Unreadable, Workbook, opened


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


def _label(cells: dict[int, Any], column: int) -> str:
    return text(cells[column]) if column in cells else ""


@dataclass(frozen=True)
class _HeldTable:
    """A body table a work item or task holds, until the items are read: its 序号, the item's, its cells."""

    key: Any
    holder: Any
    table: dict[str, Any]
    cells: dict[str, str]  # field path below the table → cell
    where: str  # the 正文表格 cell naming the item


COLUMN_WORDS = {c.code: c.word for c in COLUMN_TYPES}


class _Reader:
    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.data: dict[str, Any] = {}
        self.cells: dict[str, str] = {}
        self.choices: dict[str, tuple[str, ...]] = {}
        self.problems: list[Problem] = []
        self.headers: dict[str, dict[int, Any]] = {}
        self.read_rows: dict[str, list[Row]] = {}
        self.section_columns: dict[str, int] = {}
        self.sections: dict[Any, tuple[dict[str, Any], str]] = {}  # 序号 → section, provisional path
        self.parents: dict[Any, Any] = {}
        self.children: dict[Any, list[Any]] = {}
        self.section_cells: dict[str, list[tuple[str, str]]] = {}  # provisional path → (path below it, cell)
        self.placed: set[Any] = set()

    def rows(self, sheet: str) -> list[Row]:
        """The sheet's data rows below its header (row 1) that hold anything: at most MAX_ROWS of them,
        one project's data, not a database. The header is kept in ``headers``; each sheet is read once."""
        if sheet not in self.read_rows:
            self.read_rows[sheet] = self._rows(sheet)
        return self.read_rows[sheet]

    def _rows(self, sheet: str) -> list[Row]:
        found = self.book.sheets.get(sheet)
        self.headers[sheet] = {}
        if found is None:
            return []
        rows: list[Row] = []
        for number, cells in found.rows():
            cells = {c: v for c, v in cells.items() if not _blank(v)}
            if number == 1:
                self.headers[sheet] = cells
            elif cells and len(rows) == MAX_ROWS:
                self.fail(f"“{sheet}”表", f"超过 {MAX_ROWS} 行数据（表头不计），不像是一个项目的数据；"
                                       f"只读取了前 {MAX_ROWS} 行，第 {number} 行起未读取")
                break
            elif cells:
                rows.append((number, cells))
        return rows

    def unread_columns(self, sheet: str, known: dict[int, str], rows: list[Row], refused: Iterable[int] = ()) -> None:
        """Every cell is read or refused: the first filled cell of each column outside ``known`` is named,
        with the nearest column that is read (columns already refused by their header are left alone)."""
        reported = set(refused) | set(known)
        for number, cells in [(1, self.headers.get(sheet, {})), *rows]:
            for column in sorted(set(cells) - reported):
                reported.add(column)
                nearest = min(known, key=lambda k: (abs(k - column), k)) if known else None
                hint = f"（最近的是“{known[nearest]}”列）" if nearest else ""
                self.fail(f"{sheet}!{get_column_letter(column)}{number}",
                          f"此列不是本表的列，内容不会被读取；请删除，或移到相应的列{hint}")

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
        if INFO_SHEET not in self.book.sheets:
            names = "、".join(self.book.names) or "（无）"
            self.fail("", f"缺少工作表“{INFO_SHEET}”（现有：{names}）；可用 govreport excel-template 生成空白工作簿")
            return None
        for r, cells in self.rows(INFO_SHEET):
            if _label(cells, 1) == KIND_LABEL:
                chosen = _label(cells, 2)
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
        rows = self.rows(INFO_SHEET)
        self.unread_columns(INFO_SHEET, dict(enumerate(INFO_COLUMNS, start=1)), rows)
        for r, cells in rows:
            label = _label(cells, 1)
            if label == KIND_LABEL:
                continue
            field = by_label.get(label)
            if field is None:
                where = f"{INFO_SHEET}!A{r}"
                self.fail(where, f"未知的项目“{label}”{_close(label, by_label) or '，请删除该行'}" if label else "缺少项目名称")
                continue
            cell = f"{INFO_SHEET}!B{r}（{label}）"
            self.cells[field.path] = cell
            if 2 not in cells:
                continue
            ok, value = self.value(field, cells[2], cell)
            if not ok:
                continue
            if field.path == FINDINGS_NONE:
                findings_none = value
            else:
                _put(self.data, field.path, value)
        return findings_none

    def columns(self, table: Table) -> tuple[dict[int, Field], int | None]:
        """The header's columns that are read, and the 序号 column; an unknown title is refused."""
        by_label = {f.label: f for f in table.columns}
        columns: dict[int, Field] = {}
        number_column = None
        refused = []
        for c, title in sorted(self.headers[table.sheet].items()):
            title = text(title)
            if title == table.number_label and (table.numbered or table.parent):
                number_column = c
            elif title == SECTION_COLUMN and table.blocks:
                self.section_columns[table.sheet] = c
            elif title in by_label:
                columns[c] = by_label[title]
            else:
                refused.append(c)
                expected = "、".join(by_label)
                self.fail(f"{table.sheet}!{get_column_letter(c)}1",
                          f"未知的列“{title}”{_close(title, by_label) or f'，应为：{expected}'}")
        if table.parent and number_column is None:
            self.fail(f"{table.sheet}!A1", f"缺少“{table.number_label}”列，用来指明属于“{table.parent}”表的哪一项")
        known = {c: f.label for c, f in columns.items()}
        if number_column is not None:
            known[number_column] = table.number_label
        if table.sheet in self.section_columns:
            known[self.section_columns[table.sheet]] = SECTION_COLUMN
        self.unread_columns(table.sheet, known, self.rows(table.sheet), refused)
        return columns, number_column

    def table(self, table: Table, numbered: dict[str, dict[Any, tuple[dict[str, Any], str]]]) -> None:
        if not table.parent:
            self.cells[table.path] = f"“{table.sheet}”表"
        rows = self.rows(table.sheet)
        columns, number_column = self.columns(table)
        if not rows or (table.parent and number_column is None):
            return
        items: list[Any] = []
        own: dict[Any, tuple[dict[str, Any], str]] = {}
        first_rows: dict[Any, int] = {}  # 序号 → the row it first stands in
        section_column = self.section_columns.get(table.sheet)
        for r, cells in rows:
            key = _key(cells.get(number_column)) if number_column is not None else None
            placed = section_column in cells
            if not any(c in cells for c in columns) and not placed and (not table.numbered or key is None):
                continue
            if table.numbered and key is not None and key in first_rows:
                self.fail(f"{table.sheet}!{get_column_letter(number_column)}{r}",
                          f"{NUMBER_COLUMN}“{key}”与第{first_rows[key]}行重复：每行的序号须各不相同")
                continue
            if table.parent:
                parent = numbered.get(table.parent, {}).get(key)
                if parent is None:
                    self.fail(f"{table.sheet}!{get_column_letter(number_column)}{r}",
                              f"未填{table.number_label}：请填写这一行所属“{table.parent}”表中那一项的序号" if key is None
                              else f"{table.number_label}“{key}”在“{table.parent}”表中不存在")
                    continue
                siblings = parent[0].setdefault(table.path, [])
                path = f"{parent[1]}.{table.path}[{len(siblings)}]"
            else:
                siblings = items
                path = f"{table.path}[{len(items)}]"
            if placed:
                where = f"{table.sheet}!{get_column_letter(section_column)}{r}"
                item = self.block(any(c in cells for c in columns), _key(cells[section_column]), path, where)
                if item is None:
                    continue
            else:
                item = self.record(table, cells, r, columns, path)
                self.cells[path] = f"{table.sheet}!第{r}行"
            siblings.append(item)
            if table.numbered:
                first_rows[key] = r
                own[key if key is not None else len(own) + 1] = (item, path)
        if table.numbered:
            numbered[table.sheet] = own
        if items and not table.parent:
            _put(self.data, table.path, items)

    def record(self, table: Table, cells: dict[int, Any], r: int, columns: dict[int, Field], path: str) -> Any:
        item: dict[str, Any] = {}
        for c, field in columns.items():
            cell = f"{table.sheet}!{get_column_letter(c)}{r}"
            if table.scalar:
                self.cells[path] = cell
            else:
                self.cells[f"{path}.{field.path}"] = cell
            if c not in cells:
                continue
            ok, value = self.value(field, cells[c], cell)
            if ok and table.scalar:
                return value
            if ok and field.type == "sections":
                keys = [k for k in (self.place(k, cell) for k in value) if k is not None]
                item[field.path] = [self.settle(k, f"{path}.{field.path}[{i}]") for i, k in enumerate(keys)]
            elif ok:
                item[field.path] = value
        return item if not table.scalar else ""

    def read_sections(self, layout: Layout) -> None:
        """The 小节 rows with their paragraphs and figures, each under its provisional path until placed."""
        numbered: dict[str, dict[Any, tuple[dict[str, Any], str]]] = {}
        for table in layout.section_tables:
            self.table(table, numbered)
        self.data.pop(UNPLACED, [])
        self.sections = numbered.get(SECTION_SHEET, {})
        for number, (section, origin) in self.sections.items():
            parent = self.parents[number] = section.pop("parent", None)
            if parent is None:
                continue
            if parent in self.sections:
                self.children.setdefault(parent, []).append(number)
            else:
                self.fail(self.cells.get(f"{origin}.parent", SECTION_SHEET),
                          f"{PARENT_COLUMN}“{parent}”在“{SECTION_SHEET}”表中不存在")
        for path in [p for p in self.cells if p.startswith(UNPLACED + "[")]:
            origin, _, below = path.partition("]")
            self.section_cells.setdefault(origin + "]", []).append((below, self.cells.pop(path)))

    def read_tables(self, layout: Layout) -> list[_HeldTable]:
        """The body tables of 正文表格, 表格列 and 表格行: each one in its 小节 now (its cells named below the
        section's provisional path), those of a work item or task returned to be placed once those are read."""
        numbered: dict[str, dict[Any, tuple[dict[str, Any], str]]] = {}
        for table in layout.body_tables:
            self.table(table, numbered)
        self.data.pop(TABLES, [])
        found = numbered.get(TABLE_SHEET, {})
        cells: dict[str, list[tuple[str, str]]] = {}  # provisional path → (path below it, cell)
        for path in [p for p in self.cells if p == TABLES or p.startswith(TABLES + "[")]:
            origin, _, below = path.partition("]")
            cells.setdefault(origin + "]", []).append((below, self.cells.pop(path)))
        held: list[_HeldTable] = []
        holders = (SECTION_COLUMN, layout.table_holder or "")
        for key, (table, origin) in found.items():
            placed = dict(cells.get(origin, []))
            row = placed.get("", f"“{TABLE_SHEET}”表")
            below = self.table_cells(key, table, placed, row)
            section, item = _key(table.pop(SECTION_HOLDER, None)), _key(table.pop(ITEM_HOLDER, None))
            if (section is None) == (item is None):
                options = "或".join(f"“{h}”列" for h in holders if h)
                self.fail(row, f"表格“{key}”须在{options}中写明它在哪里（只填一列）")
            elif section is not None:
                self.hold_in_section(key, section, table, below, placed[f".{SECTION_HOLDER}"])
            else:
                held.append(_HeldTable(key, item, table, below, placed[f".{ITEM_HOLDER}"]))
        return held

    def table_cells(self, key: Any, table: dict[str, Any], placed: dict[str, str], row: str) -> dict[str, str]:
        """The table's rows of 表格行 as its ``rows`` and ``stated_total``, each cell read by its column's type;
        returns the cell of each field path below the table."""
        columns = table.get("columns") or []
        below = {path: cell for path, cell in placed.items() if not path.startswith(f".{TABLE_ROWS}")}
        lines = table.pop(TABLE_ROWS, [])
        if not columns:
            self.fail(row, f"表格“{key}”在“{TABLE_COLUMN_SHEET}”表中没有列：每张表格至少一列")
            return below
        if not any(line.get(ROW_KIND, "rows") == "rows" for line in lines):
            self.fail(row, f"表格“{key}”在“{TABLE_ROW_SHEET}”表中没有数据行：每张表格至少一行")
        stated_at, failed = None, len(self.problems)
        for k, line in enumerate(lines):
            which = line.pop(ROW_KIND, "rows")
            here = f".{TABLE_ROWS}[{k}]"
            line_cell = placed.get(here, f"“{TABLE_ROW_SHEET}”表")
            beyond = max((int(name[1:]) for name in line), default=0)
            if which not in ("rows", "stated_total"):
                words = "、".join(word for word, _ in ROW_KIND_WORDS)
                self.fail(placed.get(f"{here}.{ROW_KIND}", line_cell),
                          f"取值无效，请从下拉列表中选择：{words}，实际为“{shown(which)}”")
                continue
            if beyond > len(columns):
                self.fail(line_cell, f"表格“{key}”有{len(columns)}列（见“{TABLE_COLUMN_SHEET}”表），这一行却填到了第{beyond}列："
                                     f"请删去多出的格，或在“{TABLE_COLUMN_SHEET}”表中补上列")
                continue
            if which == "stated_total" and stated_at is not None:
                self.fail(line_cell, f"表格“{key}”已有一行“原文合计”（{stated_at.partition('!')[2]}）：每张表格最多一行")
                continue
            path = ".stated_total" if which == "stated_total" else f".rows[{len(table.setdefault('rows', []))}]"
            values = []
            for j, column in enumerate(columns, start=1):
                where = placed.get(f"{here}.#{j}", line_cell)
                values.append(self.table_cell(line.get(f"#{j}"), column, where))
                below[f"{path}[{j - 1}]"] = where
            below[path] = line_cell
            if which == "stated_total":
                table["stated_total"], stated_at = values, line_cell
            else:
                table["rows"].append(values)
        if len(self.problems) > failed:  # rows with a cell left out would not add up to the stated 合计: no second error
            table.pop("stated_total", None)
        return below

    def table_cell(self, value: Any, column: dict[str, Any], where: str) -> Any:
        """A cell of a body table: a number in a column of numbers (named at its cell when it is not one)."""
        if isinstance(value, str) and column.get("type") in NUMBER_COLUMNS:
            try:
                value = _number(value)
            except CellProblem:
                self.fail(where, f"“{column.get('name', '')}”列是{COLUMN_WORDS[column['type']]}列，应填数字，"
                                 f"实际为“{shown(value)}”")
                return None
        if isinstance(value, Decimal):
            try:
                within_range(value)
            except ValueError as exc:
                self.fail(where, str(exc))
                return None
        return value

    def hold_in_section(self, key: Any, number: Any, table: dict[str, Any], below: dict[str, str], where: str) -> None:
        if number not in self.sections:
            self.fail(where, f"{SECTION_COLUMN}“{number}”在“{SECTION_SHEET}”表中不存在")
            return
        section, origin = self.sections[number]
        if "table" in section:
            self.fail(where, f"小节“{number}”已有一张表格：每个小节只能有一张表格（表格“{key}”）")
            return
        section["table"] = table
        self.section_cells.setdefault(origin, []).extend((f".table{path}", cell) for path, cell in below.items())

    def hold_in_items(self, layout: Layout, held: list[_HeldTable],
                      numbered: dict[str, dict[Any, tuple[dict[str, Any], str]]]) -> None:
        """Each table of a work item or task in its item, its cells named below the item's path."""
        sheet = layout.table_holder or ""
        for table in held:
            found = numbered.get(sheet, {}).get(table.holder)
            if found is None:
                self.fail(table.where, f"{NUMBER_COLUMN}“{table.holder}”在“{sheet}”表中不存在")
                continue
            item, path = found
            if "table" in item:
                self.fail(table.where, f"“{sheet}”表中序号“{table.holder}”的一项已有一张表格：每项只能有一张表格"
                                       f"（表格“{table.key}”）")
                continue
            item["table"] = table.table
            self.cells.update({f"{path}.table{below}": cell for below, cell in table.cells.items()})

    def place(self, number: Any, where: str) -> Any:
        """``number`` when it names a 小节 row not yet placed and not under another section, else None (named)."""
        if number not in self.sections:
            self.fail(where, f"{SECTION_COLUMN}“{number}”在“{SECTION_SHEET}”表中不存在")
        elif self.parents.get(number) is not None:
            self.fail(where, f"小节“{number}”是小节“{self.parents[number]}”的下级小节（见“{SECTION_SHEET}”表的"
                             f"{PARENT_COLUMN}），不能再放在这里")
        elif number in self.placed:
            self.fail(where, f"小节“{number}”已放在别处：每个小节只能放在一处")
        else:
            self.placed.add(number)
            return number
        return None

    def settle(self, number: Any, path: str) -> dict[str, Any]:
        """The section ``number`` at ``path``, its cells and those of its sub-sections named by their paths."""
        self.placed.add(number)
        section, origin = self.sections[number]
        for below, cell in self.section_cells.get(origin, []):
            self.cells[path + below] = cell
        inner = self.children.get(number, [])
        if inner:
            section["sections"] = [self.settle(n, f"{path}.sections[{i}]") for i, n in enumerate(inner)]
        return section

    def block(self, has_text: bool, number: Any, path: str, where: str) -> dict[str, Any] | None:
        """The section a 小节 cell places at ``path``, or None (named)."""
        if has_text:
            self.fail(where, f"一行只能填段落或小节之一：填了“{SECTION_COLUMN}”时，“段落”列请留空")
            return None
        placed = self.place(number, where)
        return None if placed is None else self.settle(placed, path)

    def unplaced(self) -> None:
        """Every 小节 row reaches the report: one placed nowhere is named, not dropped."""
        for number, (_, origin) in self.sections.items():
            if number in self.placed:
                continue
            row = dict(self.section_cells.get(origin, [])).get("", f"“{SECTION_SHEET}”表")
            if self.parents.get(number) is None:
                self.fail(row, f"小节“{number}”没有放到报告中：请在“{PARAGRAPH_SHEET}”或“工作段落”的“{SECTION_COLUMN}”列"
                               "填写它的序号，或删去这一行")
            elif self.circular(number):
                self.fail(row, f"小节“{number}”的{PARENT_COLUMN}绕成了一个圈，这些小节都放不到报告中")

    def circular(self, number: Any) -> bool:
        """Whether going up by 上级序号 from ``number`` comes back round (else it ends at a section named already)."""
        seen = set()
        while number is not None and number in self.sections and number not in seen:
            seen.add(number)
            number = self.parents.get(number)
        return number is not None and number in seen

    def paragraphs(self, layout: Layout) -> None:
        by_label = {f.label: f for f in layout.paragraphs}
        counts: dict[str, list[str]] = {}
        for f in layout.paragraphs:
            self.cells[f.path] = f"{PARAGRAPH_SHEET}“{f.label}”"
        rows = self.rows(PARAGRAPH_SHEET)
        self.unread_columns(PARAGRAPH_SHEET, dict(enumerate((*PARAGRAPH_COLUMNS, SECTION_COLUMN), start=1)), rows)
        for r, cells in rows:
            if 2 not in cells and 3 not in cells:
                continue
            label = _label(cells, 1)
            field = by_label.get(label)
            if field is None:
                where = f"{PARAGRAPH_SHEET}!A{r}"
                self.fail(where, f"未知的栏目“{label}”{_close(label, by_label)}" if label else "缺少栏目名称")
                continue
            found = counts.setdefault(field.path, [])
            path = f"{field.path}[{len(found)}]"
            if 3 in cells:
                section = self.block(2 in cells, _key(cells[3]), path, f"{PARAGRAPH_SHEET}!C{r}")
                if section is not None:
                    found.append(section)
                continue
            self.cells[path] = f"{PARAGRAPH_SHEET}!B{r}"
            found.append(text(cells[2]))
        for path, found in counts.items():
            _put(self.data, path, found)

    def read(self) -> WorkbookData:
        layout = self.layout()
        if layout is None:
            return WorkbookData(self.data, self.cells, self.choices, self.problems)
        self.data["kind"] = layout.kind
        seen: set[str] = set()
        for name in self.book.names:
            if name in seen:
                self.fail(f"“{name}”表", "有两张同名的工作表（名称前后的空格不算），请删除或改名其中一张")
            elif name not in layout.sheets and name != GUIDE_SHEET:
                known = f"，{layout.label}的工作表为：{'、'.join(layout.sheets)}"
                self.fail(f"“{name}”表", f"未知的工作表{_close(name, layout.sheets) or known}")
            seen.add(name)
        findings_none = self.info(layout)
        self.read_sections(layout)
        held = self.read_tables(layout)
        numbered: dict[str, dict[Any, tuple[dict[str, Any], str]]] = {}
        for table in layout.tables:
            self.table(table, numbered)
        self.hold_in_items(layout, held, numbered)
        if findings_none:
            if value_at(self.data, "compliance.findings"):
                self.fail(self.cells[FINDINGS_NONE], "已填写“审查发现”表，与“资金审查未发现问题：是”矛盾")
            else:
                _put(self.data, "compliance.findings", [])
        self.paragraphs(layout)
        self.unplaced()
        self.open_required(layout)
        return WorkbookData(self.data, self.cells, self.choices, self.problems)

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


def read_workbook(raw: bytes, source: str = "", *, keep_going: bool = False) -> WorkbookData:
    """Every value of the workbook, or a ``DataError`` naming each cell (or the part) that cannot be read.

    ``keep_going``: cells that cannot be read are left out and listed in ``unread`` instead, so that
    validation goes on over the rest and every problem of the workbook is listed at once."""
    try:
        book = opened(raw)
    except Unreadable as exc:
        raise DataError([exc.problem], source) from None
    reader = _Reader(book)
    try:
        data = reader.read()
    except Unreadable as exc:
        raise DataError([*reader.problems, exc.problem], source) from None
    if reader.problems and not keep_going:
        raise DataError(reader.problems, source)
    return data
