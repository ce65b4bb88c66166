"""Rendered documents opened and read: text, figures, numbering, fonts, page setup, escaping."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
import yaml
from docx.oxml.ns import qn

import govreport
from govreport.rendering.environment import BUILTIN_TEMPLATES

from .conftest import SAMPLES, read

PROFILE = yaml.safe_load((BUILTIN_TEMPLATES / "gbt9704.yaml").read_text(encoding="utf-8"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(data) -> docx.document.Document:
    return docx.Document(io.BytesIO(govreport.render(govreport.load(data))))


def paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def all_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml"))


def test_contract_example_text_and_figures(example):
    text = "\n".join(paragraphs(open_docx(example)))
    assert text.startswith("三亚市民政局2025年健康扶贫保障资金项目\n绩效评价报告\n")  # broken after the project name
    assert "该项目总得分93.57分，评价等级为“优”" in text
    assert "项目全年预算资金1200.00万元，其中中央财政补助600.00万元、省级财政补助300.00万元、市级配套资金300.00万元。" in text
    assert "实际到位资金1150.00万元，资金到位率95.83%，其中市级配套资金到位250.00万元、到位率83.33%" in text
    assert "全年执行1094.00万元，预算执行率91.17%，资金使用率95.13%。" in text
    assert "资金主要用于医疗救助652.40万元，占59.63%；基层医疗设施改善325.60万元，占29.76%；健康教育与宣传116.00万元，占10.60%。" in text
    assert "项目全年累计受益8500人次，其中门诊救助5200人次、住院救助2600人次、重大疾病专项救助700人次。" in text
    assert "1.医疗救助人次：年度指标值≥8000人次，实际完成8500人次，完成率106.25%，得分20.00分（分值20分）。" in text
    assert "2.健康教育覆盖人次：年度指标值≥20,000人次，实际完成18,000人次，完成率90.00%，得分9.00分（分值10分）。" in text
    assert "4.人均住院救助金额：年度指标值≤1500元，实际完成1620元，完成率92.59%，得分9.20分（分值10分）。" in text
    assert "评定为“部分达成年度指标并具有一定效果”，得分11.25分（分值15分）。" in text
    assert "7项绩效指标中，4项完成、取得满分，3项未完成" in text
    assert "绩效指标得分84.45分，预算执行率得分9.12分，项目总得分93.57分" in text
    assert "评价共发现问题1个，涉及金额12.30万元，已全部整改。" in text
    assert text.endswith("三亚市民政局\n2026年1月20日\n附件1\n资金使用情况表\n项目名称：三亚市民政局2025年健康扶贫保障资金项目　　单位：万元\n"
                         "附件2\n绩效指标评分表\n项目名称：三亚市民政局2025年健康扶贫保障资金项目")


def test_headings_are_numbered_in_sequence(example):
    text = paragraphs(open_docx(example))
    level1 = [t for t in text if re.match(r"^[一二三四五六七八九十]+、", t)]
    assert level1 == ["一、项目概述", "二、项目实施情况", "三、绩效目标完成情况", "四、资金使用合规性",
                      "五、项目管理及组织架构", "六、问题与挑战", "七、经验与启示", "八、可持续发展"]
    assert [t for t in text if t.startswith("（")][:3] == ["（一）项目背景", "（二）项目目标", "（三）项目范围"]


def test_optional_sections_left_out_and_numbering_closes_up(example):
    del example["management"]
    example["background"]["objectives"] = []
    text = paragraphs(open_docx(example))
    assert "五、问题与挑战" in text and "八、可持续发展" not in text and "七、可持续发展" in text
    assert not any("项目管理团队" in t for t in text)
    assert "（二）项目范围" in text and "（二）项目目标" not in text


def test_tables_hold_the_computed_figures(example):
    document = open_docx(example)
    funds, uses, scores = document.tables
    assert [c.text for c in funds.rows[-1].cells] == ["合计", "1200.00", "1150.00", "1094.00", "95.83%", "91.17%", "95.13%"]
    assert [c.text for c in funds.rows[3].cells] == ["市级配套资金", "300.00", "250.00", "214.05", "83.33%", "71.35%", "85.62%"]
    assert [c.text for c in uses.rows[-1].cells][:2] == ["合计", "1094.00"]
    rows = [[c.text for c in r.cells] for r in scores.rows]
    assert rows[1][-5:] == ["100%", "91.17%", "10", "9.12", "/"]
    assert [r[-1] for r in rows[2:9]] == ["/", "第四季度台风影响，部分乡镇活动延期至次年。", "/", "大病患者比例高于预期。", "/", "", "/"]
    assert rows[5][2:7] == ["人均住院救助金额", "≤1500元", "1620元", "10", "9.20"]
    assert rows[-2][-3:-1] == ["100", "93.57"]
    assert rows[-1][-1] == "优"
    header = scores.rows[0]._tr
    assert header.find(f"{W}trPr/{W}tblHeader") is not None  # repeated on each page


def test_level1_cells_read_as_one_per_group_and_label_every_row(example):
    scores = open_docx(example).tables[2]
    cells = [r._tr.findall(f"{W}tc")[0] for r in scores.rows[2:9]]
    # every row names its 一级指标, so a page that starts inside a group shows it; no merged cell left blank there
    assert ["".join(t.text for t in c.iter(f"{W}t")) for c in cells] == ["产出指标"] * 4 + ["效益指标"] * 2 + ["满意度指标"]
    assert all(c.find(f"{W}tcPr/{W}vMerge") is None for c in cells)
    # the borders inside a group are dropped, so it still reads as one band
    tops = [c.find(f"{W}tcPr/{W}tcBorders/{W}top") is not None for c in cells]
    assert tops == [False, True, True, True, False, True, False]


def test_page_setup_follows_the_profile(example):
    section = open_docx(example).sections[0]
    page = PROFILE["page"]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert (section.top_margin.twips, section.bottom_margin.twips) == (2098, 1984)
    assert (section.left_margin.twips, section.right_margin.twips) == (1588, 1474)
    assert section.footer_distance.twips == page["footer"]


def test_every_run_sets_the_east_asian_font(example):
    document = open_docx(example)
    body = document.element.body
    runs = [r for r in body.iter(f"{W}r") if r.find(f"{W}t") is not None and r.find(f"{W}t").text]
    assert runs
    for run in runs:
        fonts = run.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None and fonts.get(qn("w:eastAsia")), run.find(f"{W}t").text
        assert fonts.get(qn("w:ascii")) == "Times New Roman"


def test_fonts_and_sizes_by_role(example):
    document = open_docx(example)
    expected = {"三亚市民政局2025年健康扶贫保障资金项目\n绩效评价报告": ("方正小标宋简体", 44),
                "一、项目概述": ("黑体", 32), "（一）项目背景": ("楷体_GB2312", 32),
                "确保农村低收入人口看得上病、看得起病；提升基层医疗服务能力；提高群众健康素养。": ("仿宋_GB2312", 32)}
    found = {}
    for p in document.paragraphs:
        if p.text in expected:
            r = p.runs[0]._r
            found[p.text] = (r.find(f"{W}rPr/{W}rFonts").get(qn("w:eastAsia")),
                             int(r.find(f"{W}rPr/{W}sz").get(qn("w:val"))))
    assert found == expected
    body = next(p for p in document.paragraphs if p.text.startswith("确保农村"))
    assert body.style.element.find(f"{W}pPr/{W}ind").get(qn("w:firstLineChars")) == "200"


def test_page_numbers_odd_right_even_left(example):
    content = govreport.render(govreport.load(example))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        settings = archive.read("word/settings.xml").decode()
        footers = [archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")]
    assert "<w:evenAndOddHeaders/>" in settings
    aligns = sorted(re.search(r'<w:jc w:val="(\w+)"/>', f).group(1) for f in footers)
    assert aligns == ["left", "right"]
    for footer in footers:
        text = "".join(re.findall(r"<w:(?:t|instrText)[^>]*>([^<]*)<", footer))
        assert re.fullmatch(r"— \s*PAGE\s*1 —", text), text
        assert 'w:eastAsia="宋体"' in footer and '<w:sz w:val="28"/>' in footer


def test_no_template_residue_or_placeholders(example):
    content = all_xml(govreport.render(govreport.load(example)))
    for residue in ("{{", "}}", "{%", "%}", "XX", "xx万元", "***"):
        assert residue not in content


def test_data_is_never_template_code_and_markup_comes_out_as_written(example):
    tricky = "A&B <规划> {{ 7*7 }} {% if true %}x{% endif %} ]]>"
    example["background"]["overview"] = [tricky]
    example["implementation"]["funds"]["uses"][0]["name"] = "医疗<救助>&"
    example["targets"]["indicators"][0]["name"] = "人次 | {{ data }}"
    document = open_docx(example)
    assert tricky in paragraphs(document)
    assert document.tables[1].rows[1].cells[0].text == "医疗<救助>&"
    markdown = govreport.render(govreport.load(example), "md").decode()
    assert tricky in markdown
    assert "| 人次 \\| {{ data }} |" in markdown


def test_chinese_date_style(example):
    example["meta"]["date_style"] = "chinese"
    assert "二〇二六年一月二十日" in paragraphs(open_docx(example))


def test_markdown_carries_the_same_content(example):
    markdown = govreport.render(govreport.load(example), "md").decode()
    assert markdown.startswith("# 三亚市民政局2025年健康扶贫保障资金项目绩效评价报告\n")
    assert "## 一、项目概述" in markdown and "### （三）潜在风险及应对措施" in markdown
    assert "| 合计 | 1200.00 | 1150.00 | 1094.00 | 95.83% | 91.17% | 95.13% |" in markdown
    assert "| 总分 | | | | | 100 | 93.57 | |" in markdown


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.json")))
def test_every_sample_renders_without_placeholders(sample):
    data = read(SAMPLES / sample)
    document = open_docx(data)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    text = "\n".join(paragraphs(document) + cells)
    assert not re.search(r"XX|xx|××|\*\*\*|20xx|【待填】|\{\{|\{%", text)
    # nothing but the fields the built-in document does not print (test_nothing_lost.py)
    assert {p.path for p in govreport.validate(data)} <= {"meta.region", "meta.doc_number"}


def test_render_to_writes_atomically_and_by_suffix(tmp_path, example):
    report = govreport.load(example)
    path = govreport.render_to(report, tmp_path / "r.md")
    assert path.read_text(encoding="utf-8").startswith("# ")
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_unknown_format_is_refused(example):
    with pytest.raises(govreport.GovreportError, match="不支持输出格式“pdfx”，可用：docx、md"):
        govreport.render(govreport.load(example), "pdfx")  # type: ignore[arg-type]
