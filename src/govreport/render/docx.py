"""DOCX output: the kind's docxtpl template filled in the sandboxed, autoescaping environment."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any, ClassVar

from docxtpl import DocxTemplate
from jinja2 import Environment

from ..version import __version__
from .environment import BUILTIN_TEMPLATES
from .guard import template_guard


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


def render_docx(folder: str, context: dict[str, Any], env: Environment, label: str) -> bytes:
    name = f"{folder}/report.docx"
    template = _PatchOnceTemplate(str(BUILTIN_TEMPLATES / name))
    with template_guard(name):
        template.render(context, jinja_env=env)
    props = template.docx.core_properties
    props.title = context["title"]
    props.subject = label
    props.author = context["signature"]
    props.last_modified_by = context["signature"]
    props.comments = f"govreport {__version__}"
    written = getattr(context["data"].meta, "date", None)
    if written is not None:  # the document's date, not the clock: same data, same properties
        stamp = dt.datetime.combine(written, dt.time())
        props.created = props.modified = stamp
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()
