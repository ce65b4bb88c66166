"""HTML output (the web page's preview): the same context as the DOCX, through an autoescaped template.

Templates named ``*.html.j2`` are autoescaped (``environment.py``), so
``& < >`` in data come out as text, never as markup. The page's style sheet
takes its margins, fonts and sizes from the GB/T 9704 profile (``gbt9704``).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from ..chain.loader import report_names
from ..vocabulary.gbt9704 import profile
from .guard import template_guard


def render_html(folder: str, context: dict[str, Any], env: Environment) -> bytes:
    names = report_names(folder, "report.html.j2")
    with template_guard(names[0]):
        return env.select_template(names).render({**context, "gbt9704": profile()}).encode("utf-8")
