"""The namespaces of the parts govreport reads and writes, and ``qn`` to spell ``w:t`` as lxml does."""

from __future__ import annotations

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "custom": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}


def qn(tag: str) -> str:
    """``w:name`` as lxml spells it: ``{namespace}name``."""
    prefix, name = tag.split(":", 1)
    return f"{{{NAMESPACES[prefix]}}}{name}"
