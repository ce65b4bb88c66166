"""Excel data workbooks: the empty template, reading with cell-named problems, and the round trip through convert."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal

import openpyxl
import pytest
from click.testing import CliRunner

import govreport
from govreport.cli import main
from govreport.kinds import KINDS
from govreport.models.body import Table
from govreport.workbook.describe import field_info
from govreport.workbook.sheets import LAYOUTS, ROW_KIND_WORDS

from .conftest import CONTRACT, SAMPLES, dump, read

SAMPLE_FILES = sorted(SAMPLES.glob("*.json"))


def _workbook(tmp_path, source=CONTRACT):
    out = tmp_path / f"{source.stem}.xlsx"
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _problems(path) -> list[str]:
    with pytest.raises(govreport.DataError) as caught:
        govreport.load(path)
    return [f"{p.path}：{p.message}" for p in caught.value.problems]


@pytest.mark.parametrize("source", SAMPLE_FILES, ids=lambda p: p.stem)
def test_round_trip_through_a_workbook_gives_the_same_report(tmp_path, source):
    workbook = _workbook(tmp_path, source)
    again = tmp_path / "again.json"
    assert CliRunner().invoke(main, ["convert", str(workbook), "-o", str(again)]).exit_code == 0
    original = govreport.render(govreport.load(source))
    assert govreport.render(govreport.load(workbook)) == original
    assert govreport.render(govreport.load(again)) == original


def test_numbers_come_back_as_the_decimals_written(tmp_path):
    data = govreport.load(_workbook(tmp_path)).data
    assert data.implementation.funds.sources[1].spent == Decimal("291.35")
    assert data.targets.indicators[4].target == Decimal("1.0")
    assert data.targets.indicators[4].op == "<="


def _body_table_paths(layout, prefix):
    """What 正文表格, 表格列 and 表格行 hold of a table at ``prefix``: the 正文表格 columns but the ones naming
    where the table stands, the 表格列 columns, and the rows and 合计 row that 行类型 tells apart."""
    top, columns, _ = layout.body_tables
    return ({f"{prefix}{c.path}" for c in top.columns if not c.path.startswith("#")}
            | {f"{prefix}columns.{c.path}" for c in columns.columns}
            | {f"{prefix}{value}" for _, value in ROW_KIND_WORDS})


def test_layout_covers_every_field_of_every_model():
    for kind, layout in LAYOUTS.items():
        model = KINDS[kind].model
        paths = {f.path for f in layout.info if ":" not in f.path} | {f.path for f in layout.paragraphs}
        for table in layout.tables:
            base = f"{layout.table(table.parent).path}.{table.path}" if table.parent else table.path
            paths |= {f"{base}.{c.path}" if c.path else base for c in table.columns}
        if layout.table_holder:  # each work item or task may hold a table
            paths |= _body_table_paths(layout, f"{layout.table(layout.table_holder).path}.table.")
        for path in [*paths, *layout.unheld]:
            assert field_info(model, path) is not None, f"{kind}: {path}"
        held = [p for p in _leaves(model) if not _unheld(p, layout.unheld)]
        assert paths | {"kind", "compliance.findings"} >= set(held), kind  # nothing a workbook cannot hold


@pytest.mark.parametrize("kind", sorted(LAYOUTS))
def test_the_section_sheets_cover_every_field_of_a_section(kind):
    """A section (a plan's sub-task with its 责任单位, 完成时限, 所属阶段 and targets) has a column for every field,
    its table in the body-table sheets."""
    layout = LAYOUTS[kind]
    top, *children = layout.section_tables
    paths = {"sections" if c.path == "parent" else c.path for c in top.columns}  # nested by 上级序号
    paths |= {f"{t.path}.{c.path}" if c.path else t.path for t in children for c in t.columns}
    paths |= _body_table_paths(layout, "table.")
    for path in paths:
        assert field_info(layout.section_model, path) is not None, path
    assert paths >= set(_leaves(layout.section_model))


def test_the_body_table_sheets_cover_every_field_of_a_table():
    assert _body_table_paths(LAYOUTS["performance_evaluation"], "") >= set(_leaves(Table))


def _unheld(path, unheld):
    """Whether ``path`` lies within a field the workbook deliberately does not hold: a scoring profile in the data
    (``meta.scoring``: bands and lists of options that no key–value row of 基本信息 holds); writing it is refused
    by its path rather than dropped."""
    return any(path == u or path.startswith(f"{u}.") for u in unheld)


def _refers_to_itself(model) -> bool:
    from govreport.workbook.describe import _models

    return any(model in _models(info.annotation) for info in model.model_fields.values())


def _leaves(model, prefix=""):
    """Every value a data file can hold, by dotted path (records inside lists included, list positions left out).

    A place holding a model that holds itself (a section and its sub-sections) is one leaf here: the section's own
    fields are checked once, against the 小节 sheets."""
    from govreport.workbook.describe import _models

    for name, info in model.model_fields.items():
        inner = _models(info.annotation)
        if inner and name != "parts" and not _refers_to_itself(inner[0]):  # parts are written into one cell
            yield from _leaves(inner[0], f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}"


def test_a_wrong_cell_is_named_by_sheet_and_cell(tmp_path):
    path = _workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["绩效指标"]
    assert sheet["C7"].value == "健康扶贫长效机制建立情况" and sheet["H1"].value == "分值"
    sheet["H7"] = "十"
    sheet["D4"] = "大于"
    book["基本信息"]["B7"] = "2026-13-01"
    book.save(path)
    # every problem at once: a cell that cannot be read does not hide the others, and is not also "missing"
    problems = _problems(path)
    assert problems[0] == "绩效指标!H7：应为数字，实际为“十”"
    assert "绩效指标!D4：取值无效，请从下拉列表中选择：≥、≤、＝、定性，实际为“大于”" in problems
    assert any(p.startswith("基本信息!B7（成文日期）：不是有效日期") for p in problems)
    assert len(problems) == 3


def test_a_warning_about_a_group_names_the_cell_of_its_first_field(tmp_path):
    warned = {p.path for p in govreport.load(_workbook(tmp_path)).warnings}
    assert "基本信息!B8（发文字号）" in warned and any(w.startswith("基本信息!B10") for w in warned)


def test_consistency_problems_point_at_the_rows_and_sheets(tmp_path):
    path = _workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    book["资金用途"]["B2"] = 600  # uses no longer add up to 1094.00 spent
    book["绩效指标"]["H2"] = None  # weight missing
    book.save(path)
    problems = _problems(path)
    assert "绩效指标!H2：缺少必填字段" in problems
    book["绩效指标"]["H2"] = 20
    book.save(path)
    problems = _problems(path)
    assert len(problems) == 1 and problems[0].startswith("“资金用途”表："), problems


def test_unknown_sheets_columns_and_sections_are_refused_with_suggestions(tmp_path):
    path = _workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    book["绩效指标"]["H1"] = "分数"
    book["文字段落"]["A2"] = "立项依据X"
    book.create_sheet("绩效指表")
    book.save(path)
    problems = _problems(path)
    assert any(p.startswith("绩效指标!H1：未知的列“分数”") for p in problems)
    assert "文字段落!A2：未知的栏目“立项依据X”，是否应为“立项依据”？" in problems
    assert "“绩效指表”表：未知的工作表，是否应为“绩效指标”？" in problems


def test_not_a_workbook(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a zip")
    assert _problems(path) == ["：不是有效的 Excel 工作簿（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后再试"]


def test_findings_none_and_an_empty_list_stay_apart(tmp_path, example):
    example["compliance"]["findings"] = []
    source = dump(example, tmp_path / "none.json")
    book = openpyxl.load_workbook(_workbook(tmp_path, source))
    rows = {row[0].value: row[1].value for row in book["基本信息"].iter_rows(min_row=2)}
    assert rows["资金审查未发现问题"] == "是"
    assert govreport.load(tmp_path / "none.xlsx").data.compliance.findings == []
    example["compliance"].pop("findings", None)
    assert govreport.load(_workbook(tmp_path, dump(example, tmp_path / "unsaid.json"))).data.compliance.findings is None


def test_work_summary_parts_and_child_sheets(tmp_path):
    path = _workbook(tmp_path, SAMPLES / "work_summary.json")
    book = openpyxl.load_workbook(path)
    metrics = book["工作数据"]
    row = next(r for r in metrics.iter_rows(min_row=2, values_only=True) if r[1] == "医疗救助对象持证就医")
    assert row[0] == 1 and row[4] == "住院：515；计免、孕保：33；门诊：133"
    metrics.append([9, "不存在的工作", "个", 1])
    book.save(path)
    assert _problems(path) == [f"工作数据!A{metrics.max_row}：序号“9”在“主要工作”表中不存在"]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_excel_template_is_formatted_and_reads_back_as_missing_fields(tmp_path, kind):
    out = tmp_path / "t.xlsx"
    result = CliRunner().invoke(main, ["excel-template", "--kind", kind, "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    layout = LAYOUTS[kind]
    assert book.sheetnames == [*layout.sheets, "填写说明"]
    info = book["基本信息"]
    assert info["A2"].value == "报告类型" and info["B2"].value == layout.label
    assert info.freeze_panes == "A2" and info["A1"].font.b
    indicators = book["绩效指标"] if "绩效指标" in book.sheetnames else None
    if indicators is not None:
        assert "正向" in indicators["D1"].comment.text  # the model's description of op
        lists = [v.formula1 for v in indicators.data_validations.dataValidation]
        assert '"≥,≤,＝,定性"' in lists and '"达成,部分达成,未达成"' in lists
    paragraphs = book["文字段落"]
    assert [c.value for c in paragraphs["A"][1:4]] == [f.label for f in layout.paragraphs[:3]]
    problems = _problems(out)
    model = KINDS[kind].model

    def needed(path: str) -> bool:  # required, and so is every group holding it
        parts = path.split(".")
        return all(field_info(model, ".".join(parts[:i])).is_required() for i in range(1, len(parts) + 1))

    required = [f for f in layout.info if ":" not in f.path and needed(f.path)]
    assert [p for p in problems if p.startswith("基本信息")] == [
        f"基本信息!B{layout.info.index(f) + 3}（{f.label}）：缺少必填字段" for f in required]
    assert all(p.endswith("”表：至少需要填写一行") for p in problems if not p.startswith("基本信息"))


def test_excel_template_never_overwrites_a_filled_workbook(tmp_path):
    out = tmp_path / "filled.xlsx"
    out.write_bytes(b"precious")
    result = CliRunner().invoke(main, ["excel-template", "-o", str(out)])
    assert result.exit_code == 2 and "已存在" in result.output
    assert out.read_bytes() == b"precious"


def test_convert_to_yaml_and_json_keeps_decimals_exact(tmp_path):
    yaml_out = tmp_path / "pe.yaml"
    assert CliRunner().invoke(main, ["convert", str(CONTRACT), "-o", str(yaml_out)]).exit_code == 0
    assert "spent: 291.35" in yaml_out.read_text(encoding="utf-8")
    json_out = tmp_path / "pe.json"
    assert CliRunner().invoke(main, ["convert", str(yaml_out), "-o", str(json_out)]).exit_code == 0
    data = json.loads(json_out.read_text(encoding="utf-8"), parse_float=Decimal)
    assert data["implementation"]["funds"]["sources"][1]["spent"] == Decimal("291.35")
    assert data["meta"]["date"] == "2026-01-20"


def test_convert_refuses_unknown_fields_rather_than_dropping_them(tmp_path, example):
    example["meta"]["colour"] = "red"
    source = dump(example, tmp_path / "x.json")
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2 and "meta.colour" in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_excel_lock_files_are_not_data(tmp_path):
    from govreport.batch import expand

    shutil.copy(CONTRACT, tmp_path / "a.json")
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")
    assert expand([tmp_path]) == ([(tmp_path / "a.json").resolve()], [])


def test_drop_downs_show_chinese_words_for_codes(tmp_path):
    path = _workbook(tmp_path, SAMPLES / "xiushan_work_summary_2004.json")
    rows = {row[0].value: row[1].value for row in openpyxl.load_workbook(path)["基本信息"].iter_rows(min_row=2)}
    assert rows["日期写法"] == "汉字"
    assert govreport.load(path).data.meta.date_style == "chinese"
    pe = openpyxl.load_workbook(_workbook(tmp_path, SAMPLES / "sanya_mof2020.json"))
    rows = {row[0].value: row[1].value for row in pe["基本信息"].iter_rows(min_row=2)}
    assert rows["报告提纲"] == "财预〔2020〕10号提纲" and pe["绩效指标"]["D2"].value == "≥"


def test_convert_from_a_workbook_names_the_cell(tmp_path):
    path = _workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    book["绩效指标"]["D4"] = "大于"
    book.save(path)
    result = CliRunner().invoke(main, ["convert", str(path), "-o", str(tmp_path / "back.json")])
    assert result.exit_code == 2 and "绩效指标!D4：取值无效，请从下拉列表中选择" in result.output
    assert not (tmp_path / "back.json").exists()


def test_the_workbooks_number_check_admits_every_number_the_models_accept(tmp_path):
    """Excel's own check in a number column must not refuse what govreport takes (at most 15 whole digits)."""
    sheet = openpyxl.load_workbook(_workbook(tmp_path))["资金来源"]
    bounds = {(rule.formula1, rule.formula2) for rule in sheet.data_validations.dataValidation if rule.type == "decimal"}
    assert bounds == {("-999999999999999", "999999999999999")}


def _summary_with_sections() -> dict:
    summary = read(SAMPLES / "work_summary.json")
    summary["basics"] = ["全县辖20个乡镇。", {"title": "加强领导", "paragraphs": ["成立项目领导小组。"],
                                             "sections": [{"title": "落实责任"}]}]
    summary["achievements"][0]["sections"] = [
        {"title": "乡镇卫生院建设", "figures": [{"name": "建成卫生院", "unit": "个", "value": 10, "approximate": "余"}]}]
    return summary


def test_sections_are_rows_of_the_section_sheets_placed_by_number(tmp_path):
    """Work items are written first, so the work item's section is 1, the 基本情况 section 2 and its sub-section 3."""
    source = dump(_summary_with_sections(), tmp_path / "ws.json")
    book = openpyxl.load_workbook(_workbook(tmp_path, source))
    assert book["主要工作"]["C1"].value == "下级小节" and book["主要工作"]["C2"].value == "1"
    rows = [r for r in book["文字段落"].iter_rows(min_row=2, values_only=True) if r[0] == "基本情况"]
    assert rows == [("基本情况", "全县辖20个乡镇。", None), ("基本情况", None, 2)]
    assert list(book["小节"].iter_rows(min_row=2, values_only=True)) == [
        (1, None, "乡镇卫生院建设", None, None), (2, None, "加强领导", None, None), (3, 2, "落实责任", None, None)]
    assert list(book["小节段落"].iter_rows(min_row=2, values_only=True)) == [(2, "成立项目领导小组。")]
    figures = book["小节数据"]
    header = [c.value for c in figures[1]]
    row = dict(zip(header, next(figures.iter_rows(min_row=2, values_only=True)), strict=True))
    assert (row["序号"], row["指标名称"], row["单位"], row["数值"], row["约数说法"]) == (1, "建成卫生院", "个", 10, "余")
    data = govreport.load(tmp_path / "ws.xlsx").data
    assert data.basics[1].title == "加强领导" and data.basics[1].sections[0].title == "落实责任"
    assert data.achievements[0].sections[0].figures[0].approximate == "余"
    markdown = govreport.render(govreport.load(tmp_path / "ws.xlsx"), "md").decode()
    assert "建成卫生院10余个" in markdown and "落实责任" in markdown


def test_a_section_placed_twice_nowhere_or_not_at_all_is_named(tmp_path):
    path = _workbook(tmp_path, dump(_summary_with_sections(), tmp_path / "ws.json"))
    book = openpyxl.load_workbook(path)
    paragraphs = book["文字段落"]
    row = next(r for r in range(2, paragraphs.max_row + 1) if paragraphs.cell(row=r, column=3).value == 2)
    paragraphs.cell(row=row, column=3, value=1)  # 1 is already the work item's; 2 is left placed nowhere
    paragraphs.append(["开头段落", "多写的一段", 7])
    paragraphs.append(["存在的问题", None, 3])
    book.save(path)
    last = paragraphs.max_row
    assert _problems(path) == [
        f"文字段落!C{row}：小节“1”已放在别处：每个小节只能放在一处",
        f"文字段落!C{last - 1}：一行只能填段落或小节之一：填了“小节”时，“段落”列请留空",
        f"文字段落!C{last}：小节“3”是小节“2”的下级小节（见“小节”表的上级序号），不能再放在这里",
        "小节!第3行：小节“2”没有放到报告中：请在“文字段落”或“工作段落”的“小节”列填写它的序号，或删去这一行",
    ]


def test_sections_nested_in_a_circle_are_named(tmp_path):
    path = _workbook(tmp_path, dump(_summary_with_sections(), tmp_path / "ws.json"))
    book = openpyxl.load_workbook(path)
    book["小节"]["B3"] = 3  # 加强领导 (2) under 落实责任 (3), itself under 加强领导
    book.save(path)
    paragraphs = book["文字段落"]
    row = next(r for r in range(2, paragraphs.max_row + 1) if paragraphs.cell(row=r, column=3).value == 2)
    assert _problems(path) == [
        f"文字段落!C{row}：小节“2”是小节“3”的下级小节（见“小节”表的上级序号），不能再放在这里",
        "小节!第3行：小节“2”的上级序号绕成了一个圈，这些小节都放不到报告中",
        "小节!第4行：小节“3”的上级序号绕成了一个圈，这些小节都放不到报告中",
    ]
