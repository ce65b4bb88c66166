"""A document as numbered passages of text — what the checks read — from DOCX, Markdown or plain text.

A DOCX is read at the XML level (no Word needed): body paragraphs in order
(``第N段``), table cells (``表T 第R行第C列``), text boxes, headers,
footers, footnotes, endnotes and the document properties. Each passage
keeps its XML element so mechanical fixes can be written back.
"""

from __future__ import annotations

import io
import lzma
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..ooxml.parser import SAFE_PARSER

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
_T, _P, _TBL, _TR, _TC, _TXBX, _TCPR, _GRIDSPAN, _VAL = (
    f"{{{W}}}{n}" for n in ("t", "p", "tbl", "tr", "tc", "txbxContent", "tcPr", "gridSpan", "val"))
_PARTS = {
    "header": "页眉", "footer": "页脚", "footnotes": "脚注", "endnotes": "尾注", "comments": "批注",
}
_PROPERTY_NAMES = {"title": "标题", "subject": "主题", "creator": "作者", "keywords": "关键词",
                   "description": "备注", "lastModifiedBy": "修改者", "category": "类别"}
MAX_UNPACKED = 200 * 1024 * 1024
_BROKEN_PART = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, OSError, EOFError, RuntimeError, NotImplementedError)


SUFFIXES = (".docx", ".md", ".txt")


class Unreadable(Exception):
    """The file cannot be read as a document; the message says why, in Chinese."""


@dataclass
class Passage:
    """One paragraph or cell of text and where it is, as a clerk would look for it."""

    where: str
    text: str
    kind: str = "body"  # body | cell | textbox | header | footer | note | property | furniture (a web page's own lines)
    element: Any = None  # the w:p, for fixes and layout checks
    table: int | None = None  # for cells: table number, row, column (1-based)
    row: int | None = None
    column: int | None = None
    line: int | None = None  # text files: the line number


@dataclass
class Document:
    path: Path
    passages: list[Passage]
    parts: dict[str, Any] = field(default_factory=dict)  # DOCX: part name → parsed XML root
    encoding: str = "utf-8"  # text files: as read, so a fixed copy is written the same way
    found: dict[str, Any] = field(default_factory=dict)  # what one check works out and another reuses

    @property
    def is_docx(self) -> bool:
        return bool(self.parts)

    def body(self) -> list[Passage]:
        return [p for p in self.passages if p.kind == "body"]


def paragraph_text(paragraph: Any) -> str:
    """The paragraph's own text, without text boxes anchored in it."""
    if next(paragraph.iter(_TXBX), None) is None:  # most paragraphs anchor no text box
        return "".join(paragraph.itertext(_T, with_tail=False))
    return "".join(t.text or "" for t in paragraph.iter(_T) if not _inside_textbox(t, paragraph))


def _inside_textbox(node: Any, stop: Any) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == _TXBX:
            return True
        parent = parent.getparent()
    return False


def _span(cell: Any) -> int:
    """How many grid columns a cell spans (w:gridSpan in its w:tcPr, the cell's first child when present)."""
    properties = cell[0] if len(cell) and cell[0].tag == _TCPR else None
    span = properties.find(_GRIDSPAN) if properties is not None else None
    value = span.get(_VAL, "1") if span is not None else "1"
    return int(value) if value.isdigit() and int(value) > 0 else 1


def _cells(table: Any, number: int) -> Iterator[Passage]:
    """Cells by grid column, so a row with merged cells still lines up with the header."""
    for r, row in enumerate(table.iterchildren(_TR), start=1):
        c = 1
        for cell in row.iterchildren(_TC):
            for paragraph in cell.iter(_P):
                if _inside_textbox(paragraph, cell):
                    continue
                yield Passage(f"表{number} 第{r}行第{c}列", paragraph_text(paragraph), "cell", paragraph, number, r, c)
            c += _span(cell)


def _body(root: Any) -> Iterator[Passage]:
    body = root.find("w:body", NS)
    if body is None:
        return
    paragraphs = tables = 0
    for child in body:
        if child.tag == _P:
            paragraphs += 1
            yield Passage(f"第{paragraphs}段", paragraph_text(child), "body", child)
        elif child.tag == _TBL:
            tables += 1
            yield from _cells(child, tables)
        else:  # content controls (w:sdt) and the like: their paragraphs count as body text
            for paragraph in child.iter(_P):
                paragraphs += 1
                yield Passage(f"第{paragraphs}段", paragraph_text(paragraph), "body", paragraph)
    for boxes, box in enumerate(body.iter(_TXBX), start=1):
        for paragraph in box.iter(_P):
            yield Passage(f"文本框{boxes}", paragraph_text(paragraph), "textbox", paragraph)


def _part_label(name: str) -> tuple[str, str] | None:
    stem = Path(name).stem
    for prefix, label in _PARTS.items():
        if stem.startswith(prefix):
            number = stem[len(prefix):]
            return ("footer" if prefix == "footer" else "header" if prefix == "header" else "note",
                    f"{label}{number}" if number else label)
    return None


def _properties(root: Any, custom: bool) -> Iterator[Passage]:
    if custom:
        for prop in root:
            value = "".join(prop.itertext())
            yield Passage(f"自定义属性“{prop.get('name', '')}”", value, "property")
        return
    for element in root:
        name = etree.QName(element).localname
        if name in _PROPERTY_NAMES and element.text:
            yield Passage(f"文档属性“{_PROPERTY_NAMES[name]}”", element.text, "property")


_TEXT_PARTS = re.compile(
    r"^word/(document|styles|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$|^docProps/(core|custom)\.xml$"
)


def _needed(name: str) -> bool:
    """The parts that hold text or decide how it looks; themes, font tables and settings are not read."""
    return bool(_TEXT_PARTS.match(name))


def read_docx(path: Path, data: bytes) -> Document:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise Unreadable("不是有效的 Word 文档（.docx）") from None
    with package:
        if sum(i.file_size for i in package.infolist()) > MAX_UNPACKED:
            raise Unreadable("解压后超过 200 MB，不像是一份报告")
        names = package.namelist()
        if "word/document.xml" not in names:
            raise Unreadable("不是有效的 Word 文档（缺少 word/document.xml）")
        parts: dict[str, Any] = {}
        try:
            for name in names:
                if _needed(name):
                    parts[name] = etree.fromstring(package.read(name), SAFE_PARSER)
        except etree.XMLSyntaxError as exc:
            raise Unreadable(f"文档 XML 有误（{exc.msg}）") from None
        except _BROKEN_PART:  # the directory reads, a part does not: corrupt data, encrypted, unknown compression
            raise Unreadable("不是有效的 Word 文档（文件不完整、已损坏或已加密）") from None
    passages = list(_body(parts["word/document.xml"]))
    for name in sorted(parts):
        found = _part_label(name) if name.startswith("word/") and "/" not in name[5:] else None
        if found:
            kind, label = found
            for i, paragraph in enumerate(parts[name].iter(_P), start=1):
                passages.append(Passage(f"{label} 第{i}段", paragraph_text(paragraph), kind, paragraph))
    if "docProps/core.xml" in parts:
        passages += _properties(parts["docProps/core.xml"], custom=False)
    if "docProps/custom.xml" in parts:
        passages += _properties(parts["docProps/custom.xml"], custom=True)
    return Document(path, passages, parts)


_MARKDOWN_MARK = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+(?=\S))")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def read_text(path: Path, data: bytes, markdown: bool) -> Document:
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        encoding = "gb18030"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise Unreadable("既不是 UTF-8 也不是 GB18030 编码的文本") from None
    lines = text.splitlines()
    passages = _markdown_passages(lines) if markdown else _text_passages(lines)
    return Document(path, passages, encoding=encoding)


def _markdown_passages(lines: list[str]) -> list[Passage]:
    passages = []
    tables = 0
    in_table = False
    row = 0
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            if not in_table:
                tables, row, in_table = tables + 1, 0, True
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue
            row += 1
            passages += [Passage(f"第{number}行 表{tables} 第{row}行第{c}列", cell, "cell", None, tables, row, c, number)
                         for c, cell in enumerate(cells, start=1)]
            continue
        in_table = False
        if stripped:
            passages.append(Passage(f"第{number}行", _EMPHASIS.sub(r"\2", _MARKDOWN_MARK.sub("", stripped)), "body",
                                    line=number))
    return passages


# Lines a web page puts around a document: its catalogue data and publication time, not the document's text.
_PAGE_LABELS = re.compile(r"(?:索引号|发布机构|发布日期|发布时间|公开日期|公开时间|公开目录|时效性|有效性|浏览量|点击数|字体)"
                          r"\s*\]?\s*[:：|]")
_PAGE_TIME = re.compile(r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}|^\s*(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s*$")


def _row_cells(line: str) -> list[str]:
    """The cells of a text line written as a table row (a copy of a web page's table): “a | b |”, “| c”, “|”."""
    stripped = line.strip()
    cells = stripped.split("|")
    if stripped.endswith("|"):
        cells.pop()
    if stripped.startswith("|") and len(cells) > 1:
        cells.pop(0)
    return [c.strip() for c in cells]


def _text_passages(lines: list[str]) -> list[Passage]:
    """Lines of a text file; lines with “|” are table cells, and a page's catalogue lines are set apart."""
    rows: list[tuple[int, str, bool]] = []  # line number, text, is a table row
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped:
            rows.append((number, stripped, "|" in stripped and (stripped.startswith("|") or stripped.endswith("|")
                                                                or " | " in stripped)))
    furniture: set[int] = set()
    table: list[int] = []
    for number, stripped, is_row in [*rows, (0, "", False)]:
        if is_row:
            table.append(number)
            continue
        if any(_PAGE_LABELS.search(lines[n - 1]) for n in table):
            furniture.update(table)
        table = []
        if number and len(stripped) < 120 and (_PAGE_LABELS.search(stripped) or _PAGE_TIME.search(stripped)):
            furniture.add(number)
    passages = []
    tables = 0
    previous_row = False
    for number, stripped, is_row in rows:
        if number in furniture:
            passages.append(Passage(f"第{number}行", stripped, "furniture", line=number))
        elif is_row:
            tables += 0 if previous_row else 1
            passages += [Passage(f"第{number}行第{c}格", cell, "cell", None, tables, number, c, number)
                         for c, cell in enumerate(_row_cells(stripped), start=1)]
        else:
            passages.append(Passage(f"第{number}行", stripped, "body", line=number))
        previous_row = is_row
    return passages


def read_document(path: Path) -> Document:
    """The passages of a .docx, .md or .txt file; ``Unreadable`` when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise Unreadable(f"不支持的文件类型“{path.suffix or '无扩展名'}”，可检查 .docx、.md、.txt")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"无法读取（{exc.strerror}）") from None
    if suffix == ".docx":
        return read_docx(path, data)
    return read_text(path, data, markdown=suffix == ".md")
