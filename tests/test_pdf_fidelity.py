"""The PDF keeps every character of the DOCX, and sets the page GB/T 9704 asks for: 28 characters a line,
22 lines a page, the signature and date where 7.3.5 puts them.

Every sample — each kind, each outline, each example county folder, the self-evaluation form, and a county
shell holding a seal — is rendered to DOCX and all of them go to LibreOffice in one start.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import struct
import subprocess
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import govreport
from govreport.format.filters import FILTERS
from govreport.kinds import KINDS
from govreport.rendering.closing import closing_indents, shell_has_seal, text_width
from govreport.rendering.environment import BUILTIN_TEMPLATES

from .conftest import ROOT, SAMPLES, read

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
XHTML = {"h": "http://www.w3.org/1999/xhtml"}
PROFILE = yaml.safe_load((BUILTIN_TEMPLATES / "gbt9704.yaml").read_text(encoding="utf-8"))
PAGE = PROFILE["page"]
LEFT = PAGE["margin_left"] / 20  # points
RIGHT = (PAGE["width"] - PAGE["margin_right"]) / 20
TOP = PAGE["margin_top"] / 20
BOTTOM = (PAGE["height"] - PAGE["margin_bottom"]) / 20
PITCH = PAGE["line_pitch"] / 20
EM = 16  # 三号, in points
SEALED = "盖章县"

# Each sample: data file, county folders, kind it is rendered as (None: its own).
CASES = {
    "performance_evaluation": ("performance_evaluation.json", (), None),
    "sanya": ("sanya_health_poverty_2025.json", (), None),
    "sanya_mof2020": ("sanya_mof2020.json", (), None),
    "self_evaluation": ("self_evaluation.json", (), None),
    "sanya_self_evaluation": ("sanya_health_poverty_2025.json", (), "self_evaluation"),
    "work_summary": ("work_summary.json", (), None),
    "xiushan": ("xiushan_work_summary_2004.json", (), None),
    "三亚市": ("sanya_health_poverty_2025.json", (ROOT / "templates" / "三亚市",), None),
    "海南省": ("performance_evaluation.json", (ROOT / "templates" / "海南省",), None),
    "秀山县": ("xiushan_work_summary_2004.json", (ROOT / "templates" / "秀山县",), None),
    **{sample.stem: (sample.name, (), None) for sample in sorted(SAMPLES.glob("*.yaml"))},  # sections, tables, plans
}
WIDE = "宽表"  # a body table too wide for a portrait page, with a merged group: its landscape section and back


def wide_table_summary() -> dict:
    columns = [{"name": "类别", "merge": True}, {"name": "建设内容"},
               *({"name": f"第{q}季度投资（万元）", "type": "money"} for q in "一二三四"),
               {"name": "受益人数", "type": "count"}, {"name": "开工日期"}, {"name": "承建单位"}]
    rows = [["基本医疗" if i < 3 else "公共卫生", f"建设项目{i}", *(1000 + i * 10 + q for q in range(4)), 1200 + i,
             f"2025-0{i + 1}-05", "三亚市第一建筑工程有限公司"] for i in range(5)]
    data = read(SAMPLES / "work_summary.json")
    data["achievements"][0]["table"] = {"title": "建设项目投资情况表", "unit": "万元", "columns": columns, "rows": rows,
                                        "total": True}
    return data


def red_png(side: int = 16) -> bytes:
    """A small red square, standing in for a seal."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * side for _ in range(side))
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def county_with_picture(folder: Path, closing_part: bool) -> Path:
    """A county folder whose shell holds a picture after 【正文】 (a seal) or before it (a letterhead emblem)."""
    import docx
    from docx.shared import Mm

    from govreport.templatetools.scaffold import starter_shell

    (folder / "performance_evaluation").mkdir(parents=True)
    (folder / "manifest.yaml").write_text(f"name: {folder.name}\nversion: \"1.0\"\n", encoding="utf-8")
    document = docx.Document(io.BytesIO(starter_shell(KINDS["performance_evaluation"])))
    document.add_picture(io.BytesIO(red_png()), width=Mm(42))
    if not closing_part:  # move the picture's paragraph in front of 【正文】
        body = document.element.body
        body.insert(0, body[-2])
    document.save(str(folder / "performance_evaluation" / "shell.docx"))
    return folder


@dataclass(frozen=True)
class Sample:
    docx: bytes
    pdf: Path


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, Sample]:
    assert shutil.which("soffice"), "LibreOffice (soffice) must be installed for this test"
    from govreport.pdf import convert_files

    work = tmp_path_factory.mktemp("fidelity")
    cases = {**CASES, SEALED: ("sanya_health_poverty_2025.json", (county_with_picture(work / SEALED, True),), None),
             WIDE: (wide_table_summary(), (), None)}
    sources = {}
    for name, (data, folders, kind) in cases.items():
        report = govreport.load(data if isinstance(data, dict) else SAMPLES / data, kind=kind, templates=folders)
        sources[name] = work / f"{name}.docx"
        sources[name].write_bytes(govreport.render(report, "docx"))
    converted = convert_files(list(sources.values()), work)  # one LibreOffice start for all of them
    assert set(converted) == set(sources.values()), "LibreOffice did not convert every sample"
    return {name: Sample(path.read_bytes(), converted[path]) for name, path in sources.items()}


# --- the DOCX's text, as it is printed ---------------------------------------------------------------------


def _xml(package: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(package.read(name))


def _body_text(document: etree._Element) -> str:
    return "".join(t.text or "" for t in document.iter(f"{W}t"))


def _printed(part: etree._Element, page: int) -> str:
    """A header's or footer's text on page ``page``: a PAGE field prints the page number, not its stored result."""
    assert part.find(f".//{W}fldSimple") is None, "a simple field: read its instruction here before comparing"
    out, instruction, state = [], "", None
    for element in part.iter(f"{W}fldChar", f"{W}instrText", f"{W}t"):
        if element.tag == f"{W}fldChar":
            state = {"begin": "instruction", "separate": "result", "end": None}[element.get(f"{W}fldCharType")]
            if state == "instruction":
                instruction = ""
            elif state is None:
                assert instruction.split() == ["PAGE"], f"a field other than PAGE: {instruction}"
                out.append(str(page))
        elif element.tag == f"{W}instrText" and state == "instruction":
            instruction += element.text or ""
        elif element.tag == f"{W}t" and state is None:
            out.append(element.text or "")
    return "".join(out)


def _margins(docx: bytes) -> tuple[dict[str, dict[str, etree._Element]], bool]:
    """The section's headers and footers by type (default, even, first), and whether odd and even pages differ."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        document = _xml(package, "word/document.xml")
        rels = _xml(package, "word/_rels/document.xml.rels")
        targets = {r.get("Id"): r.get("Target") for r in rels}
        sections = document.findall(f".//{W}sectPr")

        def references(section: etree._Element) -> list[tuple[str, str | None, str | None]]:
            return [(r.tag, r.get(f"{W}type"), r.get(f"{R}id"))
                    for r in section if r.tag in (f"{W}headerReference", f"{W}footerReference")]
        # a landscape table's sections copy the document's own: the margins of each page are known
        assert all(references(section) == references(sections[-1]) for section in sections)
        sections = sections[-1:]
        parts: dict[str, dict[str, etree._Element]] = {"header": {}, "footer": {}}
        for kind in parts:
            for reference in sections[0].iter(f"{W}{kind}Reference"):
                parts[kind][reference.get(f"{W}type")] = _xml(package, "word/" + targets[reference.get(f"{R}id")])
        settings = _xml(package, "word/settings.xml")
    assert sections[0].find(f"{W}titlePg") is None
    return parts, settings.find(f"{W}evenAndOddHeaders") is not None


def bare(text: str) -> str:
    return re.sub(r"\s", "", text)


@dataclass(frozen=True)
class RepeatedRows:
    """A table whose first rows are repeated on every page it runs onto (w:tblHeader): where its text starts
    and ends in the body's text (whitespace removed), and the text of those rows."""

    start: int
    end: int
    text: str


def _repeated_rows(document: etree._Element) -> list[RepeatedRows]:
    offsets, total = {}, 0
    for t in document.iter(f"{W}t"):
        offsets[t] = total
        total += len(bare(t.text or ""))
    found = []
    for table in document.iter(f"{W}tbl"):
        texts = list(table.iter(f"{W}t"))
        heads = []
        for row in table.iterfind(f"{W}tr"):
            if row.find(f"{W}trPr/{W}tblHeader") is None:
                break
            heads.append(bare(_body_text(row)))
        if texts and heads:
            found.append(RepeatedRows(offsets[texts[0]], offsets[texts[-1]] + len(bare(texts[-1].text or "")), "".join(heads)))
    return found


@dataclass(frozen=True)
class Printed:
    """What a DOCX prints: the body's text, each page's header and footer, and the header rows tables repeat."""

    body: str
    margins: list[tuple[str, str]]
    repeated: list[RepeatedRows]


def printed_pages(docx: bytes, pages: int) -> Printed:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        document = _xml(package, "word/document.xml")
    parts, odd_and_even = _margins(docx)

    def on(kind: str, page: int) -> str:
        found = parts[kind]
        part = found.get("even") if odd_and_even and page % 2 == 0 and "even" in found else found.get("default")
        return _printed(part, page) if part is not None else ""

    margins = [(bare(on("header", n)), bare(on("footer", n))) for n in range(1, pages + 1)]
    return Printed(bare(_body_text(document)), margins, _repeated_rows(document))


def pdf_pages(pdf: Path) -> list[str]:
    """The PDF's text page by page, in the order it was drawn (tables cell by cell, as in the DOCX)."""
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    assert pages[-1].strip() == ""
    return pages[:-1]


def first_difference(expected: str, found: str) -> str:
    at = next((i for i, (a, b) in enumerate(zip(expected, found, strict=False)) if a != b), min(len(expected), len(found)))
    return f"第{at}个字起不同：DOCX …{expected[max(0, at - 15):at + 15]}… PDF …{found[max(0, at - 15):at + 15]}…"


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", [*CASES, SEALED, WIDE])
def test_the_pdf_prints_every_character_of_the_docx(samples, name):
    """Page by page: the header and footer (the page number its own), then the body's text; a table's header
    rows may stand again at the top of a page the table runs onto, nowhere else."""
    sample = samples[name]
    pages = pdf_pages(sample.pdf)
    expected = printed_pages(sample.docx, len(pages))
    found = ""
    for number, (page, (header, footer)) in enumerate(zip(pages, expected.margins, strict=True), start=1):
        text = bare(page)
        assert text.startswith(header) and text.endswith(footer), f"第{number}页页眉页脚应为“{header}”“{footer}”"
        text = text[len(header):len(text) - len(footer)]
        for table in expected.repeated:
            at = len(found)
            if table.start < at < table.end and text.startswith(table.text) and not expected.body.startswith(table.text, at):
                text = text[len(table.text):]
        found += text
    assert found == expected.body, first_difference(expected.body, found)


# --- 28 characters a line, 22 lines a page ------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    page: int
    top: float
    left: float
    right: float
    text: str


def pdf_lines(pdf: Path) -> list[Line]:
    """Every line pdftotext finds, with its box in points."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True))
    return [
        Line(number, float(line.get("yMin")), float(line.get("xMin")), float(line.get("xMax")),
             "".join(word.text or "" for word in line.iterfind("h:word", XHTML)))
        for number, page in enumerate(root.iterfind(".//h:page", XHTML), start=1)
        for line in page.iterfind(".//h:line", XHTML)
    ]


def full_width(text: str) -> bool:
    return all(unicodedata.east_asian_width(c) in "WF" for c in text)


# GB/T 15834: marks that never open a line (句号 逗号 顿号 分号 冒号 问号 叹号, closing quotes, brackets and
# title marks) and marks that never close one (opening quotes, brackets and title marks).
NO_LINE_START = "，。、；：？！”’）》〉」』】〕…"
NO_LINE_END = "“‘（《〈「『【〔"


def line_length(text: str, following: str, room: int) -> int | None:
    """How many characters a line of ``room`` full-width characters takes from ``text + following``, filled as far
    as the punctuation rules let it break; None when a half-width character would change the count."""
    joined = text + following
    if len(joined) <= room or not full_width(joined[:room + 1]):
        return None
    return max(n for n in range(1, room + 1) if joined[n - 1] not in NO_LINE_END and joined[n] not in NO_LINE_START)


@pytest.mark.libreoffice
def test_a_full_line_of_the_body_holds_28_characters(samples):
    """A line of Chinese text the paragraph runs on from holds 28 characters (26 after the first line's indent),
    one or two fewer only where a mark may not open the next line or close this one."""
    lines = [line for line in pdf_lines(samples["sanya"].pdf) if TOP - 1 < line.top < BOTTOM]
    judged = []
    for line, following in pairwise(lines):
        indent = (line.left - LEFT) / EM
        runs_on = abs(following.left - LEFT) < 0.5 and following.page == line.page  # the next line continues it
        if runs_on and min(abs(indent), abs(indent - 2)) < 0.1 and full_width(line.text):
            expected = line_length(line.text, following.text, PAGE["chars_per_line"] - round(indent))
            if expected is not None:
                judged.append((line.text, len(line.text), expected))
    assert len(judged) > 20, "too few full lines of Chinese text to judge"
    assert [j for j in judged if j[1] != j[2]] == []
    assert sum(found == PAGE["chars_per_line"] for _, found, _ in judged) >= 5


@pytest.mark.libreoffice
def test_a_full_page_holds_22_lines_on_the_line_pitch(samples):
    """Body pages: every line stands on the 579-twip pitch from the top of the type area, at most 22 of them,
    and a page the text runs over fills all 22."""
    pages: dict[int, list[float]] = {}
    for line in pdf_lines(samples["sanya"].pdf):
        if TOP - 1 < line.top < BOTTOM:
            pages.setdefault(line.page, []).append((line.top - TOP) / PITCH)
    grid = {n: slots for n, slots in pages.items() if all(abs(s - round(s)) < 0.3 for s in slots)}
    assert len(grid) >= 7, "the body pages of the 三亚 report stand on the line grid"
    assert all(max(round(s) for s in slots) <= 21 for slots in grid.values())
    full = [n for n, slots in grid.items() if sorted({round(s) for s in slots}) == list(range(22))]
    # the other pages end a line or two early where a heading keeps with the lines of its paragraph
    assert len(full) >= 2, {n: len(set(map(round, slots))) for n, slots in grid.items()}


# --- signature and date (GB/T 9704-2012 7.3.5) --------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    text: str
    left: int  # twips
    right: int
    align: str


def closing_paragraphs(docx: bytes) -> tuple[list[Placed], Placed]:
    """The signature lines and the date as the XML places them (the twips counts, not the style's characters)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        document = _xml(package, "word/document.xml")
    found: dict[str, list[Placed]] = {"GRSignature": [], "GRDate": []}
    for paragraph in document.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") in found:
            indent, align = paragraph.find(f"{W}pPr/{W}ind"), paragraph.find(f"{W}pPr/{W}jc")
            assert indent.get(f"{W}rightChars") == "0" and indent.get(f"{W}leftChars") in (None, "0")
            found[style.get(f"{W}val")].append(Placed(
                _body_text(paragraph), int(indent.get(f"{W}left", 0)), int(indent.get(f"{W}right")),
                align.get(f"{W}val") if align is not None else "right"))
    (date,) = found["GRDate"]
    return found["GRSignature"], date


AREA = PAGE["width"] - PAGE["margin_left"] - PAGE["margin_right"]  # 8844 twips


def test_signature_and_date_without_a_seal_worked_out_by_hand():
    """三亚市民政局: 6 characters of 315 twips (320 less the 5 the body is condensed by) = 1890. 2026年1月20日:
    3 characters (945), 7 figures of 155 (1085) and 5 joins of Chinese and figures of 70 (350) = 2380. Starting two
    characters (640) right of the signature, the date would end 2380 + 640 − 1890 = 1130 right of it: so the date
    is 右空二字 and the signature 640 + 1130 = 1770 in; the date starts 8844 − 1770 − 1890 + 640 = 5824 from the
    left edge and ends 8844 − 5824 − 2380 = 640 from the right one."""
    signature, date = closing_paragraphs(govreport.render(govreport.load(SAMPLES / "sanya_health_poverty_2025.json")))
    assert signature == [Placed("三亚市民政局", 0, 1770, "right")] and date == Placed("2026年1月20日", 5824, 0, "left")


def test_a_signature_longer_than_the_date_stays_two_characters_in():
    """秀山县: 16 and 17 characters (5355 twips for the longer, with （代章）); 二〇〇四年十二月二十日 is 11 (3465).
    Both signature lines 右空二字 (640); the date starts 640 right of the longer: 8844 − 640 − 5355 + 640 = 3489."""
    report = govreport.load(SAMPLES / "xiushan_work_summary_2004.json", templates=[ROOT / "templates" / "秀山县"])
    signature, date = closing_paragraphs(govreport.render(report))
    assert signature == [Placed("秀山土家族苗族自治县卫生项目办公室", 0, 640, "right"),
                         Placed("秀山土家族苗族自治县卫生局（代章）", 0, 640, "right")]
    assert date == Placed("二〇〇四年十二月二十日", 3489, 0, "left")


def test_with_a_seal_the_date_is_four_characters_in_and_the_signature_centred_over_it(tmp_path):
    """7.3.5.1: the date 右空四字 (1280); the signature (1890) centred over the date (2380): 1280 + 490 / 2 = 1525."""
    county = county_with_picture(tmp_path / SEALED, closing_part=True)
    report = govreport.load(SAMPLES / "sanya_health_poverty_2025.json", templates=[county])
    signature, date = closing_paragraphs(govreport.render(report))
    assert signature == [Placed("三亚市民政局", 0, 1525, "right")] and date == Placed("2026年1月20日", 0, 1280, "right")


def test_a_picture_before_the_body_is_no_seal(tmp_path):
    emblem = county_with_picture(tmp_path / "徽标县", closing_part=False) / "performance_evaluation" / "shell.docx"
    sealed = county_with_picture(tmp_path / SEALED, closing_part=True) / "performance_evaluation" / "shell.docx"
    assert not shell_has_seal(emblem) and shell_has_seal(sealed) and not shell_has_seal(None)


def width(text: str) -> int:
    return text_width(text, 320, -5)  # 三号 characters, condensed as the body is


NAMES = st.text(st.sampled_from("秀山土家族苗族自治县卫生局民政财政（代章）ABC"), min_size=1, max_size=24)
DATES = st.builds(lambda day, style: FILTERS["date"](day, style),
                  st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)), st.sampled_from(["arabic", "chinese"]))


@given(st.lists(NAMES, min_size=1, max_size=3), DATES)
def test_without_a_seal_the_date_starts_two_characters_right_of_the_signature(lines, date):
    placed = closing_indents(lines, date)
    assert len(set(placed.signature)) == 1 and placed.date_align == "left"  # one right edge for the signature lines
    signature_start = AREA - placed.signature[0] - max(map(width, lines))
    assert placed.date_left - signature_start == 640  # 首字比署名首字右移二字
    date_end_gap = AREA - placed.date_left - width(date)
    assert min(placed.signature[0], date_end_gap) == 640  # 右空二字: the signature, or the date when it is the longer


@given(st.lists(NAMES, min_size=1, max_size=3), DATES)
def test_with_a_seal_each_signature_line_is_centred_over_the_date(lines, date):
    placed = closing_indents(lines, date, sealed=True)
    assert placed.date_align == "right" and placed.date_right >= 1280 and min(placed.signature) >= 0
    for line, right in zip(lines, placed.signature, strict=True):
        assert abs((right + width(line) / 2) - (placed.date_right + width(date) / 2)) <= 1
    if max(map(width, lines)) <= width(date) + 2 * 1280:
        assert placed.date_right == 1280  # 右空四字 whenever the signature fits centred over it


def closing_line(lines: list[Line], text: str) -> Line:
    """The last line reading ``text``: the signature, not the title that may read the same."""
    return [line for line in lines if bare(line.text) == text][-1]


@pytest.mark.libreoffice
def test_on_the_page_the_date_starts_two_characters_right_of_the_signature(samples):
    lines = pdf_lines(samples["sanya"].pdf)
    signature, date = closing_line(lines, "三亚市民政局"), closing_line(lines, "2026年1月20日")
    assert abs((date.left - signature.left) - 2 * EM) < 1.5
    assert abs((RIGHT - date.right) - 2 * EM) < 1.5
    lines = pdf_lines(samples["秀山县"].pdf)
    signatures = [closing_line(lines, "秀山土家族苗族自治县卫生项目办公室"), closing_line(lines, "秀山土家族苗族自治县卫生局（代章）")]
    date = closing_line(lines, "二〇〇四年十二月二十日")
    assert all(abs((RIGHT - s.right) - 2 * EM) < 1.5 for s in signatures)
    assert abs((date.left - min(s.left for s in signatures)) - 2 * EM) < 1.5


@pytest.mark.libreoffice
def test_on_the_page_a_sealed_signature_is_centred_over_the_date_four_characters_in(samples):
    lines = pdf_lines(samples[SEALED].pdf)
    signature, date = closing_line(lines, "三亚市民政局"), closing_line(lines, "2026年1月20日")
    assert abs((RIGHT - date.right) - 4 * EM) < 1.5
    assert abs((signature.left + signature.right) / 2 - (date.left + date.right) / 2) < 1.5
