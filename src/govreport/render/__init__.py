"""Stage 5 — render: a validated report → the bytes of a DOCX or Markdown document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..report import Report
from .context import build_context
from .docx import render_docx
from .environment import environment
from .markdown import render_markdown

Format = Literal["docx", "md"]
FORMATS: tuple[str, ...] = ("docx", "md")


@dataclass(frozen=True)
class Rendered:
    """A finished document and the title its content template gave it (used to name the file)."""

    title: str
    content: bytes


def render_document(report: Report, fmt: Format = "docx") -> Rendered:
    env = environment()
    context = build_context(report, env)
    if fmt == "md":
        content = render_markdown(report.kind.folder, context, env)
    else:
        content = render_docx(report.kind.folder, context, env, report.kind.label)
    return Rendered(context["title"], content)
