"""Zip packages (DOCX, XLSX): checked before use when they come from outside, reproducible when written.

A package from outside (a county's shell, a form compiled by a caller) must be
a complete DOCX that passes ``ooxml.read_package``: under 50 MB unpacked,
well-formed, without DTD or entity declarations (no XXE). Zip entries carry
the time they were written; every entry is written with one fixed timestamp
and fixed attributes, so the same data and templates give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable

from lxml import etree

from ..errors import TemplateFault
from ..ooxml import PackageFault, read_package

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
CORE = "docProps/core.xml"
CORE_STAMP = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)")


def reproducible(content: bytes, date: dt.date | None = None) -> bytes:
    """``content`` with fixed entry times; ``date`` also replaces the creation and modification stamps
    of the core properties (XLSX writers put the clock there)."""
    if date is None:
        return zipped(entries(content))
    return with_core_dates(content, f"{date.isoformat()}T00:00:00Z".encode())


def with_core_dates(content: bytes, stamp: bytes) -> bytes:
    """``content`` with ``stamp`` as the creation and modification dates of its core properties."""
    return zipped((n, CORE_STAMP.sub(rb"\g<1>" + stamp + rb"\g<3>", d) if n == CORE else d) for n, d in entries(content))


def entries(content: bytes) -> list[tuple[str, bytes]]:
    """The files of a package, in its order."""
    with zipfile.ZipFile(io.BytesIO(content)) as source:
        return [(info.filename, source.read(info)) for info in source.infolist() if not info.is_dir()]


def checked_docx(data: bytes, label: str) -> bytes:
    """``data`` once it is known to be a safe, complete DOCX; otherwise a ``TemplateFault`` naming ``label``."""
    try:
        read_package(data, "Word 文档", ("[Content_Types].xml", "word/document.xml"))
    except PackageFault as fault:
        raise TemplateFault(f"{label} 的 {fault.part} {fault.reason}" if fault.part else f"{label} {fault.reason}") from None
    return data


def zipped(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A package of ``entries`` in order, each with the fixed timestamp and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, data)
    return out.getvalue()
