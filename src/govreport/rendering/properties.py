"""Document properties: title, author, date — and which govreport and which template chain made the file.

The dates are the document's own date, never the clock, so the same data
gives the same properties. The version and the chain are written both to
the comments (visible in any viewer) and as custom properties, replacing any
custom properties a county's shell brought.
"""

from __future__ import annotations

import datetime as dt

from docx.document import Document
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from ..ooxml.content_types import CUSTOM_PROPERTIES
from ..ooxml.properties import CUSTOM, CUSTOM_RELATIONSHIP, custom_properties


def record(document: Document, *, title: str, subject: str, author: str, date: dt.date | None,
           version: str, chain: str) -> None:
    props = document.core_properties
    props.title = title
    props.subject = subject
    props.author = author
    props.last_modified_by = author
    props.comments = f"govreport {version}；模板：{chain}"
    if date is not None:
        props.created = props.modified = dt.datetime.combine(date, dt.time())
    _custom(document, {"govreport": version, "模板链": chain})


def _custom(document: Document, values: dict[str, str]) -> None:
    package = document.part.package
    for rel in [r for r in package.rels.values() if r.reltype == CUSTOM_RELATIONSHIP]:
        del package.rels[rel.rId]  # the part it led to is no longer saved
    part = Part(PackURI(f"/{CUSTOM}"), CUSTOM_PROPERTIES, custom_properties(values), package)
    package.relate_to(part, CUSTOM_RELATIONSHIP)
