"""A target whose threshold stands inside the sentence (每个机构每年提供不少于12种内容的印刷资料, seed 002 第4篇):
``wording`` marks the place with {}; the threshold is still worded by code, the name still answers in the summary."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

import govreport
from govreport.errors import Problem
from govreport.format.threshold import target_sentence
from govreport.models.plan import Target

from .conftest import SAMPLES, dump

CYCLE_PLAN = SAMPLES / "cycle_plan_2024.yaml"
CYCLE_SUMMARY = SAMPLES / "cycle_summary_2024.yaml"

PRINTED = {"name": "每个机构每年提供的印刷资料内容", "op": "不少于", "value": 12, "unit": "种",
           "wording": "每个机构每年提供{}内容的印刷资料"}


@pytest.mark.parametrize(("target", "sentence"), [
    # seed 002 第4篇, 三、（三）2.（1）and 5., word for word
    (PRINTED, "每个机构每年提供不少于12种内容的印刷资料"),
    ({"name": "社区卫生服务中心每月举办健康教育讲座", "value": 1, "unit": "次", "wording": "社区卫生服务中心每月举办健康教育讲座应{}"},
     "社区卫生服务中心每月举办健康教育讲座应不少于1次"),
    # seed 002 第3篇, 二、（一）8.: a rate's threshold inside the sentence
    ({"name": "宣传资料入户率", "value": 80, "unit": "%", "wording": "要求入户率{}"}, "要求入户率达80%以上"),
    # the threshold at the start, and a frequency's verb kept (第3篇 7.: 固定健康教育专栏定期更换,每年不少于6次)
    ({"name": "健康教育专栏", "value": 6, "unit": "次", "per": "每年", "wording": "固定健康教育专栏定期更换，{}"},
     "固定健康教育专栏定期更换，每年不少于6次"),
    ({"name": "面积", "value": 2, "unit": "平方米", "wording": "{}的宣传栏"}, "不少于2平方米的宣传栏"),
    # without a wording: name and threshold, as before
    ({"name": "宣传栏的面积", "value": 2, "unit": "平方米"}, "宣传栏的面积不少于2平方米"),
])
def test_the_threshold_stands_where_the_wording_puts_it(target, sentence):
    assert target_sentence(Target(**target)) == sentence


@pytest.mark.parametrize(("wording", "message"), [
    ("每个机构每年提供不少于12种内容的印刷资料", "须有且只有一处 {}"),  # the figure typed in: code could not check it
    ("提供{}内容的印刷资料，面积{}", "须有且只有一处 {}"),
    ("提供{}内容的{名称}", "除门槛处的 {} 外不能有花括号"),
    ("提供{{}}内容的印刷资料", "除门槛处的 {} 外不能有花括号"),
    ("{{ data.meta }}{}", "除门槛处的 {} 外不能有花括号"),
    ("{0}{}", "除门槛处的 {} 外不能有花括号"),
])
def test_a_wording_has_one_place_and_no_other_braces(wording, message):
    with pytest.raises(ValidationError) as raised:
        Target(**{**PRINTED, "wording": wording})
    assert message in str(raised.value)


def test_the_wording_is_printed_as_written_never_run():
    """Format syntax without braces stays text: the wording is split at {}, never formatted or compiled."""
    target = Target(**{**PRINTED, "wording": "%(name)s %s 提供{}内容 $x <b>&amp;"})
    assert target_sentence(target) == "%(name)s %s 提供不少于12种内容 $x <b>&amp;"


def test_a_plan_prints_the_wording_in_every_format(tmp_path):
    plan = yaml.safe_load(CYCLE_PLAN.read_text(encoding="utf-8"))
    plan["targets"].append(PRINTED)
    report = govreport.load(dump(plan, tmp_path / "plan.json"))
    assert govreport.validate(tmp_path / "plan.json") == []
    text = govreport.render(report, "md").decode()
    assert "健康行为形成率达70%以上；每个机构每年提供不少于12种内容的印刷资料。" in text
    assert "每个机构每年提供不少于12种内容的印刷资料" in govreport.render(report, "html").decode()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    plan = yaml.safe_load(CYCLE_PLAN.read_text(encoding="utf-8"))
    plan["targets"].append(PRINTED)
    dump(plan, tmp_path / CYCLE_PLAN.name)
    shutil.copy(CYCLE_SUMMARY, tmp_path / "summary.yaml")
    return tmp_path


def _summary(folder: Path, answers: list[dict]) -> Path:
    summary = yaml.safe_load((folder / "summary.yaml").read_text(encoding="utf-8"))
    summary["answers"] += answers
    return dump(summary, folder / "summary.json")


@pytest.mark.parametrize(("actual", "sentence"), [
    (14, "每个机构每年提供的印刷资料内容达到14种，超过年初计划12种的目标。"),
    (12, "每个机构每年提供的印刷资料内容为12种，达到年初计划12种的目标。"),
    (10, "每个机构每年提供的印刷资料内容为10种，未达到年初计划12种的目标，差2种。"),
])
def test_the_summary_answers_such_a_target_by_its_name(folder, actual, sentence):
    path = _summary(folder, [{"target": "每个机构每年提供的印刷资料内容", "actual": actual}])
    assert govreport.validate(path) == []
    assert sentence in govreport.render(govreport.load(path), "md").decode()


def test_an_unreported_target_is_named_as_the_plan_states_it(folder):
    problems = govreport.validate(_summary(folder, []))
    assert Problem("answers", "计划中的目标“每个机构每年提供不少于12种内容的印刷资料”（meta.plan 的 targets[3]）没有写出实际完成数："
                   "请在 answers 中填写", "warning") in problems


def test_the_same_target_is_one_target_whatever_its_wording(tmp_path):
    """The name and frequency make the target: stated again with another threshold, it is refused."""
    plan = yaml.safe_load(CYCLE_PLAN.read_text(encoding="utf-8"))
    plan["targets"].append(PRINTED)
    plan["tasks"][1]["targets"].append({**PRINTED, "wording": None, "value": Decimal(14)})
    problems = govreport.validate(dump(plan, tmp_path / "plan.json"))
    assert [p.path for p in problems] == ["tasks[1].targets[2].value"]
