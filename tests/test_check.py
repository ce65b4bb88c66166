"""`govreport check`: what it finds in real texts and built documents, what it leaves alone, and --fix."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import parse_xml

import govreport
from govreport.cli import main
from govreport.errors import GovreportError
from govreport.proofread import check_file

from .conftest import SAMPLES

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
ROOT = Path(__file__).resolve().parent.parent


def _docx(tmp_path: Path, paragraphs: list[str], name: str = "t.docx") -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / name
    document.save(path)
    return path


def _seed_docx(tmp_path: Path, seed: str) -> Path:
    """A seed text put into a DOCX, one paragraph per line."""
    lines = [line for line in (SEEDS / seed).read_text(encoding="utf-8").splitlines() if line.strip()]
    return _docx(tmp_path, lines, seed.replace(".txt", ".docx"))


def _messages(path: Path, kind: str | None = None) -> list[str]:
    return [f.message for f in check_file(path, ignore=["layout"]) if kind is None or f.kind == kind]


# Every sample, JSON or YAML, with its own templates (meta.templates) and with each county folder in turn: scoring
# profiles print 小计 rows, leave indicators out and convert to 100, or set the grade by a 一票否决.
RENDERED = [(s, t) for s in sorted([*SAMPLES.glob("*.json"), *SAMPLES.glob("*.yaml")])
            for t in (None, *sorted(p for p in (ROOT / "templates").iterdir() if p.is_dir()))]


@pytest.mark.parametrize(("source", "templates"), RENDERED, ids=lambda v: getattr(v, "name", "built-in"))
@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_every_rendered_sample_checks_clean(tmp_path, source, templates, fmt):
    try:
        report = govreport.load(source, templates=[templates] if templates else ())
        rendered = govreport.render(report, fmt)
    except GovreportError as exc:  # a chain that cannot print this sample says so (三亚市 numbers only three levels)
        assert templates is not None and "标题层级过深" in exc.message
        return
    out = tmp_path / f"r.{fmt}"
    out.write_bytes(rendered)
    assert [f"{f.where} {f.message}" for f in check_file(out)] == []


def test_seed_000_placeholders_and_the_8000_contradiction(tmp_path):
    path = _seed_docx(tmp_path, "000_simplified.txt")
    assert _messages(path, "placeholder") == ["占位符未填写：“XX”"] * 4
    figures = _messages(path, "figures")
    assert figures == ["总数“超过8000名”与其中各项之和不符：5000人次+3000人次+2000人次=10000人次"]
    # “超过5000名…其中门诊3000人，住院2000人” adds up and is left alone; nothing else is raised.
    assert sorted(set(f.kind for f in check_file(path, ignore=["layout"]))) == ["figures", "placeholder"]


def test_seed_000_traditional_text_too(tmp_path):
    path = _seed_docx(tmp_path, "000_f5eda880fc827c56.txt")
    assert len(_messages(path, "placeholder")) == 4
    assert _messages(path, "figures") == ["总数“超過8000名”与其中各项之和不符：5000人次+3000人次+2000人次=10000人次"]


def test_seed_003_placeholders_and_percentage_points(tmp_path):
    path = _seed_docx(tmp_path, "003_afeda96e2e57724d.txt")
    placeholders = _messages(path, "placeholder")
    assert placeholders.count("占位符未填写：“XX”") == 18 and len(placeholders) == 18  # 二○○四年 and X光机 are not placeholders
    points = _messages(path, "points")
    assert "比率的变化应以“个百分点”表述：“提高1.04 %”应为“提高1.04个百分点”" in points
    assert "比率的变化应以“个百分点”表述：“上升0.44 %”应为“上升0.44个百分点”" in points
    assert len(points) == 7  # six changes of rates in 第68行 and 1.04 % (twice, the text repeats)
    assert _messages(path, "figures") == []  # 681人次 = 515 + 33 + 133 adds up


@pytest.mark.parametrize("seed", ["001_33b756cd950080a2.txt", "002_88a0bf52927edb3c.txt"])
def test_long_seeds_raise_placeholders_but_no_false_contradictions(tmp_path, seed):
    path = _seed_docx(tmp_path, seed)
    findings = check_file(path, ignore=["layout"])
    assert sum(f.kind == "placeholder" for f in findings) > 100
    assert [f.message for f in findings if f.kind in ("figures", "points")] == []


def test_seed_002_document_numbers_with_wrong_brackets(tmp_path):
    messages = _messages(_seed_docx(tmp_path, "002_88a0bf52927edb3c.txt"), "docnumber")
    assert "发文字号的年份应用六角括号〔〕、序号前不加“第”：“[2015]4号”应为“〔2015〕4号”" in messages
    assert "发文字号的年份应用六角括号〔〕、序号前不加“第”：“【2015】73号”应为“〔2015〕73号”" in messages


CLEAN = [
    "全年共为8500名群众提供医疗救助，其中门诊救助5000人次，住院救助3000人次，重大疾病专项救助500人次。",
    "已有超过5000名群众受益，其中门诊救助3000人，住院救助2000人。",
    "项目投入资金1094.00万元，其中医疗救助652.40万元、基层医疗设施改善325.60万元、健康教育与宣传116.00万元。",
    "全县共有卫生院30个，其中中心卫生院6个，占20.00%。",
    "项目全年预算资金1200.00万元，执行1094.00万元，预算执行率91.17%。",
    "特困人群医疗救助利用率为2.53%，比上年提高1.04个百分点。",
    "学生寄生虫感染率由驱虫前的95.62%下降至21.62%。",
    "门诊人次比上年增长15.30%，住院人次同比下降2.10%。",
    "对X光机、B超、心电图等大型设备进行了维护。",
    "人均住院救助金额得分为5×1500÷1620=4.63分。",
    "二○○四年十二月二十日",
    "根据《项目支出绩效评价管理办法》（财预〔2020〕10号）有关要求开展评价。",
    "成文日期为2026年1月20日，实施期间为2025年1月1日至2025年12月31日。",
    "一、项目概述",
    "（一）项目背景",
    "1.医疗救助",
    "（1）门诊救助",
    "（2）住院救助",
    "2.健康教育",
    "（二）项目目标",
    "二、项目实施情况",
    "合计支出1094.00万元，平均每人救助1287元。",
    "业务收入64556.54万元，其中药品收入49424.95万元，销售国家基本药物41575.34万元。",
    "XXL 号和 Xbox 不是占位符，AXXA 也不是。",
]


def test_clean_paragraphs_raise_nothing(tmp_path):
    path = _docx(tmp_path, CLEAN)
    assert [f"{f.where} {f.message}" for f in check_file(path, ignore=["layout"])] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("项目已投入资金XX万元。", "占位符未填写：“XX”"),
    ("共培训xx人。", "占位符未填写：“xx”"),
    ("受益群众××人。", "占位符未填写：“××”"),
    ("覆盖＊＊＊个村。", "占位符未填写：“＊＊＊”"),
    ("建筑面积****平方米。", "占位符未填写：“****”"),
    ("确保20xx年底完成。", "年份未填写：“20xx”"),
    ("单位：【待填】", "待填内容：“【待填】”"),
    ("负责人：{{ name }}", "模板标记未替换：“{{ name }}”"),
    ("{% if x %}说明{% endif %}", "模板标记未替换：“{% if x %}”"),
    ("贫困人口x人次，%。", "数字缺失，只剩单位：“%”"),
])
def test_placeholder_forms(tmp_path, text, expected):
    assert expected in _messages(_docx(tmp_path, [text]), "placeholder")


def test_placeholders_in_every_part_of_a_docx(tmp_path):
    document = docx.Document()
    document.add_paragraph("正文没有问题。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 1).text = "XX万元"
    document.sections[0].header.paragraphs[0].text = "XX县民政局"
    document.sections[0].footer.paragraphs[0].text = "20xx年"
    document.core_properties.title = "××项目绩效评价报告"
    box = document.add_paragraph()._p
    box.append(parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        "<w:pict><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里的xx人</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:pict></w:r>"))
    path = tmp_path / "parts.docx"
    document.save(path)
    with zipfile.ZipFile(path, "a") as package:  # a footnotes part, as Word writes it
        package.writestr("word/footnotes.xml", '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/'
                         'wordprocessingml/2006/main"><w:footnote w:id="1"><w:p><w:r><w:t>数据来源：XX局</w:t></w:r>'
                         "</w:p></w:footnote></w:footnotes>")
    found = {f.where for f in check_file(path) if f.kind == "placeholder"}
    assert {"表1 第1行第2列", "页眉1 第1段", "页脚1 第1段", "文档属性“标题”", "文本框1", "脚注 第1段"} <= found
    assert "第1段" not in found


def test_table_total_row_must_be_the_sum_of_its_column(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=5, cols=3)
    rows = [("资金来源", "预算数", "执行数"), ("中央", "600.00", "588.60"), ("省级", "300.00", "291.35"),
            ("市级", "300.00", "214.05"), ("合计", "1200.00", "1104.00")]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    path = tmp_path / "table.docx"
    document.save(path)
    assert _messages(path, "figures") == ["“执行数”列的合计为1104.00，上方各行之和为1094.00"]


@pytest.mark.parametrize(("text", "expected"), [
    ("全县共有卫生院30个，其中中心卫生院6个，占25%。", "占比应为 6个÷30个=20.00%，文中为25%"),
    ("项目全年预算资金1200万元，执行1094万元，预算执行率92%。", "执行率应为 1094万元÷1200万元=91.17%，文中为92%"),
    ("合计救助681人次，其中住院515人次，门诊133人次，计免33人次，慢病10人次。",
     "总数“合计救助681人次”与其中各项之和不符：515人次+133人次+33人次+10人次=691人次"),
])
def test_contradicting_figures_in_a_sentence(tmp_path, text, expected):
    assert _messages(_docx(tmp_path, [text]), "figures") == [expected]


def test_heading_numbering(tmp_path):
    path = _docx(tmp_path, ["一、概述", "（一）背景", "（三）目标", "1、第一项", "2、第二项", "2、又一项",
                            "二、实施", "（一）、进度", "四、效果"])
    messages = _messages(path, "numbering")
    assert "2级标题编号跳号：“（三）”之前缺少二" in messages
    assert "3级标题编号应写作“1.”，文中为“1、”" in messages
    assert "3级标题编号“2、”重复" in messages
    assert "2级标题编号应写作“（一）”，文中为“（一）、”" in messages
    assert "1级标题编号跳号：“四、”之前缺少三" in messages


def test_dates_and_document_numbers(tmp_path):
    path = _docx(tmp_path, ["成文日期：2026年01月05日。", "会议于2025-12-30召开。", "会议于2025年11月3日召开。",
                            "依据三民发[2026]3号文件。", "依据财预〔2020〕第10号文件。"])
    assert "日期不补零：“2026年01月05日”应为“2026年1月5日”" in _messages(path, "date")
    assert any(m.startswith("日期写法不统一") and "“2025-12-30”" in m for m in _messages(path, "date"))
    docnumbers = _messages(path, "docnumber")
    assert "发文字号的年份应用六角括号〔〕、序号前不加“第”：“[2026]3号”应为“〔2026〕3号”" in docnumbers
    assert "发文字号的年份应用六角括号〔〕、序号前不加“第”：“〔2020〕第10号”应为“〔2020〕10号”" in docnumbers


def test_layout_of_a_document_that_ignores_the_standard(tmp_path):
    path = _docx(tmp_path, ["某项目绩效评价报告", "一、项目概述", "正文段落。"])
    layout = [f.message for f in check_file(path) if f.kind == "layout"]
    assert "纸张应为 A4（210×297 mm）" in layout  # python-docx's default is US Letter
    assert "没有页码；页码应为“— 1 —”的形式" in layout
    assert any(m.startswith("正文未设置中文字体") or m.startswith("正文中文字体为") for m in layout)


def test_cli_exit_codes_json_and_the_checked_file_untouched(tmp_path):
    bad = _docx(tmp_path, ["项目已投入资金XX万元。"], "bad.docx")
    clean = tmp_path / "clean.md"
    clean.write_bytes(govreport.render(govreport.load(SAMPLES / "work_summary.json"), "md"))
    before = hashlib.sha256(bad.read_bytes()).hexdigest()
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(clean)]).exit_code == 0
    result = runner.invoke(main, ["check", str(bad), str(clean), "--json", "--ignore", "layout"])
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert payload["summary"] == {"files": 2, "with_findings": 1, "unreadable": 0, "findings": 1}
    assert payload["files"][0]["findings"][0]["kind_label"] == "占位符未填"
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    result = runner.invoke(main, ["check", str(broken), str(clean)])
    assert result.exit_code == 2 and "无法读取" in result.output


def test_a_docx_whose_text_part_is_corrupt_is_unreadable_not_a_crash(tmp_path):
    """The zip directory reads but the document part does not inflate: exit 2 with a Chinese reason."""
    path = _docx(tmp_path, ["项目已投入资金XX万元。" * 200], "corrupt.docx")
    with zipfile.ZipFile(path) as package:
        info = package.getinfo("word/document.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start:start + 40] = b"\xff" * 40
    path.write_bytes(bytes(data))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "无法读取" in result.output and "已损坏" in result.output, result.output


def test_readable_report_groups_by_file_and_kind(tmp_path):
    path = _docx(tmp_path, ["项目已投入资金XX万元。", "利用率为2.53%，比去年提高1.04%。"])
    result = CliRunner().invoke(main, ["check", str(path), "--ignore", "layout"])
    assert "发现 2 处问题" in result.output and "占位符未填（1）" in result.output and "百分点（1）" in result.output
    assert "第1段　占位符未填写：“XX”" in result.output and "项目已投入资金‹XX›万元。" in result.output


def test_fix_writes_mechanical_fixes_into_a_new_file(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("依据三民发[")
    paragraph.add_run("2026]3号文件，")  # the document number spans two runs
    paragraph.add_run("于2026年01月05日印发。")
    document.add_paragraph("1、医疗救助")
    document.add_paragraph("项目已投入资金XX万元。")
    source = tmp_path / "in.docx"
    document.save(source)
    before = source.read_bytes()
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["check", str(source), "--fix", "-o", str(out), "--ignore", "layout"])
    assert result.exit_code == 1 and "已修正 3 处" in result.output and "其余 1 处需人工处理" in result.output
    assert source.read_bytes() == before
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts == ["依据三民发〔2026〕3号文件，于2026年1月5日印发。", "1.医疗救助", "项目已投入资金XX万元。"]
    assert [f.kind for f in check_file(out, ignore=["layout"])] == ["placeholder"]


def test_fix_of_a_text_file_and_refusals(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("一、概述\n（一）、背景\n依据财预(2020)10号。\n", encoding="gb18030")
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(main, ["check", str(source), "--fix", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="gb18030") == "一、概述\n（一）背景\n依据财预〔2020〕10号。\n"
    assert CliRunner().invoke(main, ["check", str(source), "--fix", "-o", str(source)]).exit_code == 2
    assert CliRunner().invoke(main, ["check", str(source), "--fix"]).exit_code == 2


def test_a_folder_of_reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in ("000_simplified.txt", "003_afeda96e2e57724d.txt"):
        (folder / seed).write_bytes((SEEDS / seed).read_bytes())
    (folder / "~$lock.docx").write_bytes(b"lock")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    result = CliRunner().invoke(main, ["check", str(folder), "--json"])
    payload = json.loads(result.output[result.output.index("{"):])
    assert result.exit_code == 1 and payload["summary"]["files"] == 2
    assert "跳过 1 个 .doc 文件：请先用 Word 或 WPS 另存为 .docx 再检查" in result.output
