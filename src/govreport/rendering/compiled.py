"""A DOCX template compiled once and rendered many times: docxtpl's tag syntax without its per-render cost.

docxtpl opens the package, re-serialises and rewrites its XML with regular
expressions, and compiles it with Jinja on every render. Here all of that
happens once, in ``compile_docx``: the package's entries are kept in memory
and the parts that can hold tags (body, headers, footers, footnotes, core
properties) are patched with docxtpl's own rewriting and compiled in a
sandboxed, autoescaping environment. ``render`` only runs the compiled
templates, applies docxtpl's post-processing (line breaks and tabs in
values, table grids grown by ``{%tc%}`` loops, drawing ids) and zips.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import Environment, StrictUndefined, Template
from lxml import etree

from ..format.filters import FILTERS
from ..ooxml.content_types import (
    CONTENT_TYPES,
    CORE_PROPERTIES,
    WORD_FOOTER,
    WORD_FOOTNOTES,
    WORD_HEADER,
    WORD_MAIN,
    part_types,
)
from ..ooxml.parser import SAFE_PARSER
from ..ooxml.reader import entries
from ..ooxml.writer import zipped
from .bounds import metered
from .cache import digest, from_source, stored
from .environment import BoundedSandbox
from .guard import template_fault
from .package import checked_docx

TAGGED_TYPES = WORD_MAIN | {WORD_HEADER, WORD_FOOTER, WORD_FOOTNOTES, CORE_PROPERTIES}  # the parts that may hold tags
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_TAG_TEXT = re.compile(r"<[^>]+>")
_TC_TAG = re.compile(r"\{%-?\s*tc\s")
_DOCPR_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")\d+(")')
_LISTING = re.compile(r"[\t\a\f\n]")


def sandbox() -> BoundedSandbox:
    """The environment of a caller's own form: sandboxed and bounded, autoescaped, undefined names an error,
    govreport's filters."""
    env = BoundedSandbox(autoescape=True, undefined=StrictUndefined, extensions=["jinja2.ext.do"])
    env.filters.update(FILTERS)
    return env


@lru_cache(maxsize=1)
def _docxtpl() -> Any:
    """docxtpl's XML rewriting, which uses no per-document state (imported only when it is needed)."""
    from docxtpl import DocxTemplate

    return DocxTemplate(None)


def _rewritten(package: list[tuple[str, bytes]]) -> dict[str, tuple[str, bool, bool]]:
    """The parts that can hold tags, as docxtpl rewrites them for Jinja, with what rendering must fix after."""
    types = part_types(dict(package)[CONTENT_TYPES])
    result = {}
    for part, data in package:
        if types.get(part) in TAGGED_TYPES:
            xml = etree.tostring(etree.fromstring(data, SAFE_PARSER), encoding="unicode")
            patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", _docxtpl().patch_xml(xml))
            result[part] = (patched, bool(_TC_TAG.search(_TAG_TEXT.sub("", xml))), "docPr" in xml)
    return result


def _is_json(data: bytes) -> bool:
    try:
        json.loads(data)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class _Part:
    template: Template
    grows_tables: bool  # a {%tc%} loop may add cells, so the table grid is fixed after rendering
    has_drawings: bool


class CompiledDocx:
    """A DOCX template ready to be filled any number of times; safe to share between threads."""

    def __init__(self, package: bytes, env: Environment | None = None, name: str = "模板") -> None:
        checked_docx(package, name)
        self.name = name
        self.env = env or sandbox()
        self._entries = entries(package)
        self._parts = {part: self._compiled(part, *source) for part, source in self._sources(package).items()}

    def _sources(self, package: bytes) -> dict[str, tuple[str, bool, bool]]:
        """Each tagged part rewritten for Jinja; kept on disk when the environment caches compiled code."""
        def build() -> bytes:
            return json.dumps(_rewritten(self._entries)).encode()

        if self.env.bytecode_cache is None:
            return json.loads(build())
        return json.loads(stored(f"parts-{digest(package)}.json", build, _is_json))

    def _compiled(self, part: str, source: str, grows_tables: bool, has_drawings: bool) -> _Part:
        try:
            template = from_source(self.env, source)
        except Exception as exc:
            fault = template_fault(exc, self._place(part))
            if fault is None:
                raise
            raise fault from None
        return _Part(template, grows_tables, has_drawings)

    def _place(self, part: str) -> str:
        """Where a failure happened: the form and its part (a line of a rewritten part would mean nothing)."""
        return f"{self.name} 的 {part} "

    def render(self, context: Mapping[str, Any]) -> bytes:
        """The filled document's bytes; the same context always gives the same bytes. All parts share one budget."""
        rendered = []
        with metered():
            for part, data in self._entries:
                compiled = self._parts.get(part)
                rendered.append((part, self._render_part(part, compiled, context).encode() if compiled else data))
        return zipped(rendered)

    def _render_part(self, name: str, part: _Part, context: Mapping[str, Any]) -> str:
        try:
            xml = part.template.render(context)
        except Exception as exc:
            fault = template_fault(exc, self._place(name))
            if fault is None:
                raise
            raise fault from None
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if _LISTING.search(xml):
            xml = _docxtpl().resolve_listing(xml)
        if part.grows_tables:
            xml = etree.tostring(_docxtpl().fix_tables(xml), encoding="unicode")
        if part.has_drawings:
            ids = iter(range(1001, 1 << 31))
            xml = _DOCPR_ID.sub(lambda m: f"{m.group(1)}{next(ids)}{m.group(2)}", xml)
        return xml if xml.startswith("<?xml") else DECLARATION + xml
