"""The forms show every cell's text: column widths from content, rows as tall as their lines, labels on every page.

Widths are checked against the rules of format/textwidth.py and rendering/columns.py
and, for real, against what LibreOffice makes of the DOCX and the XLSX.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import fields
from decimal import Decimal as D
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

import govreport
from govreport.format.numbers import amount, number, percent
from govreport.format.textwidth import (
    BREAK,
    char_width,
    heading_units,
    lines,
    text_width,
    units,
    whole,
    widest_unit,
    width_for_lines,
    wrap,
)
from govreport.rendering.columns import Cell, Layout, column_floors, fewest_lines, fit_columns, relaxed
from govreport.rendering.rows import FORM as FORM_ROWS
from govreport.rendering.rows import FORM_COLUMNS, SCORE_HEADINGS

from .conftest import SAMPLES, read, unnumbered
from .test_render import W

FORM = SAMPLES / "self_evaluation.json"
EVALUATION = SAMPLES / "sanya_health_poverty_2025.json"
TYPE_AREA = 11906 - 1588 - 1474  # A4 less the left and right margins (templates/gbt9704.yaml), twips
EM = 210  # twips of a 10.5 pt table character
CELL_SIDES = 57 + 57 + 10  # twips of a cell's width its text cannot use: both margins, a border's width


# --- text widths and line breaks -------------------------------------------------------------------------------


def test_characters_are_as_wide_as_the_widest_face_sets_them():
    assert [char_width(c) for c in "中（，“≥"] == [1, 1, 1, 1, 1]  # full width in Chinese faces
    # never narrower than Carlito/Calibri (advances of 2048 units) nor half an em (仿宋_GB2312's Latin)
    assert char_width("0") >= 1038 / 2048 and char_width("W") >= 1823 / 2048 and char_width("i") >= 0.5
    assert text_width("执行率（B/A）") == 5 + char_width("B") + char_width("/") + char_width("A")


def test_lines_break_where_chinese_typesetting_allows():
    assert units("≥12,000人次，") == ["≥12,000", "人", "次，"]  # ≥ stays with its figure, ， with its character
    assert units("执行率（B/A）") == ["执", "行", "率", "（B/A）"]  # （ never ends a line, ） never starts one
    assert heading_units("全年预算数（A）") == ["全年预算数", "（A）"]
    assert wrap("全年预算数（A）", 5.5, heading_units) == ["全年预算数", "（A）"]
    # 部分对象年中转入外县参保，下年度按月核对参保名单。 at 5 ems: 5 + 5 + 5 (参保， is one piece, 3 ems) + 5 + 4
    assert wrap("部分对象年中转入外县参保，下年度按月核对参保名单。", 5) == [
        "部分对象年", "中转入外县", "参保，下年", "度按月核对", "参保名单。"]
    assert lines("部分对象年中转入外县参保，下年度按月核对参保名单。", 5) == 5
    assert lines("一行\n两行", 10) == 2


CHINESE = st.text(alphabet=st.sampled_from(list("产出效益指标救助对象资金“”（）《》，。、；：%≥≤0123456789.,/ABCxyz")), max_size=80)


@given(CHINESE, st.floats(0.5, 40), st.floats(0, 10))
def test_a_wider_column_never_needs_more_lines(text, width, more):
    assert lines(text, width + more) <= lines(text, width)
    assert "".join(wrap(text, width)) == text.replace("\n", "")


@given(CHINESE.filter(bool), st.integers(1, 8))
def test_width_for_lines_is_the_narrowest_that_fits(text, count):
    width = width_for_lines(text, count)
    assert lines(text, width) <= count
    if width - 0.01 >= widest_unit(text):
        assert lines(text, width - 0.01) > count


# --- the column rule --------------------------------------------------------------------------------------------

CELLS = st.one_of(st.none(), st.builds(Cell, CHINESE.filter(bool), st.sampled_from([units, whole, heading_units]),
                                       figure=st.booleans()))


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=60)
@given(st.integers(2, 6).flatmap(lambda n: st.lists(st.lists(CELLS, min_size=n, max_size=n), min_size=1, max_size=8)),
       st.floats(10, 60))
def test_columns_fill_the_table_keep_their_floors_and_make_the_tallest_row_short(table, room):
    widths = fit_columns(table, room)
    assert sum(widths) == pytest.approx(room)
    while sum(column_floors(table)) >= room and relaxed(table) is not None:  # headings break before figures
        table = relaxed(table)
    floors = column_floors(table)
    if sum(floors) >= room:
        return  # the figures alone do not fit: the floors shrink alike
    assert all(w >= f - 1e-9 for w, f in zip(widths, floors, strict=True))
    layout = Layout(table)
    tallest = max(Layout.lines(c, w) for row in table for c, w in zip(row, widths, strict=True))
    fewest = fewest_lines(layout, room)
    assert tallest <= fewest
    if fewest > 1:  # one line fewer and the columns would not fit
        assert sum(layout.width_for(c, fewest - 1) for c in range(len(widths))) > room


# --- the Word tables --------------------------------------------------------------------------------------------


def tables(data) -> list:
    return docx.Document(io.BytesIO(govreport.render(govreport.load(data), "docx"))).tables


def cell_text(tc) -> str:
    return "".join(t.text or "" for t in tc.iter(f"{W}t"))


def cell_width(tc) -> int:
    return int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w"))


def test_the_rate_heading_of_the_word_form_fits_its_column_on_one_line():
    summary, _ = tables(read(FORM))
    head = next(tc for tc in summary._tbl.iter(f"{W}tc") if cell_text(tc) == "执行率（B/A）")
    # 执行率（B/A）: five full-width characters and B, /, A — 6.95 ems of 210 twips, and the cell's sides
    assert cell_width(head) >= text_width("执行率（B/A）") * EM + CELL_SIDES


def test_amounts_in_yuan_stay_whole_and_the_rate_heading_gives_way():
    summary, indicators = tables(big_form())
    for tc in summary._tbl.iter(f"{W}tc"):
        text = cell_text(tc)
        if re.fullmatch(r"[\d,.]+%?", text):  # 11,500,000.00 and the like: one line
            assert cell_width(tc) >= text_width(text) * EM + CELL_SIDES, text
    head = next(tc for tc in summary._tbl.iter(f"{W}tc") if cell_text(tc) == "执行率（B/A）")
    assert cell_width(head) < text_width("执行率（B/A）") * EM + CELL_SIDES  # three amounts of 7 ems leave no room
    assert cell_width(head) >= text_width("（B/A）") * EM + CELL_SIDES  # it breaks before its bracket only
    label = next(tc for tc in indicators._tbl.iter(f"{W}tc") if cell_text(tc) == "绩效指标")
    assert cell_width(label) >= 4 * EM + CELL_SIDES


def test_the_deviation_column_gets_the_room_its_text_needs():
    *_, scores = tables(read(EVALUATION))
    widths = [int(c.get(f"{W}w")) for c in scores._tbl.find(f"{W}tblGrid")]
    assert sum(widths) == TYPE_AREA
    assert widths[-1] == max(widths)  # 偏差原因分析及改进措施 is the widest column
    deviations = [r.cells[-1].text for r in scores.rows[2:-2]]
    # the longest, 第四季度台风影响，部分乡镇活动延期至次年；2026年一季度补齐。, is 28 characters and 2026: 30.4 ems,
    # so at most 5 lines from 6.1 ems on (the old column, 5.5 ems, took 6 lines); the target and actual columns
    # hold their figures with units whole (≥20,000人次, 103,600人), which costs the deviations a line
    assert max(map(text_width, deviations)) == pytest.approx(28 + text_width("2026"))
    assert (widths[-1] - CELL_SIDES) / EM >= 6.1
    assert all(lines(text, (widths[-1] - CELL_SIDES) / EM) <= 5 for text in deviations)
    quantities = [(r.cells[n].text, n) for r in scores.rows[2:-1] for n in (3, 4) if r.cells[n].text[:1] in "≥≤0123456789"]
    assert ("≥20,000人次", 3) in quantities and ("103,600人", 4) in quantities
    assert all(text_width(text) <= (widths[n] - CELL_SIDES) / EM for text, n in quantities)  # each on one line
    # and no other column is wider than its longest text on one line
    for n, width in enumerate(widths[:-1]):
        longest = max(text_width(r.cells[n].text) for r in scores.rows if r.cells[n].text)
        assert width <= longest * EM + CELL_SIDES + EM  # an em of spare at most, from the rounding and the share


def test_header_rows_repeat_and_every_row_names_its_group():
    for table in (tables(read(EVALUATION))[-1], tables(read(FORM))[-1]):
        trs = table._tbl.findall(f"{W}tr")
        assert [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in trs[:2]] == [True, False]
        assert not table._tbl.findall(f".//{W}vMerge")  # no merged label that a new page would leave blank


# --- the Excel form ---------------------------------------------------------------------------------------------

HEADINGS = {h.replace(BREAK, ""): h for h in SCORE_HEADINGS}  # with the marks of where they may break
SHOWN = {  # what Excel shows of a number in the form's formats, as figures.md writes it
    "[>=10000]#,##0.00;0.00": amount, "0.00%": lambda v: percent(v * 100), "0.00": amount, "General": number,
}


def shown(cell) -> str:
    if isinstance(cell.value, int | float):
        return SHOWN[cell.number_format](D(str(cell.value)))
    return str(cell.value)


def placed_cells(sheet):
    """Every written cell with its merged range (rows, columns)."""
    merged = {(r.min_row, r.min_col): r for r in sheet.merged_cells.ranges}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None or type(cell).__name__ == "MergedCell":
                continue
            area = merged.get((cell.row, cell.column))
            rows = range(cell.row, (area.max_row if area else cell.row) + 1)
            columns = range(cell.column, (area.max_col if area else cell.column) + 1)
            yield cell, rows, columns


def text_room(sheet, cell, columns) -> float:
    """Ems a cell's text has: a column ``width`` w gives w × 5.25 − 3.75 points (Calibri 11's 7-pixel digit, less
    5 pixels of margins and grid line)."""
    return (sum(sheet.column_dimensions[get_column_letter(c)].width for c in columns) * 5.25 - 3.75) / cell.font.sz


def check_every_cell_fits(sheet) -> None:
    """Every text fits its cell's width and height: a line is 1.5 ems high, a row has 4 points more."""
    for cell, rows, columns in placed_cells(sheet):
        size = cell.font.sz
        text, room = shown(cell), text_room(sheet, cell, columns)
        if isinstance(cell.value, int | float):
            assert text_width(text) <= room, f"{cell.coordinate} {text} would show as ###"
        height = sum(sheet.row_dimensions[r].height for r in rows)
        needed = lines(text, room) * 1.5 * size + 4
        assert needed <= height + 1e-6, f"{cell.coordinate}: {text!r} needs {needed} points, has {height}"
        if "\n" in text:  # a heading's written breaks: before a bracket or between its words, nowhere else
            plain = text.replace("\n", "")
            pieces = heading_units(HEADINGS.get(plain, plain))
            allowed = {sum(map(len, pieces[:n])) for n in range(1, len(pieces))}
            breaks = {len("".join(text.split("\n")[:n])) for n in range(1, text.count("\n") + 1)}
            assert breaks <= allowed, text


def sheet_of(data) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(io.BytesIO(govreport.render(govreport.load(data), "xlsx"))).active


def big_form() -> dict:
    """The sample in 元 (amounts of 12 characters) with 30 产出指标 that fell short, each with a long explanation."""
    data = read(FORM)
    data["funds"]["unit"] = "元"
    for source in data["funds"]["sources"]:
        for key in ("initial_budget", "budget", "spent"):
            source[key] *= 10000
    data["indicators"] = [
        {"level1": "产出指标", "level2": ["数量指标", "质量指标", "时效指标"][n // 10], "name": f"第{n + 1}项救助对象核查覆盖情况",
         "unit": "%", "op": ">=", "target": 90, "actual": 80, "weight": 3,
         "deviation": "部分乡镇信息系统尚未与县级平台对接，数据比对滞后；下年度完成系统对接并按月开展数据比对和回访核查。"}
        for n in range(30)
    ]
    return data


def test_every_cell_of_the_excel_form_fits_its_row_and_figures_never_wrap():
    sheet = sheet_of(read(FORM))
    check_every_cell_fits(sheet)
    # the 20-point rows of old cut these off: 执行率（B/A）, 服务对象满意度指标 and the budgets' headings
    assert {sheet["H5"].value, sheet["C20"].value} == {"执行率\n（B/A）", "服务对象满意度指标"}
    # row 12 (title, year, 项目名称, 主管部门, 项目资金 and its 4 rows, 年度总体目标 and its row, then 绩效指标)
    assert sheet["A12"].value == "绩效指标" and sheet.print_title_rows == "$12:$12"  # printed again on each page
    check_every_cell_fits(sheet_of(big_form()))


TEXT = st.text(alphabet=st.sampled_from(list("困难群众医疗救助资金项目参保对象，。、；（）“”%0123456789ABC")), min_size=1, max_size=90).filter(unnumbered)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=25)
@given(st.sampled_from([1, 2, 3, 5, 6, 9]).flatmap(lambda n: st.lists(st.tuples(TEXT, TEXT, TEXT, TEXT), min_size=n, max_size=n)),
       st.integers(1, 10 ** 9), TEXT)
def test_any_form_fits_its_rows(indicators, money, goal):
    data = read(FORM)
    data["goals"]["expected"] = [goal]
    data["funds"]["sources"] = [{"name": indicators[0][0][:20], "initial_budget": D(money), "budget": D(money),
                                 "spent": D(money) / 2}]
    data["indicators"] = [
        {"level1": level1[:10], "level2": level2[:12], "name": name, "op": ">=", "target": 90, "actual": 80, "unit": "%",
         "weight": D(90) / len(indicators), "deviation": deviation}
        for level1, level2, name, deviation in indicators
    ]
    check_every_cell_fits(sheet_of(data))


# --- what LibreOffice makes of them -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    assert shutil.which("soffice"), "LibreOffice (soffice) must be installed for this test"
    fonts = subprocess.run(["fc-list"], capture_output=True, text=True, check=True).stdout
    assert "Carlito" in fonts, "fonts-crosextra-carlito must be installed: Calc sizes columns by Calibri's metrics"
    from govreport.pdf import convert_files

    work = tmp_path_factory.mktemp("forms")
    sources = {
        "form.xlsx": govreport.render(govreport.load(read(FORM)), "xlsx"),
        "big.xlsx": govreport.render(govreport.load(big_form()), "xlsx"),
        "form-word.docx": govreport.render(govreport.load(read(FORM)), "docx"),  # stems differ: one PDF each
        "big-word.docx": govreport.render(govreport.load(big_form()), "docx"),
    }
    for name, content in sources.items():
        (work / name).write_bytes(content)
    converted = convert_files([work / name for name in sources], work)  # one LibreOffice start
    assert len(converted) == len(sources), "LibreOffice did not convert every form"
    return {path.name: pdf for path, pdf in converted.items()}


def pdf_text(pdf: Path) -> list[str]:
    """The PDF's text, page by page."""
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["form.xlsx", "big.xlsx"])
def test_calc_prints_every_cell_in_full(pdfs, name, tmp_path):
    pdf = pdfs[name]
    # Calc clips a cell's text to the cell only where it overflows: no clip path anywhere means nothing was cut
    subprocess.run(["pdftocairo", "-svg", str(pdf), str(tmp_path / "form.svg")], check=True)
    assert "<clipPath" not in (tmp_path / "form.svg").read_text(encoding="utf-8")
    printed = re.sub(r"\s", "", "".join(pdf_text(pdf)))
    assert "###" not in printed  # a number too wide for its column
    sheet = sheet_of(read(FORM) if name == "form.xlsx" else big_form())
    for cell, _, columns in placed_cells(sheet):
        if lines(shown(cell), text_room(sheet, cell, columns)) == 1:  # figures, labels: 1147.50, 服务对象满意度指标 …
            assert re.sub(r"\s", "", shown(cell)) in printed
    texts = "".join(re.sub(r"\s", "", shown(cell)) for cell, _, _ in placed_cells(sheet))
    assert not Counter(texts) - Counter(printed)  # and not a character of the longer texts is missing
    for page in pdf_text(pdf)[:-1]:  # the last is empty, after the final form feed
        assert "偏差原因分析及改进措施" in re.sub(r"\s", "", page)  # the indicators' headings on every page


@pytest.mark.libreoffice
def test_word_form_keeps_the_rate_heading_on_one_line(pdfs):
    page = pdf_text(pdfs["form-word.docx"])[0]
    assert any("执行率（B/A）" in re.sub(r"\s", "", line) for line in page.splitlines())  # no line break inside


@pytest.mark.libreoffice
def test_a_group_continued_on_a_new_page_shows_its_label_and_the_header(pdfs):
    pages = [re.sub(r"\s", "", page) for page in pdf_text(pdfs["big-word.docx"])]
    report = next(n for n, page in enumerate(pages) if "绩效自评报告" in page)  # the report after the form
    pages = [page for page in pages[:report] if "≥90%" in page]  # the pages with rows of the group
    assert len(pages) >= 3  # 30 rows of 产出指标 run over several pages
    for page in pages:
        assert "产出指标" in page and "偏差原因分析及改进措施" in page


def test_each_row_of_the_form_covers_the_grid_once_left_to_right():
    """The DOCX template and the XLSX form lay their rows out from rows.FORM: each row's cells must cover the
    nine grid columns exactly once, in order, or one of the two would print a ragged row."""
    assert FORM_COLUMNS == 9
    for row in fields(FORM_ROWS):
        spans = getattr(FORM_ROWS, row.name)
        covered = [c for first, last in spans for c in range(first, last + 1)]
        assert covered == list(range(9)), row.name
        assert all(first <= last for first, last in spans), row.name
