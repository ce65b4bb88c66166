"""Markdown output: the same context as the DOCX, through a text template."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from ..chain.loader import report_names
from .guard import template_guard


def render_markdown(folder: str, context: dict[str, Any], env: Environment) -> bytes:
    names = report_names(folder, "report.md.j2")
    with template_guard(names[0]):
        return env.select_template(names).render(context).encode("utf-8")
