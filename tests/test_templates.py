"""County template folders: the chain, overrides, shells, layout options, safety and reproducibility.

Expected values are worked out by hand from figures.md and the sample data.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

import govreport
from govreport.cli import main
from govreport.figures.rounding import round_half_up
from govreport.version import __version__

from .conftest import ROOT, SAMPLES, dump, read

EXAMPLES = ROOT / "templates"
SANYA = SAMPLES / "sanya_health_poverty_2025.json"
XIUSHAN = SAMPLES / "xiushan_work_summary_2004.json"


def county(tmp_path: Path, files: dict[str, str], manifest: str = "name: 测试县\nversion: '2.1'\n") -> Path:
    folder = tmp_path / "县"
    for name, text in {"manifest.yaml": manifest, **files}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def paragraphs(content: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]


def fault(report: govreport.Report, fmt: str = "docx") -> str:
    with pytest.raises(govreport.TemplateFault) as caught:
        govreport.render(report, fmt)  # type: ignore[arg-type]
    return str(caught.value)


# --- the chain -----------------------------------------------------------------------------------------------------

def test_a_county_chain_runs_county_then_province_then_built_in():
    report = govreport.load(SANYA, templates=[EXAMPLES / "三亚市"])
    assert [f.manifest.name for f in report.chain.folders] == ["三亚市", "海南省"]
    assert report.chain.describe("内置") == "三亚市 1.0 → 海南省 1.0 → 内置"


def test_the_province_scoring_option_reaches_the_scores():
    """人均住院救助金额: ≤1500, actual 1620, weight 5. linear: 5 × (1 − 120/1500) = 4.60; ratio: 5 × 1500/1620 = 4.6296 → 4.63."""
    default = govreport.load(SANYA)
    hainan = govreport.load(SANYA, templates=[EXAMPLES / "三亚市"])
    score = {r.indicator.name: r.score for r in default.figures.indicators}["人均住院救助金额"]
    local = {r.indicator.name: r.score for r in hainan.figures.indicators}["人均住院救助金额"]
    assert (score, local) == (Decimal("4.60"), Decimal("4.63"))
    assert hainan.figures.total - default.figures.total == Decimal("0.03")


def test_execution_rate_over_the_initial_budget(tmp_path):
    """self_evaluation sample: spent 1147.5; 全年预算 1200 → 95.63%, 9.56; 年初预算 1150 → 99.78%, 9.98."""
    folder = county(tmp_path, {}, "name: 县\nversion: '1'\nscoring:\n  execution_denominator: initial\n")
    default = govreport.load(SAMPLES / "self_evaluation.json").figures
    initial = govreport.load(SAMPLES / "self_evaluation.json", templates=[folder]).figures
    assert (round_half_up(default.funds.total.execution_rate), default.execution_score) == (
        Decimal("95.63"), Decimal("9.56"))
    assert (round_half_up(initial.funds.total.execution_rate), initial.execution_score) == (
        Decimal("99.78"), Decimal("9.98"))
    assert round_half_up(initial.funds.sources[0].execution_rate) == Decimal("104.55")  # 836.4 ÷ 800


def test_folders_named_in_the_data_and_the_environment(tmp_path, monkeypatch):
    data = read(XIUSHAN)
    data["meta"]["templates"] = "../templates/秀山县"
    (tmp_path / "data").mkdir()
    shutil_copy = dump(data, tmp_path / "data" / "总结.json")
    (tmp_path / "templates").symlink_to(EXAMPLES, target_is_directory=True)
    assert [f.manifest.name for f in govreport.load(shutil_copy).chain.folders] == ["秀山县"]
    monkeypatch.setenv("GOVREPORT_TEMPLATES", str(EXAMPLES / "三亚市"))
    assert [f.manifest.name for f in govreport.load(SANYA).chain.folders] == ["三亚市", "海南省"]


def test_a_wrong_folder_in_the_data_is_a_data_problem(tmp_path):
    data = read(XIUSHAN)
    data["meta"]["templates"] = ["没有这个目录"]
    problems = govreport.validate(dump(data, tmp_path / "d.json"))
    assert [p.path for p in problems] == ["meta.templates[0]"]
    assert "模板目录不存在" in problems[0].message


def test_a_parent_loop_is_refused(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "manifest.yaml").write_text("name: 甲\nversion: '1'\nparent: ../b\n", encoding="utf-8")
    (b / "manifest.yaml").write_text("name: 乙\nversion: '1'\nparent: ../a\n", encoding="utf-8")
    with pytest.raises(govreport.TemplateFault, match="循环"):
        govreport.load(SANYA, templates=[a])


def test_a_wrong_manifest_names_the_field(tmp_path):
    folder = county(tmp_path, {}, "name: 县\nversion: '1'\nscoring:\n  reverse: half\n")
    with pytest.raises(govreport.TemplateFault) as caught:
        govreport.load(SANYA, templates=[folder])
    assert "scoring.reverse" in str(caught.value)


# --- overrides -----------------------------------------------------------------------------------------------------

def test_sanya_funds_paragraph_in_its_own_words():
    """Budget 1200 (600/300/300), received 1150 → 95.83%, spent 1094 → 91.17% of budget, 95.13% of received."""
    text = paragraphs(govreport.render(govreport.load(SANYA, templates=[EXAMPLES / "三亚市"])))
    assert ("本项目资金由中央财政补助、省级财政补助、市级配套资金共同安排，全年预算1200.00万元"
            "（中央财政补助600.00万元，省级财政补助300.00万元，市级配套资金300.00万元）。"
            "截至2025年12月31日，资金到位1150.00万元，到位率95.83%；"
            "已支出1094.00万元，预算执行率91.17%，资金使用率95.13%。") in text
    assert not any(p.startswith("项目全年预算资金1200.00万元，其中") for p in text)  # the built-in wording is gone


def test_xiushan_extra_chapter_and_signature_keep_the_numbering_closed():
    text = paragraphs(govreport.render(govreport.load(XIUSHAN, templates=[EXAMPLES / "秀山县"])))
    chapters = [p for p in text if p[:2] in ("一、", "二、", "三、", "四、", "五、")]
    assert [c[:2] for c in chapters] == ["一、", "二、", "三、", "四、"]
    assert chapters[1] == "二、主要指标完成情况"
    assert "1.按要求办理退休手续的人员46人。" in text
    assert text[-3:] == ["秀山土家族苗族自治县卫生项目办公室", "秀山土家族苗族自治县卫生局（代章）", "二〇〇四年十二月二十日"]


def test_headings_are_blocks_and_super_keeps_the_original(tmp_path):
    folder = county(tmp_path, {"performance_evaluation/content.j2": (
        '{% block overview_heading %}{{ doc.h1("项目基本情况") }}{% endblock %}\n'
        '{% block management %}{% endblock %}\n'
        '{% block after_lessons %}{{ super() }}{{ doc.h1("县级复核意见") }}'
        '{{ doc.p("经复核，总得分" ~ fig.total|amount ~ "分。") }}{% endblock %}\n'
        '{% block extra_appendices %}{{ doc.attach("评价说明", ["说明 & <一>"]) }}{% endblock %}\n'
    )})
    report = govreport.load(SAMPLES / "performance_evaluation.json", templates=[folder])
    text = paragraphs(govreport.render(report))
    assert "一、项目基本情况" in text
    assert "五、问题与挑战" in text  # 项目管理及组织架构 removed: 五 follows 四
    assert "七、县级复核意见" in text and "八、可持续发展" in text
    assert "经复核，总得分93.57分。" in text
    assert text.index("附件1") < text.index("附件2") < text.index("附件3") == text.index("评价说明") - 1
    assert "说明 & <一>" in text


def test_an_unknown_block_is_an_error_with_file_and_line(tmp_path):
    folder = county(tmp_path, {"performance_evaluation/content.j2": "\n{% block funds_paragrap %}x{% endblock %}\n"})
    message = fault(govreport.load(SANYA, templates=[folder]))
    assert "content.j2:2" in message and "funds_paragrap" in message and "funds_paragraph" in message


def test_an_unknown_or_misshapen_macro_is_an_error(tmp_path):
    folder = county(tmp_path, {"performance_evaluation/sentences.j2":
                               "{% macro opning() %}x{% endmacro %}\n{% macro indicator_sentence() %}x{% endmacro %}"})
    message = fault(govreport.load(SANYA, templates=[folder]))
    assert "sentences.j2:1" in message and "opning" in message
    assert "sentences.j2:2" in message and "（r）" in message


# --- safety --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("expression", ["''.__class__.__mro__", "doc.__init__.__globals__", "().__class__.__base__.__subclasses__()"])
def test_python_internals_are_refused_with_file_and_line(tmp_path, expression):
    folder = county(tmp_path, {"performance_evaluation/content.j2": f"{{% block opening %}}\n\n{{{{ {expression} }}}}\n{{% endblock %}}"})
    message = fault(govreport.load(SANYA, templates=[folder]), "md")
    assert "content.j2 第 3 行" in message and "沙箱" in message


def test_includes_cannot_leave_the_chain(tmp_path):
    (tmp_path / "secret.j2").write_text("机密", encoding="utf-8")
    folder = county(tmp_path, {"performance_evaluation/content.j2":
                               '{% block opening %}{% include "../../secret.j2" %}{% endblock %}'})
    assert "越出了模板目录链" in fault(govreport.load(SANYA, templates=[folder]), "md")
    (folder / "performance_evaluation" / "link.j2").symlink_to(tmp_path / "secret.j2")
    (folder / "performance_evaluation" / "content.j2").write_text(
        '{% block opening %}{% include "performance_evaluation/link.j2" %}{% endblock %}', encoding="utf-8")
    with pytest.raises(govreport.TemplateFault, match=r"performance_evaluation/link\.j2 是指向目录之外"):
        govreport.load(SANYA, templates=[folder])


def test_data_is_never_template_code(tmp_path):
    data = read(SANYA)
    data["background"]["overview"] = ["{{ ''.__class__ }} & <b>"]
    report = govreport.load(dump(data, tmp_path / "d.json"), templates=[EXAMPLES / "三亚市"])
    assert "{{ ''.__class__ }} & <b>" in paragraphs(govreport.render(report))


def _shell_folder(tmp_path: Path, content: bytes) -> Path:
    folder = county(tmp_path, {})
    (folder / "shell.docx").write_bytes(content)
    return folder


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


def test_a_shell_that_is_not_a_docx_is_refused(tmp_path):
    folder = _shell_folder(tmp_path, b"not a zip")
    assert "不是有效的 Word 文档" in fault(govreport.load(SANYA, templates=[folder]))


def test_a_shell_declaring_entities_is_refused(tmp_path):
    shell = (EXAMPLES / "三亚市" / "performance_evaluation" / "shell.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(shell)) as package:
        members = {n: package.read(n) for n in package.namelist()}
    members["word/document.xml"] = members["word/document.xml"].replace(
        b"?>", b'?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
    folder = _shell_folder(tmp_path, _zip(members))
    assert "实体声明" in fault(govreport.load(SANYA, templates=[folder]))


def test_a_shell_over_50_mb_unpacked_is_refused(tmp_path):
    members = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>", "word/media/big.bin": bytes(51 << 20)}
    folder = _shell_folder(tmp_path, _zip(members))
    assert "超过 50 MB" in fault(govreport.load(SANYA, templates=[folder]))


def test_a_shell_without_the_body_placeholder_is_refused(tmp_path):
    document = docx.Document()
    document.add_paragraph("只有红头，没有正文位置")
    buffer = io.BytesIO()
    document.save(buffer)
    folder = _shell_folder(tmp_path, buffer.getvalue())
    assert "【正文】" in fault(govreport.load(SANYA, templates=[folder]))


# --- the shell, layout options, properties -------------------------------------------------------------------------

def test_sanya_letterhead_opens_the_document():
    content = govreport.render(govreport.load(SANYA, templates=[EXAMPLES / "三亚市"]))
    document = docx.Document(io.BytesIO(content))
    text = [p.text for p in document.paragraphs]
    assert text[0] == "三亚市民政局文件"
    title = [p.replace("\n", "") for p in text].index("三亚市民政局2025年健康扶贫保障资金项目绩效评价报告")
    assert text.index("三民发〔2026〕3号") < title
    mark = document.paragraphs[0].runs[0]._r
    assert mark.find(qn("w:rPr")).find(qn("w:color")).get(qn("w:val")) == "FF0000"
    rule = document.paragraphs[text.index("三民发〔2026〕3号")]._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"
    assert {"GRTitle", "GRHeading1", "GRBody", "GRTableCell"} <= {s.style_id for s in document.styles}
    assert document.sections[0].footer.paragraphs[0].text.startswith("—")
    assert text[-1] != "【正文】" and "【正文】" not in text


def test_xiushan_layout_options_centre_page_numbers_and_rename_fonts():
    content = govreport.render(govreport.load(XIUSHAN, templates=[EXAMPLES / "秀山县"]))
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        xml = b"".join(package.read(n) for n in package.namelist() if n.endswith(".xml")).decode()
        footers = [package.read(n).decode() for n in package.namelist() if n.startswith("word/footer")]
    assert "仿宋_GB2312" not in xml and "楷体_GB2312" not in xml
    assert 'w:eastAsia="仿宋"' in xml and 'w:eastAsia="楷体"' in xml and 'w:eastAsia="黑体"' in xml
    assert len(footers) == 2 and all('w:jc w:val="center"' in f and "<w:ind" not in f for f in footers)


def test_the_same_input_gives_the_same_bytes_and_records_the_chain():
    report = govreport.load(SANYA, templates=[EXAMPLES / "三亚市"])
    first, second = govreport.render(report), govreport.render(govreport.load(SANYA, templates=[EXAMPLES / "三亚市"]))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        custom = package.read("docProps/custom.xml").decode()
    chain = f"三亚市 1.0 → 海南省 1.0 → 内置 {__version__}"
    assert f"<vt:lpwstr>{chain}</vt:lpwstr>" in custom and f"<vt:lpwstr>{__version__}</vt:lpwstr>" in custom
    assert docx.Document(io.BytesIO(first)).core_properties.comments == f"govreport {__version__}；模板：{chain}"


def test_workbooks_do_not_depend_on_the_clock():
    """Two renders in one second would agree even with the time written in; the dates themselves must be fixed:
    the zip entries at 1980-01-01 and the document's dates at its 成文日期 (2026-02-10 in the sample)."""
    report = govreport.load(SAMPLES / "self_evaluation.json")
    with zipfile.ZipFile(io.BytesIO(govreport.render(report, "xlsx"))) as package:
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:(created|modified)[^>]*>([^<]*)<", core) == [
        ("created", "2026-02-10T00:00:00Z"), ("modified", "2026-02-10T00:00:00Z")]


# --- the command line ----------------------------------------------------------------------------------------------

def test_render_with_templates_on_the_command_line(tmp_path):
    out = tmp_path / "报告.docx"
    result = CliRunner().invoke(main, ["render", str(SANYA), "-t", str(EXAMPLES / "三亚市"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert paragraphs(out.read_bytes())[0] == "三亚市民政局文件"


def test_a_failing_template_leaves_an_existing_output_alone(tmp_path):
    folder = county(tmp_path, {"performance_evaluation/content.j2": "{% block opening %}{{ ''.__class__ }}{% endblock %}"})
    out = tmp_path / "报告.docx"
    out.write_bytes(b"earlier")
    result = CliRunner().invoke(main, ["render", str(SANYA), "-t", str(folder), "-o", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "content.j2 第 1 行" in result.output
    assert out.read_bytes() == b"earlier" and sorted(os.listdir(tmp_path)) == ["县", "报告.docx"]


def test_templates_init_scaffolds_a_folder_that_checks_clean(tmp_path):
    folder = tmp_path / "新县"
    runner = CliRunner()
    result = runner.invoke(main, ["templates", "init", str(folder), "--kind", "performance_evaluation"])
    assert result.exit_code == 0, result.output
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "**`funds_paragraph()`**" in readme and "项目全年预算资金{{ total.budget|amount }}{{ unit }}" in readme
    assert "**`overview_heading`**" in readme and '{{ doc.h1("项目概述") }}' in readme
    assert (folder / "shell.example.docx").is_file() and (folder / "performance_evaluation" / "content.j2").is_file()
    assert runner.invoke(main, ["templates", "check", str(folder)]).exit_code == 0
    again = runner.invoke(main, ["templates", "init", str(folder)])
    assert again.exit_code == 2 and "不为空" in again.output
    report = govreport.load(SANYA, templates=[folder])
    assert paragraphs(govreport.render(report)) == paragraphs(govreport.render(govreport.load(SANYA)))


def test_templates_check_reports_file_and_line(tmp_path):
    folder = county(tmp_path, {"performance_evaluation/content.j2": (
        "{% block opening %}\n{{ doc.p(data.meta.projct ~ nothing) }}\n{% endblock %}\n"
        "{% block conclusion %}{{ ''.__class__ }}{% endblock %}\n"
        "{% block title %}{{ doc.p(x|nofilter) }}{% endblock %}\n")})
    result = CliRunner().invoke(main, ["templates", "check", str(folder)])
    assert result.exit_code == 2
    assert "content.j2:5" in result.output and "nofilter" in result.output  # syntax-level: reported alone
    (folder / "performance_evaluation" / "content.j2").write_text(
        "{% block opening %}\n{{ doc.p(data.meta.projct ~ nothing) }}\n{% endblock %}\n"
        "{% block conclusio %}{{ ''.__class__ }}{% endblock %}\n", encoding="utf-8")
    output = CliRunner().invoke(main, ["templates", "check", str(folder)]).output
    assert "content.j2:2" in output and "“projct”" in output and "“nothing”不存在" in output
    assert "content.j2:4" in output and "conclusio" in output and "__class__" in output


def test_templates_list_shows_where_each_block_comes_from():
    result = CliRunner().invoke(main, ["templates", "list", "-t", str(EXAMPLES / "三亚市"), "-k", "performance_evaluation"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "  1. 三亚市 1.0" in "\n".join(lines) and "  2. 海南省 1.0" in "\n".join(lines)
    assert any(line.split() == ["*", "funds_paragraph()", "三亚市"] for line in lines)
    assert any(line.split() == ["funds_paragraph", "内置"] for line in lines)
    assert "评分：反向指标 ratio" in result.output
    assert "shell.docx" in result.output


@pytest.mark.libreoffice
def test_a_county_shell_survives_pdf_conversion(tmp_path):
    assert shutil.which("soffice"), "LibreOffice (soffice) must be installed for this test"
    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(main, ["render", str(SANYA), "-t", str(EXAMPLES / "三亚市"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    first = subprocess.run(["pdftotext", "-l", "1", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    lines = [line.replace(" ", "") for line in first.splitlines() if line.strip()]
    assert lines[:2] == ["三亚市民政局文件", "三民发〔2026〕3号"]
    assert "94.36" in first  # 海南省 scoring: the default 94.33 plus 0.03 on 人均住院救助金额


def test_the_form_marks_the_budget_the_rate_divides_by(tmp_path):
    folder = county(tmp_path, {}, "name: 县\nversion: '1'\nscoring:\n  execution_denominator: initial\n")
    report = govreport.load(SAMPLES / "self_evaluation.json", templates=[folder])
    cells = {c.text for t in docx.Document(io.BytesIO(govreport.render(report))).tables for c in t.rows[2].cells}
    assert {"年初预算数（A）", "全年预算数", "执行率（B/A）"} <= cells and "全年预算数（A）" not in cells
    sheet = openpyxl.load_workbook(io.BytesIO(govreport.render(report, "xlsx"))).active
    values = {str(c.value).replace("\n", "") for row in sheet.iter_rows() for c in row}  # a heading may be broken
    assert "年初预算数（A）" in values and "全年预算数（A）" not in values
    assert "| 项目 | 年初预算数（A） | 全年预算数 | 全年执行数（B） |" in govreport.render(report, "md").decode()


def test_font_renaming_reaches_the_xlsx_form():
    """秀山县 maps 仿宋_GB2312 → 仿宋; the self-evaluation form in Excel follows it, as the DOCX does."""
    report = govreport.load(SAMPLES / "self_evaluation.json", templates=[ROOT / "templates" / "秀山县"])
    styles = zipfile.ZipFile(io.BytesIO(govreport.render(report, "xlsx"))).read("xl/styles.xml").decode()
    assert '<name val="仿宋"/>' in styles and "仿宋_GB2312" not in styles
    assert '<name val="方正小标宋简体"/>' in styles  # not in the county's map: unchanged
    plain = govreport.render(govreport.load(SAMPLES / "self_evaluation.json"), "xlsx")
    assert "仿宋_GB2312" in zipfile.ZipFile(io.BytesIO(plain)).read("xl/styles.xml").decode()


def test_text_a_content_template_writes_outside_doc_is_refused_with_its_line(tmp_path):
    """A content template's own output is thrown away: literal text, or data printed instead of passed to doc.p,
    would vanish from the report without a word."""
    folder = county(tmp_path, {"performance_evaluation/content.j2": "\n".join([
        "{% block after_overview %}", "县里的一段话", "{{ data.meta.project }}", "{{ say.opening() }}",
        '{{ doc.p("写入正文的一段") }}', "{{ super() }}", "{% endblock %}"])})
    report = govreport.load(SANYA, templates=[folder])
    with pytest.raises(govreport.TemplateFault) as caught:
        govreport.render(report, "md")
    lines = [p.path.rsplit(":", 1)[1] for p in caught.value.problems]
    assert lines == ["2", "3", "4"]
    assert all("不会出现在报告中" in p.message for p in caught.value.problems)


@pytest.mark.parametrize(("body", "reason"), [
    ("{{ doc.p(x }", "多了或错放了“}”（这里应为“)”）"),
    ("{% foo %}", "未知的标签“foo”"),
    ("{% if x %}{% endfor %}", "这里的 {% endfor %} 与前面未结束的 {% if %} 不配对"),
    ("{{ doc.p(x|nofilter) }}", "没有名为“nofilter”的过滤器"),
    ("{{ x | }}", "“}}”放错了位置"),
])
def test_template_syntax_errors_are_told_in_chinese(tmp_path, body, reason):
    """Jinja words its syntax errors in English; a county template's author reads them in Chinese, with the line."""
    folder = county(tmp_path, {"performance_evaluation/content.j2": "{% block opening %}\n" + body + "\n{% endblock %}\n"})
    result = CliRunner().invoke(main, ["templates", "check", str(folder)])
    assert result.exit_code == 2 and "content.j2:2：语法错误：" in result.output and reason in result.output
    reason_given = result.output.split("语法错误：", 1)[1]
    words = re.sub(r"\{% \w+ %\}|nofilter|govreport templates list", "", reason_given)  # tag and filter names stay
    assert not re.search(r"[a-z]{4,}", words)


@pytest.mark.parametrize("call", ["doc.section(none)", "doc.table('建设内容')", "doc.figures([1])"])
def test_a_county_block_passing_the_wrong_thing_to_doc_is_named_at_its_line(tmp_path, call):
    folder = county(tmp_path, {"work_summary/content.j2": f"{{% block after_plans %}}\n{{{{ {call} }}}}\n{{% endblock %}}\n"})
    out = tmp_path / "out.md"
    result = CliRunner().invoke(main, ["render", str(SAMPLES / "work_summary.json"), "-t", str(folder), "-f", "md",
                                       "-o", str(out)])
    assert result.exit_code == 2 and not out.exists() and "Traceback" not in result.output
    assert "content.j2 第 2 行运算出错：对象没有这个属性或方法" in result.output
