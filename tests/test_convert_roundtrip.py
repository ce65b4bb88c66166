"""Every file ``govreport convert`` writes reads back as the same data: JSON, YAML and the Excel workbook.

Data of each kind is generated within the model's rules, with the text that
used to break the workbook (part names holding “：”, “；”, quotes, line
breaks; text starting with “=”), numbers up to the 15 digits Excel keeps,
dates Excel cannot show, and lists of a few hundred rows; the sheet-row limit
is checked at its edge.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport.cli import main
from govreport.convert import converted, plain
from govreport.reading import read_data
from govreport.validation import parse_model
from govreport.vocabulary.words import APPROXIMATIONS
from govreport.workbook.sheets import MAX_ROWS

from .conftest import SAMPLES, dump, read, unnumbered

PROPERTY = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
# Characters and pieces that mean something to a cell holding several values, to XML, to Excel or to a template.
AWKWARD = ["：", ":", "；", ";", "，", "|", '"', "“", "”", "'", "\n", "\r\n", "\t", "&", "<", ">", "{{", "}}", "{%",
           "=", "#N/A", "_x000D_", "  ", "1,000", "TRUE", "2026-01-20", "\u3000"]
CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff")


def _text_piece() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(AWKWARD), st.sampled_from(list("住院门诊县乡村卫生人员")), CHARACTERS)


TEXT = st.lists(_text_piece(), min_size=1, max_size=8).map("".join).filter(lambda s: s.strip() and unnumbered(s))
FORMULA_LIKE = TEXT.map(lambda s: "=" + s)
SOME_TEXT = st.one_of(TEXT, FORMULA_LIKE)
# Numbers within the model's range: fewer than 16 whole digits, at most 6 places, at most 15 significant digits.
AMOUNT = st.one_of(
    st.decimals(min_value=0, max_value=Decimal("999999999.999999"), places=6),
    st.decimals(min_value=0, max_value=10000, places=2),
    st.integers(0, 10**15 - 1).map(Decimal),  # 15 digits
    st.sampled_from([Decimal("0"), Decimal("1.10"), Decimal("1E+3"), Decimal("0.000001"), Decimal("2.53")]),
)
MONEY = st.one_of(  # to the cent, up to the 15 digits Excel keeps
    st.decimals(min_value=0, max_value=Decimal("9999999999999.99"), places=2),
    st.decimals(min_value=0, max_value=10000, places=2),
    st.sampled_from([Decimal("0"), Decimal("1.10"), Decimal("1E+3"), Decimal("588.6")]),
)
SIGNED = st.one_of(AMOUNT, AMOUNT.map(lambda d: -d))
POSITIVE = AMOUNT.filter(lambda d: d > 0)
RATIO = st.decimals(min_value=0, max_value=1, places=6)
DAY = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
YEAR = st.integers(1949, 2100)
PARAGRAPHS = st.lists(SOME_TEXT, max_size=3)


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def _record(required: dict[str, Any], optional: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A dict with every required key and any of the optional ones (left out, not set to None)."""
    return st.fixed_dictionaries(required, optional=optional)


REGION = _record({}, {"province": TEXT, "city": TEXT, "county": TEXT})
TEMPLATES = st.lists(TEXT, max_size=3)
SOURCE_FIELDS = {"name": SOME_TEXT, "budget": MONEY, "spent": MONEY}
SOURCE_OPTIONAL = {"initial_budget": MONEY, "overrun_allowed": st.booleans()}
INDICATOR = _record(
    {"level1": TEXT, "level2": TEXT, "name": SOME_TEXT, "op": st.sampled_from([">=", "<=", "=", "qualitative", "≥", "定性"]),
     "target": st.one_of(SIGNED, TEXT), "actual": st.one_of(SIGNED, TEXT), "weight": POSITIVE},
    {"unit": TEXT, "rating": st.sampled_from(["达成", "部分达成", "未达成"]), "ratio": RATIO, "score": AMOUNT,
     "deviation": SOME_TEXT},
)
PROBLEM = _record({"problem": SOME_TEXT}, {"cause": TEXT, "measure": TEXT})


def _rows(record: st.SearchStrategy[Any], min_size: int = 0) -> st.SearchStrategy[list[Any]]:
    """Mostly a handful of rows, sometimes a few hundred (a few generated rows repeated)."""
    many = st.tuples(st.lists(record, min_size=1, max_size=3), st.integers(70, 150)).map(lambda rows: rows[0] * rows[1])
    return st.one_of(st.lists(record, min_size=min_size, max_size=4), many)


PART_NAME = st.one_of(TEXT, st.sampled_from(["住院：A", "门诊:慢病", "计免；孕保", '"引号"开头', "换\n行", " 前后空格 ", "a|b，c"]))
LABELS = {"unit": TEXT, "share_label": TEXT, "previous_label": TEXT, "digits": st.integers(0, 4), "planned_label": TEXT,
          "stated_change_label": TEXT}
PARTS = st.lists(_record({"name": PART_NAME, "value": AMOUNT}, {}), min_size=2, max_size=4)
# A metric the model takes: a number or its parts (never both, which must agree), or a stated change, or an
# approximate number with nothing computed from it.
METRIC = st.one_of(
    _record({"name": SOME_TEXT, "value": SIGNED}, {**LABELS, "of": POSITIVE, "previous": SIGNED, "planned": SIGNED}),
    _record({"name": SOME_TEXT, "parts": PARTS}, {**LABELS, "of": POSITIVE, "previous": SIGNED, "planned": SIGNED}),
    _record({"name": SOME_TEXT, "stated_change": SIGNED}, {**LABELS, "value": SIGNED, "of": POSITIVE}),
    _record({"name": SOME_TEXT, "value": SIGNED, "approximate": st.sampled_from([a.code for a in APPROXIMATIONS])},
            {**LABELS, "planned": SIGNED, "stated_change": SIGNED}),
)
FIGURES = st.lists(METRIC, max_size=2)
COLUMN = _record({"name": SOME_TEXT}, {"type": st.sampled_from(["text", "money", "count", "rate"]), "merge": st.booleans()})


@st.composite
def _table(draw: st.DrawFn) -> dict[str, Any]:
    """A body table of up to 12 columns: numbers in a column of numbers, text or numbers in a text column, empty
    cells anywhere; a stated 合计 row of the same width (whether it adds up is a check, not the model's rule)."""
    columns = draw(st.lists(COLUMN, min_size=1, max_size=12))
    row = st.tuples(*(st.one_of(st.none(), SIGNED if c.get("type", "text") != "text" else st.one_of(TEXT, SIGNED))
                      for c in columns)).map(list)
    optional = {"title": SOME_TEXT, "unit": TEXT, "total": st.booleans(), "stated_total": row}
    return draw(_record({"columns": st.just(columns), "rows": _rows(row, 1)}, optional))


TABLE = _table()
# Sections two heading levels deep at most (what every narrative place takes), and untitled groups of figures,
# which is all the opening paragraphs of a summary take.
LOWER_SECTION = _record({"title": SOME_TEXT}, {"paragraphs": PARAGRAPHS, "figures": FIGURES, "table": TABLE})
SECTION = _record({"title": SOME_TEXT}, {"paragraphs": PARAGRAPHS, "figures": FIGURES, "table": TABLE,
                                         "sections": st.lists(LOWER_SECTION, max_size=2)})
GROUP = st.one_of(_record({"figures": st.lists(METRIC, min_size=1, max_size=2)}, {"paragraphs": PARAGRAPHS}),
                 _record({"table": TABLE}, {"figures": FIGURES}))
BLOCKS = st.lists(st.one_of(SOME_TEXT, SOME_TEXT, SECTION, GROUP), max_size=3)
# A numbered chapter is items or titled sections, never both (groups may stand among either).
NUMBERED = st.one_of(st.lists(st.one_of(SOME_TEXT, SOME_TEXT, GROUP), max_size=3),
                     st.lists(st.one_of(SECTION, GROUP), max_size=3))
PERFORMANCE_EVALUATION = _record(
    {
        "kind": st.just("performance_evaluation"),
        "meta": _record(
            {"department": TEXT, "project": TEXT, "year": YEAR, "evaluator": TEXT, "date": DAY},
            {"region": REGION, "doc_number": TEXT, "title": TEXT, "date_style": st.sampled_from(["arabic", "chinese"]),
             "templates": TEMPLATES, "outline": st.sampled_from(["default", "mof2020"])},
        ),
        "implementation": _record(
            {"funds": _record({"sources": _rows(_record({**SOURCE_FIELDS, "received": MONEY}, SOURCE_OPTIONAL), 1)},
                              {"unit": st.sampled_from(["万元", "元"]),
                               "uses": _rows(_record({"name": TEXT, "amount": MONEY}, {}))})},
            {"period": _record({"start": DAY, "end": DAY}, {}), "progress": BLOCKS, "effects": BLOCKS,
             "beneficiaries": _rows(_record({"name": TEXT, "count": AMOUNT}, {"unit": TEXT}))},
        ),
        "targets": _record({"indicators": _rows(INDICATOR, 1)}, {"expected": BLOCKS, "execution_scored": st.booleans()}),
    },
    {
        "background": _record({}, {"basis": PARAGRAPHS, "overview": BLOCKS, "objectives": BLOCKS,
                                   "scope": BLOCKS}),
        "compliance": _record({}, {"review": BLOCKS, "transparency": BLOCKS, "efficiency": BLOCKS,
                                   "findings": st.lists(_record({"description": TEXT},
                                                                {"amount": MONEY, "rectified": st.booleans()}),
                                                        max_size=3)}),
        "management": _record({}, {"team": BLOCKS, "structure": BLOCKS, "process": BLOCKS}),
        "problems": _rows(PROBLEM),
        "lessons": _record({}, {"experiences": BLOCKS, "insights": BLOCKS, "recommendations": BLOCKS}),
        "sustainability": _record({}, {"strategies": BLOCKS, "plans": BLOCKS,
                                       "risks": _rows(_record({"risk": TEXT}, {"response": TEXT}))}),
        "evaluation": _record({}, {"purpose": BLOCKS, "principles": BLOCKS, "process": BLOCKS}),
        "other": BLOCKS,
    },
)
SELF_EVALUATION = _record(
    {
        "kind": st.just("self_evaluation"),
        "meta": _record({"department": TEXT, "project": TEXT, "year": YEAR, "date": DAY},
                        {"implementer": TEXT, "evaluator": TEXT, "date_style": st.sampled_from(["arabic", "chinese"]),
                         "templates": TEMPLATES, "title": TEXT, "region": REGION}),
        "funds": _record({"sources": _rows(_record(SOURCE_FIELDS, {**SOURCE_OPTIONAL, "received": MONEY}), 1)},
                         {"unit": st.sampled_from(["万元", "元"])}),
        "indicators": _rows(INDICATOR, 1),
    },
    {"goals": _record({}, {"expected": PARAGRAPHS, "actual": PARAGRAPHS}), "execution_scored": st.booleans(),
     "overview": BLOCKS, "problems": _rows(PROBLEM)},
)
WORK_SUMMARY = _record(
    {
        "kind": st.just("work_summary"),
        "meta": _record({"organization": TEXT, "year": YEAR, "date": DAY},
                        {"date_style": st.sampled_from(["arabic", "chinese"]), "templates": TEMPLATES, "title": TEXT,
                         "signature": TEXT, "region": REGION}),
        "achievements": st.lists(_record({"heading": SOME_TEXT}, {"paragraphs": BLOCKS, "metrics": _rows(METRIC),
                                                                  "table": TABLE, "sections": st.lists(SECTION, max_size=2)}),
                                 min_size=1, max_size=3),
    },
    {"intro": st.lists(st.one_of(SOME_TEXT, GROUP), max_size=3), "basics_heading": TEXT, "basics": BLOCKS,
     "achievements_heading": TEXT, "work_items_as_chapters": st.booleans(), "problems_heading": TEXT,
     "problems": NUMBERED, "causes_heading": TEXT, "causes": NUMBERED, "suggestions_heading": TEXT,
     "suggestions": NUMBERED, "plans_heading": TEXT, "plans": NUMBERED},
)


WORDING = st.tuples(TEXT, TEXT).map(lambda pair: "{}".join(pair)).filter(lambda s: s.count("{") == s.count("}") == 1)
TARGET = _record({"name": SOME_TEXT, "value": SIGNED, "unit": TEXT},
                 {"op": st.sampled_from([">=", "<=", "=", "≥", "不少于", "以内"]), "per": TEXT, "verb": TEXT,
                  "wording": WORDING})
TASK_FIELDS = {"paragraphs": PARAGRAPHS, "figures": FIGURES, "table": TABLE, "owner": SOME_TEXT, "deadline": DAY,
               "phase": TEXT, "targets": st.lists(TARGET, max_size=2)}
SUB_TASK = _record({"title": SOME_TEXT}, {**TASK_FIELDS, "sections": st.lists(_record({"title": SOME_TEXT}, TASK_FIELDS),
                                                                               max_size=2)})
PLAN_META_FIELDS = {"title": TEXT, "signature": TEXT, "region": REGION, "date_style": st.sampled_from(["arabic", "chinese"]),
                    "tasks_need_owner": st.just(False)}
NOTICE = _record({"recipients": TEXT}, {"doc_number": TEXT, "paragraphs": st.lists(TEXT, max_size=2), "date": DAY})
PLAN_META = st.one_of(  # signed and dated, maybe issued by a notice; or without a closing, the date then optional
    _record({"organization": TEXT, "year": YEAR, "date": DAY}, {**PLAN_META_FIELDS, "signed": st.just(True),
                                                                 "notice": NOTICE}),
    _record({"organization": TEXT, "year": YEAR, "signed": st.just(False)}, {**PLAN_META_FIELDS, "date": DAY}),
)
PLAN_COMMON = {
    "preface": st.lists(SOME_TEXT, max_size=2), "guidance": BLOCKS, "goals": BLOCKS, "targets": st.lists(TARGET, max_size=3),
    "tasks": st.lists(_record({"title": SOME_TEXT}, {**TASK_FIELDS, "sections": st.lists(SUB_TASK, max_size=2)}),
                      max_size=3),
    "phases": st.lists(_record({"name": TEXT}, {"paragraphs": BLOCKS}), max_size=2), "closing": st.lists(SOME_TEXT, max_size=2),
}
IMPLEMENTATION_PLAN = _record(
    {"kind": st.just("implementation_plan"), "meta": PLAN_META},
    {**PLAN_COMMON, "scope": BLOCKS, "safeguards": BLOCKS, "supervision": BLOCKS, "accountability": BLOCKS,
     "duties": st.lists(_record({"unit": TEXT, "duties": TEXT}, {}), max_size=2), "duties_as_table": st.booleans()},
)
WORK_PLAN = _record({"kind": st.just("work_plan"), "meta": PLAN_META}, {**PLAN_COMMON, "measures": BLOCKS})


def _read_back(content: bytes, suffix: str, folder: Path) -> Any:
    path = folder / f"back{suffix}"
    path.write_bytes(content)
    return parse_model(read_data(path), str(path))


def _said(value: Any) -> Any:
    """The data with each group that holds nothing (``region: {}``) as absent: a workbook has rows and cells, and
    an empty group has none, so it reads back as not given; every value that was given must come back."""
    if isinstance(value, dict):
        inner = {k: _said(v) for k, v in value.items()}
        return inner if any(v not in (None, []) for v in inner.values()) else None
    if isinstance(value, list):
        return [_said(v) for v in value]
    return value


def _round_trips(data: dict[str, Any], folder: Path) -> None:
    model = parse_model(data)
    for suffix in (".xlsx", ".json", ".yaml"):
        again = _read_back(converted(model, suffix), suffix, folder)
        assert _said(again.model_dump()) == _said(model.model_dump()), suffix
        assert plain(_read_back(converted(again, suffix), suffix, folder)) == plain(again), suffix  # and stays so


@PROPERTY
@given(data=PERFORMANCE_EVALUATION)
def test_performance_evaluation_data_reads_back_from_every_format(tmp_path, data):
    _round_trips(data, tmp_path)


@PROPERTY
@given(data=SELF_EVALUATION)
def test_self_evaluation_data_reads_back_from_every_format(tmp_path, data):
    _round_trips(data, tmp_path)


@PROPERTY
@given(data=WORK_SUMMARY)
def test_work_summary_data_reads_back_from_every_format(tmp_path, data):
    _round_trips(data, tmp_path)


@PROPERTY
@given(data=st.one_of(IMPLEMENTATION_PLAN, WORK_PLAN))
def test_plan_data_with_sub_tasks_and_tables_reads_back_from_every_format(tmp_path, data):
    _round_trips(data, tmp_path)


def test_part_names_with_separators_are_quoted_in_the_cell_and_read_back(tmp_path):
    summary = read(SAMPLES / "work_summary.json")
    parts = summary["achievements"][0]["metrics"][1]["parts"]
    parts[0]["name"], parts[1]["name"] = "住院：重病", 'a"b；c'
    source = dump(summary, tmp_path / "ws.json")
    out = tmp_path / "ws.xlsx"
    assert CliRunner().invoke(main, ["convert", str(source), "-o", str(out)]).exit_code == 0
    row = next(openpyxl.load_workbook(out)["工作数据"].iter_rows(min_row=3, max_row=3, values_only=True))
    # the names hold “：” and “；”, so each is quoted, a quote inside written twice; 门诊 needs no quotes
    assert row[1] == "医疗救助对象持证就医" and row[4] == '"住院：重病"：515；"a""b；c"：33；门诊：133'
    metric = govreport.load(out).data.achievements[0].metrics[1]
    assert [p.name for p in metric.parts] == ["住院：重病", 'a"b；c', "门诊"]


def test_a_clerk_writing_parts_by_hand(tmp_path):
    path = tmp_path / "ws.xlsx"
    assert CliRunner().invoke(main, ["convert", str(SAMPLES / "work_summary.json"), "-o", str(path)]).exit_code == 0
    book = openpyxl.load_workbook(path)
    book["工作数据"]["E3"] = '住院:515;"门诊：慢病"：133\n其他：3'
    book.save(path)
    parts = govreport.load(path).data.achievements[0].metrics[1].parts
    assert [(p.name, p.value) for p in parts] == [("住院", 515), ("门诊：慢病", 133), ("其他", 3)]
    book["工作数据"]["E3"] = "住院：515，门诊：133"  # a comma is not a separator: refused, never read as one odd name
    book.save(path)
    with pytest.raises(govreport.DataError) as caught:
        govreport.load(path)
    assert [f"{p.path}：{p.message}" for p in caught.value.problems] == [
        "工作数据!E3：分项“住院”的数值应为数字，实际为“515，门诊：133”"]


def _indicators(count: int) -> dict[str, Any]:
    indicator = {"level1": "产出指标", "level2": "数量指标", "name": "救助人次", "op": ">=", "target": 1, "actual": 1,
                 "weight": 1}
    return {"kind": "self_evaluation", "meta": {"department": "民政局", "project": "医疗救助", "year": 2025,
                                                 "date": "2026-01-20"},
            "funds": {"sources": [{"name": "中央财政补助", "budget": 1, "spent": 1}]},
            "indicators": [{**indicator, "name": f"指标{i}"} for i in range(1, count + 1)]}


def _every_sheet_full(example: dict[str, Any]) -> dict[str, Any]:
    """The contract example with every list of a workbook sheet at MAX_ROWS rows, every column filled."""
    funds = example["implementation"]["funds"]
    rows = range(1, MAX_ROWS + 1)
    funds["sources"] = [{**funds["sources"][0], "name": f"来源{i}", "initial_budget": 1, "overrun_allowed": True}
                        for i in rows]
    funds["uses"] = [{"name": f"用途{i}", "amount": i} for i in rows]
    example["implementation"]["beneficiaries"] = [{"name": f"类别{i}", "count": 3, "unit": "人次"} for i in rows]
    indicator = {**example["targets"]["indicators"][0], "unit": "人次", "rating": "达成", "ratio": Decimal("0.9"),
                 "score": 1, "deviation": "偏差原因"}
    example["targets"]["indicators"] = [{**indicator, "name": f"指标{i}"} for i in rows]
    example["compliance"]["findings"] = [{"description": f"发现{i}", "amount": 1, "rectified": True} for i in rows]
    example["problems"] = [{"problem": f"问题{i}", "cause": "原因", "measure": "措施"} for i in rows]
    example["sustainability"]["risks"] = [{"risk": f"风险{i}", "response": "应对"} for i in rows]
    # 文字段落 has one row per paragraph and one per empty section: 22 sections, overview takes the rest
    sections = ("background", "implementation", "targets", "compliance", "management", "lessons", "sustainability",
                "evaluation")
    for group in sections:
        for key, value in list(example.get(group, {}).items()):
            if isinstance(value, list) and value and isinstance(value[0], str):
                example[group][key] = []
    example["other"] = []
    example["background"]["overview"] = [f"第{i}段。" for i in range(1, MAX_ROWS - 21 + 1)]
    return example


def test_every_sheet_at_the_row_limit_is_written_and_read_back(tmp_path, example):
    """The reader's limits (rows, and what it reads in all) take the largest workbook the writer makes."""
    model = parse_model(_every_sheet_full(example))
    back = _read_back(converted(model, ".xlsx"), ".xlsx", tmp_path)
    assert len(back.targets.indicators) == 5000 and back.targets.indicators[-1].name == "指标5000"
    assert len(back.background.overview) == 4979  # 5000 rows less one for each of the other 21 sections
    assert _said(back.model_dump()) == _said(model.model_dump())


def test_convert_refuses_a_list_longer_than_a_sheet_holds_and_names_it(tmp_path):
    source = dump(_indicators(MAX_ROWS + 1), tmp_path / "long.json")
    out = tmp_path / "long.xlsx"
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert f"{source}：数据有 1 处错误" in result.output
    assert "indicators：共 5001 行，超过工作簿“绩效指标”表最多 5000 行的上限" in result.output


def test_paragraph_rows_of_all_sections_together_are_counted(tmp_path):
    summary = read(SAMPLES / "work_summary.json")
    summary["intro"] = [f"第{i}段。" for i in range(1, 4999)]
    # 4998 intro paragraphs + 2 problems + 3 plans + one row each for the empty 基本情况, 原因分析 and
    # 下一步工作建议 = 5006 rows of 文字段落
    source = dump(summary, tmp_path / "ws.json")
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(tmp_path / "ws.xlsx")])
    assert result.exit_code == 2 and not (tmp_path / "ws.xlsx").exists()
    assert "intro：各栏目的段落（空栏目占一行）共 5006 行，超过工作簿“文字段落”表最多 5000 行的上限" in result.output
    summary["intro"] = summary["intro"][:4992]  # 4992 + 2 + 3 + 3 = 5000
    model = parse_model(summary)
    assert _read_back(converted(model, ".xlsx"), ".xlsx", tmp_path).model_dump() == model.model_dump()


def test_convert_refuses_a_workbook_larger_than_the_reader_takes(tmp_path, example):
    # 1,800 paragraphs of 4,000 Chinese characters: each is written as an 8-byte character reference, 57.6 MB
    example["background"]["overview"] = ["字" * 4000] * 1800
    source = dump(example, tmp_path / "big.json")
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(tmp_path / "big.xlsx")])
    assert result.exit_code == 2 and not (tmp_path / "big.xlsx").exists()
    assert "文字太多，写成工作簿后解压超过 50 MB（读取工作簿的上限）；请改用 JSON 或 YAML" in result.output


def test_convert_refuses_text_longer_than_a_cell_holds(tmp_path, example):
    example["problems"][0]["problem"] = "字" * 32768
    example["background"]["overview"][0] = "字" * 32767  # exactly what a cell holds
    source = dump(example, tmp_path / "x.json")
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2 and not (tmp_path / "x.xlsx").exists()
    assert result.output.splitlines()[1:] == [
        "  错误　problems[0].problem：共 32768 个字符，超过 Excel 一个单元格最多 32767 个字符的上限，请分段或改用 JSON、YAML"]


def test_dates_before_excel_dates_begin_are_kept_as_text(tmp_path, example):
    example["meta"]["date"] = "1899-12-31"  # Excel's dates start in 1900, and are off by a day until March
    example["implementation"]["period"] = {"start": "1900-03-01", "end": "2025-12-31"}
    model = parse_model(example)
    workbook = tmp_path / "x.xlsx"
    workbook.write_bytes(converted(model, ".xlsx"))
    cells = {row[0].value: row[1] for row in openpyxl.load_workbook(workbook)["基本信息"].iter_rows()}
    assert cells["成文日期"].value == "1899-12-31" and cells["成文日期"].data_type == "s"
    assert cells["实施开始日期"].is_date and cells["实施开始日期"].value == dt.datetime(1900, 3, 1)
    back = parse_model(read_data(workbook))
    assert back.meta.date == dt.date(1899, 12, 31) and back.implementation.period.start == dt.date(1900, 3, 1)


def test_text_starting_with_an_equals_sign_stays_text(tmp_path, example):
    example["problems"][0]["problem"] = "=SUM(A1:A3)"
    model = parse_model(example)
    path = tmp_path / "x.xlsx"
    path.write_bytes(converted(model, ".xlsx"))
    cell = openpyxl.load_workbook(path)["问题"]["A2"]
    assert cell.value == "=SUM(A1:A3)" and cell.data_type == "s"
    assert parse_model(read_data(path)).problems[0].problem == "=SUM(A1:A3)"


CODES = re.compile(r"(?<![A-Za-z0-9_<>=-])(arabic|chinese|default|mof2020|qualitative|>=|<=|true|false)(?![A-Za-z0-9_])")


def test_the_workbook_speaks_its_drop_downs_words_not_the_data_codes(tmp_path):
    """Notes, the 说明 column and 填写说明 name what the clerk can choose (汉字, 财预〔2020〕10号提纲, ≥, 是), never a code."""
    path = tmp_path / "mof.xlsx"
    assert CliRunner().invoke(main, ["convert", str(SAMPLES / "sanya_mof2020.json"), "-o", str(path)]).exit_code == 0
    book = openpyxl.load_workbook(path)
    said = [(f"{ws.title}!{c.coordinate}", t) for ws in book for row in ws.iter_rows() for c in row
            for t in (c.value, c.comment.text if c.comment else None) if isinstance(t, str)]
    assert [(where, text) for where, text in said if CODES.search(text)] == []
    notes = {text.split("：", 1)[0]: text for _, text in said if "：" in text}
    assert notes["落款日期写法"] == "落款日期写法：“阿拉伯数字”（2026年1月20日）或“汉字”（二〇二六年一月二十日）"
    assert notes["比较方式"] == "比较方式：“≥”（正向）、“≤”（反向）、“＝”（等于）、“定性”"
    assert notes["报告提纲"].startswith("报告提纲：“默认提纲”（项目概述…可持续发展八章）或“财预〔2020〕10号提纲”（")
    assert book["资金来源"]["F1"].comment.text.startswith("为“是”时允许到位数超过预算数")
    guide = {row[3]: row[4] for row in book["填写说明"].iter_rows(min_row=2, values_only=True) if row[3]}
    assert guide["其他需要说明的问题"] == "其他需要说明的问题（“财预〔2020〕10号提纲”的第七章）"
