"""The fonts a package asks for: what the PDF font report compares with the faces the PDF was set in."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from .ns import qn
from .parser import SAFE_PARSER

FONT_PARTS = ("word/styles.xml", "word/document.xml")  # the style sheet's fonts, then the runs'


def east_asian_fonts(docx: bytes) -> list[str]:
    """The East Asian font names a DOCX of our own making asks for, in order of first mention."""
    found: list[str] = []
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        names = set(package.namelist())
        for part in FONT_PARTS:
            if part in names:
                root = etree.fromstring(package.read(part), SAFE_PARSER)
                found += [f for f in (e.get(qn("w:eastAsia")) for e in root.iter(qn("w:rFonts"))) if f]
    return list(dict.fromkeys(found))
