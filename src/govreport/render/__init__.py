"""Stage 5 — render: a validated report → the bytes of a DOCX or Markdown document."""

from __future__ import annotations

from typing import Literal

from ..report import Report
from .context import build_context
from .docx import render_docx
from .environment import environment
from .markdown import render_markdown

Format = Literal["docx", "md"]
FORMATS: tuple[str, ...] = ("docx", "md")


def render_bytes(report: Report, fmt: Format = "docx") -> bytes:
    env = environment()
    context = build_context(report, env)
    if fmt == "md":
        return render_markdown(report.kind.folder, context, env)
    return render_docx(report.kind.folder, context, env, report.kind.label)


def report_title(report: Report) -> str:
    """The document's title, as its content template writes it."""
    return build_context(report, environment())["title"]
