"""A workbook from outside, read safely: the package checked first, then only what holds data, within a budget.

The package must pass ``ooxml.read_package`` (bounded size, no DTD,
well-formed XML). Then only the parts that hold data are read, element by
element with nothing kept but the values: the workbook's list of sheets, the
shared strings, the number formats that mark a date, and each sheet's rows up
to the end of its data. Every element read counts against ``MAX_ELEMENTS``,
so no arrangement of the 50 MB a package may hold makes reading slow — a
general spreadsheet library also builds every style, merged range and
validation, and spends seconds on a million of them.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

from ..errors import Problem
from ..ooxml import PackageFault, check_markup, read_package
from ..ooxml.parser import SAFE_PARSER

Row = tuple[int, dict[int, Any]]
"""A row's number and its cells that hold something, by column number (both from 1)."""

MAX_ELEMENTS = 1_000_000
"""XML elements read from one workbook. One that convert writes with every sheet at MAX_ROWS rows holds under
500,000; each costs a microsecond or two, so a workbook is read in seconds whatever it holds."""
NOT_A_WORKBOOK = "不是有效的 Excel 工作簿（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后再试"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_RID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_ROW, _CELL, _DATA = f"{_MAIN}row", f"{_MAIN}c", f"{_MAIN}sheetData"
_VALUE, _INLINE, _TEXT, _RUN = f"{_MAIN}v", f"{_MAIN}is", f"{_MAIN}t", f"{_MAIN}r"
_REFERENCE = re.compile(r"^\$?([A-Za-z]{1,3})\$?\d*$")
_LAST_COLUMN = 16384
_COLUMNS = {get_column_letter(c): c for c in range(1, _LAST_COLUMN + 1)}
# Number formats 27–31, 36, 50–54, 57 and 58 are dates in Chinese Excel (yyyy"年"m"月"d"日"…), ECMA-376 §18.8.30.
_EAST_ASIAN_DATES = frozenset({27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58})


class Unreadable(Exception):
    """The workbook cannot be read; ``problem`` names the part, sheet or cell for the clerk."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Budget:
    """XML elements read so far from one workbook: each costs time, whatever it is, so all are counted."""

    def __init__(self) -> None:
        self.spent = 0

    def elements(self, part: str, where: str, tags: tuple[str, ...], content: bytes) -> Iterator[Any]:
        """The elements of ``content`` with one of ``tags``, each once complete; every other element is freed as it
        ends, so memory stays small. A sheet is read to the end of its data only (nothing after it holds values)."""
        events = etree.iterparse(io.BytesIO(content), events=("start", "end"), resolve_entities=False,
                                 no_network=True, huge_tree=False, remove_comments=True, remove_pis=True)
        inside = 0  # depth within a wanted element, whose children are kept for it
        try:
            for event, element in events:
                if event == "start":
                    self.spent += 1
                    if self.spent > MAX_ELEMENTS:
                        raise Unreadable(Problem(where, f"内容过多（单元格、格式等超过 {MAX_ELEMENTS // 10_000} 万项），"
                                                        "不像是一个项目的数据；请删除多余的行、列和格式后再试"))
                    inside += inside > 0 or element.tag in tags
                    continue
                if inside:
                    inside -= 1
                    if inside:
                        continue
                    yield element
                elif element.tag == _DATA:
                    return
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError:  # checked well-formed already: a text node past libxml2's own limits, say
            raise Unreadable(Problem(where, _broken(part))) from None


class Sheet:
    """One worksheet, read row by row."""

    def __init__(self, book: Workbook, name: str, part: str) -> None:
        self.name, self.part, self._book = name, part, book

    def rows(self) -> Iterator[Row]:
        """The rows the sheet stores, in its order, with the cells that hold a value."""
        where = f"“{self.name}”表"
        previous = 0
        for row in self._book.budget.elements(self.part, where, (_ROW,), self._book.parts[self.part]):
            number = _number(row.get("r"), previous + 1, where, self.part)
            previous = number
            cells: dict[int, Any] = {}
            column = 0
            for cell in row.iter(_CELL):
                column = _column(cell.get("r"), column + 1, where, self.part)
                value = self._book.value(cell, where, self.part)
                if value is not None and value != "":
                    cells[column] = value
            yield number, cells


class Workbook:
    """A checked workbook: the names of all its sheets (chart sheets too) and its worksheets by name; see ``opened``."""

    def __init__(self, parts: dict[str, bytes]) -> None:
        self.parts = parts
        self.budget = _Budget()
        book = _target(parts, "", "officeDocument")
        if book not in parts:
            raise Unreadable(Problem("", NOT_A_WORKBOOK))
        related = _relationships(parts, book)
        self.names: list[str] = []
        self.sheets: dict[str, Sheet] = {}
        self.epoch: dt.datetime | dt.date = WINDOWS_EPOCH
        for element in self.budget.elements(book, book, (f"{_MAIN}sheet", f"{_MAIN}workbookPr"), parts[book]):
            if element.tag == f"{_MAIN}workbookPr":
                self.epoch = CALENDAR_MAC_1904 if element.get("date1904") in ("1", "true") else WINDOWS_EPOCH
                continue
            name = (element.get("name") or "").strip()
            kind, part = related.get(element.get(_RID), ("", ""))
            self.names.append(name)
            if kind == "worksheet":
                if part not in parts:
                    missing = f"工作簿列有此表，但文件中缺少它的内容（{part}），文件不完整或已损坏"
                    raise Unreadable(Problem(f"“{name}”表", missing))
                self.sheets.setdefault(name, Sheet(self, name, part))
        by_kind = {kind: part for kind, part in related.values()}
        self.strings = self._strings(by_kind.get("sharedStrings"))
        self.dates = self._date_styles(by_kind.get("styles"))

    def _strings(self, part: str | None) -> list[str]:
        if part is None or part not in self.parts:
            return []
        return [_text(si) for si in self.budget.elements(part, part, (f"{_MAIN}si",), self.parts[part])]
    def _date_styles(self, part: str | None) -> frozenset[int]:
        """The cell formats (by index) whose number format shows a date."""
        if part is None or part not in self.parts:
            return frozenset()
        custom: dict[int, str] = {}
        formats: list[int] = []
        for element in self.budget.elements(part, part, (f"{_MAIN}numFmt", f"{_MAIN}xf"), self.parts[part]):
            if element.tag == f"{_MAIN}numFmt":
                custom[_integer(element.get("numFmtId"))] = element.get("formatCode") or ""
            elif element.getparent().tag == f"{_MAIN}cellXfs":  # not the named styles' cellStyleXfs
                formats.append(_integer(element.get("numFmtId")))
        return frozenset(i for i, f in enumerate(formats)
                         if f in _EAST_ASIAN_DATES or is_date_format(custom.get(f) or BUILTIN_FORMATS.get(f) or "General"))

    def value(self, cell: Any, where: str, part: str) -> Any:
        """A cell's value as Excel last saved it (a formula's result, not the formula)."""
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(_INLINE)
            return _text(inline) if inline is not None else None
        raw = cell.findtext(_VALUE)
        if raw is None or raw == "":
            return None
        try:
            if kind == "s":
                return self.strings[int(raw)]
            if kind == "b":
                return {"1": True, "0": False, "true": True, "false": False}[raw.strip()]
            if kind == "d":
                return from_ISO8601(raw)
            if kind in ("str", "e"):
                return raw  # a formula's text, or an error such as #DIV/0! (named later as not a number)
            number = float(raw) if any(c in raw for c in ".eEnN") else int(raw)
        except (ValueError, IndexError, KeyError, OverflowError):
            raise Unreadable(Problem(where, _broken(part))) from None
        if _integer(cell.get("s")) in self.dates:
            try:
                return from_excel(number, self.epoch)
            except (ValueError, OverflowError):
                return number  # outside Excel's dates: the number itself, refused by the date column
        return number


def opened(raw: bytes) -> Workbook:
    """The workbook in ``raw``; an ``Unreadable`` naming the part or sheet when it is unsafe or broken."""
    try:
        parts = read_package(raw, "Excel 工作簿", ("[Content_Types].xml",))
    except PackageFault as fault:
        raise Unreadable(_package_problem(fault)) from None
    return Workbook(parts)


def _package_problem(fault: PackageFault) -> Problem:
    if not fault.part and fault.reason.startswith("不是有效的"):
        return Problem("", NOT_A_WORKBOOK)
    sheet = _sheet_name(fault.parts, fault.part)
    return Problem(f"{fault.part}（“{sheet}”表）" if sheet else fault.part, fault.reason)


def _sheet_name(parts: dict[str, bytes], part: str) -> str | None:
    """The name of the sheet ``part`` holds, when the workbook's own list says so and is itself sound."""
    sound = {}
    for name, content in parts.items():
        try:
            check_markup(name, content)
        except PackageFault:
            continue
        sound[name] = content
    try:
        workbook = Workbook(sound | {part: b""})
    except Unreadable:
        return None
    return next((s.name for s in workbook.sheets.values() if s.part == part), None)


def _relationships(parts: dict[str, bytes], source: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (kind, part) of ``source`` (the package itself when "")."""
    folder, name = posixpath.split(source)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in parts:
        return {}
    related = {}
    try:
        found = list(etree.fromstring(parts[rels], SAFE_PARSER).iter(_REL))
    except etree.XMLSyntaxError:
        return {}
    for rel in found:
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        related[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], part)
    return related


def _target(parts: dict[str, bytes], source: str, kind: str) -> str | None:
    return next((part for k, part in _relationships(parts, source).values() if k == kind), None)


def _text(element: Any) -> str:
    """The text of a string item: its own ``t`` or its runs' (phonetic guides left out)."""
    own = element.find(_TEXT)
    if own is not None:
        return own.text or ""
    return "".join(run.findtext(_TEXT) or "" for run in element.iterchildren(_RUN))


def _integer(text: str | None) -> int:
    try:
        return int(text) if text else 0
    except ValueError:
        return -1


def _number(text: str | None, default: int, where: str, part: str) -> int:
    if text is None:
        return default
    if not text.isdigit() or not 0 < int(text) <= 1_048_576:
        raise Unreadable(Problem(where, _broken(part)))
    return int(text)


def _column(reference: str | None, default: int, where: str, part: str) -> int:
    column = default if reference is None else _COLUMNS.get(reference.rstrip("0123456789")) or _column_of(reference)
    if not 0 < column <= _LAST_COLUMN:
        raise Unreadable(Problem(where, _broken(part)))
    return column


def _column_of(reference: str) -> int:
    match = _REFERENCE.match(reference)
    return column_index_from_string(match.group(1).upper()) if match else 0


def _broken(part: str) -> str:
    return f"无法读取：{part} 的内容不符合 Excel 工作簿的格式，请用 Excel 或 WPS 打开后另存为 .xlsx 再试"
