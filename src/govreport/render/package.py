"""Reproducible packages: the same data and templates give the same bytes.

A DOCX or XLSX is a zip; zip entries carry the time they were written. Every
entry is rewritten with one fixed timestamp and fixed attributes, in the
order the writer chose (which depends only on the document).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
CORE = "docProps/core.xml"
_STAMP = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)")


def reproducible(content: bytes, date: dt.date | None = None) -> bytes:
    """``content`` with fixed entry times; ``date`` also replaces the creation and modification stamps
    of the core properties (XLSX writers put the clock there)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            data = source.read(info)
            if date is not None and info.filename == CORE:
                data = _STAMP.sub(rb"\g<1>" + f"{date.isoformat()}T00:00:00Z".encode() + rb"\g<3>", data)
            target.writestr(entry, data)
    return out.getvalue()
