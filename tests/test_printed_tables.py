"""The appendix tables of the performance evaluation and the tables of the body are one mechanism: every figure
of the funds and score tables reaches the DOCX, Markdown and HTML documents, row by row; and a group label of a
long body table is written in every row of its group, so it stands on the page the group continues on."""

from __future__ import annotations

import copy
import html
import io
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import govreport
from govreport.format.filters import actual_text, target_text
from govreport.format.numbers import amount, number, percent

from .conftest import ROOT, SAMPLES, read

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
COUNTIES = ROOT / "templates"
NAMES = st.text(alphabet=st.sampled_from("中央省市县级财政补助配套资金医疗救助&<>（）、"), min_size=1, max_size=10).map(
    str.strip).filter(bool)
CENTS = st.integers(0, 10**9).map(lambda n: Decimal(n) / 100)


# --- the tables as each format prints them: lists of rows of cell texts ------------------------------------

def docx_tables(content: bytes) -> list[list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    return [[["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in tr.iter(f"{W}tc")] for tr in tbl.iter(f"{W}tr")]
            for tbl in body.iter(f"{W}tbl")]


def markdown_tables(text: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    previous = False
    for line in text.splitlines():
        is_row = line.startswith("|")
        if is_row and not re.fullmatch(r"\|( :?-+:? \|)+", line):
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if not previous:
                tables.append([])
            tables[-1].append(cells)
        previous = is_row
    return tables


def html_tables(page: str) -> list[list[list[str]]]:
    return [[[html.unescape(re.sub(r"<br>", "", cell)) for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr)]
             for tr in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)]
            for table in re.findall(r"<table>(.*?)</table>", page, flags=re.S)]


def headed(tables: list[list[list[str]]], first: str) -> list[list[str]]:
    """The rows below the heading of the one table whose heading opens with ``first``."""
    found = [t for t in tables if t and t[0] and t[0][0] == first]
    assert len(found) == 1, f"表头为“{first}”的表应有一张，实际{len(found)}张"
    return found[0][1:]


def filled(rows: list[list[str]]) -> list[list[str]]:
    """Rows without their empty cells (a spanned column is an empty cell in Markdown, none in DOCX and HTML)."""
    return [[c for c in row if c] for row in rows]


# --- what the figures say each table must hold -------------------------------------------------------------

def expected_funds(fig: Any) -> tuple[list[list[str]], list[list[str]]]:
    def source(s: Any) -> list[str]:
        return [s.name, amount(s.budget), amount(s.received), amount(s.spent), percent(s.arrival_rate),
                percent(s.execution_rate), percent(s.usage_rate)]

    sources = [*map(source, fig.funds.sources), ["合计", *source(fig.funds.total)[1:]]]
    uses = [[u.name, amount(u.amount), percent(u.share)] for u in fig.funds.uses]
    return sources, [*uses, ["合计", amount(fig.funds.uses_total)]] if uses else []


def expected_scores(fig: Any) -> list[list[str]]:
    """The score table's rows: a group's labels on every row of the group."""
    rows = []
    if fig.execution_score is not None:
        rows.append(["预算执行率", "100%", percent(fig.funds.total.execution_rate), number(fig.execution_weight),
                     amount(fig.execution_score), "/"])
    groups = {g.name: g for g in fig.level1_groups}
    for n, item in enumerate(fig.indicators):
        ind = item.indicator
        deviation = (ind.deviation or ("/" if item.met else "")) if item.applicable else (ind.reason or "")
        rows.append([ind.level1, ind.level2, ind.name, target_text(ind), actual_text(ind), number(ind.weight),
                     "/" if item.score is None else amount(item.score), deviation])
        last_of_group = n + 1 == len(fig.indicators) or fig.indicators[n + 1].indicator.level1 != ind.level1
        if fig.subtotals and last_of_group:
            group = groups[ind.level1]
            rows.append([f"{group.name}小计", number(group.weight), amount(group.score)])
    rows.append(["总分", number(fig.weight_total), amount(fig.total)])
    rows.append(["评价等级", fig.grade])
    return filled(rows)


def assert_every_figure_printed(report: govreport.Report) -> None:
    fig = report.figures
    sources, uses = expected_funds(fig)
    scores = expected_scores(fig)
    documents = {
        "docx": docx_tables(govreport.render(report, "docx")),
        "md": markdown_tables(govreport.render(report, "md").decode()),
        "html": html_tables(govreport.render(report, "html").decode()),
    }
    for fmt, tables in documents.items():
        assert filled(headed(tables, "资金来源")) == filled(sources), fmt
        if uses:
            assert filled(headed(tables, "资金用途")) == filled(uses), fmt
        assert filled(headed(tables, "一级指标")) == scores, fmt
    text = govreport.render(report, "md").decode()
    if fig.not_applicable is not None:  # the note under the table names each indicator not applicable
        note = text.split("| 评价等级")[1]
        assert all(f"“{i.indicator.name}”" in note for i in fig.not_applicable.dropped)


# --- the property ------------------------------------------------------------------------------------------

@st.composite
def evaluations(draw: Any) -> tuple[dict[str, Any], list[Any]]:
    """The contract example with generated sources, uses, indicators not applicable and a scoring profile."""
    data = read(SAMPLES / "performance_evaluation.json")
    funds = data["implementation"]["funds"]
    names = draw(st.lists(NAMES, min_size=1, max_size=4, unique=True))
    sources = []
    for name in names:
        budget = draw(CENTS.filter(lambda v: v > 0))
        received = draw(st.integers(0, int(budget * 100)).map(lambda n: Decimal(n) / 100))
        spent = draw(st.integers(0, int(received * 100)).map(lambda n: Decimal(n) / 100))
        sources.append({"name": name, "budget": budget, "received": received, "spent": spent})
    funds["sources"] = sources
    spent = sum((s["spent"] for s in sources), Decimal(0))
    uses = draw(st.lists(NAMES, max_size=3, unique=True)) if spent > 0 else []
    if uses:
        cuts = sorted(draw(st.lists(st.integers(0, int(spent * 100)), min_size=len(uses) - 1,
                                    max_size=len(uses) - 1)))
        bounds = [0, *cuts, int(spent * 100)]
        funds["uses"] = [{"name": n, "amount": Decimal(b - a) / 100}
                         for n, a, b in zip(uses, bounds, bounds[1:], strict=False)]
    else:
        funds.pop("uses", None)
    indicators = data["targets"]["indicators"]
    for ind in indicators[1:]:
        if draw(st.booleans()):
            ind.pop("deviation", None)
            ind.update(applicable=False, reason="本县未列入试点，该指标不考核")
    county = draw(st.sampled_from([None, "池州市", "示例省"]))
    return data, [COUNTIES / county] if county else []


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(evaluations())
def test_every_figure_of_the_appendix_tables_reaches_every_format(case):
    data, templates = case
    report = govreport.load(copy.deepcopy(data), templates=templates)
    assert_every_figure_printed(report)


@pytest.mark.parametrize(("sample", "outline"), [("performance_evaluation.json", None),
                                                 ("performance_evaluation.json", "mof2020"),
                                                 ("sanya_health_poverty_2025.json", None)])
def test_every_figure_of_each_sample_reaches_every_format(sample, outline):
    report = govreport.load(SAMPLES / sample, outline=outline)
    assert_every_figure_printed(report)


def test_the_contract_example_reads_as_worked_out_by_hand():
    """The contract example's appendix rows in Markdown: 588.6 + 291.35 + 214.05 = 1094.00 spent of 1200.00
    (91.17%); 1150.00 received (95.83%); 1094 ÷ 1150 = 95.13%; 预算执行率 10 × 91.17% = 9.12."""
    tables = markdown_tables(govreport.render(govreport.load(SAMPLES / "performance_evaluation.json"), "md").decode())
    assert headed(tables, "资金来源")[-1] == ["合计", "1200.00", "1150.00", "1094.00", "95.83%", "91.17%", "95.13%"]
    assert headed(tables, "一级指标")[0] == ["预算执行率", "", "", "100%", "91.17%", "10", "9.12", "/"]


# --- a long body table: its group label on the page the group continues on ---------------------------------

def long_grouped_summary() -> dict[str, Any]:
    """A work summary whose body table runs over two pages, 56 rows of its first group."""
    data = read(SAMPLES / "work_summary.json")
    rows = [["基本医疗" if i < 56 else "公共卫生", f"第{i + 1}号建设项目", 100 + i] for i in range(60)]
    data["achievements"][0]["table"] = {
        "title": "建设项目投资情况表", "unit": "万元", "total": True, "rows": rows,
        "columns": [{"name": "类别", "merge": True}, {"name": "建设内容"}, {"name": "投资", "type": "money"}]}
    return data


def _borders(tc: Any) -> set[str]:
    return {e.tag.removeprefix(W) for e in tc.iterfind(f"{W}tcPr/{W}tcBorders/*") if e.get(f"{W}val") == "nil"}


def test_a_group_label_is_written_in_every_row_of_its_group_with_the_inner_borders_dropped():
    content = govreport.render(govreport.load(long_grouped_summary()), "docx")
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    table = next(t for t in body.iter(f"{W}tbl") if "第1号建设项目" in "".join(t.itertext()))
    heading, *rows = table.iterfind(f"{W}tr")
    assert heading.find(f"{W}trPr/{W}tblHeader") is not None  # repeated on the second page
    first = [row.find(f"{W}tc") for row in rows]
    labels = ["".join(tc.itertext()) for tc in first]
    assert labels == ["基本医疗"] * 56 + ["公共卫生"] * 4 + ["合计"]
    edges = [_borders(tc) for tc in first]
    assert edges[0] == {"bottom"} and edges[55] == {"top"} and all(e == {"top", "bottom"} for e in edges[1:55])
    assert edges[56] == {"bottom"} and edges[59] == {"top"} and edges[60] == set()
    assert not any(tc.find(f"{W}tcPr/{W}vMerge") is not None for tc in first)  # nothing merged down


@pytest.mark.libreoffice
def test_the_continued_group_shows_its_label_on_the_second_page(tmp_path):
    assert shutil.which("soffice"), "LibreOffice (soffice) must be installed for this test"
    from govreport.pdf import convert_files

    docx = tmp_path / "long.docx"
    docx.write_bytes(govreport.render(govreport.load(long_grouped_summary()), "docx"))
    pdf = convert_files([docx], tmp_path)[docx]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = re.sub(r"(?<=\S) (?=\S)", "", text).split("\f")  # pdftotext sets digits among CJK apart: 第 1 号
    first = next(n for n, page in enumerate(pages) if "第1号建设项目" in page)
    following = pages[first + 1]
    # the heading repeats, and the rows of 基本医疗 on that page carry their label
    assert "建设内容" in following
    rows = [line for line in following.splitlines() if re.search(r"第(\d+)号建设项目", line)
            and int(re.search(r"第(\d+)号", line).group(1)) <= 56]
    assert rows, "the group of 56 rows should run onto the next page"
    assert all(line.lstrip().startswith("基本医疗") for line in rows)
