"""What a county template may cost, and links leading out of a county folder.

Each hostile template runs through the command line in its own process with
a generous time limit, so a hang fails the test instead of stalling it: it
must end with exit code 2, a Chinese message naming the file and line, no
traceback, and no output file written or changed. ``templates check`` must
say what it can see without running the template, and never hang either.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import DictLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

import govreport
from govreport.batch import run_batch
from govreport.kinds import KINDS
from govreport.rendering import bounds
from govreport.rendering.bounds import (
    MAX_DEPTH,
    MAX_OUTPUT,
    MAX_SECONDS,
    MAX_SIZE,
    MAX_STEPS,
    SandboxRefusal,
    digits_message,
    lipsum_message,
    metered,
    range_message,
    recursion_message,
    report_budget,
    size_message,
    steps_message,
    time_message,
    width_message,
)
from govreport.rendering.environment import BoundedSandbox
from govreport.templatetools.scaffold import starter_shell

from .conftest import CONTRACT, ROOT, SAMPLES, read

EXAMPLES = ROOT / "templates"
TIME_LIMIT = 20  # seconds; far beyond any bound, so only a hang reaches it
CONTENT = "performance_evaluation/content.j2"
OLD_OUTPUT = b"an earlier report that must survive"


def county(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "县"
    for name, text in {"manifest.yaml": "name: 测试县\nversion: '1.0'\n", **files}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def govreport_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "GOVREPORT_CACHE": ""}
    return subprocess.run([sys.executable, "-m", "govreport", *args], cwd=tmp_path, capture_output=True,
                          text=True, timeout=TIME_LIMIT, env=environment)


def refused_render(tmp_path: Path) -> str:
    """Render the contract example with the county folder 县: refused, nothing written; the message."""
    (tmp_path / "data.json").write_bytes(CONTRACT.read_bytes())
    (tmp_path / "out.docx").write_bytes(OLD_OUTPUT)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = govreport_cli(tmp_path, "render", "data.json", "-t", "县", "-o", "out.docx")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "out.docx").read_bytes() == OLD_OUTPUT
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    return result.stderr


def checked(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    result = govreport_cli(tmp_path, "templates", "check", "县")
    assert "Traceback" not in result.stderr
    return result


def in_block(*lines: str) -> dict[str, str]:
    """A content override whose block starts on line 1, so ``lines`` are lines 2, 3, …"""
    return {CONTENT: "\n".join(["{% block after_overview %}", *lines, "{% endblock %}"]) + "\n"}


# Each case: files of the county folder, the file and line rendering stops at, its refusal, and what
# `templates check` reports without running it, with its line (None: nothing to see before running).
CASES = {
    "range_of_a_billion": (in_block("{{ doc.p(range(10**9)|list) }}"), CONTENT, 2,
                           range_message(1_000_000_000), (2, range_message(1_000_000_000))),
    "list_repeated_ten_billion_times": (in_block("", "{{ doc.p([1] * 10**10) }}"), CONTENT, 3,
                                        size_message("重复（*）", 10_000_000_000),
                                        (3, size_message("重复（*）", 10_000_000_000))),
    "text_repeated_ten_billion_times": (in_block("{{ doc.p('a' * 10**10) }}"), CONTENT, 2,
                                        size_message("重复（*）", 10_000_000_000),
                                        (2, size_message("重复（*）", 10_000_000_000))),
    "recursive_macro": ({CONTENT: "{% macro endless(n) %}{{ endless(n + 1) }}{% endmacro %}\n"
                                  "{% block after_overview %}{{ doc.p(endless(1)) }}{% endblock %}\n"},
                        CONTENT, 1, recursion_message(), (1, "宏“endless”调用了自己")),
    "recursive_block": (in_block("{{ self.after_overview() }}"), CONTENT, 2, recursion_message(),
                        (1, "块“after_overview”调用了自己")),
    "lipsum_of_a_hundred_thousand_paragraphs": (in_block("{{ doc.p(lipsum(100000, false, 1000, 10000)) }}"),
                                                CONTENT, 2, lipsum_message(), (2, lipsum_message())),
    "nested_loops_of_a_hundred_thousand": (in_block("{% for i in range(100000) %}",
                                                    "{% for j in range(100000) %}{% endfor %}", "{% endfor %}"),
                                           CONTENT, 3, steps_message(),
                                           (3, f"嵌套的循环共要执行 10000000000 次，超过每份报告 {MAX_STEPS} 次的上限")),
    "power_of_a_hundred_thousand_digits": (in_block("{{ doc.p(10**100000) }}"), CONTENT, 2,
                                           digits_message("乘方（**）"), (2, digits_message("乘方（**）"))),
    "center_ten_billion_wide": (in_block("{{ doc.p('x'|center(10**10)) }}"), CONTENT, 2,
                                width_message("过滤器“center”", 10_000_000_000),
                                (2, width_message("过滤器“center”", 10_000_000_000))),
    "ljust_ten_billion_wide": (in_block("{{ doc.p('x'.ljust(10**10)) }}"), CONTENT, 2,
                               width_message("“ljust()”", 10_000_000_000), None),
    "percent_format_ten_billion_wide": (in_block("{{ doc.p('%10000000000d' % 1) }}"), CONTENT, 2,
                                        width_message("格式（%）", 10_000_000_000), None),
    "str_format_ten_billion_wide": (in_block("{{ doc.p('{:>10000000000}'.format(1)) }}"), CONTENT, 2,
                                    width_message("格式（format）", 10_000_000_000), None),
    "doubling_by_concatenation": (in_block("{% set s = 'a' * 100000 %}", "{{ doc.p(s ~ s) }}"), CONTENT, 3,
                                  size_message("拼接（~）", 200_000), None),
    "join_of_a_thousand_long_texts": (in_block("{{ doc.p((['a' * 100000] * 1000)|join) }}"), CONTENT, 2,
                                      size_message("连接（join）"), None),
    "list_grown_in_a_loop": (in_block("{% set numbers = [] %}",
                                      "{% for i in range(60000) %}{% do numbers.extend([i, i]) %}{% endfor %}"),
                             CONTENT, 3, size_message("列表或字典", 100_002), None),
    "output_flood": (in_block("{% set s = 'a' * 100000 %}", "{% for i in range(1000) %}{{ s }}{% endfor %}"),
                     CONTENT, 3, f"生成的文字超过 {MAX_OUTPUT} 个字符", None),
    "paragraph_flood": (in_block("{% set s = 'a' * 100000 %}",
                                 "{% for i in range(1000) %}{{ doc.p(s) }}{% endfor %}"),
                        CONTENT, 3, f"生成的文字超过 {MAX_OUTPUT} 个字符", None),
    "include_of_itself": ({**in_block("{% include 'performance_evaluation/again.j2' %}"),
                           "performance_evaluation/again.j2": "\n{% include 'performance_evaluation/again.j2' %}\n"},
                          "performance_evaluation/again.j2", 2, recursion_message(), None),
    "slow_loop": (in_block("{% set items = range(100000)|list %}",
                           "{% for i in items %}{% set ordered = items|sort(reverse=true) %}{% endfor %}"),
                  CONTENT, 3, f"渲染超过 {MAX_SECONDS} 秒", None),
    "division_by_zero": (in_block("{{ doc.p(1 / 0) }}"), CONTENT, 2, "运算出错：除数为零", None),
    "python_internals": (in_block("{{ doc.p(().__class__) }}"), CONTENT, 2,
                         "不能访问 tuple 对象的属性“__class__”：以下划线开头的属性和 Python 内部对象不对模板开放",
                         (2, "不能访问以下划线开头的属性“__class__”")),
}


@pytest.mark.parametrize("case", CASES)
def test_a_costly_template_is_stopped_at_its_file_and_line(tmp_path, case):
    files, file, line, refusal, _ = CASES[case]
    county(tmp_path, files)
    message = refused_render(tmp_path)
    assert f"模板 县/{file} 第 {line} 行" in message
    assert refusal in message


@pytest.mark.parametrize("case", CASES)
def test_templates_check_reports_what_constants_show(tmp_path, case):
    files, file, _, _, seen = CASES[case]
    county(tmp_path, files)
    result = checked(tmp_path)
    if seen is None:
        assert result.returncode == 0, result.stderr
    else:
        line, message = seen
        assert result.returncode == 2
        assert f"县/{file}:{line}：{message}" in result.stderr


def test_sandbox_refusals_are_in_chinese(tmp_path):
    county(tmp_path, in_block("{{ doc.p(''.__class__.__mro__) }}"))
    message = refused_render(tmp_path)
    assert "被沙箱拒绝：不能访问 str 对象的属性“__class__”" in message
    for english in ("unsafe", "access to attribute", "not safely callable", "Range too big"):
        assert english not in message


def test_a_costly_shell_is_stopped_with_its_part(tmp_path):
    document = docx.Document(io.BytesIO(starter_shell(KINDS["performance_evaluation"])))
    document.paragraphs[0].insert_paragraph_before("{{ range(10**9)|list }}")
    buffer = io.BytesIO()
    document.save(buffer)
    folder = county(tmp_path, {})
    (folder / "shell.docx").write_bytes(buffer.getvalue())
    message = refused_render(tmp_path)
    assert "shell.docx 的 word/document.xml 被沙箱拒绝：" + range_message(1_000_000_000) in message


def test_brackets_nested_too_deep_to_parse_are_named(tmp_path):
    county(tmp_path, in_block("{{ doc.p(" + "(" * 3000 + "1" + ")" * 3000 + ") }}"))
    assert f"县/{CONTENT}：括号或语句嵌套过深，无法解析" in refused_render(tmp_path)
    result = checked(tmp_path)
    assert result.returncode == 2 and f"县/{CONTENT}：括号或语句嵌套过深，无法解析" in result.stderr


def test_a_callers_own_form_is_bounded_too(tmp_path):
    """``govreport.docx.compile`` outside any report: the same sandbox and budget."""
    program = """
import io, docx, govreport, govreport.docx
document = docx.Document()
document.add_paragraph("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
buffer = io.BytesIO()
document.save(buffer)
try:
    govreport.docx.compile(buffer.getvalue()).render({})
except govreport.TemplateFault as fault:
    print(fault)
"""
    result = subprocess.run([sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True, timeout=TIME_LIMIT)
    assert result.stdout.strip() == f"模板 的 word/document.xml 被沙箱拒绝：{steps_message()}"


# --- links leading out of a county folder --------------------------------------------------------------------------

def test_a_kind_folder_linked_from_outside_is_refused(tmp_path):
    outside = tmp_path / "别处" / "performance_evaluation"
    outside.mkdir(parents=True)
    (outside / "content.j2").write_text('{% block opening %}{{ doc.p("别处的文字") }}{% endblock %}', encoding="utf-8")
    folder = county(tmp_path, {})
    os.symlink(outside, folder / "performance_evaluation", target_is_directory=True)
    message = refused_render(tmp_path)
    assert "模板目录 县 中的 performance_evaluation 是指向目录之外" in message
    result = checked(tmp_path)
    assert result.returncode == 2 and "中的 performance_evaluation 是指向目录之外" in result.stderr


def test_a_template_linked_from_outside_is_refused(tmp_path):
    (tmp_path / "secret.j2").write_text('{% block opening %}{{ doc.p("机密") }}{% endblock %}', encoding="utf-8")
    folder = county(tmp_path, {"performance_evaluation/sentences.j2": ""})
    os.symlink(tmp_path / "secret.j2", folder / CONTENT)
    assert f"模板目录 县 中的 {CONTENT} 是指向目录之外" in refused_render(tmp_path)


def test_a_link_within_the_county_folder_is_followed(tmp_path):
    folder = county(tmp_path, {"shared/content.j2": '{% block opening %}{{ doc.p("县里的开头") }}{% endblock %}'})
    (folder / "performance_evaluation").mkdir()
    os.symlink(folder / "shared" / "content.j2", folder / CONTENT)
    report = govreport.load(CONTRACT, templates=[folder])
    assert "县里的开头" in govreport.render(report, "md").decode()


def test_a_broken_link_in_the_county_folder_is_refused(tmp_path):
    folder = county(tmp_path, {"performance_evaluation/sentences.j2": ""})
    os.symlink(folder / "performance_evaluation" / "不存在.j2", folder / CONTENT)
    assert f"模板目录 县 中的 {CONTENT} 是指向不存在的文件的链接" in refused_render(tmp_path)
    result = checked(tmp_path)
    assert result.returncode == 2 and "是指向不存在的文件的链接" in result.stderr


def test_a_folder_in_place_of_a_template_is_refused(tmp_path):
    folder = county(tmp_path, {"performance_evaluation/sentences.j2": ""})
    (folder / CONTENT).mkdir()
    assert f"模板目录 县 中的 {CONTENT} 应为文件，实际是文件夹" in refused_render(tmp_path)
    assert checked(tmp_path).returncode == 2


# --- the built-in templates and the examples stay far within the bounds ------------------------------------------

EXAMPLE_RUNS = [
    (SAMPLES / "performance_evaluation.json", None), (SAMPLES / "self_evaluation.json", None),
    (SAMPLES / "work_summary.json", None), (SAMPLES / "sanya_mof2020.json", None),
    (SAMPLES / "sanya_health_poverty_2025.json", EXAMPLES / "三亚市"),
    (SAMPLES / "sanya_health_poverty_2025.json", EXAMPLES / "海南省"),
    (SAMPLES / "xiushan_work_summary_2004.json", EXAMPLES / "秀山县"),
]


@pytest.mark.parametrize(("data", "folder"), EXAMPLE_RUNS)
@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_built_in_templates_and_examples_use_a_small_part_of_the_budget(data, folder, fmt):
    report = govreport.load(data, templates=[folder] if folder else [])
    with metered() as budget:  # one budget for the whole report instead of one per step
        govreport.render(report, fmt)
    assert budget.steps < MAX_STEPS // 100
    assert budget.written < MAX_OUTPUT // 20
    assert budget.depth <= 3  # only the extends of an override chain stay open


def test_a_large_report_stays_well_within_the_budget():
    """1,000 indicators, where a project has a few dozen: five times as many would still fit."""
    data = read(CONTRACT)
    measured = [{k: v for k, v in i.items() if k != "deviation"} for i in data["targets"]["indicators"] if i["op"] != "qualitative"]
    data["targets"]["indicators"] = [
        {**measured[n % len(measured)], "name": f"指标{n}", "weight": Decimal("0.09")} for n in range(1000)
    ]  # 1,000 × 0.09 = 90 points, as the sample's seven indicators weigh
    report = govreport.load(data)
    for fmt in ("docx", "md"):
        with metered() as budget:
            budget.limit = float("inf")  # one budget for all steps of the report; its time is not measured here
            govreport.render(report, fmt)
        assert budget.steps * 5 < MAX_STEPS
        assert budget.written * 5 < MAX_OUTPUT


# --- the bounds as rules over any value ----------------------------------------------------------------------------

def _render(source: str, **values: object) -> str:
    return BoundedSandbox(undefined=StrictUndefined).from_string(source).render(**values)


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=1, max_size=50), times=st.integers(min_value=0, max_value=3 * MAX_SIZE))
def test_repetition_is_refused_exactly_beyond_the_size_bound(text, times):
    if len(text) * times <= MAX_SIZE:
        assert _render("{{ (text * times)|length }}", text=text, times=times) == str(len(text) * times)
    else:
        with pytest.raises(SandboxRefusal, match=re.escape(size_message("重复（*）", len(text) * times))):
            _render("{{ text * times }}", text=text, times=times)


@settings(max_examples=60, deadline=None)
@given(start=st.integers(-10**12, 10**12), count=st.integers(0, 3 * MAX_SIZE))
def test_range_is_refused_exactly_beyond_the_size_bound(start, count):
    if count <= MAX_SIZE:
        assert _render("{{ range(start, start + count)|length }}", start=start, count=count) == str(count)
    else:
        with pytest.raises(SandboxRefusal, match=re.escape(range_message(count))):
            _render("{{ range(start, start + count)|length }}", start=start, count=count)


@settings(max_examples=30, deadline=None)
@given(depth=st.integers(1, 2 * MAX_DEPTH))
def test_recursion_is_refused_exactly_beyond_the_nesting_bound(depth):
    source = "{% macro down(n) %}{% if n > 1 %}{{ down(n - 1) }}{% endif %}.{% endmacro %}{{ down(depth) }}"
    if depth <= MAX_DEPTH:
        assert _render(source, depth=depth) == "." * depth
    else:
        with pytest.raises(SandboxRefusal, match=re.escape(recursion_message())):
            _render(source, depth=depth)


def test_includes_and_imports_in_a_loop_do_not_add_up_to_nesting():
    templates = {"base": "{% block cell %}{% endblock %}", "child": '{% extends "base" %}{% block cell %}x{% endblock %}',
                 "macros": "{% macro y() %}y{% endmacro %}"}
    loop = ('{% for i in range(3 * depth) %}{% include "child" %}{% import "macros" as m %}{{ m.y() }}{% endfor %}')
    environment = BoundedSandbox(undefined=StrictUndefined, loader=DictLoader(templates))
    assert environment.from_string(loop).render(depth=MAX_DEPTH) == "xy" * 3 * MAX_DEPTH


def test_literal_text_is_counted_as_output():
    """Text between the tags is output like a printed value; a loop of it alone must reach the output bound."""
    environment = BoundedSandbox(undefined=StrictUndefined)
    with metered() as budget:
        assert environment.from_string("{% for i in range(3) %}abcd{% endfor %}").render() == "abcd" * 3
    assert budget.written == 12


@settings(max_examples=30, deadline=None)
@given(left=st.integers(0, 3 * MAX_SIZE // 2), right=st.integers(0, 3 * MAX_SIZE // 2))
def test_concatenation_is_refused_exactly_beyond_the_size_bound(left, right):
    a, b = "a" * left, "b" * right
    if left + right <= MAX_SIZE:
        assert _render("{{ (a ~ b)|length }}-{{ (a + b)|length }}", a=a, b=b) == f"{left + right}-{left + right}"
    else:
        with pytest.raises(SandboxRefusal, match=re.escape(size_message("拼接（~）", left + right))):
            _render("{{ a ~ b }}", a=a, b=b)
        with pytest.raises(SandboxRefusal, match=re.escape(size_message("相加（+）", left + right))):
            _render("{{ a + b }}", a=a, b=b)




WITHIN_BOUNDS = [f"{{{{ {expression} }}}}" for expression in (
    '"a b c d"|wordwrap(3)', '[1, 2, 3]|batch(2, 0)|list', '[1, 2, 3]|slice(2)|list', '{"a": 1, "b": [1, 2]}|tojson',
    '"%s-%05d"|format("x", 2)', '[1, 2]|sum', 'users|join(",", attribute="n")', '"abcb"|replace("b", "x")',
    '"abcb"|replace("b", "x", 1)', '"x"|center(5)', '"a\nb"|indent(2, true)', '[1, [2]]|string', 'users|pprint',
    '"{}年{:>4}".format(2024, 7)', '"{a}".format_map({"a": 1})', '"、".join(["甲", "乙"])', '"abc".replace("b", "yy")',
    '"7".zfill(3)', '"%s年" % 2024', '2 ** 10', '[1] * 3', '"ab" * 2', '[1] + [2]', '(1, 2) + (3,)', '"a" ~ 1 ~ "<b>"',
    'range(3)|list', '[3, 1, 2]|sort|join("-")',
)] + [
    "{% for u in users %}{{ loop.index }}/{{ loop.length }}{{ '' if loop.last else ',' }}{% else %}无{% endfor %}",
    "{% for u in [] %}{{ u }}{% else %}无{% endfor %}{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m('&') }}",
    "{% set t %}a{{ 1 }}{% endset %}{{ t }}{% filter upper %}abc{% endfilter %}",
]


@pytest.mark.parametrize("autoescape", [False, True])
@pytest.mark.parametrize("source", WITHIN_BOUNDS)
def test_within_the_bounds_the_sandbox_gives_jinjas_results(source, autoescape):
    values = {"users": [{"n": "甲"}, {"n": "乙&"}]}
    plain = SandboxedEnvironment(undefined=StrictUndefined, autoescape=autoescape).from_string(source).render(values)
    bounded = BoundedSandbox(undefined=StrictUndefined, autoescape=autoescape).from_string(source).render(values)
    assert bounded == plain


# --- one budget per report ------------------------------------------------------------------------------------------

# 6 × (1 + 100,000) = 600,006 loop steps: more than half the budget, so that twice this is beyond it.
MOST_OF_THE_STEPS = "{% for i in range(6) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


def shell_with(folder: Path, text: str) -> None:
    document = docx.Document(io.BytesIO(starter_shell(KINDS["performance_evaluation"])))
    document.paragraphs[0].insert_paragraph_before(text)
    buffer = io.BytesIO()
    document.save(buffer)
    (folder / "shell.docx").write_bytes(buffer.getvalue())


def test_the_content_and_the_document_share_one_budget(tmp_path):
    """Each step alone stays within the steps a report may take; the two together are stopped in the second."""
    assert 600_006 < MAX_STEPS < 2 * 600_006
    folder = county(tmp_path, in_block(MOST_OF_THE_STEPS))
    report = govreport.load(CONTRACT, templates=[folder])
    govreport.render(report, "md")  # the content step alone
    shell_with(folder, MOST_OF_THE_STEPS)
    (folder / CONTENT).unlink()
    govreport.render(govreport.load(CONTRACT, templates=[folder]), "docx")  # the document step alone
    county(tmp_path, in_block(MOST_OF_THE_STEPS))
    message = refused_render(tmp_path)
    assert f"shell.docx 的 word/document.xml 被沙箱拒绝：{steps_message()}" in message


def test_each_report_of_a_batch_has_its_own_budget(tmp_path):
    folder = county(tmp_path, in_block(MOST_OF_THE_STEPS))
    sources = [tmp_path / "一.json", tmp_path / "二.json"]
    for source in sources:
        source.write_bytes(CONTRACT.read_bytes())
    summary = run_batch(sources, tmp_path / "out", ("docx", "md"), templates=[folder])
    assert summary.failed == [] and len(summary.rendered) == 2


class Clock:
    """A monotonic clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_time_of_the_steps_adds_up_and_the_time_between_them_does_not(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(bounds, "monotonic", clock)
    with report_budget() as budget:
        with metered():  # the content: most of the time a report may take
            clock.now += MAX_SECONDS * 0.6
            budget.step()
        clock.now += MAX_SECONDS * 10  # tables worked out, a document zipped: not the templates' time
        with metered():  # the document: the rest, and beyond
            clock.now += MAX_SECONDS * 0.3
            budget.step()
            assert budget.elapsed() == pytest.approx(MAX_SECONDS * 0.9)
            clock.now += MAX_SECONDS * 0.2
            with pytest.raises(SandboxRefusal, match=re.escape(time_message())):
                budget.step()


def test_a_render_outside_any_report_has_its_own_clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(bounds, "monotonic", clock)
    with metered() as first:
        clock.now += MAX_SECONDS * 0.9
        first.step()
    with metered() as second:
        assert second is not first
        clock.now += MAX_SECONDS * 0.9
        second.step()


def test_a_report_of_5000_indicators_renders_within_one_budget():
    """The largest report a county files by far (a project has a few dozen indicators), through the real budget:
    5,000 × 0.018 = 90 points, as the sample's seven indicators weigh."""
    data = read(CONTRACT)
    measured = [{k: v for k, v in i.items() if k != "deviation"} for i in data["targets"]["indicators"] if i["op"] != "qualitative"]
    data["targets"]["indicators"] = [
        {**measured[n % len(measured)], "name": f"指标{n}", "weight": Decimal("0.018")} for n in range(5000)
    ]
    report = govreport.load(data)
    with report_budget() as budget:
        document = govreport.render(report, "docx")
    assert "指标4999" in "".join(p.text for t in docx.Document(io.BytesIO(document)).tables for r in t.rows for p in r.cells[2].paragraphs)
    assert budget.steps < MAX_STEPS and budget.written < MAX_OUTPUT  # and its time: it was not stopped
