"""Markdown output: the same context as the DOCX, through a text template."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from .guard import template_guard


def render_markdown(folder: str, context: dict[str, Any], env: Environment) -> bytes:
    name = f"{folder}/report.md.j2"
    with template_guard(name):
        return env.get_template(name).render(context).encode("utf-8")
