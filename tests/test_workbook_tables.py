"""Body tables and a plan's sub-tasks in the data workbook: written by convert, read back the same, filled by hand.

A table is a row of 正文表格 (where it stands: a 小节, or a work item or task
by its 序号), its columns rows of 表格列 and its rows rows of 表格行; a plan's
sub-task is a row of 小节 with its 责任单位, 完成时限 and 所属阶段, its targets
rows of 小节目标.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import govreport
from govreport.cli import main
from govreport.convert import converted
from govreport.reading import read_data
from govreport.validation import parse_model

from .conftest import SAMPLES, dump, read

EVERY_SAMPLE = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".json", ".yaml"))
PIAN09 = SAMPLES / "health_poverty_summary_pian09.yaml"
PIAN4 = SAMPLES / "community_health_education_plan_pian4.yaml"


def _workbook(tmp_path: Path, source: Path) -> Path:
    out = tmp_path / f"{source.stem}.xlsx"
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _problems(path: Path) -> list[str]:
    with pytest.raises(govreport.DataError) as caught:
        govreport.load(path)
    return [f"{p.path}：{p.message}" for p in caught.value.problems]


def _rows(sheet) -> list[tuple]:
    return [tuple(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize("source", EVERY_SAMPLE, ids=lambda p: p.name)
def test_every_sample_reads_back_from_its_workbook_as_the_same_data(tmp_path, source):
    model = govreport.load(source).data
    workbook = tmp_path / "back.xlsx"
    workbook.write_bytes(converted(model, ".xlsx"))
    again = parse_model(read_data(workbook))
    assert again.model_dump() == model.model_dump()


@pytest.mark.parametrize("source", [PIAN09, PIAN4], ids=lambda p: p.stem)
def test_a_sample_rendered_from_its_workbook_is_the_same_docx(tmp_path, source):
    workbook = _workbook(tmp_path, source)
    assert govreport.render(govreport.load(workbook)) == govreport.render(govreport.load(source))


def test_pian09s_table_stands_in_its_section_as_the_original_has_it(tmp_path):
    """篇九's 建设内容 table is in the untitled group below 乡村医疗机构建设项目实施进展. Sections are numbered in
    the order written: (三)'s six sections and the group below its fourth are 1–7, 乡村医疗机构建设项目实施进展 8
    and the group holding the table 9."""
    book = openpyxl.load_workbook(_workbook(tmp_path, PIAN09))
    assert book["正文表格"]["A1"].value == "序号"
    assert [c.value for c in book["正文表格"][1]] == ["序号", "小节", "主要工作", "表题", "单位", "合计行"]
    assert _rows(book["正文表格"]) == [(1, 9, None, "乡村医疗机构建设项目建设内容及投资情况", "万元", "是")]
    assert _rows(book["小节"])[7:9] == [(8, None, "乡村医疗机构建设项目实施进展", None, None), (9, 8, None, None, None)]
    assert _rows(book["表格列"]) == [(1, "建设内容", "文字", None), (1, "投资", "金额", None), (1, "完成情况", "文字", None)]
    rows = [row[:5] for row in _rows(book["表格行"])]
    assert rows[0] == (1, "数据", "东西协作八松卫生院业务楼及职工宿舍", 300, "已完成")
    assert rows[7] == (1, "数据", "普巴村、五户村卫生室", 30, "已竣工投入使用")
    assert rows[8] == (1, "原文合计", None, 4651, None)  # the original's 实际投资4651万元
    assert len(rows) == 9 and book["表格行"].max_column == 14  # 表格序号, 行类型 and 第1列…第12列


def test_the_sheets_explain_themselves(tmp_path):
    book = openpyxl.load_workbook(_workbook(tmp_path, PIAN09))
    # each header's note is the model's description, codes in the drop-down's words
    assert book["表格列"]["C1"].comment.text == "列的类型：“文字”、“金额”（金额，两位小数）、“数量”、“比率”（比率%）"
    assert book["正文表格"]["F1"].comment.text == "是否在末尾加“合计”行（金额和数量列由各行相加）"
    assert book["表格行"]["B1"].comment.text.startswith("“数据”是表格的一行（不填即为数据）；“原文合计”是原文给出的合计行")
    lists = {str(v.sqref): v.formula1 for v in book["表格列"].data_validations.dataValidation}
    assert lists == {"C2:C5001": '"文字,金额,数量,比率"', "D2:D5001": '"是,否"'}
    guide = {row[0]: row[1] for row in book["填写说明"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert guide["正文表格"].startswith("正文中的表格，每行一张")
    assert "“行类型”选“原文合计”" in guide["表格行"]
    assert not any("不能写在工作簿中" in (text or "") for text in guide.values())


def _summary_workbook(tmp_path: Path) -> Path:
    """The standard work summary's workbook, with a 小节 of 基本情况 to hold a table."""
    summary = read(SAMPLES / "work_summary.json")
    summary["basics"] = ["全县辖32个乡镇。", {"title": "免疫规划"}]
    return _workbook(tmp_path, dump(summary, tmp_path / "ws.json"))


def _fill(path: Path, tables: list[list], columns: list[list], rows: list[list]) -> None:
    book = openpyxl.load_workbook(path)
    for name, lines in (("正文表格", tables), ("表格列", columns), ("表格行", rows)):
        for line in lines:
            book[name].append(line)
    book.save(path)


def test_tables_typed_in_by_a_clerk(tmp_path):
    """One table in the second work item, one in the 小节 免疫规划 (序号 1), each with a 合计 row."""
    path = _summary_workbook(tmp_path)
    _fill(path,
          tables=[[1, None, 2, "接种情况", "人", "是"], [2, 1, None, None, None, None]],
          columns=[[1, "乡镇", "文字"], [1, "接种人数", "数量"], [1, "接种率", "比率"],
                   [2, "类别", "文字", "是"], [2, "经费", "金额"]],
          rows=[[1, "数据", "中和镇", 120, "91.43"], [1, None, "清溪场镇", "80", 81.9],
                [2, "数据", "计划免疫", 12.5], [2, "数据", "计划免疫", 7.5], [2, "原文合计", None, 20]])
    data = govreport.load(path).data
    first = data.achievements[1].table
    assert (first.title, first.unit, first.total, first.stated_total) == ("接种情况", "人", True, None)
    assert [(c.name, c.type, c.merge) for c in first.columns] == [
        ("乡镇", "text", False), ("接种人数", "count", False), ("接种率", "rate", False)]
    # numbers typed as text in a column of numbers are read as numbers; a number in a text column stays one
    assert first.rows == [["中和镇", Decimal(120), Decimal("91.43")], ["清溪场镇", Decimal(80), Decimal("81.9")]]
    second = data.basics[1].table
    assert second.title is None and second.columns[0].merge
    assert second.rows == [["计划免疫", Decimal("12.5")], ["计划免疫", Decimal("7.5")]]
    assert second.stated_total == [None, Decimal(20)]
    markdown = govreport.render(govreport.load(path), "md").decode()
    assert "| 合计 | 200 |" in markdown  # 120 + 80 people; rates are not summed


def test_each_wrong_cell_of_a_table_is_named_by_its_cell_or_row(tmp_path):
    path = _summary_workbook(tmp_path)
    _fill(path, tables=[[1, None, 2, "经费"]], columns=[[1, "类别", "文字"], [1, "经费", "金额"]],
          rows=[[1, "数据", "中和镇", "三百"], [1, "数据", "清溪场镇", 90], [1, "数据", "石耶镇", 80, "多填的一格"],
                [1, "数据", "石耶镇", 10**16], [1, "原文合计", None, 90], [1, "原文合计", None, 90], [1, "小计", "x"]])
    assert _problems(path) == [
        "表格行!D2：“经费”列是金额列，应填数字，实际为“三百”",
        "表格行!第4行：表格“1”有2列（见“表格列”表），这一行却填到了第3列：请删去多出的格，或在“表格列”表中补上列",
        "表格行!D5：数值过大：整数部分最多15位（绝对值须小于1000万亿）",
        "表格行!第7行：表格“1”已有一行“原文合计”（第6行）：每张表格最多一行",
        "表格行!B8：取值无效，请从下拉列表中选择：数据、原文合计，实际为“小计”",
    ]


def test_a_table_standing_nowhere_or_without_columns_is_named(tmp_path):
    path = _summary_workbook(tmp_path)
    _fill(path, tables=[[1, None, 2], [2, 99, None], [3, None, 9], [4, 1, 1], [5, None, None], [6, 1, None]],
          columns=[*([n, "类别"] for n in range(1, 6)), [7, "多余"]],
          rows=[[n, "数据", "计划免疫"] for n in range(1, 6)])
    assert _problems(path) == [
        "表格列!A7：表格序号“7”在“正文表格”表中不存在",
        "正文表格!B3：小节“99”在“小节”表中不存在",
        "正文表格!第5行：表格“4”须在“小节”列或“主要工作”列中写明它在哪里（只填一列）",
        "正文表格!第6行：表格“5”须在“小节”列或“主要工作”列中写明它在哪里（只填一列）",
        "正文表格!第7行：表格“6”在“表格列”表中没有列：每张表格至少一列",
        "正文表格!C4：序号“9”在“主要工作”表中不存在",
    ]


def test_a_column_type_outside_the_drop_down_is_named(tmp_path):
    path = _summary_workbook(tmp_path)
    _fill(path, tables=[[1, 1]], columns=[[1, "类别", "钱"]], rows=[[1, "数据", "计划免疫"]])
    assert _problems(path) == ["表格列!C2：取值无效，请从下拉列表中选择：文字、金额、数量、比率，实际为“钱”"]


def test_a_stated_total_that_differs_from_the_rows_is_named_at_its_row(tmp_path):
    path = _summary_workbook(tmp_path)
    _fill(path, tables=[[1, 1, None, "经费"]], columns=[[1, "类别", "文字"], [1, "经费", "金额"]],
          rows=[[1, "数据", "计划免疫", 12.5], [1, "数据", "妇幼保健", 7.5], [1, "原文合计", None, 21]])
    # the check names the cell of the 合计 row (表格行 row 4, 第2列 in D): 12.5 + 7.5 = 20.00, not 21
    assert _problems(path) == ["表格行!D4：合计行“经费”为“21”，各行相加为20.00"]


def test_a_cell_that_cannot_be_read_is_the_only_error_of_its_table(tmp_path):
    """The rows without the unread cell add up to 7.5, not the stated 20: that is not a second error."""
    path = _summary_workbook(tmp_path)
    _fill(path, tables=[[1, 1, None, "经费"]], columns=[[1, "类别", "文字"], [1, "经费", "金额"]],
          rows=[[1, "数据", "计划免疫", "十二点五"], [1, "数据", "妇幼保健", 7.5], [1, "原文合计", None, 20]])
    assert _problems(path) == ["表格行!D2：“经费”列是金额列，应填数字，实际为“十二点五”"]


def test_two_tables_for_one_place_and_cells_beyond_the_table_are_named(tmp_path):
    path = _summary_workbook(tmp_path)
    _fill(path, tables=[[1, 1, None], [2, 1, None], [3, None, 2], [4, None, 2]],
          columns=[[n, "类别", "文字"] for n in (1, 2, 3, 4)], rows=[[n, "数据", "计划免疫"] for n in (1, 2, 3, 4)])
    book = openpyxl.load_workbook(path)
    book["表格行"]["O3"] = "第13列"
    book.save(path)
    assert _problems(path) == [
        "表格行!O3：此列不是本表的列，内容不会被读取；请删除，或移到相应的列（最近的是“第12列”列）",
        "正文表格!B3：小节“1”已有一张表格：每个小节只能有一张表格（表格“2”）",
        "正文表格!C5：“主要工作”表中序号“2”的一项已有一张表格：每项只能有一张表格（表格“4”）",
    ]


def test_a_performance_evaluation_holds_tables_in_its_sections_only(tmp_path, example):
    example["background"]["overview"].append({"table": {"columns": [{"name": "资金来源"}, {"name": "金额", "type": "money"}],
                                                        "rows": [["中央财政补助", 600]], "total": True}})
    model = parse_model(example)
    book_path = tmp_path / "pe.xlsx"
    book_path.write_bytes(converted(model, ".xlsx"))
    book = openpyxl.load_workbook(book_path)
    assert [c.value for c in book["正文表格"][1]] == ["序号", "小节", "表题", "单位", "合计行"]
    assert _rows(book["正文表格"]) == [(1, 1, None, None, "是")]
    assert parse_model(read_data(book_path)).model_dump() == model.model_dump()


def test_a_sub_task_keeps_its_owner_deadline_phase_and_targets(tmp_path):
    plan = _yaml(SAMPLES / "community_health_education_plan.yaml")
    plan["tasks"] = [{"title": "健全健康教育组织"}]
    plan["tasks"][0]["sections"] = [{
        "title": "调整健康教育领导小组", "owner": "社区居委会", "deadline": "2015-03-20", "phase": "整改阶段",
        "targets": [{"name": "领导小组会议", "op": ">=", "value": 2, "unit": "次"}]}]
    path = _workbook(tmp_path, dump(plan, tmp_path / "plan.json"))
    book = openpyxl.load_workbook(path)
    assert [c.value for c in book["小节"][1]] == ["序号", "上级序号", "标题", "数据接在段中", "数据之后的文字",
                                                "责任单位", "完成时限", "所属阶段"]
    row = next(r for r in _rows(book["小节"]) if r[2] == "调整健康教育领导小组")
    assert row[3:] == (None, None, "社区居委会", dt.datetime(2015, 3, 20), "整改阶段")
    assert _rows(book["小节目标"]) == [(row[0], "领导小组会议", "≥", 2, "次", None, None, None)]
    sub = govreport.load(path).data.tasks[0].sections[0]
    assert (sub.owner, sub.deadline, sub.phase) == ("社区居委会", dt.date(2015, 3, 20), "整改阶段")
    assert (sub.targets[0].name, sub.targets[0].op, sub.targets[0].value) == ("领导小组会议", ">=", 2)


def test_what_only_a_sub_task_takes_is_named_on_another_section(tmp_path):
    path = _workbook(tmp_path, PIAN4)
    book = openpyxl.load_workbook(path)
    sections = book["小节"]
    row = next(r for r in range(2, sections.max_row + 1) if sections.cell(row=r, column=3).value == "总目标")
    sections.cell(row=row, column=6, value="公卫科")  # 总目标 is a section of 项目目标, not a sub-task
    book.save(path)
    assert _problems(path) == [f"小节!F{row}：未知字段（请检查拼写；本报告类型没有这个字段）"]


def _yaml(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", ["work_summary", "implementation_plan"])
def test_a_blank_workbook_opens_in_libreoffice(tmp_path, kind):
    assert shutil.which("soffice"), "LibreOffice (soffice) must be installed for this test"
    blank = tmp_path / "blank.xlsx"
    result = CliRunner().invoke(main, ["excel-template", "--kind", kind, "-o", str(blank)])
    assert result.exit_code == 0, result.output
    assert {"正文表格", "表格列", "表格行"} <= set(openpyxl.load_workbook(blank).sheetnames)
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(blank)],
                          capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "blank.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "表格序号" in text and "行类型" in text


def test_a_number_used_twice_is_named_at_its_second_cell(tmp_path):
    """Two tables numbered 1 (正文表格 rows 2 and 3): the second is named at its 序号 cell, A3, and not read."""
    path = _summary_workbook(tmp_path)
    _fill(path, tables=[[1, None, 2], [1, None, 3]], columns=[[1, "类别", "文字"]], rows=[[1, "数据", "计划免疫"]])
    assert _problems(path) == ["正文表格!A3：序号“1”与第2行重复：每行的序号须各不相同"]


def test_a_work_item_numbered_twice_is_named_at_its_cell(tmp_path):
    path = _summary_workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    items = book["主要工作"]
    first = items["A2"].value
    items["A3"] = first
    book.save(path)
    problems = _problems(path)
    assert problems[0] == f"主要工作!A3：序号“{first}”与第2行重复：每行的序号须各不相同"


def test_a_row_without_its_table_number_is_asked_for_it(tmp_path):
    path = _summary_workbook(tmp_path)
    _fill(path, tables=[[1, 1]], columns=[[1, "类别", "文字"]], rows=[[1, "数据", "计划免疫"], [None, "数据", "妇幼保健"]])
    assert _problems(path) == ["表格行!A3：未填表格序号：请填写这一行所属“正文表格”表中那一项的序号"]
