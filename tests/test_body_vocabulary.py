"""The body vocabulary in a work summary: where an item's own figures stand, and how numbered lists mix."""

from __future__ import annotations

from typing import Any

import pytest

import govreport


def summary(**chapters: Any) -> dict[str, Any]:
    return {"kind": "work_summary", "meta": {"organization": "测试县卫生局", "year": 2025, "date": "2025-12-20"},
            "achievements": [{"heading": "加强项目管理"}], **chapters}


def markdown(data: dict[str, Any]) -> list[str]:
    return [line for line in govreport.render(govreport.load(data), "md").decode().splitlines() if line]


def test_an_items_own_figures_stand_before_its_sub_items():
    data = summary(achievements=[{
        "heading": "加强项目管理",
        "paragraphs": ["开头一段。", {"title": "制定管理办法", "paragraphs": ["小项的段落。"]}],
        "metrics": [{"name": "督导乡镇卫生院", "value": 86, "unit": "次"}],
    }])
    lines = markdown(data)
    start = lines.index("### （一）加强项目管理")
    assert lines[start + 1:start + 5] == ["开头一段。", "督导乡镇卫生院86次。", "#### 1.制定管理办法", "小项的段落。"]


def test_a_numbered_chapter_is_items_or_sections_not_both():
    problems = govreport.validate(summary(problems=["问题甲。", {"title": "有标题的问题"}, "问题乙。"]))
    assert [(p.path, p.message) for p in problems] == [
        ("problems", "这一章的各条要么都写成文字（编为 1. 2.），要么都写成带 title 的小节（编为（一）（二）），不能混用")]


def test_untitled_groups_do_not_use_up_the_items_numbers():
    lines = markdown(summary(problems=["问题甲。", {"figures": [{"name": "未到位资金", "value": 12, "unit": "万元"}]},
                                       "问题乙。"]))
    start = lines.index("## 二、存在的问题")
    assert lines[start + 1:start + 4] == ["1.问题甲。", "未到位资金12万元。", "2.问题乙。"]


def test_a_heading_that_will_not_print_is_named():
    data = summary(causes_heading="原因", achievements_heading="主要做法", work_items_as_chapters=True,
                   plan_label="年初方案")
    warned = {p.path: p.message for p in govreport.validate(data) if p.severity == "warning"}
    assert warned["causes_heading"].endswith("这一章没有内容（causes 为空），标题随之省略")
    assert warned["achievements_heading"].endswith("各项工作已作为一级标题（work_items_as_chapters），不再有这一章的标题")
    assert warned["plan_label"].endswith("没有回应计划的目标（answers 为空），这一说法用不上")
    data["work_items_as_chapters"] = False
    assert "achievements_heading" not in {p.path for p in govreport.validate(data)}


def test_a_merged_group_label_is_written_in_every_row_and_never_broken():
    from govreport.figures.body import table_figures
    from govreport.models.body import Table
    from govreport.rendering.body_table import printed

    table = Table.model_validate({
        "columns": [{"name": "类别", "merge": True}, {"name": "建设内容"}, {"name": "投资", "type": "money"}],
        "rows": [["基本医疗", "门诊楼", 1200], ["基本医疗", "住院楼", 800], ["公共卫生", "健康小屋", 100]],
        "total": True})
    shown = printed(table_figures(table))
    # the label stands in each row of its group, the border between them dropped
    assert [(c.text, c.open_top, c.open_bottom) for c in (row.cells[0] for row in shown.rows)] == [
        ("基本医疗", False, True), ("基本医疗", True, False), ("公共卫生", False, False), ("合计", False, False)]
    assert [(c.text, c.bold) for c in shown.rows[-1].cells] == [("合计", True), ("", True), ("2100.00", True)]
    em = 10.5 * 20  # a table character in twips (附表文字 10.5 pt)
    assert shown.widths[0] >= 4 * em  # 基本医疗 on one line


def test_a_derived_form_names_figures_and_tables_at_any_depth_of_its_goals():
    from .conftest import CONTRACT, read

    data = read(CONTRACT)
    table = {"columns": [{"name": "建设内容"}], "rows": [["门诊楼"]]}
    data["targets"]["expected"] = ["年度目标。", {"title": "医疗救助", "sections": [
        {"figures": [{"name": "救助人次", "value": 8000, "unit": "人次"}], "sections": [{"table": table}]}]}]
    warned = {p.path for p in govreport.validate(data, kind="self_evaluation") if p.severity == "warning"}
    # the form's 预期目标 cell takes titles and paragraphs; what lies below, however deep, is named
    assert {"targets.expected[1].sections[0].figures", "targets.expected[1].sections[0].sections[0].table"} <= warned


BAD_FIGURE = {"name": "实际投资", "unit": "万元"}


@pytest.mark.parametrize(("change", "path", "message"), [
    ({"metrics": [{**BAD_FIGURE, "value": 4651, "planned": 0, "planned_label": "计划总投资"}]},
     "achievements[0].metrics[0].planned", "计划总投资数应大于0，才能计算完成计划的百分比"),
    ({"metrics": [{**BAD_FIGURE, "value": 12, "previous": 10, "stated_change": 20}]},
     "achievements[0].metrics[0]", "已填对比期数值 previous 时增减幅度由计算得出，请不填 stated_change"),
    ({"metrics": [{**BAD_FIGURE, "value": 10, "of": 30, "approximate": "余"}]},
     "achievements[0].metrics[0]", "约数不能再计算合计、占比或增减：约数时请不填 parts、of、previous"),
    ({"table": {"columns": [{"name": "建设内容"}, {"name": "投资", "type": "money"}], "rows": [["门诊楼", "一千"]]}},
     "achievements[0].table", "第1行“投资”列应为数字，实际为“一千”（rows[0]）"),
    ({"table": {"columns": [{"name": "建设内容"}], "rows": [["门诊楼"]], "stated_total": ["合计", 1]}},
     "achievements[0].table", "合计行有2格，与表头的1列不符（stated_total）"),
    ({"sections": [{"paragraphs": []}]},
     "achievements[0].sections[0]", "小节既无标题也无内容：请填写 title，或删去这一项"),
])
def test_a_wrong_figure_table_or_section_is_named_and_nothing_is_written(tmp_path, change, path, message):
    from click.testing import CliRunner

    from govreport.cli import main

    from .conftest import dump

    data = summary(achievements=[{"heading": "加强项目管理", **change}])
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["render", str(dump(data, tmp_path / "ws.json")), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists() and "Traceback" not in result.output
    assert f"{path}：{message}" in result.output


def test_a_numbering_the_chain_does_not_know_and_one_too_shallow_are_refused(tmp_path):
    from click.testing import CliRunner

    from govreport.cli import main

    from .conftest import dump

    folder = tmp_path / "县"
    folder.mkdir()
    manifest = folder / "manifest.yaml"
    manifest.write_text("name: 测试县\nversion: '1'\nlayout:\n  numbering: 五级\n", encoding="utf-8")
    checked = CliRunner().invoke(main, ["templates", "check", str(folder)])
    assert checked.exit_code == 2 and "manifest.yaml" in checked.output and "numbering" in checked.output
    # 一、1.（1） has three levels: a fourth is refused at render, naming the heading
    manifest.write_text("name: 测试县\nversion: '1'\nlayout:\n  numbering: skip2\n", encoding="utf-8")
    data = summary(achievements=[{"heading": "甲", "sections": [{"title": "乙", "sections": [{"title": "丙"}]}]}])
    out = tmp_path / "out.md"
    result = CliRunner().invoke(main, ["render", str(dump(data, tmp_path / "ws.json")), "-t", str(folder), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert "标题层级过深：模板目录链选用的编号只有3级（一、1.（1）），标题“丙”是第4级" in result.output


def test_figures_run_on_inside_a_paragraph_as_clauses():
    """run_on: the figures follow the section's last paragraph as clauses joined by “，”, then ``then`` goes on in the
    same paragraph; an earlier paragraph stays a paragraph of its own. 860 of 1200 is 71.67% (four digits, not grouped) (860 ÷ 1200 = 0.71666…)."""
    lines = markdown(summary(basics=["全县辖32个乡镇。", {
        "paragraphs": ["前一段。", "全县常住人口45万人。"],
        "figures": [{"name": "签约居民", "value": 1200, "unit": "人"},
                    {"name": "其中老年人", "value": 860, "unit": "人", "of": 1200, "share_label": "占签约居民的"}],
        "run_on": True, "then": "签约服务覆盖全部乡镇。"}]))
    start = lines.index("## 一、基本情况")
    assert lines[start + 1:start + 4] == [
        "全县辖32个乡镇。", "前一段。",
        "全县常住人口45万人，签约居民1200人，其中老年人860人，占签约居民的71.67%。签约服务覆盖全部乡镇。"]


def test_figures_run_on_without_a_paragraph_are_one_sentence():
    lines = markdown(summary(basics=[{"paragraphs": [], "run_on": True,
                                      "figures": [{"name": "甲", "value": 3, "unit": "个"}, {"name": "乙", "value": 4, "unit": "个"}]}]))
    assert lines[lines.index("## 一、基本情况") + 1] == "甲3个，乙4个。"


@pytest.mark.parametrize(("section", "path", "words"), [
    ({"paragraphs": ["一段。"], "then": "接着写。"}, "basics[0].then",
     "“数据之后的文字”（then）接在数据之后，只在“数据接在段中”（run_on）为是时使用"),
    ({"paragraphs": ["一段。"], "run_on": True}, "basics[0].run_on",
     "“数据接在段中”（run_on）把数据接在段落之后，本节却没有数据（figures）"),
])
def test_run_on_and_then_used_wrongly_are_named(section, path, words):
    problems = govreport.validate(summary(basics=[section]))
    assert [p.path for p in problems] == [path] and words in problems[0].message


def test_a_plans_tasks_keep_the_run_on_rules():
    """A task is a section with rules of its own; the run_on and then rules hold for it as well."""
    plan = {"kind": "work_plan", "meta": {"organization": "测试县卫生局", "year": 2026, "date": "2026-01-10"},
            "tasks": [{"title": "甲", "paragraphs": ["一段。"], "then": "不应丢失。"},
                      {"title": "乙", "paragraphs": ["一段。"], "run_on": True}]}
    assert [p.path for p in govreport.validate(plan)] == ["tasks[0].then", "tasks[1].run_on"]


def test_figures_run_on_after_a_colon_take_no_comma():
    lines = markdown(summary(basics=[{"paragraphs": ["基本情况如下："], "run_on": True,
                                      "figures": [{"name": "总投资", "value": 15, "unit": "万元"}]}]))
    assert lines[lines.index("## 一、基本情况") + 1] == "基本情况如下：总投资15万元。"
