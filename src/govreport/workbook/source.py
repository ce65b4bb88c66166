"""A workbook from outside, opened safely: the package checked first, each sheet read as sparse rows, failures named.

openpyxl parses the XML itself, so it is only ever given the parts that
``ooxml.read_package`` has checked (bounded size, no DTD, well-formed),
repacked from the checked bytes. Its read-only worksheets pad every row to
the widest cell and fill in every missing row, which one far-away cell turns
into gigabytes; rows are taken instead from openpyxl's own sheet parser, as
it yields them, with only the cells the sheet holds.
"""

from __future__ import annotations

import io
import posixpath
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._reader import WorkSheetParser

from ..errors import Problem
from ..ooxml import PackageFault, check_markup, read_package, repacked
from ..render.package import SAFE_PARSER

Row = tuple[int, dict[int, Any]]
"""A row's number and its cells that hold something, by column number (both from 1)."""

NOT_A_WORKBOOK = "不是有效的 Excel 工作簿（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后再试"
# What openpyxl raises on well-formed XML that does not say what a workbook must (a missing part, a bad value).
_BOOK, _BOOK_RELS = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"  # where every spreadsheet program puts them
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet"
_RID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MALFORMED = (KeyError, IndexError, ValueError, TypeError, AttributeError, OverflowError, SyntaxError,
              zipfile.BadZipFile, InvalidFileException)


class Unreadable(Exception):
    """The workbook cannot be read; ``problem`` names the part or sheet for the clerk."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class Sheet:
    """One worksheet of the book, read row by row."""

    def __init__(self, book: Any, worksheet: Any, part: str) -> None:
        self.name = worksheet.title.strip()
        self._book, self._worksheet, self.part = book, worksheet, part

    def rows(self) -> Iterator[Row]:
        """The rows holding at least one cell, in the order the sheet stores them."""
        book, ws = self._book, self._worksheet
        with ws._get_source() as source:  # what ReadOnlyWorksheet does, without padding rows and columns
            parser = WorkSheetParser(source, ws._shared_strings, data_only=True, epoch=book.epoch,
                                     date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
            rows = parser.parse()
            while True:
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")  # a date out of range becomes "#VALUE!", named later by its cell
                        number, cells = next(rows)
                except StopIteration:
                    return
                except _MALFORMED:
                    raise Unreadable(Problem(f"“{self.name}”表", _broken(self.part))) from None
                yield number, {cell["column"]: cell["value"] for cell in cells if cell["value"] is not None}


class Workbook:
    """A checked workbook: the names of all its sheets (chart sheets too), its worksheets by name; see ``opened``."""

    def __init__(self, book: Any, sheets: list[Sheet]) -> None:
        self._book = book
        self.names = [name.strip() for name in book.sheetnames]
        self.sheets = {sheet.name: sheet for sheet in sheets}

    def close(self) -> None:
        self._book.close()


def opened(raw: bytes) -> Workbook:
    """The workbook in ``raw``; an ``Unreadable`` naming the part or sheet when it is unsafe or broken."""
    try:
        parts = read_package(raw, "Excel 工作簿", ("[Content_Types].xml",))
    except PackageFault as fault:
        raise Unreadable(_package_problem(fault)) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # extensions openpyxl does not know (WPS, newer Excel) are not data
            book = load_workbook(io.BytesIO(repacked(parts)), read_only=True, data_only=True)
            sheets = [Sheet(book, ws, ws._worksheet_path) for ws in book.worksheets]
    except _MALFORMED:
        raise Unreadable(Problem("", f"{NOT_A_WORKBOOK}（工作簿的结构有误）")) from None
    return Workbook(book, sheets)


def _package_problem(fault: PackageFault) -> Problem:
    if not fault.part and fault.reason.startswith("不是有效的"):
        return Problem("", NOT_A_WORKBOOK)
    sheet = _sheet_names(fault.parts).get(fault.part)
    return Problem(f"{fault.part}（“{sheet}”表）" if sheet else fault.part, fault.reason)


def _sheet_names(parts: dict[str, bytes]) -> dict[str, str]:
    """Part → the name of the sheet it holds, as the workbook's own list says when that list is itself sound."""
    try:
        for name in (_BOOK, _BOOK_RELS):
            check_markup(name, parts[name])
        targets = {r.get("Id"): r.get("Target", "") for r in etree.fromstring(parts[_BOOK_RELS], SAFE_PARSER).iter(_REL)}
        sheets = etree.fromstring(parts[_BOOK], SAFE_PARSER).iter(_SHEET)
    except (KeyError, PackageFault, etree.XMLSyntaxError):
        return {}
    return {_part_path(targets.get(s.get(_RID), "")): s.get("name", "").strip() for s in sheets}


def _part_path(target: str) -> str:
    """A relationship's target from the workbook (``worksheets/sheet1.xml`` or ``/xl/worksheets/sheet1.xml``) as a part name."""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def _broken(part: str) -> str:
    return f"无法读取：{part} 的内容不符合 Excel 工作簿的格式，请用 Excel 或 WPS 打开后另存为 .xlsx 再试"
