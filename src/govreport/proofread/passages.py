"""A document as numbered passages of text — what the checks read — from DOCX, Markdown or plain text.

A DOCX is read at the XML level (no Word needed): body paragraphs in order
(``第N段``), table cells (``表T 第R行第C列``), text boxes, headers,
footers, footnotes, endnotes and the document properties. Each passage
keeps its XML element so mechanical fixes can be written back.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..render.package import SAFE_PARSER

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
_T, _P, _TBL, _TR, _TC, _TXBX = (f"{{{W}}}{n}" for n in ("t", "p", "tbl", "tr", "tc", "txbxContent"))
_PARTS = {
    "header": "页眉", "footer": "页脚", "footnotes": "脚注", "endnotes": "尾注", "comments": "批注",
}
_PROPERTY_NAMES = {"title": "标题", "subject": "主题", "creator": "作者", "keywords": "关键词",
                   "description": "备注", "lastModifiedBy": "修改者", "category": "类别"}
MAX_UNPACKED = 200 * 1024 * 1024


SUFFIXES = (".docx", ".md", ".txt")


class Unreadable(Exception):
    """The file cannot be read as a document; the message says why, in Chinese."""


@dataclass
class Passage:
    """One paragraph or cell of text and where it is, as a clerk would look for it."""

    where: str
    text: str
    kind: str = "body"  # body | cell | textbox | header | footer | note | property
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
    return "".join(t.text or "" for t in paragraph.iter(_T) if not _inside_textbox(t, paragraph))


def _inside_textbox(node: Any, stop: Any) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == _TXBX:
            return True
        parent = parent.getparent()
    return False


def _cells(table: Any, number: int) -> Iterator[Passage]:
    for r, row in enumerate(table.iterchildren(_TR), start=1):
        for c, cell in enumerate(row.iterchildren(_TC), start=1):
            for paragraph in cell.iter(_P):
                if _inside_textbox(paragraph, cell):
                    continue
                yield Passage(f"表{number} 第{r}行第{c}列", paragraph_text(paragraph), "cell", paragraph, number, r, c)


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
    passages = []
    tables = 0
    in_table = False
    row = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if markdown and stripped.startswith("|") and stripped.endswith("|"):
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
            shown = _EMPHASIS.sub(r"\2", _MARKDOWN_MARK.sub("", stripped)) if markdown else stripped
            passages.append(Passage(f"第{number}行", shown, "body", line=number))
    return Document(path, passages, encoding=encoding)


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
