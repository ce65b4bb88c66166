"""`govreport check` on the shapes real reports write their figures in: generated variants of each.

The three contradictions no earlier version caught — a 其中 list after a full stop, figure first
(“共完成89.97万元。其中：30万元用于…；29.99万元用于…”); a self-evaluation form whose total row is 0
over non-zero rows, with an 执行率 of 0; a change whose rate does not follow from its amounts — are
generated here in many forms (ASCII or full-width punctuation, spaces in figures, traditional
characters, a new paragraph, a table in Word, Markdown, a text copy one row or one cell a line, or
cells run together with spaces). The expected messages are worked out from the generated figures by
the rules of docs/figures.md: sums and rates in Decimal, rounded half-up, in the document's units.
"""

from __future__ import annotations

import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import govreport
from govreport.cli import main
from govreport.proofread import check_file, read_document
from govreport.proofread.forms import document_funds
from govreport.proofread.normalize import normalise

from .conftest import SAMPLES

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CENT = Decimal("0.01")
USES = ("基建工程项目预算编制", "项目审计", "设计、规划、测绘", "设备购置", "人员培训", "宣传印刷", "信息系统运维")
ASCII = {"，": ",", "；": ";", "：": ":", "（": "(", "）": ")"}


def _write(text: str, suffix: str = ".txt") -> list[tuple[str, str, str]]:
    """The findings (kind, place, message) of ``text`` saved as a file of this type; layout is not in question."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"t{suffix}"
        if suffix == ".docx":
            document = docx.Document()
            for line in text.split("\n"):
                document.add_paragraph(line)
            document.save(path)
        else:
            path.write_text(text, encoding="utf-8")
        return [(f.kind, f.where, f.message) for f in check_file(path, ignore=["layout"])]


def _figures(text: str, suffix: str = ".txt") -> list[str]:
    return [message for kind, _, message in _write(text, suffix) if kind == "figures"]


def _ascii(text: str) -> str:
    return "".join(ASCII.get(c, c) for c in text)


def _money(places: int) -> st.SearchStrategy[Decimal]:
    return st.integers(1, 99999).map(lambda n: (Decimal(n) / 100).quantize(CENT)) if places else \
        st.integers(1, 999).map(Decimal)


def _shown(value: Decimal, places: int) -> str:
    return format(value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP), "f")


# 1. A total, then after a full stop a list of parts written figure first, across “；”.

@SETTINGS
@given(parts=st.lists(_money(2), min_size=2, max_size=5), off_by=st.sampled_from([0, 0, 2, -3, 150, 1000]),
       uses=st.lists(st.sampled_from(USES), min_size=5, max_size=5), ascii_copy=st.booleans(),
       spaced=st.booleans(), new_paragraph=st.booleans(), suffix=st.sampled_from([".txt", ".md", ".docx"]))
def test_a_figure_first_list_after_a_full_stop_must_add_up(parts, off_by, uses, ascii_copy, spaced, new_paragraph,
                                                          suffix):
    total = sum(parts, Decimal(0)) + Decimal(off_by) / 100
    unit = " 万元" if spaced else "万元"
    items = "；".join(f"{p}{unit}用于{u}" for p, u in zip(parts, uses, strict=False))
    text = f"本项目共完成预算资金{total}{unit}。" + ("\n" if new_paragraph else "") + f"其中：{items}。"
    found = _figures(_ascii(text) if ascii_copy else text, suffix)
    # Each figure may be off by half a cent from rounding: a difference below that allowance is not a contradiction.
    if abs(Decimal(off_by) / 100) < Decimal("0.005") * (len(parts) + 1):
        assert found == []
    else:
        quoted = f"共完成预算资金{total}{unit}"
        listed = "+".join(f"{p}万元" for p in parts)
        assert found == [f"总数“{quoted}”与其中各项之和不符：{listed}={_shown(sum(parts, Decimal(0)), 2)}万元"]


def test_the_issue_shape_in_other_figures_and_the_list_in_brackets_left_alone():
    text = ("本项目共申请预算资金120万元。其中:40万元用于设备购置;40万元用于人员培训;40万元用于宣传印刷。"
            "本项目共完成预算资金119.96万元。其中:40万元用于设备购置;40万元用于人员培训;39.98万元用于宣传印刷。")
    # 40 + 40 + 39.98 = 119.98, not 119.96; the first list adds up to 120.
    assert _figures(text) == ["总数“共完成预算资金119.96万元”与其中各项之和不符：40万元+40万元+39.98万元=119.98万元"]
    # “(其中建筑工程3292万元)” explains the figure before the bracket only; the next batch is not one of its parts.
    bracketed = ("一批项目县级批复总投资3374.3万元(其中建筑工程3292万元),二批项目县级批复总投资2069.51万元"
                 "(其中建筑工程1975.775万元),合计批复总投资5443.81万元(其中建筑工程5267.775万元)。")
    assert _figures(bracketed) == []


def test_totals_in_wan_yuan_stay_in_wan_yuan_even_with_parts_in_yuan():
    assert _figures("共计投入资金5万元，其中设备购置30000元、人员培训30000元。") == [
        "总数“共计投入资金5万元”与其中各项之和不符：30000元+30000元=6万元"]
    assert _figures("项目全年预算资金1200万元，执行1094万元，预算执行率92%。") == [
        "执行率应为 1094万元÷1200万元=91.17%，文中为92%"]


# 2. The self-evaluation form: a total row of 0 over non-zero rows, an 执行率 of 0, a 得分 of 0.

LAYOUTS = ("spaces", "rows", "cells", "markdown", "docx")
HEADER = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")


def _form(rows: list[tuple[str, list[str]]], layout: str) -> tuple[str, str]:
    """The funds block of a form as a copy of that layout writes it; (text, file suffix)."""
    header = ("项目资金（万元）", list(HEADER))
    if layout == "spaces":
        cells = [header[0], *header[1]] + [c for label, values in rows for c in (label, *values)]
        return "附件：项目支出绩效自评表（2025年度） " + " ".join(cells) + " 年度总体目标 预期目标 实际完成情况", ".txt"
    if layout == "rows":
        return "\n".join(" | ".join([label, *values]) + " |" for label, values in [header, *rows]) + \
            "\n年度总体目标 | 预期目标 | 实际完成情况 |", ".txt"
    if layout == "cells":
        lines = [f"{c} |" for label, values in [header, *rows] for c in (label, *values)]
        return "\n".join([*lines, "年度总体目标 |"]), ".txt"
    width = len(HEADER) + 1
    table = [[header[0], *header[1]], *[[label, *values, *[""] * (width - 1 - len(values))] for label, values in rows]]
    if layout == "markdown":
        lines = ["| " + " | ".join(r) + " |" for r in table]
        return "\n".join([lines[0], "| " + " | ".join(["---"] * width) + " |", *lines[1:]]), ".md"
    return "\n".join("\t".join(r) for r in table), ".docx-table"


def _form_findings(rows: list[tuple[str, list[str]]], layout: str) -> list[str]:
    text, suffix = _form(rows, layout)
    if suffix != ".docx-table":
        return [message for kind, _, message in _write(text, suffix) if kind in ("figures", "placeholder")]
    with tempfile.TemporaryDirectory() as folder:
        document = docx.Document()
        lines = [line.split("\t") for line in text.split("\n")]
        table = document.add_table(rows=len(lines), cols=len(lines[0]))
        for r, line in enumerate(lines):
            for c, value in enumerate(line):
                table.cell(r, c).text = value
        path = Path(folder) / "form.docx"
        document.save(path)
        return [f.message for f in check_file(path) if f.kind in ("figures", "placeholder")]


def _percent(numerator: Decimal, denominator: Decimal) -> str:
    return f"{(numerator / denominator * 100).quantize(CENT, ROUND_HALF_UP)}%"


@SETTINGS
@given(budgets=st.lists(st.integers(1000, 900000).map(lambda n: Decimal(n) / 1000), min_size=1, max_size=3),
       shares=st.lists(st.integers(900, 1000), min_size=3, max_size=3), layout=st.sampled_from(LAYOUTS))
def test_a_form_whose_total_row_is_zero_over_its_rows(budgets, shares, layout):
    spent = [(b * s / 1000).quantize(Decimal("0.001"), ROUND_HALF_UP) for b, s in zip(budgets, shares, strict=False)]
    names = ("其中：本年财政拨款", "上年结转资金", "其他资金")
    rows = [("年度资金总额", ["0", "0", "0", "10", "0", "0"])]
    rows += [(name, [format(b, "f"), format(b, "f"), format(s, "f")]) for name, b, s in zip(names, budgets, spent,
                                                                                           strict=False)]
    total_budget, total_spent = sum(budgets, Decimal(0)), sum(spent, Decimal(0))
    found = _form_findings(rows, layout)
    rate = min(total_spent / total_budget, Decimal(1))
    # A 得分 of 0 is wrong under any province's rule once 90% or more is spent; below that, a strict rule may give 0.
    score = [f"得分0与执行率{_percent(rate, Decimal(1))}不符（分值10，按执行率计约为{(10 * rate).quantize(CENT, ROUND_HALF_UP)}）"]
    assert found == [
        f"“年度资金总额”与其下各行之和不符：年初预算数0，其中各行之和为{format(total_budget, 'f')}；"
        f"全年预算数0，其中各行之和为{format(total_budget, 'f')}；全年执行数0，其中各行之和为{format(total_spent, 'f')}",
        f"“年度资金总额”的执行率应为 {format(total_spent, 'f')}÷{format(total_budget, 'f')}="
        f"{_percent(total_spent, total_budget)}（按其下各行之和），表中为0",
        *(score if rate >= Decimal("0.9") else []),
    ]


@SETTINGS
@given(budgets=st.lists(st.integers(1000, 900000).map(lambda n: Decimal(n) / 100), min_size=2, max_size=3),
       shares=st.lists(st.integers(500, 1000), min_size=3, max_size=3), layout=st.sampled_from(LAYOUTS))
def test_a_form_that_adds_up_raises_nothing(budgets, shares, layout):
    spent = [(b * s / 1000).quantize(CENT, ROUND_HALF_UP) for b, s in zip(budgets, shares, strict=False)]
    total_budget, total_spent = sum(budgets, Decimal(0)), sum(spent, Decimal(0))
    rate = total_spent / total_budget
    score = (10 * rate).quantize(CENT, ROUND_HALF_UP)
    rows = [("年度资金总额", [format(total_budget, "f"), format(total_budget, "f"), format(total_spent, "f"), "10",
                         _percent(total_spent, total_budget), format(score, "f")])]
    rows += [(("其中：" if i == 0 else "") + f"来源{i + 1}", [format(b, "f"), format(b, "f"), format(s, "f"), "/",
                                                          _percent(s, b), "/"])
             for i, (b, s) in enumerate(zip(budgets, spent, strict=False))]
    assert _form_findings(rows, layout) == []


def test_a_rendered_form_is_read_and_a_changed_figure_in_it_is_caught(tmp_path):
    report = govreport.load(SAMPLES / "self_evaluation.json")
    markdown = govreport.render(report, "md").decode()
    path = tmp_path / "form.md"
    path.write_text(markdown, encoding="utf-8")
    assert len(document_funds(read_document(path))) == 1
    assert check_file(path) == []
    # The sample's total row: 1150.00 | 1200.00 | 1147.50 | 10 | 95.63% | 9.56, over rows adding up to it.
    path.write_text(markdown.replace("| 1147.50 | 10 | 95.63% |", "| 1247.50 | 10 | 95.63% |"), encoding="utf-8")
    assert [f.message for f in check_file(path)] == [
        "“年度资金总额”与其下各行之和不符：全年执行数1247.50，其中各行之和为1147.50",
        "“年度资金总额”的执行率应为 1247.50÷1200.00=103.96%，表中为95.63%"]
    path.write_text(markdown.replace("| 98.95 |", "| 97.95 |").replace("自评总分98.95分", "自评总分97.95分"),
                    encoding="utf-8")
    assert [f.message for f in check_file(path)] == ["“得分”一栏的合计为97.95，各指标之和为89.39（加预算执行率9.56为98.95）"]


def test_a_rendered_word_form_is_read_and_its_grade_and_points_held_to_the_total(tmp_path):
    report = govreport.load(SAMPLES / "self_evaluation.json")
    word = tmp_path / "form.docx"
    word.write_bytes(govreport.render(report, "docx"))
    [funds] = document_funds(read_document(word))
    assert (funds.total.label.text, [row.label.text for row in funds.parts]) == (
        "年度资金总额", ["其中：中央财政补助", "市级财政补助", "县级配套资金"])
    markdown = govreport.render(report, "md").decode()
    path = tmp_path / "form.md"
    # 总分 98.95 is 优 (90 and above): written 良 it contradicts the total; 分值 20+10+10+5+5+15+15+10+10 = 100, not 95.
    path.write_text(markdown.replace("| 自评等级 | | | | | | 优 | |", "| 自评等级 | | | | | | 良 | |")
                    .replace("| 总分 | | | | | 100 |", "| 总分 | | | | | 95 |"), encoding="utf-8")
    assert [f.message for f in check_file(path)] == ["“分值”一栏的合计为95，各指标之和为90（加预算执行率10为100）",
                                                     "总分98.95对应的等级应为“优”，表中为“良”"]


@pytest.mark.parametrize(("text", "expected"), [
    # 分别为 and 包括 list parts like 其中; without 共 or 合计 the total may leave parts out, so only more is wrong.
    ("全年投入资金300万元，分别为中央资金100万元、省级资金150万元、县级资金60万元。",
     ["总数“300万元”与其中各项之和不符：100万元+150万元+60万元=310万元"]),
    ("全年投入资金300万元，分别为中央资金100万元、省级资金150万元。", []),
    ("全县共有卫生院30个，包括中心卫生院6个、一般卫生院25个。", ["总数“共有卫生院30个”与其中各项之和不符：6个+25个=31个"]),
    # A share that names its total, the parts on the lines after a 其中 that ends its line; 165247.88 ÷ 881300.39 = 18.750%.
    ("1. 基本支出预算 881300.39 元,同比减少 166271.4 元,下降 15.87 %。其中:\n工资福利支出预算 716052.51 元,占基本支出预算\n"
     "81.25%,同比减少 148979.48 元,下降 17.22%。\n商品和服务支出预算 165247.88 元,占基本支出预算\n18.76%,同比减少 17291.92 元,"
     "下降 9.47%。\n2. 项目支出 29700 元。", ["占比应为 165247.88元÷881300.39元=18.75%，文中为18.76%"]),
    # A part's share of the total its 其中 is under, with or without 共: 150 ÷ 200 = 75.00%.
    ("项目总投资200万元，其中财政资金150万元，占比80%。", ["占比应为 150万元÷200万元=75.00%，文中为80%"]),
    ("项目总投资200万元，其中财政资金150万元，占75%。", []),
    # A share naming a total written further on, once: 46800 ÷ 585000 = 8.00%, not 8.10%; written with two values
    # (two years), the total is not known and nothing is said.
    ("3.培训费预算46800元，占项目支出预算8.10%。\n四、项目支出情况\n2024年项目支出585000元。",
     ["占比应为 46800元÷585000元=8.00%，文中为8.10%"]),
    ("3.培训费预算46800元，占项目支出预算8.10%。2024年项目支出585000元，2023年项目支出500000元。", []),
    # A share of something else (占比较上年提高) is not a share of the total.
    ("全年支出200万元，其中项目支出150万元，占比较上年提高5%。", []),
    # A table copied as text, one row a line: 588.60 + 291.35 = 879.95.
    ("资金来源 | 预算数 | 执行数 |\n中央 | 600.00 | 588.60 |\n省级 | 300.00 | 291.35 |\n合计 | 900.00 | 889.95 |",
     ["“执行数”列的合计为889.95，上方各行之和为879.95"]),
])
def test_lists_named_shares_and_total_rows_in_copies(text, expected):
    assert _figures(text) == expected


# 3. A change stated with its amount and its rate; 到位率 and 执行率 against their amounts.

VERBS = (("增加", "增长"), ("减少", "下降"))


@SETTINGS
# Amounts of 1000万元 and more, changes up to 60% of them: rounding the amounts to the cent moves the rate by far
# less than the errors planted (0.50 and more), so a wrong rate is wrong under any rounding.
@given(now=st.integers(100000, 9999999).map(lambda n: Decimal(n) / 100), change=st.integers(5, 60).map(Decimal),
       down=st.booleans(),
       error=st.sampled_from([Decimal(0), Decimal("0.00"), Decimal("1.00"), Decimal("-0.50"), Decimal("3.21")]),
       rate_first=st.booleans(), own_sentence=st.booleans(), traditional=st.booleans())
def test_a_change_must_follow_from_its_amounts(now, change, down, error, rate_first, own_sentence, traditional):
    delta = (now * change / 100).quantize(CENT)  # the change: a share of this year's amount
    before = now + delta if down else now - delta
    amount_verb, rate_verb = VERBS[down]
    true_rate = (delta / before * 100).quantize(CENT, ROUND_HALF_UP)
    stated = true_rate + error
    change_text = (f"较上年同期{rate_verb}{stated}%，{amount_verb}{delta}万元" if rate_first
                   else f"同比上年度{amount_verb}{delta}万元，{rate_verb}{stated}%")
    text = f"1.收入：{now}万元" + ("。" if own_sentence else "，") + change_text + "。"
    if traditional:
        text = text.replace("万元", "萬元").replace("增长", "增長").replace("较", "較").replace("减少", "減少")
    found = _figures(text)
    if not error:
        assert found == []
    else:
        assert found == [f"变化率与金额不符：{now}万元{amount_verb}{delta}万元，上年应为{before}万元，"
                         f"{rate_verb}应为{true_rate}%，文中为{stated}%"]


def test_the_issue_change_in_other_figures():
    # 792.22 − 189.25 = 602.97 last year; 189.25 ÷ 602.97 = 31.39%, not 30.39%.
    assert _figures("1、收入:792.22万元。同比上年度增加189.25万元,增加30.39%。") == [
        "变化率与金额不符：792.22万元增加189.25万元，上年应为602.97万元，增加应为31.39%，文中为30.39%"]
    # 390.55 + 175.26 = 565.81 last year; 175.26 ÷ 565.81 = 30.97%, written 31% (rounded) is right.
    assert _figures("本年收入390.55万元,较2020年度决算数减少175.26万元,下降31%。") == []
    # The change of something not stated (支出) is not a change of the 收入 before it.
    assert _figures("收入100万元，支出比上年增加20万元，增长10%。") == []
    assert _figures("收入100万元，比上年增加20万元，增长10%。") == [
        "变化率与金额不符：100万元增加20万元，上年应为80万元，增长应为25.00%，文中为10%"]


@pytest.mark.parametrize(("text", "expected"), [
    ("项目预算资金200万元，实际到位180万元，到位率92%。", ["到位率应为 180万元÷200万元=90.00%，文中为92%"]),
    ("项目预算资金200万元，实际到位180万元，到位率90%。", []),
    ("年初批复预算985万元，全年支出861.46万元，执行率87.46%。", []),
    # 87.458…% rounds half-up to 87.46%: cutting it off to 87.45% is not how rates are written.
    ("年初批复预算985万元，全年支出861.46万元，执行率87.45%。", ["执行率应为 861.46万元÷985万元=87.46%，文中为87.45%"]),
    ("年初批复预算985万元，全年支出861.46万元，执行率86.45%。", ["执行率应为 861.46万元÷985万元=87.46%，文中为86.45%"]),
])
def test_arrival_and_execution_rates_against_the_amounts(text, expected):
    assert _figures(text) == expected


# 4. Numbers in lists, document numbers, copies from the web.

@SETTINGS
@given(count=st.integers(3, 8), repeat=st.integers(2, 8), style=st.sampled_from(["{n}.", "{n}、", "（{n}）"]))
def test_a_list_number_repeated_inside_one_paragraph(count, repeat, style):
    numbers = list(range(1, count + 1))
    if repeat <= count:
        numbers.insert(repeat, repeat)
    text = "年度主要工作内容：" + "".join(style.format(n=n) + f"完成第{i}项任务。" for i, n in enumerate(numbers))
    found = [message for kind, _, message in _write(text) if kind == "numbering"]
    mark = style.format(n=repeat)
    assert found == ([f"段内列项序号“{mark}”重复，上一项也是{repeat}"] if repeat <= count else [])


def test_firm_and_contract_numbers_are_left_alone_and_fix_rewrites_only_document_numbers(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("隆回县乡村振兴项目资金绩效评价报告\n上会湘报字(2022)第0001号\n"
                      "依据《关于规范财政管理的通知》(湘政办发[2020]12号)、大信审字[2023]第00123号审计报告和"
                      "合同编号：建施(2023)第12号开展评价。\n见县局[2021]5号会议纪要。\n", encoding="utf-8")
    docnumbers = [(f.where, f.message, f.fix) for f in check_file(source) if f.kind == "docnumber"]
    assert docnumbers == [
        ("第3行", "发文字号的年份应用六角括号〔〕、序号前不加“第”：“[2020]12号”应为“〔2020〕12号”", ("[2020]12号", "〔2020〕12号")),
        ("第4行", "发文字号的年份应用六角括号〔〕、序号前不加“第”：“[2021]5号”若是发文字号，应为“〔2021〕5号”"
                "（未自动修正：看不出它是发文字号）", None)]
    out = tmp_path / "out.txt"
    CliRunner().invoke(main, ["check", str(source), "--fix", "-o", str(out)])
    fixed = out.read_text(encoding="utf-8")
    assert "上会湘报字(2022)第0001号" in fixed and "大信审字[2023]第00123号" in fixed and "建施(2023)第12号" in fixed
    assert "(湘政办发〔2020〕12号)" in fixed and "县局[2021]5号会议纪要" in fixed


def test_a_web_copy_in_ascii_punctuation_and_a_document_in_full_width():
    copy = ("发布日期: 2025-04-29\n一、基本情况\n(一)项目概况\n2024年,项目实施顺利,完成投资120万元。\n"
            "(二)资金情况\n项目资金到位,使用规范。\n")
    assert [kind for kind, _, _ in _write(copy)] == []
    written = ("一、基本情况\n(一)项目概况\n2024年，项目实施顺利，完成投资120万元。\n（二）资金情况\n项目资金到位，使用规范。\n"
               "（三）其他\n无。\n")
    assert [message for kind, _, message in _write(written) if kind == "numbering"] == [
        "2级标题编号应写作“（一）”，文中为“(一)”", "同一级（2级）标题编号写法不一致：“（一）”2处、“(一)”1处"]


def test_a_copy_that_opens_mid_document_and_table_rows_copied_as_text():
    midway = "3.分析申报内容是否与实际相符\n评价申报内容与实际相符。\n二、项目资金申报及使用情况\n（一）资金批复情况\n"
    assert [kind for kind, _, _ in _write(midway)] == []
    rows = "项目支出: | 100 |\n1、中介服务 | 60 |\n2、信息化建设 | 30 |\n5.劳务派遣 | 10 |\n"
    assert [kind for kind, _, _ in _write(rows)] == []


def test_a_parent_row_against_its_numbered_rows_one_cell_a_line():
    cells = ["经费控制情况(万元)", "2023年决算数", "2024年预算数", "项目支出:", "150.5", "140", "1、中介服务", "100.5",
             "100", "其中:评审", "50", "50", "2、信息化建设", "40", "30", "3、劳务派遣", "20", "10", "公用经费", "20", "20"]
    text = "\n".join(f"{c} |" for c in cells)
    # 100.5 + 40 + 20 = 160.5, not 150.5; 100 + 30 + 10 = 140.
    assert _figures(text) == ["“项目支出”一行的2023年决算数为150.5，其下第1～3项之和为160.5"]


@pytest.mark.parametrize(("total", "grade", "expected"), [("120", "良", "优"), ("75", "优", "中")])
def test_an_indicator_table_whose_grade_does_not_follow_its_total(total, grade, expected):
    """The 等级 row against the 总分 row by the grades reports are rendered with, whatever the total (even past 100)."""
    half = str(Decimal(total) / 2)
    table = (f"| 一级指标 | 三级指标 | 分值 | 得分 |\n| --- | --- | --- | --- |\n| 产出 | 数量 | {half} | {half} |\n"
             f"| 效益 | 满意度 | {half} | {half} |\n| 总分 | | {total} | {total} |\n| 等级 | {grade} | | |\n")
    assert _figures(table, ".md") == [f"总分{total}对应的等级应为“{expected}”，表中为“{grade}”"]


def _indicators(rows: list[tuple[str, str, str]]) -> str:
    """A Markdown table of indicators: (一级指标 or row label, 分值, 得分) per row."""
    lines = ["| 一级指标 | 三级指标 | 分值 | 得分 |", "| --- | --- | --- | --- |"]
    lines += [f"| {label} | {'' if label.endswith(('小计', '总分')) else '指标'} | {points} | {score} |"
              for label, points, score in rows]
    return "\n".join(lines) + "\n"


def test_subtotal_rows_are_checked_against_their_indicators_and_left_out_of_the_total():
    # 产出 20 + 10 = 30 分值, 20.00 + 9.50 = 29.50 得分; 效益 30 + 20 = 50, 27.00 + 18.00 = 45.00; 满意度 20, 19.00.
    # 总分 100 = 30 + 50 + 20 and 93.50 = 29.50 + 45.00 + 19.00: the 小计 rows are not indicators to add in again.
    right = [("产出指标", "20", "20.00"), ("产出指标", "10", "9.50"), ("产出指标小计", "30", "29.50"),
             ("效益指标", "30", "27.00"), ("效益指标", "20", "18.00"), ("效益指标小计", "50", "45.00"),
             ("满意度指标", "20", "19.00"), ("满意度指标小计", "20", "19.00"), ("总分", "100", "93.50")]
    assert _figures(_indicators(right), ".md") == []
    wrong = [*right[:2], ("产出指标小计", "30", "28.50"), *right[3:8], ("总分", "100", "92.50")]
    assert _figures(_indicators(wrong), ".md") == ["“产出指标小计”的得分为28.50，其上各指标之和为29.50",
                                                  "“得分”一栏的合计为92.50，各指标之和为93.50"]
    # A row of another 一级指标 before the first 小计 (预算执行率 10 分) is not one of its indicators.
    budget_first = [("预算执行率", "10", "9.12"), ("产出指标", "20", "20.00"), ("产出指标", "10", "9.50"),
                    ("产出指标小计", "30", "29.50"), ("效益指标", "30", "27.00"), ("效益指标", "30", "27.00"),
                    ("效益指标小计", "60", "54.00"), ("总分", "100", "92.62")]
    assert _figures(_indicators(budget_first), ".md") == []


def test_a_total_converted_to_100_over_the_applicable_indicators():
    # 分值 40 + 30 + 20 + 10 = 100; the 10-point indicator is not applicable (“/”): 40 + 27 + 18 = 85.00 of 90 applicable
    # points, converted to 100: 85 ÷ 90 × 100 = 94.444… = 94.44.
    rows = [("产出指标", "40", "40.00"), ("产出指标", "30", "27.00"), ("效益指标", "20", "18.00"), ("效益指标", "10", "/")]
    assert _figures(_indicators([*rows, ("总分", "100", "94.44")]), ".md") == []
    assert _figures(_indicators([*rows, ("总分", "100", "95.44")]), ".md") == [
        "“得分”一栏的合计为95.44，各指标之和为85.00"]


@pytest.mark.parametrize(("note", "expected"), [
    ("审计发现挪用项目资金，实行一票否决，自评等级定为“差”。", []),
    ("", ["总分98.00对应的等级应为“优”，表中为“差”"]),
])
def test_a_veto_sets_the_grade_whatever_the_total(note, expected):
    table = _indicators([("产出指标", "50", "49.00"), ("效益指标", "50", "49.00"), ("总分", "100", "98.00")])
    assert _figures(table + "| 等级 | 差 | | |\n\n" + note + "\n", ".md") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Both years written, a 增长率 after them: 120 − 100 = 20, 20 ÷ 100 = 20.00%.
    ("2023年收入120万元，2022年收入100万元，增长率为25%。", ["变化率与两年金额不符：100万元到120万元，增长应为20.00%，文中为“增长率为25%”"]),
    ("2023年收入120万元，2022年收入100万元，增长率为20%。", []),
    ("上年收入100万元，本年收入120万元，增长25%。", ["变化率与两年金额不符：100万元到120万元，增长应为20.00%，文中为“增长25%”"]),
    # The change against the two amounts, and its direction: 90 is 10.00% below 100, not a growth.
    ("本年收入120万元，比上年的100万元增加30万元。", ["变化与两年金额不符：100万元到120万元，增加应为20万元，文中为“增加30万元”"]),
    ("上年支出100万元，本年支出90万元，增长10%。", ["变化率与两年金额不符：100万元到90万元，下降应为10.00%，文中为“增长10%”"]),
    # 792.22 − 602.97 = 189.25, right; 189.25 ÷ 602.97 = 31.386% = 31.39%, not 30.39%.
    ("2023年收入792.22万元,2022年收入602.97万元,增加189.25万元,增长30.39%。",
     ["变化率与两年金额不符：602.97万元到792.22万元，增长应为31.39%，文中为“增长30.39%”"]),
    # Two different things in two years are not one change.
    ("本年收入120万元，上年支出100万元，增长25%。", []),
])
def test_a_change_stated_after_both_years_amounts(text, expected):
    assert _figures(text) == expected


@SETTINGS
@given(before=st.integers(10000, 9999999).map(lambda n: Decimal(n) / 100),
       change=st.integers(5, 80) | st.integers(-60, -5),
       error=st.sampled_from([Decimal(0), Decimal("1.00"), Decimal("-2.50")]), last_first=st.booleans(),
       ascii_copy=st.booleans())
def test_a_growth_rate_against_two_years_amounts(before, change, error, last_first, ascii_copy):
    now = (before * (100 + change) / 100).quantize(CENT, ROUND_HALF_UP)
    true_rate = (abs(now - before) / before * 100).quantize(CENT, ROUND_HALF_UP)
    verb = "增长" if now > before else "下降"
    stated = true_rate + error
    amounts = [f"2024年支出{now}万元", f"2023年支出{before}万元"]
    text = "，".join(amounts[::-1] if last_first else amounts) + f"，{verb}{stated}%。"
    found = _figures(_ascii(text) if ascii_copy else text)
    assert found == ([] if not error else
                     [f"变化率与两年金额不符：{before}万元到{now}万元，{verb}应为{true_rate}%，文中为“{verb}{stated}%”"])


@SETTINGS
@given(parts=st.lists(_money(2), min_size=2, max_size=5), off_by=st.sampled_from([0, 2, -3, 150]),
       uses=st.lists(st.sampled_from(USES), min_size=5, max_size=5, unique=True), ascii_copy=st.booleans(),
       same_sentence=st.booleans())
def test_a_list_of_named_items_after_a_colon_must_add_up(parts, off_by, uses, ascii_copy, same_sentence):
    """“共计T万元。其中：设备购置a万元；项目审计b万元；…”: items named each in their own words, across “；”."""
    total = sum(parts, Decimal(0)) + Decimal(off_by) / 100
    assume(total > 0)
    items = "；".join(f"{u}{p}万元" for p, u in zip(parts, uses, strict=False))
    text = f"项目资金共计{total}万元" + ("，" if same_sentence else "。") + f"其中：{items}。"
    found = _figures(_ascii(text) if ascii_copy else text)
    if abs(Decimal(off_by) / 100) < Decimal("0.005") * (len(parts) + 1):
        assert found == []
    else:
        listed = "+".join(f"{p}万元" for p in parts)
        assert found == [f"总数“共计{total}万元”与其中各项之和不符：{listed}={_shown(sum(parts, Decimal(0)), 2)}万元"]


@SETTINGS
@given(pairs=st.lists(st.tuples(st.integers(100000, 999999), st.integers(5, 60)), min_size=2, max_size=3),
       down=st.booleans(), wrong=st.sampled_from([None, 0, 1]), ascii_copy=st.booleans(), one_sentence=st.booleans())
def test_figures_paired_with_each_and_their_rates(pairs, down, wrong, ascii_copy, one_sentence):
    """“收、支总计各是a，b万元。…各减少c，d万元，各下降x%、y%”: each rate is its own change over its own last year."""
    nows = [(Decimal(n) / 100).quantize(CENT) for n, _ in pairs]
    deltas = [(now * share / 100).quantize(CENT) for now, (_, share) in zip(nows, pairs, strict=True)]
    bases = [now + d if down else now - d for now, d in zip(nows, deltas, strict=True)]
    rates = [(d / b * 100).quantize(CENT, ROUND_HALF_UP) for d, b in zip(deltas, bases, strict=True)]
    written = [r + (Decimal("1.00") if wrong == i else 0) for i, r in enumerate(rates)]  # well past rounding
    amount_verb, rate_verb = VERBS[down]
    names = "、".join(["收入", "支出", "结余"][:len(pairs)])
    text = (f"2024年度{names}各是{'，'.join(map(str, nows))}万元" + ("，" if one_sentence else "。与上年相比，")
            + f"各{amount_verb}{'，'.join(map(str, deltas))}万元，各{rate_verb}{'、'.join(f'{r}%' for r in written)}。")
    found = _figures(_ascii(text) if ascii_copy else text)
    if wrong is None or wrong >= len(pairs):
        assert found == []
    else:
        i = wrong
        assert found == [f"变化率与金额不符：{nows[i]}万元{amount_verb}{deltas[i]}万元，上年应为{bases[i]}万元，"
                         f"{rate_verb}应为{rates[i]}%，文中为{written[i]}%"]


@pytest.mark.parametrize(("written", "normalised"), [
    ("25,754,899.39元", "25,754,899.39元"),  # thousands
    ("4125.49,4143.91万元", "4125.49，4143.91万元"),  # four digits after the comma: two figures
    ("50.00,100.00万元", "50.00，100.00万元"),  # decimals before the comma: two figures, not 50.00100
])
def test_a_comma_between_figures_is_a_thousands_separator_only_inside_one_figure(written, normalised):
    assert normalise(written).text == normalised
