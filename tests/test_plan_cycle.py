"""Plan and summary, one cycle: a summary names its plan, answers each target, is warned of what it leaves out,
and its 下一步工作打算 becomes next year's plan."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import govreport
from govreport.cli import main
from govreport.errors import Problem

from .conftest import SAMPLES, dump

PLAN = SAMPLES / "cycle_plan_2024.yaml"
SUMMARY = SAMPLES / "cycle_summary_2024.yaml"


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The plan beside the summary data the tests write, as the samples stand."""
    shutil.copy(PLAN, tmp_path / PLAN.name)
    return tmp_path


def _markdown(report: govreport.Report) -> str:
    return govreport.render(report, "md").decode()


def _chapter(text: str, heading: str) -> str:
    """The text of one chapter of the Markdown, heading to the next heading."""
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_the_sample_answers_every_target_and_checks_clean():
    assert govreport.validate(PLAN) == []
    assert govreport.validate(SUMMARY) == []


def test_each_answer_is_worded_from_the_plans_threshold():
    """Targets ≥80%, ≥80%, ≥70%, ≥3平方米, 每年≥6次, 每季度≥1次 against 86.5, 80, 64.8, 4, 8, 2:
    86.5 > 80 exceeds; 80 = 80 meets; 70 − 64.8 = 5.2 个百分点 short; 4 > 3, 8 > 6, 2 > 1 exceed."""
    chapter = _chapter(_markdown(govreport.load(SUMMARY)), "二、计划完成情况")
    sentences = chapter.strip().split("\n\n")[0]
    assert sentences == (
        "宣传资料入户率达到86.5%，超过年初计划80%的目标。"
        "健康知识知晓率为80%，达到年初计划80%的目标。"
        "健康行为形成率为64.8%，未达到年初计划70%的目标，差5.2个百分点。"
        "健康教育宣传栏面积达到4平方米，超过年初计划3平方米的目标。"
        "健康教育专栏每年更换8次，超过年初计划每年6次的目标。"
        "健康教育专题讲座每季度开展2次，超过年初计划每季度1次的目标。"
    )
    assert "9月开展无吸烟家庭评比活动，评出无吸烟家庭126户。" in chapter


def test_a_ceiling_and_a_count_short_of_its_target(folder: Path):
    """≤3‰ held at 2.5‰; ≤3‰ exceeded at 3.5‰ by 0.5个千分点; 不少于3平方米 at 2 is 1平方米 short."""
    plan = _load(PLAN)
    plan["targets"].append({"name": "孕产妇死亡率", "op": "以内", "value": 3, "unit": "‰"})
    plan["targets"].append({"name": "婴儿死亡率", "op": "<=", "value": 3, "unit": "‰"})
    dump(plan, folder / "plan.json")
    summary = _load(SUMMARY)
    summary["meta"]["plan"] = "plan.json"
    summary["plan_label"] = "实施方案"
    for answer in summary["answers"]:
        if answer["target"] == "健康教育宣传栏面积":
            answer["actual"] = 2
    summary["answers"] += [{"target": "孕产妇死亡率", "actual": "2.5"}, {"target": "婴儿死亡率", "actual": "3.5"}]
    text = _markdown(govreport.load(dump(summary, folder / "summary.json")))
    assert "健康教育宣传栏面积为2平方米，未达到实施方案3平方米的目标，差1平方米。" in text
    assert "孕产妇死亡率为2.5‰，控制在实施方案3‰以内。" in text
    assert "婴儿死亡率为3.5‰，超出实施方案3‰的控制目标0.5个千分点。" in text


def test_an_unreported_target_and_a_passed_deadline_are_warned_of(folder: Path):
    summary = _load(SUMMARY)
    summary["answers"] = [a for a in summary["answers"] if a["target"] != "健康行为形成率"]
    summary["task_answers"] = [t for t in summary["task_answers"] if t["task"] != "开展无吸烟家庭评比活动"]
    problems = govreport.validate(dump(summary, folder / "summary.json"))
    assert problems == [
        Problem("answers", "计划中的目标“健康行为形成率达70%以上”（meta.plan 的 targets[2]）没有写出实际完成数："
                "请在 answers 中填写", "warning"),
        Problem("task_answers", "计划中的任务“开展无吸烟家庭评比活动”（meta.plan 的 tasks[3]）完成时限2024年10月31日"
                "已过，总结中没有写到：请在 task_answers 中写一句完成情况", "warning"),
    ]
    result = CliRunner().invoke(main, ["render", str(folder / "summary.json"), "-o", str(folder / "总结.md")])
    assert result.exit_code == 0
    assert "提示　answers：计划中的目标“健康行为形成率达70%以上”" in result.output
    chapter = _chapter((folder / "总结.md").read_text(encoding="utf-8"), "二、计划完成情况")
    assert "健康行为形成率" not in chapter


def test_a_deadline_not_yet_passed_or_a_task_answered_by_its_target_needs_no_word(folder: Path):
    """The summary dated 2024-11-30 is not late for the survey due that day; a task whose target is answered
    (专题讲座) has its word without a task_answers entry."""
    plan = _load(PLAN)
    plan["tasks"][2]["deadline"] = "2024-06-30"  # 组织健康教育专题讲座, answered by its target 每季度开展2次
    dump(plan, folder / "plan.json")
    summary = _load(SUMMARY)
    summary["meta"].update(plan="plan.json", date="2024-11-30")
    summary["task_answers"] = [t for t in summary["task_answers"] if t["task"] != "开展居民健康知识调查"]
    assert govreport.validate(dump(summary, folder / "summary.json")) == []


def test_answers_must_name_the_plans_targets_and_tasks(folder: Path):
    summary = _load(SUMMARY)
    summary["answers"] += [{"target": "健康知识知晓率", "actual": 81}, {"target": "居民健康档案建档率", "actual": 90}]
    summary["task_answers"].append({"task": "建立居民健康档案", "text": "已建档。"})
    problems = govreport.validate(dump(summary, folder / "summary.json"))
    assert [(p.path, p.severity) for p in problems] == [
        ("answers[6].target", "error"), ("answers[7].target", "error"), ("task_answers[3].task", "error")]
    assert "已在 answers[1] 中写过" in problems[0].message
    assert "没有名为“居民健康档案建档率”的目标" in problems[1].message
    assert "没有标题为“建立居民健康档案”的任务" in problems[2].message


def test_answers_without_a_plan_are_refused(folder: Path):
    summary = _load(SUMMARY)
    del summary["meta"]["plan"]
    problems = govreport.validate(dump(summary, folder / "summary.json"))
    assert len(problems) == 1 and "meta.plan" in problems[0].message


def _render_fails(source: Path, *expected: str) -> None:
    out = source.parent / "总结.docx"
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for text in expected:
        assert text in result.output
    assert not out.exists()


def test_a_plan_file_that_does_not_exist(tmp_path: Path):
    summary = _load(SUMMARY)
    summary["meta"]["plan"] = "2024年计划.yaml"
    _render_fails(dump(summary, tmp_path / "summary.json"), "meta.plan", "2024年计划.yaml", "找不到数据文件")


@pytest.mark.parametrize("named", ["../cycle_plan_2024.yaml", "{outside}/cycle_plan_2024.yaml", "link.yaml"])
def test_a_plan_outside_the_summarys_folder_is_not_read(tmp_path: Path, named: str):
    outside, inside = tmp_path / "outside", tmp_path / "inside"
    outside.mkdir()
    inside.mkdir()
    shutil.copy(PLAN, outside / PLAN.name)
    (inside / "link.yaml").symlink_to(outside / PLAN.name)  # a link that leads out of the folder
    summary = _load(SUMMARY)
    summary["meta"]["plan"] = named.format(outside=outside)
    _render_fails(dump(summary, inside / "summary.json"), "meta.plan", "计划文件须放在本数据文件所在的文件夹或其下级文件夹中")


def test_a_server_reading_an_upload_reads_no_plan():
    from govreport.reading import read_data

    problems = govreport.validate(read_data(SUMMARY, plans=False))
    assert [p.path for p in problems if p.severity == "error"] == ["meta.plan"]


def test_a_plan_file_of_another_kind(tmp_path: Path):
    shutil.copy(SAMPLES / "work_summary.json", tmp_path / "去年总结.json")
    summary = _load(SUMMARY)
    summary["meta"]["plan"] = "去年总结.json"
    _render_fails(dump(summary, tmp_path / "summary.json"), "meta.plan", "去年总结.json", "年度工作总结（work_summary）",
                  "应为工作计划（work_plan）或实施方案（implementation_plan）")


def test_a_plan_with_errors_names_them(folder: Path):
    plan = _load(PLAN)
    plan["meta"]["end"] = "2024-06-30"
    dump(plan, folder / "plan.json")
    summary = _load(SUMMARY)
    summary["meta"]["plan"] = "plan.json"
    _render_fails(dump(summary, folder / "summary.json"), "meta.plan", "tasks[3].deadline", "晚于方案期的结束日期")


def test_plan_from_summary_writes_next_years_plan(tmp_path: Path):
    out = tmp_path / "2025年计划.yaml"
    result = CliRunner().invoke(main, ["plan-from-summary", str(SUMMARY), "-o", str(out)])
    assert result.exit_code == 0, result.output
    plan = _load(out)
    assert plan["kind"] == "work_plan"
    assert plan["meta"]["year"] == 2025
    assert plan["meta"]["title"] == "丁字口社区2025年健康教育工作计划"
    assert [t["title"] for t in plan["tasks"]] == [
        "加强健康教育专职人员业务培训，每半年参加一次区级以上业务培训",
        "针对青壮年居民开展吸烟、饮酒、缺乏运动等不良行为的干预，提高健康行为形成率",
        "继续办好健康教育宣传栏和专题讲座，专栏每两个月更换一次，讲座通知和授课记录及时归档",
    ]
    assert govreport.validate(out) == []
    text = _markdown(govreport.load(out))
    headings = re.findall(r"^#+ (.+)$", text, flags=re.M)
    assert headings[:3] == ["丁字口社区2025年健康教育工作计划", "一、主要任务",
                            "（一）加强健康教育专职人员业务培训，每半年参加一次区级以上业务培训。"]
    assert CliRunner().invoke(main, ["plan-from-summary", str(SUMMARY), "-o", str(out)]).exit_code == 2  # no overwrite


def test_plan_from_summary_keeps_sections_and_refuses_other_kinds(tmp_path: Path, folder: Path):
    summary = _load(SUMMARY)
    summary["plans"] = [{"title": "加强队伍建设", "paragraphs": ["每半年参加一次业务培训。"],
                         "sections": [{"title": "专职人员培训"}]}]
    out = folder / "next.json"
    result = CliRunner().invoke(main, ["plan-from-summary", str(dump(summary, folder / "s.json")), "-o", str(out)])
    assert result.exit_code == 0, result.output
    task = govreport.load(out).data.tasks[0]
    assert (task.title, task.paragraphs, task.sections[0].title) == ("加强队伍建设", ["每半年参加一次业务培训。"], "专职人员培训")
    refused = tmp_path / "x.yaml"
    result = CliRunner().invoke(main, ["plan-from-summary", str(PLAN), "-o", str(refused)])
    assert result.exit_code == 2 and "只接受工作总结" in result.output
    assert not refused.exists()


def test_an_untitled_group_among_the_plans_takes_no_level(folder: Path):
    # three titled levels inside an untitled group fit the summary's 下一步工作打算 and the plan's 主要任务 alike
    summary = _load(SUMMARY)
    summary["plans"] = [{"figures": [{"name": "培训", "value": 2, "unit": "期"}],
                         "sections": [{"title": "甲", "sections": [{"title": "乙", "sections": [{"title": "丙"}]}]}]}]
    out = folder / "next.json"
    result = CliRunner().invoke(main, ["plan-from-summary", str(dump(summary, folder / "s.json")), "-o", str(out)])
    assert result.exit_code == 0, result.output
    tasks = govreport.load(out).data.tasks
    assert [t.title for t in tasks] == [None, "甲"] and tasks[0].figures[0].name == "培训"
    assert tasks[1].sections[0].sections[0].title == "丙"


def test_plan_from_a_summary_with_errors_writes_nothing(tmp_path: Path):
    summary = _load(SUMMARY)
    summary["meta"]["plan"] = "没有的计划.yaml"
    out = tmp_path / "next.yaml"
    result = CliRunner().invoke(main, ["plan-from-summary", str(dump(summary, tmp_path / "s.json")), "-o", str(out)])
    assert result.exit_code == 2 and "meta.plan" in result.output
    assert not out.exists()
