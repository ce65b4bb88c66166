"""Packages written reproducibly: every entry with one fixed timestamp and fixed attributes.

Zip entries carry the time they were written, and XLSX writers put the clock
into the core properties too; both are fixed here, so the same data and
templates give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable

from .properties import CORE, with_dates
from .reader import entries

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def zipped(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """A package of ``parts`` (name, bytes) in order, each with the fixed timestamp and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            entry = zipfile.ZipInfo(name, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, data)
    return out.getvalue()


def reproducible(content: bytes, date: dt.date | None = None) -> bytes:
    """``content`` with fixed entry times; ``date`` also replaces the creation and modification stamps
    of the core properties (XLSX writers put the clock there)."""
    if date is None:
        return zipped(entries(content))
    return with_core_dates(content, f"{date.isoformat()}T00:00:00Z".encode())


def with_core_dates(content: bytes, stamp: bytes) -> bytes:
    """``content`` with ``stamp`` as the creation and modification dates of its core properties."""
    return zipped((name, with_dates(data, stamp) if name == CORE else data) for name, data in entries(content))
