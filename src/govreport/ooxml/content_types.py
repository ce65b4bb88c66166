"""What each part of a package is, as its ``[Content_Types].xml`` says, and the content types govreport looks for."""

from __future__ import annotations

from lxml import etree

from .ns import qn
from .parser import SAFE_PARSER

CONTENT_TYPES = "[Content_Types].xml"
DOCUMENT_PART = "word/document.xml"  # the body of a DOCX, where Word and python-docx put it
_WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml."
WORD_MAIN = frozenset({
    f"{_WORD}document.main+xml",
    f"{_WORD}template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
})
WORD_HEADER = f"{_WORD}header+xml"
WORD_FOOTER = f"{_WORD}footer+xml"
WORD_FOOTNOTES = f"{_WORD}footnotes+xml"
CORE_PROPERTIES = "application/vnd.openxmlformats-package.core-properties+xml"
CUSTOM_PROPERTIES = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


def part_types(content_types: bytes) -> dict[str, str]:
    """Part name (without its leading "/") → content type, for each part the package names one for."""
    root = etree.fromstring(content_types, SAFE_PARSER)
    return {element.get("PartName", "").lstrip("/"): element.get("ContentType", "") for element in root.iter(qn("ct:Override"))}
