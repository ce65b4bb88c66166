"""Document properties: title, author, date — and which govreport and which template chain made the file.

The dates are the document's own date, never the clock, so the same data
gives the same properties. The version and the chain are written both to
the comments (visible in any viewer) and as custom properties.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

CUSTOM_URI = "/docProps/custom.xml"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


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
    entries = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name)}">'
        f"<vt:lpwstr>{escape(value, quote=False)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), start=2)
    )
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{entries}</Properties>"
    ).encode()
    package = document.part.package
    existing = next((r for r in package.rels.values() if r.reltype == RT.CUSTOM_PROPERTIES), None)
    if existing is not None:
        existing.target_part._blob = blob
    else:
        package.relate_to(Part(PackURI(CUSTOM_URI), CT.OFC_CUSTOM_PROPERTIES, blob, package), RT.CUSTOM_PROPERTIES)
