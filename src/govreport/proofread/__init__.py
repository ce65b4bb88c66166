"""Proofreading finished reports, whoever wrote them: ``govreport check``.

A document (DOCX, Markdown, plain text — also a copy from a web page or a PDF)
is read as numbered passages (``passages``), the body as runs of text across
the lines a copy broke (``blocks``), normalised before figures are read
(``normalize``, ``amounts``); each check is a small module yielding
``Finding``s — placeholder residue (``placeholders``), contradicting figures and
changes of a rate in % (``figures``), shares of one total past 100% (``shares``),
the self-evaluation form's rows and columns (``forms``), heading and list
numbering, dates and document numbers (``structure``), and the GB/T 9704 layout
of a DOCX (``layout``). ``fix`` applies the mechanical fixes to a copy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .figures import sentence_findings, table_findings
from .findings import KINDS, Finding
from .forms import form_findings
from .page_setup import layout_findings
from .passages import Document, Unreadable, read_document
from .placeholders import placeholder_findings
from .structure import date_findings, docnumber_findings, list_findings, numbering_findings

CHECKS: tuple[Callable[[Document], Iterator[Finding]], ...] = (
    placeholder_findings, sentence_findings, table_findings, form_findings, numbering_findings, list_findings,
    date_findings, docnumber_findings, layout_findings,
)

__all__ = ["KINDS", "Document", "Finding", "Unreadable", "check_document", "check_file", "read_document"]


def check_document(document: Document, ignore: Iterable[str] = ()) -> list[Finding]:
    """Every finding of every check, in document order per kind, without the kinds in ``ignore``."""
    skipped = set(ignore)
    return [f for check in CHECKS for f in check(document) if f.kind not in skipped]


def check_file(path: str | Path, ignore: Iterable[str] = ()) -> list[Finding]:
    """The findings of one file; ``Unreadable`` when it cannot be read. The file is only read, never written."""
    return check_document(read_document(Path(path)), ignore)
