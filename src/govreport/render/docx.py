"""DOCX output: the kind's docxtpl template — inside a county's shell when the chain has one —
filled in the sandboxed, autoescaping environment, then the chain's layout options and properties."""

from __future__ import annotations

import io
from typing import Any, ClassVar

from docxtpl import DocxTemplate

from ..chain import TemplateChain
from ..version import __version__
from .environment import BUILTIN_TEMPLATES, ReportEnvironment
from .guard import template_guard
from .layout import apply_layout
from .package import reproducible
from .properties import record
from .shell import find_shell, shell_template


class _PatchOnceTemplate(DocxTemplate):
    """docxtpl rewrites the same template XML with dozens of regular expressions on
    every render; the result depends only on the XML, so it is kept per process."""

    _patched: ClassVar[dict[str, str]] = {}

    def patch_xml(self, src_xml: str) -> str:
        patched = self._patched.get(src_xml)
        if patched is None:
            if len(self._patched) >= 64:
                self._patched.clear()
            patched = self._patched[src_xml] = super().patch_xml(src_xml)
        return patched


def render_docx(folder: str, context: dict[str, Any], env: ReportEnvironment, label: str,
                chain: TemplateChain) -> bytes:
    name = f"{folder}/report.docx"
    builtin = BUILTIN_TEMPLATES / name
    shell = find_shell(env.loader.layers, folder)
    source = io.BytesIO(shell_template(builtin, shell)) if shell else str(builtin)
    template = _PatchOnceTemplate(source)
    with template_guard(str(shell or name)):
        template.render(context, jinja_env=env)
    apply_layout(template.docx, chain.layout)
    record(template.docx, title=context["title"], subject=label, author=context["signature"],
           date=getattr(context["data"].meta, "date", None), version=__version__,
           chain=chain.describe(f"内置 {__version__}"))
    buffer = io.BytesIO()
    template.save(buffer)
    return reproducible(buffer.getvalue())
