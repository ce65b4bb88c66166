"""Where a document goes when no output path is given: beside its data, named after the report's title."""

from __future__ import annotations

from pathlib import Path

from .report import Report


def default_output(report: Report, title: str, suffix: str) -> Path:
    """Beside the data file (or in the working folder), named after the report's title."""
    base = report.source.parent if report.source else Path.cwd()
    return base / f"{safe_filename(title)}.{suffix}"


def safe_filename(title: str) -> str:
    """A title usable as a file name on Windows and Linux alike."""
    cleaned = "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in title).strip(" .")
    return cleaned[:120] or "report"
