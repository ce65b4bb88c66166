"""Landscape pages for wide body tables: the section breaks around them copy the document's own page setup.

The template marks where a portrait section ends before a wide table and
where its landscape section ends after it, with bare ``w:sectPr`` elements.
Once per template (and shell), each marker becomes a copy of the body's
final section properties — footers, margins, line grid — so page numbers
run on across the sections; the landscape copy turns the paper. A numbering
restart or a distinct first page belongs to the document's first section
only, so copies after it drop them.
"""

from __future__ import annotations

import copy

from lxml import etree

from ..ooxml.ns import qn

FIRST_SECTION_ONLY = ("w:titlePg", "w:pgNumType")


def fill_section_marks(body: etree._Element) -> None:
    final = body.find(qn("w:sectPr"))
    if final is None:
        return
    marks = [s for s in body.iter(qn("w:sectPr")) if s is not final]
    for index, mark in enumerate(marks):
        size = mark.find(qn("w:pgSz"))
        landscape = size is not None and size.get(qn("w:orient")) == "landscape"
        filled = copy.deepcopy(final)
        if index > 0:
            for name in FIRST_SECTION_ONLY:
                for element in filled.findall(qn(name)):
                    filled.remove(element)
        if landscape:
            paper = filled.find(qn("w:pgSz"))
            width, height = paper.get(qn("w:w")), paper.get(qn("w:h"))
            paper.set(qn("w:w"), height)
            paper.set(qn("w:h"), width)
            paper.set(qn("w:orient"), "landscape")
        mark.getparent().replace(mark, filled)
