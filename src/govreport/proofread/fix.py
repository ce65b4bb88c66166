"""Mechanical fixes written into a new file: 发文字号 brackets, date padding, heading-number punctuation.

Only findings that carry a fix are applied; the checked file is read, never
written. In a DOCX the replacement is made in the paragraph's text runs
(a match may span runs; the new text goes into the run where it starts, so
that run's formatting is kept).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from ..write import write_atomic
from .findings import Finding
from .passages import _T, Document, _inside_textbox

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _replace_in_paragraph(paragraph: Any, old: str, new: str) -> bool:
    nodes = [t for t in paragraph.iter(_T) if not _inside_textbox(t, paragraph)]
    texts = [t.text or "" for t in nodes]
    start = "".join(texts).find(old)
    if start < 0:
        return False
    end = start + len(old)
    offset = 0
    placed = False
    for node, text in zip(nodes, texts, strict=True):
        node_start, node_end = offset, offset + len(text)
        offset = node_end
        if node_end <= start or node_start >= end:
            continue
        keep_before = text[:max(0, start - node_start)]
        keep_after = text[max(0, end - node_start):] if end < node_end else ""
        node.text = keep_before + (new if not placed else "") + keep_after
        node.set(XML_SPACE, "preserve")
        placed = True
    return True


def fixable(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.fix is not None]


def fixed_docx(document: Document, findings: list[Finding]) -> tuple[bytes, int]:
    """The DOCX with the fixes applied, and how many were applied."""
    by_where = {p.where: p for p in document.passages if p.element is not None}
    changed_roots: set[int] = set()
    applied = 0
    for finding in fixable(findings):
        passage = by_where.get(finding.where)
        if passage is not None and _replace_in_paragraph(passage.element, *finding.fix):  # type: ignore[misc]
            applied += 1
            changed_roots.add(id(passage.element.getroottree().getroot()))
    changed = {name: root for name, root in document.parts.items() if id(root) in changed_roots}
    source = document.path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in original.infolist():
            data = original.read(info)
            if info.filename in changed:
                data = etree.tostring(changed[info.filename], xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, data)
    return out.getvalue(), applied


def fixed_text(document: Document, findings: list[Finding]) -> tuple[bytes, int]:
    lines = document.path.read_bytes().decode(document.encoding).split("\n")
    line_of = {p.where: p.line for p in document.passages if p.line is not None}
    applied = 0
    for finding in fixable(findings):
        number = line_of.get(finding.where)
        old, new = finding.fix  # type: ignore[misc]
        if number is not None and old in lines[number - 1]:
            lines[number - 1] = lines[number - 1].replace(old, new, 1)
            applied += 1
    return "\n".join(lines).encode(document.encoding), applied


def write_fixed(document: Document, findings: list[Finding], output: Path) -> int:
    """Write the fixed copy atomically; returns how many fixes were applied."""
    content, applied = (fixed_docx if document.is_docx else fixed_text)(document, findings)
    write_atomic(output, content)
    return applied
