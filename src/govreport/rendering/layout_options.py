"""Layout-profile options of a template chain, applied to a rendered DOCX: font names and page-number position."""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.part import XmlPart

from ..chain import LayoutOptions
from ..ooxml.ns import qn

FONT_SLOTS = tuple(qn(f"w:{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs"))


def apply_layout(document: Document, layout: LayoutOptions) -> None:
    parts = [p for p in document.part.package.iter_parts() if isinstance(p, XmlPart)]
    if layout.fonts:
        for part in parts:
            for fonts in part.element.iter(qn("w:rFonts")):
                for slot in FONT_SLOTS:
                    name = fonts.get(slot)
                    if name in layout.fonts:
                        fonts.set(slot, layout.fonts[name])
    if layout.page_number == "center":
        for part in parts:
            if part.element.tag == qn("w:ftr"):
                for paragraph in part.element.iter(qn("w:p")):
                    if any("PAGE" in (i.text or "") for i in paragraph.iter(qn("w:instrText"))):
                        _centre(paragraph)


def _centre(paragraph) -> None:
    props = paragraph.get_or_add_pPr()
    indent = props.find(qn("w:ind"))
    if indent is not None:
        props.remove(indent)
    props.jc_val = WD_ALIGN_PARAGRAPH.CENTER
