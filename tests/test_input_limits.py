"""No data input crashes govreport or makes it print something absurd.

Numbers past the range a report can hold, data nested a thousand deep, YAML
aliases that multiply a list, integers of thousands of digits and files cut
off half-way each end in a Chinese message naming the field, exit code 2 and
no output; negative targets are scored as docs/figures.md says or refused;
headings past 99 and list items that begin with a year are numbered so that
nobody (and ``govreport check``) misreads them.
"""

from __future__ import annotations

import copy
import decimal
import io
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport.checks.project import indicator_problems
from govreport.cli import main
from govreport.figures.scoring import completion_rate, indicator_score
from govreport.format.numerals import chinese_count, chinese_value, heading_number
from govreport.models.project import Indicator
from govreport.proofread import check_file

from .conftest import SAMPLES, dump, read

WORK_SUMMARY = SAMPLES / "work_summary.json"
LIMIT = 600  # seconds: only a hang fails; the cases take well under one


def refused(tmp_path: Path, data_file: Path, *expected: str) -> str:
    """Render ends with exit code 2 and every expected text, no traceback, the output left as it was."""
    out = tmp_path / "报告.docx"
    out.write_bytes(b"previous report")
    done = subprocess.run(
        [sys.executable, "-m", "govreport", "render", str(data_file), "-o", str(out)],
        capture_output=True, text=True, timeout=LIMIT,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "Traceback" not in output
    for text in expected:
        assert text in output
    assert out.read_bytes() == b"previous report"
    assert sorted(p.name for p in tmp_path.iterdir() if p != data_file) == ["报告.docx"]
    return output


def problems(data) -> list[str]:
    return [str(p) for p in govreport.validate(data) if p.severity == "error"]


# ---- the range of numbers -------------------------------------------------------------------------------

TOO_LARGE = "数值过大：整数部分最多15位（绝对值须小于1000万亿）"
TOO_FINE = "小数位数过多：最多6位"
NOT_CENTS = "金额最多2位小数（报告中金额保留两位小数）"
TOO_PRECISE = "有效数字过多：最多15位（Excel 表格只能准确保存15位）"


@pytest.mark.parametrize(("where", "value", "message"), [
    (("implementation", "funds", "sources", 0, "budget"), Decimal("1e24"), TOO_LARGE),
    (("implementation", "funds", "sources", 0, "received"), 10**15, TOO_LARGE),
    (("implementation", "funds", "uses", 0, "amount"), Decimal("0.0000001"), TOO_FINE),
    (("implementation", "funds", "uses", 0, "amount"), Decimal("652.405"), NOT_CENTS),
    (("implementation", "funds", "sources", 1, "spent"), Decimal("291.3500"), None),  # trailing zeros are no places
    (("implementation", "funds", "sources", 2, "budget"), Decimal("300.001"), NOT_CENTS),
    (("implementation", "funds", "sources", 0, "budget"), Decimal("123456789012345.6"), TOO_PRECISE),
    (("targets", "indicators", 0, "actual"), Decimal("1234567890.123456"), TOO_PRECISE),
    (("targets", "indicators", 0, "actual"), Decimal("123456789.123456"), None),  # 15 significant digits
    (("implementation", "beneficiaries", 1, "count"), Decimal("1E+15"), TOO_LARGE),
    (("targets", "indicators", 0, "target"), Decimal("-1000000000000000"), TOO_LARGE),
    (("targets", "indicators", 3, "actual"), Decimal("1620.1234567"), TOO_FINE),
    (("targets", "indicators", 2, "weight"), Decimal("1e30"), TOO_LARGE),
    (("compliance", "findings", 0, "amount"), Decimal("12.30000001"), TOO_FINE),
])
def test_numbers_outside_the_range_are_refused_with_their_path(example, where, value, message):
    *parents, last = where
    holder = example
    for key in parents:
        holder = holder[key]
    holder[last] = value
    path = f"{where[0]}.{where[1]}" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in where[2:])
    if message is None:
        assert problems(example) == []
    else:
        assert any(p.startswith(f"错误　{path}：{message}") for p in problems(example)), problems(example)


def test_work_summary_numbers_outside_the_range(tmp_path):
    data = read(WORK_SUMMARY)
    metrics = data["achievements"][0]["metrics"]
    metrics[0]["of"] = Decimal("1e20")
    metrics[1]["parts"][0]["value"] = Decimal("2e15")
    metrics[2]["previous"] = Decimal("-1e16")
    refused(tmp_path, dump(data, tmp_path / "d.json"),
            f"achievements[0].metrics[0].of：{TOO_LARGE}",
            f"achievements[0].metrics[1].parts[0].value：{TOO_LARGE}",
            f"achievements[0].metrics[2].previous：{TOO_LARGE}")


def test_amounts_of_1e24_are_refused_by_validate_not_crashing_render(tmp_path, example):
    example["implementation"]["funds"]["sources"][0].update(budget=Decimal("1e24"), received=Decimal("1e24"))
    refused(tmp_path, dump(example, tmp_path / "d.json"), f"implementation.funds.sources[0].budget：{TOO_LARGE}")


def test_integers_of_thousands_of_digits_are_named_not_a_traceback(tmp_path):
    huge = "9" * 5000
    as_json = tmp_path / "d.json"
    as_json.write_text('{"kind": "work_summary", "meta": {"organization": "单位", "year": 2004, "date": "2004-12-20"},'
                       f' "achievements": [{{"heading": "工作", "metrics": [{{"name": "人数", "value": {huge}}}]}}]}}',
                       encoding="utf-8")
    refused(tmp_path, as_json, f"achievements[0].metrics[0].value：{TOO_LARGE}")
    as_json.unlink()
    as_yaml = tmp_path / "d.yaml"
    as_yaml.write_text("kind: work_summary\nmeta: {organization: 单位, year: 2004, date: 2004-12-20}\n"
                       f"achievements:\n  - heading: 工作\n    metrics:\n      - {{name: 人数, value: {huge}}}\n",
                       encoding="utf-8")
    refused(tmp_path, as_yaml, f"achievements[0].metrics[0].value：{TOO_LARGE}")


def test_the_largest_amounts_render_and_add_up(example):
    """9,999,999,999,999.99 万元 (15 significant digits) is allowed: the figures are exact, every document
    renders, and the Excel form holds the amount to the cent."""
    funds = example["implementation"]["funds"]
    funds["sources"] = [{"name": "中央财政补助", "budget": Decimal("9999999999999.99"),
                         "received": Decimal("9999999999999.99"), "spent": Decimal("9999999999999.98")}]
    funds["uses"] = [{"name": "医疗救助", "amount": Decimal("9999999999999.98")}]
    report = govreport.load(example)
    # 执行数 ÷ 预算数 = 1 − 0.01 ÷ 9999999999999.99 = 0.999999999999998999…: 执行率 → 100.00%,
    # 得分 10 × 0.999999999999998999… → 10.00; indicators 84.45 (figures.md) → total 94.45
    assert report.figures.funds.execution_score == Decimal("10.00")
    assert report.figures.total == Decimal("94.45")
    text = govreport.render(report, "md").decode()
    assert "项目全年预算资金9,999,999,999,999.99万元" in text
    assert "全年执行9,999,999,999,999.98万元，预算执行率100.00%" in text
    assert govreport.render(report, "docx")[:2] == b"PK"
    form = govreport.render(govreport.load(example, kind="self_evaluation"), "xlsx")
    with zipfile.ZipFile(io.BytesIO(form)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<v>9999999999999.99</v>" in sheet and "<v>9999999999999.98</v>" in sheet


def test_a_total_past_15_significant_digits_is_refused(tmp_path, example):
    funds = example["implementation"]["funds"]
    funds["sources"] = [{"name": name, "budget": Decimal("9999999999999.99"), "received": Decimal("9999999999999.99"),
                         "spent": Decimal(0)} for name in ("中央财政补助", "省级财政补助")]
    funds["uses"] = []
    # 9999999999999.99 × 2 = 19999999999999.98: 16 significant digits
    refused(tmp_path, dump(example, tmp_path / "d.json"),
            "implementation.funds.sources：各来源预算数合计19,999,999,999,999.98万元超过15位有效数字，Excel 表格无法准确保存")


def test_figures_do_not_depend_on_the_callers_decimal_context(example):
    """A caller's context of 3 digits that traps inexact results changes nothing: govreport computes in its own."""
    expected = govreport.render(govreport.load(example), "md")
    hostile = decimal.Context(prec=3, traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation])
    with decimal.localcontext(hostile):
        assert govreport.render(govreport.load(example), "md") == expected
        assert govreport.load(example).figures.total == Decimal("93.57")


@pytest.mark.parametrize(("where", "value", "path"), [
    (("targets", "indicators", 0), {"unit": "人\x02次"}, "targets.indicators[0].unit"),
    (("meta",), {"title": "标题\uffff"}, "meta.title"),
    (("implementation",), {"effects": ["效果\ufffe"]}, "implementation.effects[0]"),
])
def test_characters_a_docx_cannot_hold_are_refused(example, where, value, path):
    """XML 1.0 has no place for control characters, U+FFFE or U+FFFF: a DOCX holding one does not open."""
    holder = example
    for key in where:
        holder = holder[key]
    holder.update(value)
    assert any(p.startswith(f"错误　{path}：含有不可见的控制字符") for p in problems(example)), problems(example)


def test_a_lone_surrogate_is_named_in_chinese(tmp_path):
    data = tmp_path / "d.json"
    data.write_text('{"kind": "work_summary", "intro": ["开头\\ud800文字"]}', encoding="utf-8")
    output = refused(tmp_path, data, "intro[0]：含有无效的字符（不成对的代理码位")
    assert "unicode" not in output


# ---- nesting, aliases, truncated files ----------------------------------------------------------------

DEEP_PATH = "x" + "[0]" * 62  # the 64th level: the outer object is the first, x's list the second


def test_json_nested_a_thousand_deep_is_refused_with_the_path(tmp_path):
    data = tmp_path / "d.json"
    data.write_text('{"kind": "work_summary", "x": ' + "[" * 1000 + "]" * 1000 + "}", encoding="utf-8")
    # the 30 characters before the first [ , then the 64th [ opens the 65th level: column 31 + 63
    refused(tmp_path, data, f"{DEEP_PATH}：数据嵌套超过 64 层（第 1 行第 94 列又开始一层）")


def test_yaml_nested_a_thousand_deep_is_refused_with_the_path(tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text("kind: work_summary\nx: " + "[" * 1000 + "]" * 1000 + "\n", encoding="utf-8")
    refused(tmp_path, data, f"{DEEP_PATH}：数据嵌套超过 64 层（第 2 行第 67 列又开始一层）")


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_64_levels_are_still_read(tmp_path, suffix):
    data = tmp_path / f"d{suffix}"
    data.write_text('{"kind": "work_summary", "x": ' + "[" * 63 + "]" * 63 + "}", encoding="utf-8")
    output = refused(tmp_path, data, "x：未知字段", "meta：缺少必填字段")
    assert "嵌套" not in output


def test_yaml_aliases_cannot_multiply_the_data(tmp_path):
    """A list of 20,000 paragraphs repeated by 2,000 aliases would be 40 million paragraphs."""
    lines = ["kind: work_summary", "meta: {organization: 单位, year: 2004, date: 2004-12-20}", "achievements:",
             "  - &a {heading: 工作, paragraphs: [" + ", ".join(["段落"] * 20000) + "]}"]
    lines += ["  - *a"] * 2000
    data = tmp_path / "d.yaml"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refused(tmp_path, data, "achievements：第 4 行第 3 列起的数据超过 200,000 项（含别名 * 重复的内容）")


TRUNCATED = '{\n  "kind": "work_summary",\n  "meta": {\n    "organization": "单位",\n    "year": 2004\n'


@pytest.mark.parametrize(("text", "expected"), [
    # line 5 is `    "year": 2004`, 16 characters: the file ends at column 17 with meta and the outer object open
    (TRUNCATED, "meta：JSON 格式错误：文件在第 5 行第 17 列提前结束，此处尚未写完，结尾缺少 }}"),
    # line 4 cut inside the string: `    "organization": "单` is 22 characters
    (TRUNCATED[:TRUNCATED.index("位")], 'meta：JSON 格式错误：文件在第 4 行第 23 列提前结束，此处尚未写完，结尾缺少 "}}'),
    ('{"kind": "work_summary", "achievements": [{"heading": "工作", "paragraphs": ["一段", ',
     "achievements[0].paragraphs：JSON 格式错误：文件在第 1 行第 81 列提前结束，此处尚未写完，结尾缺少 ]}]}"),
    ("", "数据文件是空的"),
])
def test_a_truncated_json_file_says_where_it_ends(tmp_path, text, expected):
    data = tmp_path / "d.json"
    data.write_text(text, encoding="utf-8")
    output = refused(tmp_path, data, expected)
    assert "缺少逗号" not in output and "键名须用" not in output


def test_a_truncated_yaml_file_says_where_it_ends(tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text("kind: work_summary\nintro: [一段, 二段", encoding="utf-8")
    # line 2, `intro: [一段, 二段`, is 14 characters: the file ends at column 15
    refused(tmp_path, data, "YAML 格式错误：文件在第 2 行第 15 列提前结束，此处的括号或引号尚未闭合")


# ---- every problem at once ---------------------------------------------------------------------------


def test_an_unknown_field_does_not_hide_the_other_problems(tmp_path, example):
    example["meta"]["dat"] = "2026-01-20"
    example["implementation"]["funds"]["uses"][0]["amount"] = 1  # uses now add up to 1 + 325.6 + 116 = 442.6
    example["targets"]["indicators"][0]["weight"] = 5  # weights 90 − 20 + 5 = 75
    output = refused(
        tmp_path, dump(example, tmp_path / "d.json"),
        "meta.dat：未知字段",
        "implementation.funds.uses：资金用途合计442.60万元与各来源执行数合计1094.00万元不一致（相差651.40万元）",
        "targets.indicators：各指标分值合计为75",
    )
    assert "3 处错误" in output


def test_causes_and_measures_for_some_problems_only_are_refused(tmp_path, example):
    """They are numbered like the problems they answer: the one left out would be a gap (“2.” after no “1.”)."""
    del example["problems"][0]["cause"]
    del example["problems"][1]["measure"]
    refused(tmp_path, dump(example, tmp_path / "d.json"),
            "problems[0].cause：其他问题填写了原因分析 cause，此项未填；原因分析按问题的编号逐条列出，缺一条就会跳号",
            "problems[1].measure：其他问题填写了应对措施 measure，此项未填")
    for item in example["problems"]:
        item.pop("cause", None)
    example["problems"][1]["measure"] = "将配套资金纳入年初预算。"
    assert problems(example) == []


def test_convert_still_refuses_an_unknown_field(tmp_path, example):
    example["meta"]["dat"] = "2026-01-20"
    out = tmp_path / "d.yaml"
    result = CliRunner().invoke(main, ["convert", str(dump(example, tmp_path / "d.json")), "-o", str(out)])
    assert result.exit_code == 2 and "meta.dat：未知字段" in result.output
    assert not out.exists()


# ---- negative targets and actuals (docs/figures.md, “负数”) ---------------------------------------------


@pytest.mark.parametrize(("op", "target", "actual", "score"), [
    (">=", -100, -50, "20.00"),  # at least −100: −50 is more, full marks
    (">=", 100, -50, "0.00"),  # a negative actual earns nothing, never a negative score
    (">=", 0, -1, "0.00"),  # a target of 0 is met by any actual from 0 up
    ("=", 0, 0, "20.00"),
    ("<=", 0, 0, "20.00"),  # no more than 0 accidents, none happened
    ("<=", -5, -10, "20.00"),
    ("<=", 1500, -3, "20.00"),
])
def test_negative_targets_and_actuals_that_have_a_meaning(example, op, target, actual, score):
    example["targets"]["indicators"][0].update(op=op, target=target, actual=actual)
    assert problems(example) == []
    assert govreport.load(example).figures.indicators[0].score == Decimal(score)


@pytest.mark.parametrize(("op", "target", "actual", "message"), [
    (">=", -100, -200, "年度指标值-100为负数，实际完成值-200未达到时，“实际值÷目标值”没有意义"),
    ("=", -5, -10, "年度指标值-5为负数，实际完成值-10未达到时"),
    ("<=", 0, 1, "反向指标（<=）的年度指标值0不大于0，实际完成值1超出时，“超出部分÷目标值”没有意义"),
    ("<=", -5, 3, "反向指标（<=）的年度指标值-5不大于0"),
])
def test_shortfalls_without_a_meaningful_ratio_are_refused(tmp_path, example, op, target, actual, message):
    example["targets"]["indicators"][0].update(op=op, target=target, actual=actual)
    refused(tmp_path, dump(example, tmp_path / "d.json"), f"targets.indicators[0].target：{message}", "请填写评价人给定的得分 score")
    example["targets"]["indicators"][0]["score"] = 12
    assert govreport.load(example).figures.indicators[0].score == Decimal("12.00")


in_range = st.decimals(min_value=-10**6, max_value=10**6, places=2)


@settings(max_examples=300, deadline=None)
@given(op=st.sampled_from([">=", "=", "<="]), target=in_range, actual=in_range,
       weight=st.decimals(min_value="0.5", max_value=90, places=1))
def test_an_accepted_indicator_scores_between_0_and_its_weight(op, target, actual, weight):
    indicator = Indicator(level1="产出指标", level2="数量指标", name="指标", op=op, target=target, actual=actual, weight=weight)
    refusals = [p for p in indicator_problems("i", [indicator], execution_scored=False) if p.path == "i[0].target"]
    full = actual >= target if op != "<=" else actual <= target
    if refusals:
        assert not full and (target < 0 if op != "<=" else target <= 0)
        return
    score = indicator_score(op, target, actual, weight)
    assert Decimal(0) <= score <= weight
    assert not full or score == weight.quantize(Decimal("0.01"))  # the target met earns full marks
    rate = completion_rate(op, target, actual)
    assert rate is None or rate >= 0


# ---- heading numbers past 99, list items that begin with a figure --------------------------------------


@pytest.mark.parametrize(("n", "written"), [
    (10, "十"), (15, "十五"), (99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十"), (115, "一百一十五"),
    (200, "二百"), (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"), (10000, "一万"), (10010, "一万零一十"),
    (10100, "一万零一百"), (100000, "十万"), (110000, "十一万"),
])
def test_chinese_numerals_go_on_past_99(n, written):
    assert chinese_count(n) == written
    assert chinese_value(written) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**8 - 1))
def test_every_chinese_numeral_reads_back(n):
    assert chinese_value(chinese_count(n)) == n


def test_a_work_summary_of_120_work_items_numbers_them_all(tmp_path):
    data = read(WORK_SUMMARY)
    first = data["achievements"][0]
    data["achievements"] = [{**copy.deepcopy(first), "heading": f"第{i}项工作"} for i in range(1, 121)]
    report = govreport.load(data)
    markdown = govreport.render(report, "md").decode()
    for n, number in ((99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十"), (120, "一百二十")):
        assert f"### （{number}）第{n}项工作" in markdown
    for fmt in ("md", "docx"):
        out = tmp_path / f"r.{fmt}"
        out.write_bytes(govreport.render(report, fmt))
        assert [f"{f.where} {f.message}" for f in check_file(out, ignore=["layout"])] == []


def test_a_list_item_beginning_with_a_year_cannot_read_as_a_decimal(tmp_path):
    data = read(WORK_SUMMARY)
    data["plans"] = ["2026年增设加压泵站4座。", "全面实施乡村一体化管理。"]
    report = govreport.load(data)
    markdown = govreport.render(report, "md").decode()
    assert "（1）2026年增设加压泵站4座。" in markdown and "（2）全面实施乡村一体化管理。" in markdown
    assert "1.2026" not in markdown
    assert heading_number(3, 1) + data["problems"][0] in markdown  # a list without figures keeps 1. 2.
    for fmt in ("md", "docx"):
        out = tmp_path / f"r.{fmt}"
        out.write_bytes(govreport.render(report, fmt))
        assert [f"{f.where} {f.message}" for f in check_file(out)] == []


def test_check_reads_item_1_before_a_year_as_item_1(tmp_path):
    """Reports written as 1.2026年…（earlier govreport versions among them）: no false 跳号 at item 2."""
    path = tmp_path / "r.txt"
    path.write_text("一、下一步工作打算\n1.2026年增设加压泵站4座。\n2.全面实施乡村一体化管理。\n"
                    "二、其他\n1.5万人次参加了培训。\n", encoding="utf-8")
    assert [f.message for f in check_file(path)] == []
    path.write_text("一、下一步工作打算\n1.2026年增设加压泵站4座。\n3.全面实施乡村一体化管理。\n", encoding="utf-8")
    assert [f.message for f in check_file(path)] == ["3级标题编号跳号：“3.”之前缺少2"]


def test_a_key_written_twice_is_refused_not_silently_dropped(tmp_path):
    """json and PyYAML keep the second value of a repeated key and drop the first without a word."""
    data = tmp_path / "dup.json"
    data.write_text('{"kind": "work_summary", "meta": {"organization": "甲", "year": 2004, "year": 2005}, '
                    '"intro": ["A段。"], "intro": ["B段。"]}', encoding="utf-8")
    problems = {p.path: p.message for p in govreport.validate(data)}
    assert problems == {"intro": "同一处写了两次，后一个会覆盖前一个而丢失内容；请合并成一个或删去一个",
                        "meta.year": "同一处写了两次，后一个会覆盖前一个而丢失内容；请合并成一个或删去一个"}
    data = tmp_path / "dup.yaml"
    data.write_text("kind: work_summary\nintro:\n  - A段。\nintro:\n  - B段。\n", encoding="utf-8")
    assert [p.message for p in govreport.validate(data)] == [
        "YAML 第 4 行的键“intro”在同一层第 2 行已写过：后一个会覆盖前一个而丢失内容；请合并成一个或删去一个"]


@pytest.mark.parametrize("text", ["kind: work_summary\nintro:\n\t- a\n", "kind: work_summary\nintro: a: b\n",
                                  "kind: [work_summary\n", "kind: work_summary\n  - a\n- b\n", "a: *nothing\n"])
def test_yaml_errors_are_told_in_chinese_with_their_place(tmp_path, text):
    data = tmp_path / "bad.yaml"
    data.write_text(text, encoding="utf-8")
    [problem] = govreport.validate(data)
    # PyYAML's own reasons are English sentences ("expected ',' or ']', but got …"): none of them reaches the clerk
    assert problem.message.startswith("YAML 格式错误：") and "第 " in problem.message
    assert not re.search(r"[a-z]{4,}", problem.message)


def test_a_county_manifest_that_is_not_yaml_is_told_in_chinese(tmp_path):
    from govreport.chain import resolve_chain

    (tmp_path / "县").mkdir()
    (tmp_path / "县" / "manifest.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(govreport.TemplateFault) as caught:
        resolve_chain([tmp_path / "县"])
    assert caught.value.message.endswith("不是有效的 YAML：第 2 行第 1 列：方括号 [ ] 没有闭合或缺少逗号")


def test_a_paragraph_opening_with_a_heading_number_is_refused_with_its_path():
    """govreport numbers headings and items itself; "一、…" in a paragraph would print as a heading in body type,
    and check would read it as one (a 一级标题 in 仿宋, "一、" twice). A decimal or a year is not a number."""
    data = read(SAMPLES / "work_summary.json")
    data["intro"] = ["一、这是段落首。", "（二）第二。", "3、第三。", "（4）第四。", "1.5万元用于购置设备。", "2026年完成。"]
    problems = {p.path: p.message for p in govreport.validate(data) if p.severity == "error"}
    assert sorted(problems) == ["intro[0]", "intro[1]", "intro[2]", "intro[3]"]
    assert problems["intro[1]"].startswith("段落以编号“（二）”开头，会被读成标题；编号由 govreport 自动生成，请删去“（二）”")


def test_a_wrong_value_in_an_item_does_not_hide_the_other_chapters_problems():
    """A wrong 比较方式 in one indicator used to stop before the funds were checked; its chapter's own totals
    (the weights, short by that indicator) are not reported, since the file does not have that problem."""
    data = read(SAMPLES / "performance_evaluation.json")
    data["implementation"]["funds"]["uses"][0]["amount"] = 1
    data["targets"]["indicators"][0]["op"] = ">>"
    data["targets"]["indicators"][2]["weight"] = "十"
    paths = [p.path for p in govreport.validate(data) if p.severity == "error"]
    assert paths == ["targets.indicators[0].op", "targets.indicators[2].weight", "implementation.funds.uses"]


def test_a_county_manifest_nested_thousands_deep_is_refused_not_a_recursion_error(tmp_path):
    """A manifest is read with the same bounded YAML reading as a data file (it may come from an upload)."""
    from govreport.chain import resolve_chain

    (tmp_path / "县").mkdir()
    (tmp_path / "县" / "manifest.yaml").write_text("name: " + "[" * 20000 + "]" * 20000 + "\n", encoding="utf-8")
    with pytest.raises(govreport.TemplateFault) as caught:
        resolve_chain([tmp_path / "县"])
    assert "数据嵌套超过 64 层" in caught.value.message
