"""A task that is only its targets: seed 002 第3篇 二、（四）4. is the numbered item "职工相关卫生知识知晓率不低于80%。"
with nothing else; an untitled task of targets alone is printed as that numbered item."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import govreport
from govreport.cli import main
from govreport.proofread import check_file

from .conftest import dump

# 种子 002 第3篇“二、目标和任务”的“（四）行业健康教育，即健康教育进单位。”一节，各项照录（1、写作 1.）。
SECTION = {
    "title": "行业健康教育，即健康教育进单位。",
    "sections": [
        {"title": "各行业单位应有健康教育工作组织网络，有领导分管，有专兼职健教人员"},
        {"title": "健康教育工作有计划，有措施、有记录、有考核、有总结。职工健康档案和有关文件资料保存完整，管理规范。有劳动保护制度和措施"},
        {"title": "结合行业特点，充分利用广播、闭路电视、专题讲座、宣传橱窗以及岗前培训等多种形式，对从业人员定期开展相关的卫生法规、"
                  "健康知识和职业卫生教育，普及职业卫生，疾病预防、营养卫生、吸烟有害健康等知识"},
        {"targets": [{"name": "职工相关卫生知识知晓率", "op": "不低于", "value": 80, "unit": "%"}]},
        {"title": "积极开展创建无烟单位活动"},
    ],
}


def plan(tasks: list[dict], **more) -> dict:
    return {"kind": "implementation_plan",
            "meta": {"organization": "红花岗区卫生局", "year": 2012, "date": "2012-03-01", "title": "红花岗区健康教育实施方案"},
            "tasks_heading": "目标和任务", "tasks": tasks, **more}


def markdown(data: dict, tmp_path: Path) -> str:
    return govreport.render(govreport.load(dump(data, tmp_path / "plan.json")), "md").decode()


def test_the_item_of_targets_alone_keeps_its_number_and_reads_as_the_original(tmp_path):
    text = markdown(plan([SECTION]), tmp_path)
    headings = [line for line in text.splitlines() if line.startswith("##")]
    # 不低于 stands for ≥: a rate's floor is worded 达…以上 by code, as every target of a plan is
    assert headings == [
        "## 一、目标和任务",
        "### （一）行业健康教育，即健康教育进单位。",
        "#### 1.各行业单位应有健康教育工作组织网络，有领导分管，有专兼职健教人员。",
        "#### 2.健康教育工作有计划，有措施、有记录、有考核、有总结。职工健康档案和有关文件资料保存完整，管理规范。有劳动保护制度和措施。",
        "#### 3.结合行业特点，充分利用广播、闭路电视、专题讲座、宣传橱窗以及岗前培训等多种形式，对从业人员定期开展相关的卫生法规、"
        "健康知识和职业卫生教育，普及职业卫生，疾病预防、营养卫生、吸烟有害健康等知识。",
        "#### 4.职工相关卫生知识知晓率达80%以上。",
        "#### 5.积极开展创建无烟单位活动。",
    ]
    assert govreport.validate(tmp_path / "plan.json") == []


def test_several_targets_make_one_item_and_an_owner_follows_it(tmp_path):
    task = {"title": "学校健康教育", "sections": [
        {"targets": [{"name": "学生健康知识知晓率", "value": 80, "unit": "%"}, {"name": "健康行为形成率", "value": 80, "unit": "%"}],
         "owner": "区教育局"},
        {"targets": [{"name": "14岁以下儿童蛔虫感染率", "op": "≤", "value": 3, "unit": "%"}]},
    ]}
    lines = [line for line in markdown(plan([task]), tmp_path).splitlines() if line]
    start = lines.index("### （一）学校健康教育")
    assert lines[start + 1:start + 4] == [
        "#### 1.学生健康知识知晓率达80%以上；健康行为形成率达80%以上。",
        "责任单位：区教育局。",
        "#### 2.14岁以下儿童蛔虫感染率控制在3%以内。",
    ]


def test_the_docx_checks_clean(tmp_path):
    out = tmp_path / "方案.docx"
    out.write_bytes(govreport.render(govreport.load(dump(plan([SECTION]), tmp_path / "plan.json")), "docx"))
    assert [f"{f.where} {f.message}" for f in check_file(out)] == []


def test_an_untitled_task_with_nothing_is_still_refused(tmp_path):
    source = dump(plan([{"title": "行业健康教育", "sections": [{"owner": "区卫生局"}]}]), tmp_path / "plan.json")
    result = CliRunner().invoke(main, ["validate", str(source)])
    assert result.exit_code == 2 and "tasks[0].sections[0]" in result.output and "任务既无标题也无内容" in result.output


@pytest.mark.parametrize("as_chapters", [False, True])
def test_an_item_of_targets_alone_takes_a_level(tmp_path, as_chapters):
    """Below a （1） there is no level left for it: refused at validation, not at rendering."""
    deepest = {"title": "（1）级", "sections": [{"targets": [{"name": "知晓率", "value": 80, "unit": "%"}]}]}
    task = {"title": "（一）级", "sections": [{"title": "1.级", "sections": [deepest]}]}
    if as_chapters:
        task = {"title": "一、级", "sections": [task]}
    source = dump(plan([task], tasks_as_chapters=as_chapters), tmp_path / "plan.json")
    result = CliRunner().invoke(main, ["validate", str(source)])
    assert result.exit_code == 2, result.output
    assert "只有目标的一项印作带编号的一项" in result.output and "Traceback" not in result.output
