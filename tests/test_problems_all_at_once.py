"""A wrong value outside any list (``meta.date``, ``meta.year``) no longer hides the consistency checks.

The user fixes every problem of a file in one round: the checks run on the
rest of the data, and report only what the file has whatever the wrong value
was meant to be. The sample's figures (samples/performance_evaluation.json):
uses 652.40 + 325.60 + 116.00 = 1094.00 万元 = spent 588.60 + 291.35 + 214.05;
weights 20 + 10 + 10 + 10 + 15 + 15 + 10 = 90.
"""

from __future__ import annotations

import pytest

import govreport

from .conftest import SAMPLES, dump, read
from .test_bad_input import render_fails, run

USES_SHORT = "implementation.funds.uses：资金用途合计442.60万元与各来源执行数合计1094.00万元不一致（相差651.40万元）"
WEIGHTS_95 = "targets.indicators：各指标分值合计为95，预算执行率计10分，指标分值合计应为90"


def errors(data) -> list[str]:
    return [f"{p.path}：{p.message}" for p in govreport.validate(data) if p.severity == "error"]


def test_an_impossible_date_and_a_wrong_total_are_both_named_in_one_run(tmp_path, example):
    example["meta"]["date"] = "2025-13-45"
    example["implementation"]["funds"]["uses"][0]["amount"] = 1  # 1 + 325.60 + 116.00 = 442.60
    output = render_fails(tmp_path, dump(example, tmp_path / "d.json"),
                          "meta.date：不是有效日期（月、日须真实存在）", USES_SHORT)
    assert "数据有 2 处错误" in output


def test_a_year_that_is_no_number_and_weights_that_do_not_add_up(tmp_path, example):
    example["meta"]["year"] = "abc"
    example["targets"]["indicators"][0]["weight"] = 25  # 90 − 20 + 25 = 95
    result = run("validate", str(dump(example, tmp_path / "d.json")))
    assert result.exit_code == 2, result.output
    assert "meta.year：应为整数" in result.output
    assert WEIGHTS_95 in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["d.json"]


def test_a_missing_date_does_not_hide_a_wrong_document_number(example):
    del example["meta"]["date"]
    example["meta"]["doc_number"] = "乱写"
    assert errors(example) == ["meta.date：缺少必填字段",
                               "meta.doc_number：发文字号“乱写”无法识别，应如“三民发〔2026〕3号”"]


def test_wrong_values_in_and_outside_lists_together(example):
    example["meta"]["date"] = "20260120"
    example["targets"]["indicators"][2]["op"] = ">>"  # its chapter's totals are not checked without it
    example["implementation"]["funds"]["uses"][0]["amount"] = 1
    assert [e.split("：")[0] for e in errors(example)] == [
        "meta.date", "targets.indicators[2].op", "implementation.funds.uses"]


def test_a_finding_that_depends_on_the_wrong_value_is_not_reported(example):
    """What the weights must add up to depends on ``execution_scored`` (90 or 100): with that flag unreadable,
    no weight total can be called wrong, neither the sample's 90 nor 95."""
    example["targets"]["execution_scored"] = "也许"
    assert errors(example) == ["targets.execution_scored：应为 true 或 false，实际为“也许”"]
    example["targets"]["indicators"][0]["weight"] = 25
    assert errors(example) == ["targets.execution_scored：应为 true 或 false，实际为“也许”"]


def test_a_wrong_unit_keeps_the_findings_that_do_not_name_it(example):
    """The uses total is worded in the unit, which the file does not give; the weights are not."""
    example["implementation"]["funds"]["unit"] = "美元"
    example["implementation"]["funds"]["uses"][0]["amount"] = 1
    example["targets"]["indicators"][0]["weight"] = 25
    assert errors(example) == ["implementation.funds.unit：取值无效，应为以下之一：万元、元，实际为“美元”", WEIGHTS_95]


def test_a_self_evaluation_with_an_unreadable_flag_still_gets_its_funds_checked():
    """Weights 20 + 10 + 10 + 5 + 5 + 15 + 15 + 10 = 90, right only when execution is scored: not reported;
    a 执行数 of 900 above the 全年预算数 850 is wrong whatever the flag says."""
    data = read(SAMPLES / "self_evaluation.json")
    data["execution_scored"] = "是"
    data["funds"]["sources"][0]["spent"] = 900
    assert errors(data) == [
        "execution_scored：应为 true 或 false，实际为“是”",
        "funds.sources[0].spent：“中央财政补助”执行数900.00万元超过预算数850.00万元（如有上年结转，请在该来源中写 \"overrun_allowed\": true）",
    ]


@pytest.mark.parametrize("value", [{"y": 1}, [2025]])
def test_a_value_of_the_wrong_shape_is_replaced_too(example, value):
    example["meta"]["year"] = value
    example["targets"]["indicators"][0]["weight"] = 25
    assert errors(example) == ["meta.year：应为整数", WEIGHTS_95]


def test_a_whole_chapter_of_the_wrong_shape_stops_the_checks(example):
    """No stand-in is made for a chapter (meta as a text): what it would hold is unknown, so nothing is checked."""
    example["meta"] = "2025"
    example["targets"]["indicators"][0]["weight"] = 25
    assert errors(example) == ["meta：应为对象（用花括号 { } 括起）"]
