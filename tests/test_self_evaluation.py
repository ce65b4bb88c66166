"""项目支出绩效自评表: every cell of the form, in DOCX and XLSX, against hand-computed values."""

from __future__ import annotations

import io
import shutil
from decimal import Decimal as D

import openpyxl
import pytest
from click.testing import CliRunner

import govreport
from govreport.cli import main

from .conftest import CONTRACT, SAMPLES, read
from .test_render import W, open_docx, paragraphs

SAMPLE = SAMPLES / "self_evaluation.json"

# Funds, by hand: budget 850 + 200 + 150 = 1200; spent 836.4 + 192.5 + 118.6 = 1147.5; initial 800 + 200 + 150 = 1150.
# 执行率 836.4/850 = 98.40%, 192.5/200 = 96.25%, 118.6/150 = 79.0667% → 79.07%, 1147.5/1200 = 95.625% → 95.63%.
# 得分 10 × 0.95625 = 9.5625 → 9.56.
FUND_ROWS = [
    ["年度资金总额", "1150.00", "1200.00", "1147.50", "10", "95.63%", "9.56"],
    ["其中：中央财政补助", "800.00", "850.00", "836.40", "/", "98.40%", "/"],
    ["市级财政补助", "200.00", "200.00", "192.50", "/", "96.25%", "/"],
    ["县级配套资金", "150.00", "150.00", "118.60", "/", "79.07%", "/"],
]
# Indicators, by hand: 20580/21000 × 10 = 9.80; ≤ linear: 1 − (865 − 800)/800 = 0.91875 × 5 = 4.59375 → 4.59;
# the rest meet their targets. Σ = 89.39; total 89.39 + 9.56 = 98.95 → 优.
INDICATOR_ROWS = [
    ["产出指标", "数量指标", "医疗救助人次", "≥12,000人次", "13,260人次", "20", "20.00", "/"],
    ["产出指标", "数量指标", "资助参保人数", "≥21,000人", "20,580人", "10", "9.80", "部分对象年中转入外县参保，下年度按月核对参保名单。"],
    ["产出指标", "质量指标", "救助对象认定准确率", "100%", "100%", "10", "10.00", "/"],
    ["产出指标", "时效指标", "救助资金“一站式”结算率", "≥95%", "97.3%", "5", "5.00", "/"],
    ["产出指标", "成本指标", "人均救助金额", "≤800元", "865元", "5", "4.59", "重特大疾病患者人次高于预期；下年度完善倾斜救助测算。"],
    ["效益指标", "社会效益指标", "政策范围内住院费用自付比例", "≤10%", "9.2%", "15", "15.00", "/"],
    ["效益指标", "可持续影响指标", "防止因病返贫长效机制", "健全", "已建立监测预警和部门信息共享机制", "15", "15.00", "/"],
    ["满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%", "94.6%", "10", "10.00", "/"],
]


def cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def test_every_cell_of_the_docx_form():
    summary, indicators = open_docx(read(SAMPLE)).tables
    rows = cells(summary)
    assert rows[0][:2] == ["项目名称", "困难群众医疗救助资金项目"]
    assert rows[1][0] == "主管部门" and rows[1][1] == "秀山土家族苗族自治县民政局"
    assert rows[1][4] == "实施单位" and rows[1][6] == "秀山土家族苗族自治县医疗保障事务中心"
    assert rows[2] == ["项目资金（万元）", "", "", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"]
    assert [r[2:] for r in rows[3:7]] == FUND_ROWS
    assert rows[7][0] == "年度总体目标" and (rows[7][1], rows[7][5]) == ("预期目标", "实际完成情况")
    assert rows[8][1].startswith("对特困人员") and rows[8][5].startswith("全年救助困难群众13,260人次")
    rows = cells(indicators)
    # a heading too wide for its column is broken between its words (tests/test_form_layout.py)
    assert [h.replace("\n", "") for h in rows[0]] == [
        "绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    assert [r[1:] for r in rows[1:9]] == INDICATOR_ROWS
    assert rows[9][0] == "总分" and rows[9][6:8] == ["100", "98.95"]
    assert rows[10][0] == "自评等级" and rows[10][6] == "优"


def test_docx_form_repeats_its_header_and_labels_every_row_of_a_group():
    _, indicators = open_docx(read(SAMPLE)).tables
    trs = indicators._tbl.findall(f"{W}tr")
    assert trs[0].find(f"{W}trPr/{W}tblHeader") is not None  # repeated on each page
    assert all(tr.find(f"{W}trPr/{W}tblHeader") is None for tr in trs[1:])
    level1 = [tr.findall(f"{W}tc")[1] for tr in trs[1:9]]
    # the label stands in each row (a page may start inside a group), no merged cell that would be blank there
    assert ["".join(t.text for t in tc.iter(f"{W}t")) for tc in level1] == [row[0] for row in INDICATOR_ROWS]
    assert all(tc.find(f"{W}tcPr/{W}vMerge") is None for tc in level1)
    # inside a group the borders between the labels are dropped: 产出指标 rows 1–5, 效益指标 6–7, 满意度指标 8
    dropped = [[tc.find(f"{W}tcPr/{W}tcBorders/{W}{edge}") is not None for tc in level1] for edge in ("top", "bottom")]
    assert dropped == [[False, True, True, True, True, False, True, False], [True, True, True, True, False, True, False, False]]


def test_self_evaluation_report_follows_the_form():
    text = paragraphs(open_docx(read(SAMPLE)))
    assert text[:2] == ["项目支出绩效自评表", "（2025年度）"]
    assert "填报单位：秀山土家族苗族自治县民政局　　填报日期：2026年2月10日" in text
    assert "秀山土家族苗族自治县民政局2025年困难群众医疗救助资金项目绩效自评报告" in text
    assert "项目全年预算1200.00万元（年初预算1150.00万元），全年执行1147.50万元，预算执行率95.63%，预算执行率得分9.56分（分值10分）。" in text
    assert "共设置绩效指标8项，其中产出指标5项、得分49.39分（分值50分），效益指标2项、得分30.00分（分值30分），满意度指标1项、得分10.00分（分值10分）。6项完成、取得满分，2项未完成。" in text
    assert "绩效指标得分89.39分，加预算执行率得分9.56分，自评总分98.95分，自评等级为“优”。" in text
    assert "1.县级配套资金到位偏晚，预算执行率偏低。改进措施：将配套资金纳入年初预算，按季度拨付。" in text


def as_read(value):
    """A number as written into the sheet (openpyxl reads numbers back as int or float)."""
    return D(str(value)) if isinstance(value, int | float) else value


def sheet_values(sheet) -> list[list]:
    return [[as_read(c.value) for c in row] for row in sheet.iter_rows()]


def workbook(data) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(govreport.render(govreport.load(data), "xlsx")))


def test_every_cell_of_the_xlsx_form():
    sheet = workbook(read(SAMPLE)).active
    values = sheet_values(sheet)
    assert values[0][0] == "项目支出绩效自评表" and values[1][0] == "（2025年度）"
    assert values[2][:2] == ["项目名称", "困难群众医疗救助资金项目"]
    # a heading too wide for its column has its line break written in (tests/test_form_layout.py)
    assert [h.replace("\n", "") for h in values[4][3:]] == ["年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"]
    funds = [[r[1], *r[3:]] for r in values[5:9]]
    assert funds == [
        ["年度资金总额", D("1150.00"), D("1200.00"), D("1147.50"), 10, D("0.9563"), D("9.56")],
        ["其中：中央财政补助", D("800.00"), D("850.00"), D("836.40"), "/", D("0.984"), "/"],
        ["市级财政补助", D("200.00"), D("200.00"), D("192.50"), "/", D("0.9625"), "/"],
        ["县级配套资金", D("150.00"), D("150.00"), D("118.60"), "/", D("0.7907"), "/"],
    ]
    indicators = [r[1:] for r in values[12:20]]
    assert [r[2:5] for r in indicators] == [row[2:5] for row in INDICATOR_ROWS]
    # 一级/二级 written once at the top of their merged run
    assert [r[0] for r in indicators] == ["产出指标", None, None, None, None, "效益指标", None, "满意度指标"]
    assert [r[1] for r in indicators] == ["数量指标", None, "质量指标", "时效指标", "成本指标", "社会效益指标", "可持续影响指标", "服务对象满意度指标"]
    assert [(r[5], r[6]) for r in indicators] == [
        (D(w), D(s)) for *_, w, s, _ in INDICATOR_ROWS
    ]
    assert [r[7] for r in indicators] == [row[7] for row in INDICATOR_ROWS]
    assert values[20][0] == "总分" and values[20][6:8] == [100, D("98.95")]
    assert values[21][0] == "自评等级" and values[21][6] == "优"


def test_xlsx_numbers_formats_merges_and_print_setup():
    sheet = workbook(read(SAMPLE)).active
    assert sheet["D6"].number_format == "[>=10000]#,##0.00;0.00" and sheet["D6"].data_type == "n"
    assert sheet["H6"].number_format == "0.00%" and sheet["I6"].number_format == "0.00"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:I1", "B3:I3", "A5:A9", "A10:A11", "A12:A20", "B13:B17", "B18:B19", "A21:F21", "G22:I22"} <= merged
    assert int(sheet.page_setup.paperSize) == 9 and sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_area == "'绩效自评表'!$A$1:$I$23"


def test_performance_evaluation_data_renders_as_its_self_evaluation(tmp_path):
    data = tmp_path / "pe.json"
    shutil.copy(CONTRACT, data)
    out = tmp_path / "自评表.xlsx"
    result = CliRunner().invoke(main, ["render", str(data), "--kind", "self_evaluation", "-o", str(out)])
    assert result.exit_code == 0, result.output
    # the form asks why an indicator fell short; named by the path in the evaluation's own file
    assert "targets.indicators[5].deviation：“健康扶贫长效机制建立情况”未取得满分" in result.output
    values = sheet_values(openpyxl.load_workbook(out).active)
    assert [values[5][1], *values[5][3:]] == ["年度资金总额", D("1200.00"), D("1200.00"), D("1094.00"), 10, D("0.9117"), D("9.12")]
    total = next(r for r in values if r[0] == "总分")
    assert total[6:8] == [100, D("93.57")]


def test_docx_of_a_derived_self_evaluation(example):
    report = govreport.load(example, "self_evaluation")
    assert report.kind.name == "self_evaluation" and report.figures.total == D("93.57")
    summary, indicators = open_docx_report(report).tables
    assert cells(summary)[3][2:] == ["年度资金总额", "1200.00", "1200.00", "1094.00", "10", "91.17%", "9.12"]
    assert cells(indicators)[6][1:] == ["效益指标", "可持续影响指标", "健康扶贫长效机制建立情况", "建立", "基本建立，部分制度待完善", "15", "11.25", ""]


def open_docx_report(report):
    import docx

    return docx.Document(io.BytesIO(govreport.render(report)))


def test_incompatible_kinds_are_refused(tmp_path):
    result = CliRunner().invoke(main, ["render", str(SAMPLES / "work_summary.json"), "--kind", "self_evaluation",
                                       "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and "work_summary（年度工作总结）的数据不能生成self_evaluation" in result.output
    assert not (tmp_path / "x.docx").exists()


def test_xlsx_only_for_kinds_with_a_form(tmp_path):
    result = CliRunner().invoke(main, ["render", str(CONTRACT), "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2 and "项目绩效评价报告不支持输出格式“xlsx”" in result.output
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize(("path", "value", "where", "message"), [
    (("funds", "sources", 0, "spent"), 900, "funds.sources[0].spent", "“中央财政补助”执行数900.00万元超过预算数850.00万元"),
    (("indicators", 0, "weight"), 25, "indicators", "各指标分值合计为95，预算执行率计10分，指标分值合计应为90"),
    (("meta", "year"), "二〇二五", "meta.year", "应为整数"),
])
def test_bad_self_evaluation_data(path, value, where, message):
    data = read(SAMPLE)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    found = {p.path: p.message for p in govreport.validate(data)}
    assert found[where].startswith(message)
