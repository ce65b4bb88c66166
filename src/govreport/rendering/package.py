"""A DOCX from outside (a county's shell, a form compiled by a caller), refused as a template fault when unsafe.

It must be a complete DOCX that passes ``ooxml.read_package``: under 50 MB
unpacked, well-formed, without DTD or entity declarations (no XXE). The
package layer says why in its own terms; here that becomes a ``TemplateFault``
naming the file.
"""

from __future__ import annotations

from ..errors import TemplateFault
from ..ooxml import PackageFault, read_package
from ..ooxml.content_types import CONTENT_TYPES, DOCUMENT_PART


def checked_docx(data: bytes, label: str) -> bytes:
    """``data`` once it is known to be a safe, complete DOCX; otherwise a ``TemplateFault`` naming ``label``."""
    try:
        read_package(data, "Word 文档", (CONTENT_TYPES, DOCUMENT_PART))
    except PackageFault as fault:
        raise TemplateFault(f"{label} 的 {fault.part} {fault.reason}" if fault.part else f"{label} {fault.reason}") from None
    return data
