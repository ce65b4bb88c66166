"""A scoring profile in the data (``meta.scoring``): the same options and checks as a manifest's ``scoring``,
option by option over the chain's. Every expected figure is worked out by hand in the comment beside it.

The contract example (samples/performance_evaluation.json) under the default rules: 医疗救助人次 20.00,
健康教育覆盖人次 10 × 18000 ÷ 20000 = 9.00, 识别准确率 10.00, 人均住院救助金额 (≤1500, 1620) 10 × (1 − 120 ÷ 1500)
= 9.20, 因病返贫发生率 15.00, 长效机制 (部分达成, 0.75) 11.25, 满意度 10.00: 84.45; 预算执行率 1094.00 ÷ 1200
= 91.166…% → 9.12; total 93.57, 优.
"""

from __future__ import annotations

import copy
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import govreport
from govreport.cli import main
from govreport.errors import DataError

from .conftest import dump

STRICTER = [  # 优秀 from 95: 93.57 falls to 良好
    {"name": "优秀", "min": 95, "max": 100},
    {"name": "良好", "min": 85, "max": 95},
    {"name": "合格", "min": 60, "max": 85},
    {"name": "不合格", "min": 0, "max": 60},
]


def scored(example: dict[str, Any], scoring: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(example)
    data["meta"]["scoring"] = scoring
    return data


def county(tmp_path: Path, scoring: str) -> Path:
    path = tmp_path / "县"
    path.mkdir()
    (path / "manifest.yaml").write_text(f'name: 县\nversion: "1.0"\nscoring:{scoring}', encoding="utf-8")
    return path


def problems(data: dict[str, Any], **options: Any) -> dict[str, str]:
    """Each path's messages, joined."""
    with pytest.raises(DataError) as raised:
        govreport.load(data, **options)
    found: dict[str, str] = {}
    for p in raised.value.problems:
        found[p.path] = found.get(p.path, "") + p.message
    return found


def test_grade_names_set_in_the_data_change_the_grade_only(example):
    default = govreport.load(example)
    stricter = govreport.load(scored(example, {"grades": STRICTER}))
    assert (default.figures.total, default.figures.grade) == (D("93.57"), "优")
    assert (stricter.figures.total, stricter.figures.grade) == (D("93.57"), "良好")  # 85 ≤ 93.57 < 95
    assert "评价等级为“良好”" in govreport.render(stricter, "md").decode()


def test_the_data_overrides_one_option_and_keeps_the_chains_others(example, tmp_path):
    folder = county(tmp_path, """
  reverse: ratio
  grades:
    - {name: 好, min: 90, max: 100}
    - {name: 较好, min: 80, max: 90}
    - {name: 一般, min: 60, max: 80}
    - {name: 差, min: 0, max: 60}
""")
    # the county's ratio rule: 人均住院救助金额 10 × 1500 ÷ 1620 = 9.259… → 9.26; 84.51 + 9.12 = 93.63, 好
    chain = govreport.load(example, templates=[folder])
    assert (chain.figures.indicators[3].score, chain.figures.total, chain.figures.grade) == (D("9.26"), D("93.63"), "好")
    # the data's linear rule replaces the county's: 9.20 again, 93.57; the county's grade names stay
    data = govreport.load(scored(example, {"reverse": "linear"}), templates=[folder])
    assert (data.figures.indicators[3].score, data.figures.total, data.figures.grade) == (D("9.20"), D("93.57"), "好")


def test_a_check_against_an_option_of_the_data_names_it(example):
    # 产出指标 in the data weigh 20 + 10 + 10 + 10 = 50 and 效益指标 15 + 15 = 30, not the 60 and 20 the data's own
    # subtotals require (60 + 20 + 10 = 90, a right total)
    found = problems(scored(example, {"subtotals": {"产出指标": 60, "效益指标": 20, "满意度指标": 10}}))
    assert list(found) == ["targets.indicators"]
    assert "“产出指标”的分值合计50分，评分规则（meta.scoring.subtotals）要求60分" in found["targets.indicators"]
    assert "“效益指标”的分值合计30分，评分规则（meta.scoring.subtotals）要求20分" in found["targets.indicators"]
    found = problems(scored(example, {"veto": {"indicators": ["资金拨付及时率"]}}))
    assert "资金拨付及时率" in found["meta.scoring.veto"]


@pytest.mark.parametrize(("scoring", "path", "words"), [
    ({"grades": [{"name": "优", "min": 90, "max": 100}, {"name": "良", "min": 75, "max": 95},
                 {"name": "差", "min": 0, "max": 75}]}, "meta.scoring.grades[1]", "重叠"),
    ({"grades": [{"name": "优", "min": 90, "max": 100}, {"name": "良", "min": 80, "max": 85},
                 {"name": "差", "min": 0, "max": 80}]}, "meta.scoring.grades[1]", "空档"),
    ({"subtotals": {"产出指标": 50, "效益指标": 30}}, "meta.scoring.subtotals", "合计80分"),
    ({"veto": {"indicators": ["医疗救助人次", "医疗救助人次"]}}, "meta.scoring.veto.indicators[1]", "写了两次"),
    ({"grades": [{"name": "优", "min": 120, "max": 100}]}, "meta.scoring.grades[0].min", ""),
    ({"reverse": "half"}, "meta.scoring.reverse", ""),
])
def test_a_bad_profile_in_the_data_is_refused_by_its_path(example, scoring, path, words):
    found = problems(scored(example, scoring))
    assert path in found and words in found[path], found


def test_a_bad_profile_in_the_data_stops_the_command_and_writes_nothing(example, tmp_path):
    bad = scored(example, {"grades": [{"name": "优", "min": 90, "max": 100}, {"name": "良", "min": 0, "max": 80}]})
    output = tmp_path / "报告.docx"
    result = CliRunner().invoke(main, ["render", str(dump(bad, tmp_path / "data.json")), "-o", str(output)])
    assert result.exit_code == 2 and not output.exists()
    assert "meta.scoring.grades[1]" in result.output and "有空档" in result.output


def test_a_derived_self_evaluation_keeps_the_evaluations_profile(example):
    report = govreport.load(scored(example, {"grades": STRICTER}), kind="self_evaluation")
    assert report.kind.name == "self_evaluation"
    assert [g.name for g in report.data.meta.scoring.grades] == ["优秀", "良好", "合格", "不合格"]
    assert (report.figures.total, report.figures.grade) == (D("93.57"), "良好")
    # a check of the derived data names the evaluation's own field
    found = problems(scored(example, {"veto": {"indicators": ["资金拨付及时率"]}}), kind="self_evaluation")
    assert "meta.scoring.veto" in found


def test_a_workbook_cannot_hold_a_profile_and_says_so(example, tmp_path):
    source = dump(scored(example, {"grades": STRICTER}), tmp_path / "data.json")
    output = tmp_path / "data.xlsx"
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(output)])
    assert result.exit_code == 2 and not output.exists()
    assert "meta.scoring" in result.output and "manifest.yaml" in result.output


def test_templates_list_shows_the_profile_a_data_file_renders_with(example, tmp_path):
    folder = county(tmp_path, "\n  reverse: ratio\n")
    data = scored(example, {"grades": STRICTER, "ratings": [
        {"name": "达成", "low": "0.8", "high": 1, "words": ["好"]},
        {"name": "部分达成", "low": "0.6", "high": "0.8"},
        {"name": "未达成", "low": 0, "high": "0.6", "words": []}]})
    data["meta"]["templates"] = ["县"]
    path = dump(data, tmp_path / "评价.json")
    result = CliRunner().invoke(main, ["templates", "list", "--data", str(path), "-k", "performance_evaluation"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "数据的 meta.scoring 设置了：grades、ratings（代替模板目录中的同名选项）" in lines
    assert "评分：反向指标 ratio；预算执行率分母 budget" in lines  # the county's, which the data leaves alone
    assert "  等级：优秀 95～100，良好 85～95，合格 60～85，不合格 0～60" in lines
    assert ("  评定的说法：达成（也可写达成年度指标、好）；部分达成（也可写部分达成年度指标并具有一定效果、部分达成预期指标）；"
            "未达成（也可写未达成年度指标且效果较差）") in lines
    # without --data, the folder's profile alone: the built-in grades
    plain = CliRunner().invoke(main, ["templates", "list", "-t", str(folder), "-k", "performance_evaluation"])
    assert "  等级：优 90～100，良 80～90，中 60～80，差 0～60" in plain.output.splitlines()


def test_templates_list_of_a_data_file_with_errors_lists_them_and_exits_2(example, tmp_path):
    data = scored(example, {"grades": STRICTER[:2]})  # 85 down to 0 left without a grade
    path = dump(data, tmp_path / "评价.json")
    result = CliRunner().invoke(main, ["templates", "list", "--data", str(path)])
    assert result.exit_code == 2
    assert "meta.scoring.grades" in result.output and "Traceback" not in result.output
    assert "评价.json：数据有 1 处错误，无法按它列出模板。" in result.output
