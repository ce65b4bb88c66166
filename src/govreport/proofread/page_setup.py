"""GB/T 9704 layout of a DOCX, read from its XML: page size and margins, fonts and sizes, the page number.

What is expected is the profile govreport lays its own documents out by
(``templates/gbt9704.yaml``): its page, margins, and each element's font and size.

Fonts are resolved as Word does: the run's own properties, then its
character style, the paragraph style and the styles it is based on, then
the document defaults; the East Asian slot (``w:eastAsia``) is the one that
sets Chinese text. Findings are grouped — one per element and problem, with
the first places it occurs — so a document set in the wrong face gets one
line, not three hundred.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..vocabulary.gbt9704 import millimetres, profile
from .findings import Finding
from .passages import NS, Document, Passage, W, paragraph_text
from .structure import document_headings

TOLERANCE = 57  # 1 mm
STYLES = {  # element → the profile's style for it
    "标题": "title",
    "一级标题": "heading1",
    "二级标题": "heading2",
    "三级、四级标题": "heading3",
    "正文": "body",
    "附件标识": "appendix",
}
MARGINS = (("top", "上"), ("bottom", "下"), ("left", "左"), ("right", "右"))
ATTACHMENT = re.compile(r"^附件\s*\d*[:：]?$")
NOTE = re.compile(r"^(注|说明|备注)[:：]")
DOC_NUMBER_LINE = re.compile(r"^\S{0,20}〔\d{4}〕\d+号$")
FAMILIES = {
    "小标宋": ("小标宋", "XiaoBiaoSong", "FZXBS"),
    "黑体": ("黑体", "SimHei", "Hei"),
    "楷体": ("楷体", "KaiTi", "Kai"),
    "仿宋": ("仿宋", "FangSong", "Fang"),
}
PAGE_NUMBER = re.compile(r"^—\s*\S*\s*—$")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class Face:
    east_asia: str | None
    size: float | None  # points


# Paths in Clark notation: found without parsing a prefixed path on every call (runs are many).
_RPR, _RFONTS, _SZ, _VAL, _EAST_ASIA, _EAST_ASIA_THEME = (
    f"{{{W}}}{n}" for n in ("rPr", "rFonts", "sz", "val", "eastAsia", "eastAsiaTheme"))
_RUN_STYLE, _PARAGRAPH_STYLE, _PPR_JC = (
    f"{{{W}}}{a}/{{{W}}}{b}" for a, b in (("rPr", "rStyle"), ("pPr", "pStyle"), ("pPr", "jc")))


def _own(rpr: Any | None) -> Face:
    """The East Asian font and size set directly in one run-properties element."""
    if rpr is None:
        return Face(None, None)
    east_asia = size = None
    fonts = rpr.find(_RFONTS)
    if fonts is not None:
        theme = fonts.get(_EAST_ASIA_THEME)
        east_asia = fonts.get(_EAST_ASIA) or (f"主题字体（{theme}）" if theme else None)
    sz = rpr.find(_SZ)
    if sz is not None and sz.get(_VAL, "").isdigit():
        size = int(sz.get(_VAL)) / 2
    return Face(east_asia, size)


class Styles:
    """Effective East Asian font and size of a run, through the style chain."""

    def __init__(self, root: Any | None) -> None:
        self.styles = {s.get(_w("styleId")): s for s in root.iterfind("w:style", NS)} if root is not None else {}
        self.defaults = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS) if root is not None else None
        self._faces: dict[tuple[str | None, str | None], Face] = {}
        self.default_paragraph = next((i for i, s in self.styles.items()
                                       if s.get(_w("type")) == "paragraph" and s.get(_w("default")) in ("1", "true")), None)

    def _chain(self, style_id: str | None) -> Iterator[Any]:
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            based = style.find("w:basedOn", NS)
            style_id = based.get(_w("val")) if based is not None else None

    def face(self, paragraph: Any, run: Any) -> Face:
        run_face = _own(run.find(_RPR))
        if run_face.east_asia is not None and run_face.size is not None:
            return run_face
        run_style = run.find(_RUN_STYLE)
        paragraph_style = paragraph.find(_PARAGRAPH_STYLE)
        inherited = self._inherited(run_style.get(_VAL) if run_style is not None else None,
                                    paragraph_style.get(_VAL) if paragraph_style is not None else self.default_paragraph)
        return Face(run_face.east_asia or inherited.east_asia, run_face.size or inherited.size)

    def _inherited(self, run_style: str | None, paragraph_style: str | None) -> Face:
        """What a run without its own font or size gets from its styles and the defaults (kept per style pair)."""
        key = (run_style, paragraph_style)
        if key not in self._faces:
            east_asia = size = None
            sources = [s.find("w:rPr", NS) for s in self._chain(run_style)]
            sources += [s.find("w:rPr", NS) for s in self._chain(paragraph_style)] + [self.defaults]
            for rpr in sources:
                face = _own(rpr)
                east_asia, size = east_asia or face.east_asia, size or face.size
            self._faces[key] = Face(east_asia, size)
        return self._faces[key]

    def centred(self, paragraph: Any) -> bool:
        jc = paragraph.find(_PPR_JC)
        if jc is None:
            style = paragraph.find(_PARAGRAPH_STYLE)
            for s in self._chain(style.get(_VAL) if style is not None else self.default_paragraph):
                jc = s.find(_PPR_JC)
                if jc is not None:
                    break
        return jc is not None and jc.get(_VAL) == "center"


@lru_cache(maxsize=256)
def _family(name: str | None) -> str | None:
    if not name:
        return None
    return next((family for family, marks in FAMILIES.items() if any(m.lower() in name.lower() for m in marks)), None)


def _beside_table(paragraph: Any) -> bool:
    """A caption or note line directly above or below a table (项目名称…单位：万元), set in the table's size; a
    line under the table's note (注：… then 填报单位：…) is one of them too."""
    previous = paragraph.getprevious()
    while previous is not None and previous.tag == _w("p") and _a_note(previous):
        previous = previous.getprevious()
    return any(n is not None and n.tag == _w("tbl") for n in (previous, paragraph.getnext()))


def _a_note(paragraph: Any) -> bool:
    """注：… — its first piece of text is looked at before the whole paragraph's is joined."""
    first = paragraph.find(".//w:t", NS)
    if first is None:
        return False
    head = (first.text or "").lstrip()
    if head and head[0] not in "注说备":
        return False
    return bool(NOTE.match(paragraph_text(paragraph).strip()))


def _red(paragraph: Any) -> bool:
    for color in paragraph.iterfind(".//w:rPr/w:color", NS):
        value = color.get(_w("val"), "")
        if re.fullmatch(r"[0-9A-Fa-f]{6}", value):
            r, g, b = (int(value[i:i + 2], 16) for i in (0, 2, 4))
            if r > 180 and g < 90 and b < 90:
                return True
    return False


def _letterhead(passages: list[Passage]) -> int:
    """How many paragraphs open the document as a 红头: red lines (发文机关标志) and the 发文字号 under them."""
    count = 0
    for passage in passages:
        if _red(passage.element) or DOC_NUMBER_LINE.match(passage.text.strip()):
            count += 1
        else:
            break
    return count


def _elements(document: Document, styles: Styles) -> list[tuple[str, Passage]]:
    """The body paragraphs a layout rule applies to, each with its element; subtitles, table captions,
    notes and centred names of appendices follow their own conventions and are left out."""
    body = [p for p in document.body() if p.text.strip()]
    levels = {id(h.passage): h.level for h in document_headings(document)}
    result = []
    first = _letterhead(body)
    for i, passage in enumerate(body[first:], start=first):
        level = levels.get(id(passage))
        text = passage.text.strip()
        if i == first and level is None:
            result.append(("标题", passage))
        elif level is not None:
            result.append(({1: "一级标题", 2: "二级标题"}.get(level, "三级、四级标题"), passage))
        elif ATTACHMENT.match(text):
            result.append(("附件标识", passage))
        elif not (styles.centred(passage.element) or _beside_table(passage.element) or NOTE.match(text)):
            result.append(("正文", passage))
    return result


def _font_findings(document: Document, styles: Styles) -> Iterator[Finding]:
    problems: dict[tuple[str, str], list[str]] = {}
    layout = profile()["styles"]
    for element, passage in _elements(document, styles):
        expected = layout[STYLES[element]]
        font, size, family = expected["font"], expected["size"], _family(expected["font"])
        seen = set()
        for run in passage.element.iterfind(".//w:r", NS):
            if not paragraph_text(run).strip():
                continue
            face = styles.face(passage.element, run)
            if face.east_asia is None:
                seen.add("未设置中文字体（w:eastAsia），中文将以主题或默认字体显示")
            elif _family(face.east_asia) != family:
                seen.add(f"中文字体为“{face.east_asia}”，应为{font}")
            sizes = (size, layout["table_title"]["size"]) if element == "标题" else (size,)  # a form's name may be 小二
            if face.size is not None and all(abs(face.size - s) > 0.25 for s in sizes):
                seen.add(f"字号为{face.size:g}磅，应为{size}磅")
        for problem in seen:
            problems.setdefault((element, problem), []).append(passage.where)
    for (element, problem), places in problems.items():
        shown = "、".join(places[:3]) + (f"等{len(places)}处" if len(places) > 3 else "")
        yield Finding("layout", places[0], f"{element}：{shown}", f"{element}{problem}")


def _page_findings(document: Document) -> Iterator[Finding]:
    page = profile()["page"]
    paper = (page["width"], page["height"])
    body = document.parts["word/document.xml"].find("w:body", NS)
    sections = [*body.iterfind(".//w:pPr/w:sectPr", NS), *body.iterfind("w:sectPr", NS)]
    for number, section in enumerate(sections, start=1):
        where = f"第{number}节" if len(sections) > 1 else "页面设置"
        size = section.find("w:pgSz", NS)
        if size is None:
            continue
        width, height = int(size.get(_w("w"), 0)), int(size.get(_w("h"), 0))
        landscape = width > height
        if any(abs(a - b) > TOLERANCE for a, b in zip(sorted((width, height)), paper, strict=True)):
            yield Finding("layout", where, f"纸张 {width / 56.7:.0f}×{height / 56.7:.0f} mm",
                          "纸张应为 A4（{}×{} mm）".format(*map(millimetres, paper)))
        margins = section.find("w:pgMar", NS)
        if margins is None or landscape:
            continue
        expected = {key: page[f"margin_{key}"] for key, _ in MARGINS}
        wrong = [f"{name} {int(margins.get(_w(key), 0)) / 56.7:.1f} mm（应为 {millimetres(expected[key])} mm）"
                 for key, name in MARGINS if abs(int(margins.get(_w(key), 0)) - expected[key]) > TOLERANCE]
        if wrong:
            rule = "、".join(f"{name} {millimetres(expected[key])} mm" for key, name in MARGINS)
            yield Finding("layout", where, "页边距：" + "，".join(wrong), f"页边距应为{rule}")


def _has_page_field(paragraph: Any) -> bool:
    instructions = [i.text or "" for i in paragraph.iterfind(".//w:instrText", NS)]
    instructions += [f.get(_w("instr"), "") for f in paragraph.iterfind(".//w:fldSimple", NS)]
    return any(re.search(r"\bPAGE\b", i) for i in instructions)


def _page_number_findings(document: Document) -> Iterator[Finding]:
    numbered = [p for p in document.passages if p.kind == "footer" and p.element is not None and _has_page_field(p.element)]
    if not numbered:
        yield Finding("layout", "页脚", "（无页码）", "没有页码；页码应为“— 1 —”的形式")
        return
    for passage in numbered:
        if not PAGE_NUMBER.match(passage.text.strip()):
            yield Finding("layout", passage.where, passage.text.strip() or "（只有页码域）",
                          "页码应写作“— 1 —”：数字两侧各一个一字线（—）")


def layout_findings(document: Document) -> Iterator[Finding]:
    if not document.is_docx:
        return
    styles = Styles(document.parts.get("word/styles.xml"))
    yield from _page_findings(document)
    yield from _font_findings(document, styles)
    yield from _page_number_findings(document)
