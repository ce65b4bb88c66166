"""XML of a package, parsed without resolving entities, loading DTDs or reaching the network.

``SAFE_PARSER`` is for parts already checked (or of our own making);
``check_markup`` is what a part from outside must pass first: no DTD at all,
and well-formed when it is named as XML.
"""

from __future__ import annotations

from lxml import etree

from .fault import PackageFault

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
XML_NAMES = (".xml", ".rels")
CHUNK = 1 << 20


class _Declarations:
    """A parser target that builds nothing and only notes a DOCTYPE, so any size of part is checked in little memory."""

    def __init__(self) -> None:
        self.declared = False

    def doctype(self, *_: object) -> None:
        self.declared = True

    def close(self) -> None:
        return None


def check_markup(name: str, content: bytes) -> None:
    """No part may declare a DTD; a part named as XML must be well-formed.

    Every part is parsed, whatever its name: a workbook may point at a sheet
    stored under any name, and the parser reads any encoding a DTD could hide in.
    Other parts (VML drawings, images) need not be XML at all.
    """
    target = _Declarations()
    parser = etree.XMLParser(target=target, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        for start in range(0, len(content), CHUNK):
            parser.feed(content[start:start + CHUNK])
            if target.declared:
                break
        if not target.declared:
            parser.close()
    except etree.XMLSyntaxError as exc:
        if not target.declared and name.lower().endswith(XML_NAMES):
            line, column = exc.position
            raise PackageFault(name, f"XML 有误（第 {line} 行第 {column} 列），文件不完整或已损坏") from None
    if target.declared:
        raise PackageFault(name, "含有 DTD 或实体声明（可能引用外部文件或无限展开），已拒绝")
