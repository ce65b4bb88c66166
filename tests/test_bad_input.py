"""Every class of bad data: a Chinese message naming the field, exit code 2, no file touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from govreport.cli import main

from .conftest import dump


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def render_fails(tmp_path: Path, data_file: Path, *expected: str) -> str:
    """Render must fail with exit 2, name every expected text, and leave the output alone."""
    out = tmp_path / "报告.docx"
    out.write_bytes(b"previous report")
    result = run("render", str(data_file), "-o", str(out))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for text in expected:
        assert text in result.output
    assert out.read_bytes() == b"previous report"  # never clobbered
    assert [p.name for p in tmp_path.iterdir() if p.suffix in {".docx", ".tmp"} or p.name.startswith(".")] == ["报告.docx"]
    return result.output


def test_invalid_json(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "performance_evaluation",\n "meta": {"year": 2025,}\n}', encoding="utf-8")
    render_fails(tmp_path, bad, "JSON 格式错误：第 2 行")


def test_not_utf8(tmp_path):
    bad = tmp_path / "gbk.json"
    bad.write_bytes('{"kind": "项目"}'.encode("gbk"))
    render_fails(tmp_path, bad, "UTF-8")


def test_missing_file(tmp_path):
    render_fails(tmp_path, tmp_path / "none.json", "找不到数据文件")


def test_unknown_kind(tmp_path, example):
    example["kind"] = "annual_report"
    render_fails(tmp_path, dump(example, tmp_path / "d.json"), "kind：未知的报告类型“annual_report”", "performance_evaluation")


def test_wrong_types_missing_fields_unknown_keys_all_at_once(tmp_path, example):
    example["meta"]["year"] = "二〇二五"
    del example["meta"]["evaluator"]
    example["targets"]["indicators"][3]["weigth"] = 10
    example["targets"]["indicators"][0]["actual"] = [8500]
    example["implementation"]["funds"]["sources"][1]["received"] = "三百"
    output = render_fails(
        tmp_path, dump(example, tmp_path / "d.json"),
        "meta.year：应为整数",
        "meta.evaluator：缺少必填字段",
        "targets.indicators[3].weigth：未知字段",
        "targets.indicators[0].actual：应为数字或文字",
        "implementation.funds.sources[1].received：应为数字",
    )
    assert "数据有 5 处错误" in output


def test_unknown_operator(tmp_path, example):
    example["targets"]["indicators"][1]["op"] = "大于"
    render_fails(tmp_path, dump(example, tmp_path / "d.json"), "targets.indicators[1].op：取值无效", ">=、<=、=、qualitative")


def test_operator_symbols_are_accepted(example):
    import govreport

    for i, symbol in ((0, "≥"), (3, "≤"), (5, "定性")):
        example["targets"]["indicators"][i]["op"] = symbol
    assert govreport.load(example).figures.total.to_eng_string() == "93.57"


def test_uses_not_adding_up_to_spent(tmp_path, example):
    example["implementation"]["funds"]["uses"][2]["amount"] = 120
    render_fails(tmp_path, dump(example, tmp_path / "d.json"),
                 "implementation.funds.uses：资金用途合计1098.00万元与各来源执行数合计1094.00万元不一致（相差4.00万元）")


def test_spent_above_received_and_received_above_budget(tmp_path, example):
    example["implementation"]["funds"]["sources"][2]["spent"] = 260
    example["implementation"]["funds"]["sources"][0]["received"] = 650
    render_fails(tmp_path, dump(example, tmp_path / "d.json"),
                 "sources[2].spent：“市级配套资金”执行数260.00万元超过到位数250.00万元",
                 "sources[0].received：“中央财政补助”到位数650.00万元超过预算数600.00万元")


def test_overrun_allowed_by_the_source(example):
    import govreport

    source = example["implementation"]["funds"]["sources"][2]
    source.update(spent=264.05, overrun_allowed=True)
    example["implementation"]["funds"]["uses"][2]["amount"] = 166
    # only the two fields the built-in document does not print are named (test_nothing_lost.py)
    assert {(p.path, p.severity) for p in govreport.validate(example)} == {
        ("meta.region", "warning"), ("meta.doc_number", "warning")}


def test_negative_money(tmp_path, example):
    example["implementation"]["funds"]["uses"][0]["amount"] = -652.4
    render_fails(tmp_path, dump(example, tmp_path / "d.json"), "implementation.funds.uses[0].amount：不能为负数")


def test_weights_not_adding_up(tmp_path, example):
    example["targets"]["indicators"][0]["weight"] = 25
    render_fails(tmp_path, dump(example, tmp_path / "d.json"), "targets.indicators：各指标分值合计为95", "应为90")


def test_weights_must_reach_100_when_execution_is_not_scored(tmp_path, example):
    example["targets"]["execution_scored"] = False
    render_fails(tmp_path, dump(example, tmp_path / "d.json"), "指标分值合计应为100")


@pytest.mark.parametrize(("rating", "ratio", "message"), [
    ("部分达成", 0.85, "得分比例0.85不在“部分达成”的区间 0.6～0.8（不含0.8） 内"),
    ("未达成", 0.6, "得分比例0.6不在“未达成”的区间 0～0.6（不含0.6） 内"),
    ("达成", 0.7, "得分比例0.7不在“达成”的区间 0.8～1 内"),
])
def test_qualitative_ratio_outside_its_band(tmp_path, example, rating, ratio, message):
    example["targets"]["indicators"][5].update(rating=rating, ratio=ratio)
    render_fails(tmp_path, dump(example, tmp_path / "d.json"), f"targets.indicators[5].ratio：{message}")


def test_partial_rating_without_ratio(tmp_path, example):
    del example["targets"]["indicators"][5]["ratio"]
    render_fails(tmp_path, dump(example, tmp_path / "d.json"), "targets.indicators[5].ratio：评定为“部分达成”时须填写得分比例 ratio")


def test_score_above_weight(tmp_path, example):
    example["targets"]["indicators"][2]["score"] = 12
    render_fails(tmp_path, dump(example, tmp_path / "d.json"), "targets.indicators[2].score：得分12超过分值10")


def test_quantitative_indicator_with_text_target(tmp_path, example):
    example["targets"]["indicators"][3]["target"] = "一千五百元"
    render_fails(tmp_path, dump(example, tmp_path / "d.json"), "targets.indicators[3].target：比较方式为“<=”的定量指标，此处应为数字")


@pytest.mark.parametrize(("value", "message"), [
    ("2026-02-30", "不是有效日期（月、日须真实存在）"),
    ("2026-13-01", "不是有效日期（月、日须真实存在）"),
    ("20260120", "应为日期，格式如 2026-01-20"),
    (20260120, "应为日期，格式如 2026-01-20"),
])
def test_impossible_dates(tmp_path, example, value, message):
    example["meta"]["date"] = value
    render_fails(tmp_path, dump(example, tmp_path / "d.json"), f"meta.date：{message}")


def test_period_ending_before_it_starts(tmp_path, example):
    example["implementation"]["period"]["end"] = "2024-12-31"
    render_fails(tmp_path, dump(example, tmp_path / "d.json"), "implementation.period.end：结束日期早于开始日期")


def test_yaml_syntax_error(tmp_path):
    bad = tmp_path / "d.yaml"
    bad.write_text("kind: performance_evaluation\nmeta:\n  year: [2025\n", encoding="utf-8")
    render_fails(tmp_path, bad, "YAML 格式错误")


def test_validate_lists_problems_and_exits_2(tmp_path, example):
    example["targets"]["indicators"][0]["weight"] = 25
    result = run("validate", str(dump(example, tmp_path / "d.json")))
    assert result.exit_code == 2
    assert "targets.indicators：各指标分值合计为95" in result.output


def test_validate_clean_file_exits_0_and_shows_warnings(tmp_path, example):
    example["meta"]["doc_number"] = "三民发[2026]第3号"
    result = run("validate", str(dump(example, tmp_path / "d.json")))
    assert result.exit_code == 0, result.output
    assert "提示　meta.doc_number：发文字号已规范为“三民发〔2026〕3号”" in result.output
    assert "数据检查通过" in result.output


def test_output_folder_missing(tmp_path, example):
    result = run("render", str(dump(example, tmp_path / "d.json")), "-o", str(tmp_path / "no" / "r.docx"))
    assert result.exit_code == 2 and "输出目录不存在" in result.output
