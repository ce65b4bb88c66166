"""A county's DOCX shell: its styles, page setup, headers, footers, 红头 and closing area around the standard body.

The shell is an ordinary Word file. Its body holds one paragraph reading
``【正文】``: what comes before it (the letterhead) opens the document, what
comes after it (a seal area, 抄送/印发) closes it, and the standard body
takes its place. Styles the body needs and the shell lacks are copied in.
Which shell a chain uses is the chain's business (``chain/shells.py``).
A shell comes from outside, so it is checked first: a real DOCX, under 50 MB
unpacked, and no DTD or entity declarations anywhere (no XXE).
"""

from __future__ import annotations

import copy
import io
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..errors import TemplateFault
from ..ooxml import MAX_UNPACKED
from ..ooxml.ns import qn
from .package import checked_docx

if TYPE_CHECKING:
    import docx.document

PLACEHOLDER = "【正文】"


def read_shell(path: Path) -> bytes:
    """The shell's bytes once it is known to be a safe, complete DOCX; otherwise a message naming it."""
    if path.stat().st_size > MAX_UNPACKED:
        raise TemplateFault(f"外壳文档 {path} 超过 50 MB，已拒绝")
    return checked_docx(path.read_bytes(), f"外壳文档 {path}")


def shell_template(builtin: Path, shell: Path) -> bytes:
    """The kind's built-in template with its body moved into the shell (kept per file version)."""
    stat = shell.stat()
    return _merged(builtin, shell, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _merged(builtin: Path, shell: Path, mtime: int, size: int) -> bytes:
    import docx

    base = docx.Document(str(builtin))
    outer = docx.Document(io.BytesIO(read_shell(shell)))
    body = outer.element.body
    section = body.find(qn("w:sectPr"))
    children = [c for c in body if c is not section]
    marker = next((i for i, c in enumerate(children) if _text(c) == PLACEHOLDER), None)
    if marker is None:
        if any(_text(c) for c in children):
            raise TemplateFault(f"外壳文档 {shell} 中没有单独一段“{PLACEHOLDER}”，无法确定正文的位置")
        marker, children = 0, [None]
    standard = [copy.deepcopy(c) for c in base.element.body if c.tag != qn("w:sectPr")]
    for child in list(body):
        body.remove(child)
    for element in [*children[:marker], *standard, *children[marker + 1:]]:
        if element is not None:
            body.append(element)
    body.append(section if section is not None else _page_setup(base))
    _add_missing_styles(base, outer)
    buffer = io.BytesIO()
    outer.save(buffer)
    return buffer.getvalue()


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t"))).strip()


def _page_setup(base: docx.document.Document) -> etree._Element:
    """The built-in page setup, without its footers (they belong to the built-in package)."""
    section = copy.deepcopy(base.element.body.find(qn("w:sectPr")))
    for reference in section.findall(qn("w:footerReference")) + section.findall(qn("w:headerReference")):
        section.remove(reference)
    return section


def _add_missing_styles(base: docx.document.Document, outer: docx.document.Document) -> None:
    have = {s.get(qn("w:styleId")) for s in outer.styles.element.findall(qn("w:style"))}
    for style in base.styles.element.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in have:
            outer.styles.element.append(copy.deepcopy(style))

