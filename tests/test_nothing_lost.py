"""Every field of the data reaches the document, or validate names it in a warning.

The property is checked on every sample, in every outline, kind it can be
rendered as and example county folder, and on generated variations of them:
each non-empty text and number of the data file appears in the Markdown
output, or a warning's path covers it.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport.format.numbers import number
from govreport.format.numerals import date_text

from .conftest import ROOT, SAMPLES, read, unnumbered

# Codes that choose how a document is written rather than what it says.
CODES = {"kind", "templates", "date_style", "outline", "op", "unit", "execution_scored", "overrun_allowed", "rectified",
         "type", "merge", "approximate", "total", "work_items_as_chapters"}
# Inputs of a computed figure: the sentence states the share or change worked out from them (tested by hand in
# test_work_summary.py), as the seeds write it ("比上年提高1.04个百分点", not the earlier rate); the form states
# the score a qualitative rating and its ratio give (test_self_evaluation.py).
COMPUTED_FROM = {"of", "previous", "rating", "ratio"}

COUNTY = ROOT / "templates"


def leaves(node: Any, path: str = "") -> list[tuple[str, Any]]:
    """(path, value) of every non-empty text and number in a data file."""
    if isinstance(node, dict):
        return [leaf for key, value in node.items() if key not in CODES | COMPUTED_FROM
                for leaf in leaves(value, f"{path}.{key}" if path else key)]
    if isinstance(node, list):
        return [leaf for i, value in enumerate(node) for leaf in leaves(value, f"{path}[{i}]")]
    if node is None or isinstance(node, bool) or node == "":
        return []
    return [(path, node)]


def written_forms(value: Any) -> set[str]:
    """How a value may be written on the page: a number at any precision, a date in either style, text as is."""
    if isinstance(value, (int, Decimal)):
        return {number(Decimal(value))} | {number(Decimal(value), digits) for digits in range(5)}
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        day = dt.date(*map(int, text.split("-")))
        return {date_text(day, "arabic"), date_text(day, "chinese")}
    text = re.sub(r"\s+", "", text)
    return {text, text.rstrip("，,；;：:、")}  # a heading standing alone is closed with 。


def covered(path: str, warned: list[str]) -> bool:
    return any(path == w or path.startswith((w + ".", w + "[")) for w in warned)


def lost(data: dict[str, Any], kind: str | None = None, outline: str | None = None,
         templates: tuple[Path, ...] = ()) -> list[str]:
    """The paths of the data that neither reach the page (Markdown, and the DOCX for what only a county's
    红头 shell prints) nor are named by a warning."""
    report = govreport.load(copy.deepcopy(data), kind, templates, outline)
    markdown = govreport.render(report, "md", outline).decode().replace("\\|", "|")
    page = re.sub(r"\s+", "", markdown + _document_text(govreport.render(report, "docx", outline)))
    warned = [p.path for p in report.warnings]
    return [path for path, value in leaves(data)
            if not covered(path, warned) and not any(form in page for form in written_forms(value))]


CASES = [
    ("performance_evaluation.json", None, None, ()),
    ("performance_evaluation.json", None, "mof2020", ()),
    ("performance_evaluation.json", "self_evaluation", None, ()),
    ("sanya_health_poverty_2025.json", None, None, ()),
    ("sanya_health_poverty_2025.json", None, "mof2020", ()),
    ("sanya_health_poverty_2025.json", None, None, (COUNTY / "三亚市",)),
    ("sanya_health_poverty_2025.json", None, None, (COUNTY / "海南省",)),
    ("sanya_health_poverty_2025.json", "self_evaluation", None, ()),
    ("sanya_mof2020.json", None, None, ()),
    ("self_evaluation.json", None, None, ()),
    ("work_summary.json", None, None, ()),
    ("xiushan_work_summary_2004.json", None, None, ()),
    ("xiushan_work_summary_2004.json", None, None, (COUNTY / "秀山县",)),
]


@pytest.mark.parametrize(("sample", "kind", "outline", "templates"), CASES)
def test_every_field_of_every_sample_reaches_the_page_or_is_named(sample, kind, outline, templates):
    assert lost(read(SAMPLES / sample), kind, outline, templates) == []


def test_mof2020_names_the_chapters_it_has_no_place_for():
    report = govreport.load(SAMPLES / "sanya_health_poverty_2025.json", outline="mof2020")
    warned = {p.path: p.message for p in report.warnings}
    assert set(warned) == {"management", "sustainability", "meta.doc_number", "meta.region"}
    assert "mof2020 提纲不印此项" in warned["management"] and "默认提纲第五章" in warned["management"]
    assert "默认提纲第八章" in warned["sustainability"]


def test_the_default_outline_names_the_mof2020_chapters_it_leaves_out():
    data = read(SAMPLES / "sanya_mof2020.json")
    data["meta"]["outline"] = "default"
    warned = {p.path for p in govreport.load(data).warnings}
    assert {"evaluation", "other"} <= warned


def test_a_red_header_shell_that_prints_the_doc_number_is_not_warned_of():
    data = read(SAMPLES / "sanya_health_poverty_2025.json")
    builtin = {p.path for p in govreport.load(data).warnings}
    county = {p.path for p in govreport.load(data, templates=[COUNTY / "三亚市"]).warnings}
    assert "meta.doc_number" in builtin and "meta.doc_number" not in county


def test_a_fallback_field_is_named_only_when_it_is_not_used():
    """The form's 年度总体目标 takes targets.expected, and background.objectives only when that is empty."""
    data = read(SAMPLES / "performance_evaluation.json")
    with_expected = {p.path for p in govreport.load(data, "self_evaluation").warnings}
    data["targets"]["expected"] = []
    without = {p.path for p in govreport.load(data, "self_evaluation").warnings}
    assert "background.objectives" in with_expected and "background.objectives" not in without


# A heading-only work item, as seeds/003 writes its （七）: the heading is the whole item, closed as a sentence.
SEED_ITEM = "加强项目土建工程、设备的管理，制定了土建维护计划和设备管理制度，对x光机、b超、心电图等大型设备进行了成本效益分析"


def test_a_heading_only_work_item_is_printed_as_a_sentence_and_keeps_its_number():
    data = read(SAMPLES / "xiushan_work_summary_2004.json")
    data["achievements"].insert(2, {"heading": SEED_ITEM, "paragraphs": []})
    md = govreport.render(govreport.load(data), "md").decode()
    headings = re.findall(r"^### (.*)$", md.split("\n## 二、")[0], re.M)  # the work items, before the problems
    assert headings[2] == "（三）" + SEED_ITEM + "。"
    assert headings[3].startswith("（四）") and len(headings) == len(data["achievements"])
    docx = govreport.render(govreport.load(data), "docx")
    assert "（三）" + SEED_ITEM + "。" in _document_text(docx)


def test_a_heading_that_already_ends_a_sentence_is_not_given_a_second_stop():
    data = read(SAMPLES / "work_summary.json")
    data["achievements"].append({"heading": "按期完成项目中期评估。", "paragraphs": []})
    md = govreport.render(govreport.load(data), "md").decode()
    assert md.count("按期完成项目中期评估。") == 1 and "实施。。" not in md


def _document_text(docx: bytes) -> str:
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    return html.unescape("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)))


# Generated variations: optional chapters emptied or filled, texts replaced, outlines and kinds varied.
texts = st.text(alphabet=st.sampled_from("项目资金救助完成情况提高基层卫生ABC12&<>{}（）、，"), min_size=1, max_size=12).filter(unnumbered)


def _vary_texts(node: Any, draw: Any) -> Any:
    if isinstance(node, dict):
        return {k: (v if k in CODES | {"rating"} else _vary_texts(v, draw)) for k, v in node.items()}
    if isinstance(node, list):
        kept = [_vary_texts(v, draw) for v in node]
        if kept and all(isinstance(v, str) for v in kept):
            return kept[: draw(st.integers(0, len(kept)))] or []
        return kept
    if isinstance(node, str) and not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", node) and draw(st.booleans()):
        return draw(texts).strip() or node
    return node


@st.composite
def variations(draw: Any) -> tuple[dict[str, Any], str | None, str | None]:
    sample = draw(st.sampled_from(["sanya_health_poverty_2025.json", "performance_evaluation.json",
                                   "xiushan_work_summary_2004.json", "self_evaluation.json"]))
    data = read(SAMPLES / sample)
    body = {k: _vary_texts(v, draw) for k, v in data.items() if k not in {"meta", "kind"}}
    data.update(body)
    if data["kind"] == "work_summary":
        for item in data["achievements"]:
            if draw(st.booleans()):
                item["paragraphs"], item["metrics"] = [], []  # heading-only items
        return data, None, None
    if data["kind"] == "performance_evaluation":
        data["other"] = draw(st.lists(texts.map(str.strip).filter(bool), max_size=2))
        if draw(st.booleans()):
            data.pop("management", None)
        return data, draw(st.sampled_from([None, "self_evaluation"])), draw(st.sampled_from([None, "mof2020"]))
    return data, None, None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variations())
def test_generated_data_loses_nothing(case):
    data, kind, outline = case
    try:
        govreport.load(copy.deepcopy(data), kind, (), outline)
    except govreport.DataError:
        return  # emptied required chapters are refused with their paths, which other tests cover
    assert lost(data, kind, None if kind else outline) == []
