"""实施方案 and 工作计划: outlines against seed 002, targets worded as thresholds, checks on phases and deadlines."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import govreport
from govreport.cli import main
from govreport.format.threshold import threshold
from govreport.models.plan import Target
from govreport.proofread import check_file

from .conftest import SAMPLES, dump

PLAN = SAMPLES / "community_health_education_plan.yaml"
WORK_PLAN = SAMPLES / "health_work_plan_2015.yaml"

# 种子 002 第四篇“第1篇：社区健康教育实施方案”的标题，按原文顺序：(层级, 编号, 标题的第一个分句)。
# 原文的 1、 写作 1.，半角括号写作全角；“(一)由健康教育专干,负责…”一句以单位开头，写作“健康教育专干：负责…”。
PLAN_OUTLINE = [
    (1, "一、", "工作的开展"),
    (2, "（一）", "准备阶段"),
    (3, "1.", "调整健康教育工作领导小组"),
    (3, "2.", "召集辖区单位、社区居民参加培训会"),
    (3, "3.", "完善领导机构及工作机构"),
    (2, "（二）", "整改阶段（3月25日前）"),
    (3, "1.", "认真按照办事处及本社区制定的整改方案"),
    (3, "2.", "规范健康教育专栏"),
    (2, "（三）", "检查阶段（3月31日前）"),
    (2, "（四）", "查漏补缺阶段（4月10日前）"),
    (2, "（五）", "迎接检查验收阶段（10月30日前）"),
    (1, "二、", "健康教育工作内容"),
    (2, "（一）", "对照《国家卫生城市标准》和《国家文明城市标准》及《健康教育考核评分标准》要求"),
    (2, "（二）", "收集资料"),
    (2, "（三）", "资料顺序"),
    (1, "三、", "部门职责"),
    (2, "（一）", "健康教育专干"),
    (2, "（二）", "社区健康教育领导小组"),
    (1, "四、", "督导检查"),
    (1, "五、", "责任追究"),
]

# 种子 002 第三篇“三、下一步工作计划”的（一）至（六）；独立成文的工作计划里它们是各章（一、至六、）。
WORK_PLAN_OUTLINE = [
    (1, "一、", "扎实开展农村公共卫生工作"),
    (1, "二、", "加强乡村医生队伍建设"),
    (1, "三、", "积极推进乡村医生签约服务"),
    (1, "四、", "实施国家基本药物制度"),
    (1, "五、", "稳步推进农村卫生室信息化建设"),
    (1, "六、", "继续加强村卫生室阵地建设"),
]
HEADING = re.compile(r"^(#{2,5}) (一|二|三|四|五|六|七|八|九|十)*、|^(#{2,5}) ")
NUMBER = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|（\d+）)")


def outline(markdown: str) -> list[tuple[int, str, str]]:
    """Every numbered heading of rendered Markdown: (level, number, first clause of its text)."""
    found = []
    for line in markdown.splitlines():
        marks, _, text = line.partition(" ")
        if not (line.startswith("##") and set(marks) == {"#"}):
            continue
        number = NUMBER.match(text)
        assert number, line
        clause = re.split("[，：。]", text[number.end():])[0]
        found.append((len(marks) - 1, number.group(1), clause))
    return found


def markdown(path: Path) -> str:
    return govreport.render(govreport.load(path), "md").decode()


@pytest.mark.parametrize(("sample", "expected"), [(PLAN, PLAN_OUTLINE), (WORK_PLAN, WORK_PLAN_OUTLINE)],
                         ids=["implementation_plan", "work_plan"])
def test_outline_equals_the_originals(sample, expected):
    assert outline(markdown(sample)) == expected


def test_the_plan_opens_with_its_purpose_and_closes_with_the_office():
    text = markdown(PLAN)
    assert text.startswith("# 凤凰社区2015年健康教育实施方案\n\n为落实市、区政府提出的“双创一巩固”工作目标要求")
    assert text.rstrip().endswith("红花岗区老城街道凤凰社区居民委员会  \n2015年3月2日")


@pytest.mark.parametrize(("op", "value", "unit", "per", "verb", "words"), [
    (">=", "80", "%", "", "", "达80%以上"),
    (">=", "2", "个", "", "", "不少于2个"),
    (">=", "80", "平方米", "", "", "不少于80平方米"),
    ("<=", "3", "%", "", "", "控制在3%以内"),
    ("<=", "3", "‰", "", "", "控制在3‰以内"),
    ("<=", "35", "种", "", "", "不超过35种"),
    ("=", "100", "%", "", "", "达到100%"),
    (">=", "1", "次", "每季度", "开展", "每季度至少开展一次"),
    (">=", "1", "次", "每学年", "", "每学年至少一次"),
    (">=", "6", "次", "每年", "", "每年不少于6次"),
    ("<=", "2", "次", "每月", "", "每月不超过2次"),
    (">=", "6", "次", "每年", "更换", "每年更换不少于6次"),  # the verb is kept whatever the count
    ("<=", "2", "次", "每月", "召开", "每月召开不超过2次"),
    (">=", "3", "场", "", "举办", "举办不少于3场"),
])
def test_threshold_wording(op, value, unit, per, verb, words):
    assert threshold(op, Decimal(value), unit, per, verb) == words


@pytest.mark.parametrize(("written", "code"), [("≥", ">="), ("至少", ">="), ("不少于", ">="), ("以内", "<="),
                                               ("≤", "<="), ("＝", "=")])
def test_the_words_a_plan_writes_stand_for_operators(written, code):
    assert Target(name="知晓率", op=written, value=Decimal(80), unit="%").op == code


def test_each_target_sentence_has_its_threshold_wording():
    text = markdown(WORK_PLAN)
    assert "\n乡村医生考核每季度至少开展一次。\n" in text
    assert "\n村卫生室业务用房面积不少于80平方米。\n" in text


def test_targets_owners_and_deadlines_in_a_plan(tmp_path):
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    del data["order"]  # the usual order: 工作目标, 实施范围与内容, 主要任务, 实施步骤…
    data["targets"] = [
        {"name": "宣传资料入户率", "op": ">=", "value": 80, "unit": "%"},
        {"name": "健康知识知晓率", "op": ">=", "value": 80, "unit": "%"},
        {"name": "14岁以下儿童蛔虫感染率", "op": "<=", "value": 3, "unit": "%"},
    ]
    data["tasks"] = [{"title": "健康教育阵地建设", "paragraphs": ["固定健康教育专栏定期更换。"], "owner": "社区健康教育领导小组",
                      "deadline": "2015-03-25", "phase": "整改阶段",
                      "targets": [{"name": "卫生宣传栏", "value": 2, "unit": "个"},
                                  {"name": "健康教育专题讲座", "value": 1, "unit": "次", "per": "每季度", "verb": "开展"}]}]
    text = markdown(dump(data, tmp_path / "plan.json"))
    assert "\n宣传资料入户率达80%以上；健康知识知晓率达80%以上；14岁以下儿童蛔虫感染率控制在3%以内。\n" in text
    assert "\n卫生宣传栏不少于2个；健康教育专题讲座每季度至少开展一次。\n" in text
    assert "\n责任单位：社区健康教育领导小组。完成时限：3月25日前。\n" in text
    assert "## 一、工作目标" in text and "## 三、主要任务" in text and "### （一）健康教育阵地建设" in text


def test_duties_as_a_table(tmp_path):
    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    data["duties_as_table"] = True
    text = markdown(dump(data, tmp_path / "plan.json"))
    assert "| 责任单位 | 工作职责 |" in text and "| 健康教育专干 | 负责组织社区健康教育及控烟工作" in text
    assert "（一）健康教育专干" not in text


@pytest.mark.parametrize("sample", [PLAN, WORK_PLAN], ids=lambda p: p.stem)
def test_samples_check_clean(tmp_path, sample):
    out = tmp_path / "r.docx"
    out.write_bytes(govreport.render(govreport.load(sample), "docx"))
    assert [f"{f.where} {f.message}" for f in check_file(out)] == []


def render_fails(tmp_path: Path, data: dict, *expected: str) -> None:
    """Render must fail with exit 2, name every expected text, and write nothing."""
    source = dump(data, tmp_path / "plan.json")
    out = tmp_path / "方案.docx"
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for text in expected:
        assert text in result.output
    assert not out.exists()


def _plan() -> dict:
    return yaml.safe_load(PLAN.read_text(encoding="utf-8"))


def test_phases_out_of_order(tmp_path):
    data = _plan()
    data["phases"][2]["end"] = "2015-03-20"  # 检查阶段 before 整改阶段 ends
    render_fails(tmp_path, data, "phases[2].end", "阶段“检查阶段”（2015年3月20日）排在阶段“整改阶段”",
                 "各阶段应按时间先后排列")


def test_a_deadline_outside_the_period(tmp_path):
    data = _plan()
    data["phases"][4]["end"] = "2015-11-30"
    data["tasks"] = [{"title": "迎检资料归档", "deadline": "2015-12-15"}]
    render_fails(tmp_path, data, "phases[4].end", "截止于2015年11月30日，晚于方案期的结束日期2015年10月31日",
                 "tasks[0].deadline", "完成时限2015年12月15日晚于方案期的结束日期2015年10月31日")


def test_a_deadline_outside_its_phase(tmp_path):
    data = _plan()
    data["tasks"] = [{"title": "规范健康教育专栏", "deadline": "2015-04-05", "phase": "整改阶段"}]
    render_fails(tmp_path, data, "tasks[0].deadline", "不在所属阶段“整改阶段”（2015年3月25日前）之内")


@pytest.mark.parametrize("missing", ["value", "unit"])
def test_a_target_without_a_value_or_unit(tmp_path, missing):
    data = _plan()
    target = {"name": "宣传资料入户率", "op": ">=", "value": 80, "unit": "%"}
    del target[missing]
    data["targets"] = [target]
    render_fails(tmp_path, data, f"targets[0].{missing}")


def test_the_same_target_twice_with_different_values(tmp_path):
    data = _plan()
    data["targets"] = [{"name": "健康知识知晓率", "value": 80, "unit": "%"}]
    data["tasks"] = [{"title": "健康知识调查", "targets": [{"name": "健康知识知晓率", "value": 70, "unit": "%"}]}]
    render_fails(tmp_path, data, "tasks[0].targets[0].value", "目标“健康知识知晓率”在 targets[0] 为达80%以上，这里却为达70%以上")


def test_every_task_needs_an_owner_when_the_plan_says_so(tmp_path):
    data = _plan()
    data["meta"]["tasks_need_owner"] = True
    data["tasks"] = [{"title": "健康教育阵地建设", "owner": "社区居委会", "sections": [{"title": "更换专栏"}]},
                     {"title": "无吸烟家庭评比"}]
    render_fails(tmp_path, data, "tasks[1].owner", "任务“无吸烟家庭评比”没有写明责任单位")


def test_unknown_fields_are_errors(tmp_path):
    data = _plan()
    data["phases"][0]["deadline"] = "2015-03-10"
    render_fails(tmp_path, data, "phases[0].deadline")


def test_the_kinds_on_the_command_line(tmp_path):
    runner = CliRunner()
    listed = runner.invoke(main, ["kinds"]).output
    assert "implementation_plan　实施方案" in listed and "work_plan　工作计划" in listed
    book = tmp_path / "方案.xlsx"
    assert runner.invoke(main, ["excel-template", "--kind", "implementation_plan", "-o", str(book)]).exit_code == 0
    folder = tmp_path / "县模板"
    result = runner.invoke(main, ["templates", "init", str(folder), "--kind", "implementation_plan"])
    assert result.exit_code == 0, result.output
    assert any(folder.rglob("*.j2"))


@pytest.mark.parametrize("sample", [PLAN, WORK_PLAN], ids=lambda p: p.stem)
def test_a_filled_workbook_renders_the_same_plan(tmp_path, sample):
    book = tmp_path / "计划.xlsx"
    result = CliRunner().invoke(main, ["convert", str(sample), "-o", str(book)])
    assert result.exit_code == 0, result.output
    assert govreport.render(govreport.load(book), "md") == govreport.render(govreport.load(sample), "md")
