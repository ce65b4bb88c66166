"""Core and custom document properties: where they live, their dates, and the custom part's XML.

The core part's dates are rewritten in place (the rest of its bytes kept as
its writer made them), so a package's properties can be fixed after any
library has saved it. Custom properties are text values, numbered from 2 as
the standard asks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree

from .ns import NAMESPACES, qn

CORE = "docProps/core.xml"
CUSTOM = "docProps/custom.xml"
CUSTOM_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)")
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the format id the standard gives every custom property


def with_dates(core: bytes, stamp: bytes) -> bytes:
    """The core part with ``stamp`` as its creation and modification dates."""
    return _CORE_DATES.sub(rb"\g<1>" + stamp + rb"\g<3>", core)


def custom_properties(values: Mapping[str, str]) -> bytes:
    """The custom properties part holding ``values`` as text properties, in order."""
    root = etree.Element(qn("custom:Properties"), nsmap={None: NAMESPACES["custom"], "vt": NAMESPACES["vt"]})
    for pid, (name, value) in enumerate(values.items(), start=2):
        entry = etree.SubElement(root, qn("custom:property"), fmtid=_FMTID, pid=str(pid), name=name)
        etree.SubElement(entry, qn("vt:lpwstr")).text = value
    return DECLARATION + etree.tostring(root, encoding="unicode").encode()
