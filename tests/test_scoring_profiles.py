"""Scoring profiles (docs/figures.md “评分规则”): each option alone and combined, bad profiles, one data file under
two profiles. Every expected figure is worked out by hand in the comment beside it."""

from __future__ import annotations

import io
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
import yaml
from click.testing import CliRunner

import govreport
from govreport.chain.resolve import resolve_chain
from govreport.checks.project import indicator_problems
from govreport.cli import main
from govreport.errors import TemplateFault
from govreport.figures.evaluation import EvaluationFigures, project_figures
from govreport.figures.scoring import DEFAULT_PROFILE, ScoringProfile, grade
from govreport.models.project import FundSource, Indicator

from .conftest import ROOT, SAMPLES, dump, read

EXAMPLES = ROOT / "templates"
GRADES_GOOD = """
  grades:
    - {name: 好, min: 90, max: 100}
    - {name: 较好, min: 80, max: 90}
    - {name: 一般, min: 60, max: 80}
    - {name: 差, min: 0, max: 60}
"""
SUBTOTALS = """
  subtotals: {产出指标: 50, 效益指标: 30, 满意度指标: 10}
"""
BAND = """
  deviation:
    ">=": {tolerance: 10, step: 10, deduction: 20}
    "<=": {tolerance: 5, step: 5, deduction: 10}
"""


def folder(tmp_path: Path, scoring: str, name: str = "县") -> Path:
    path = tmp_path / name
    path.mkdir()
    (path / "manifest.yaml").write_text(f'name: {name}\nversion: "1.0"\nscoring:{scoring}', encoding="utf-8")
    return path


def profile(tmp_path: Path, scoring: str) -> ScoringProfile:
    return resolve_chain([folder(tmp_path, scoring)]).scoring


def ind(level1: str, name: str, weight: int, target: Any, actual: Any, op: str = ">=", **more: Any) -> Indicator:
    return Indicator(level1=level1, level2="数量指标", name=name, op=op, target=D(str(target)), actual=D(str(actual)),
                     weight=D(weight), **more)


def not_applicable(level1: str, name: str, weight: int) -> Indicator:
    return ind(level1, name, weight, 100, 0, applicable=False, reason="本年度未开展")


def figures(indicators: list[Indicator], scoring: ScoringProfile = DEFAULT_PROFILE, *, budget: int = 100,
            spent: Any = 100, veto: str | None = None) -> EvaluationFigures:
    sources = [FundSource(name="财政资金", budget=D(budget), spent=D(str(spent)))]
    return project_figures("万元", sources, [], indicators, True, scoring, veto=veto)


# --- grade bands and names -----------------------------------------------------------------------------------

def test_grade_bands_and_names(tmp_path):
    shifted = profile(tmp_path, """
  grades:
    - {name: 优秀, min: 85, max: 100}
    - {name: 良好, min: 75, max: 85}
    - {name: 合格, min: 60, max: 75}
    - {name: 不合格, min: 0, max: 60}
""")
    assert [grade(D(t), shifted) for t in ("100", "85", "84.99", "75", "74.99", "60", "59.99", "0")] == [
        "优秀", "优秀", "良好", "良好", "合格", "合格", "不合格", "不合格"]
    assert [grade(D(t)) for t in ("85", "84.99", "75", "74.99")] == ["良", "良", "中", "中"]


def test_grade_names_in_the_figures(tmp_path):
    # 70 × 0.8 = 56.00, 20 × 0.85 = 17.00, 预算执行率 10 × 0.8 = 8.00 → 81.00: 较好 here, 良 by default
    data = [ind("产出指标", "甲", 70, 100, 80), ind("效益指标", "乙", 20, 100, 85)]
    named = figures(data, profile(tmp_path, GRADES_GOOD), spent=80)
    assert (named.total, named.grade) == (D("81.00"), "较好")
    assert figures(data, spent=80).grade == "良"


# --- rating words and their bands ----------------------------------------------------------------------------

def test_rating_bands_of_a_profile(tmp_path):
    wide = profile(tmp_path, """
  ratings:
    - {name: 达成, low: 0.9, high: 1}
    - {name: 部分达成, low: 0.5, high: 0.9}
    - {name: 未达成, low: 0, high: 0.5}
""")
    partial = Indicator(level1="效益指标", level2="社会效益指标", name="机制", op="qualitative", target="健全",
                        actual="基本健全", weight=D(15), rating="部分达成", ratio=D("0.85"))
    others = [ind("产出指标", "甲", 75, 1, 1)]
    assert indicator_problems("i", [partial, *others], True)  # 0.85 is 达成's by default
    assert not indicator_problems("i", [partial, *others], True, wide)
    assert figures([partial, *others], wide).indicators[0].score == D("12.75")  # 15 × 0.85


def qualitative(rating: str, ratio: str | None = None) -> Indicator:
    return Indicator(level1="效益指标", level2="x", name="机制", op="qualitative", target="健全", actual="健全",
                     weight=D(10), rating=rating, ratio=None if ratio is None else D(ratio))


def test_rating_words_forms_use():
    """By default a rating is its short name, its full name or the word a published 自评表 writes."""
    others = [ind("产出指标", "甲", 80, 1, 1)]
    for word in ("达成", "达成年度指标", "达成预期指标"):
        assert not indicator_problems("i", [qualitative(word), *others], True)
        scored = figures([qualitative(word), *others]).indicators[0]
        assert (scored.score, scored.rating.name, scored.rating.full_name) == (D("10.00"), "达成", "达成年度指标")
    partly = figures([qualitative("部分达成预期指标", "0.7"), *others]).indicators[0]
    assert (partly.score, partly.rating.name) == (D("7.00"), "部分达成")  # 10 × 0.7
    [refused] = indicator_problems("i", [qualitative("达标"), *others], True)
    assert refused.path == "i[0].rating"
    assert refused.message.startswith("评定“达标”不是评分规则中的说法，应为：达成（也可写达成年度指标、达成预期指标）；")


def test_rating_words_of_a_profile(tmp_path):
    """A profile's own words stand for its ratings; given, they replace the built-in other words."""
    own = profile(tmp_path, """
  ratings:
    - {name: 达成, low: 0.8, high: 1, words: [好]}
    - {name: 部分达成, low: 0.6, high: 0.8, words: [较好, 一般]}
    - {name: 未达成, low: 0, high: 0.6}
""")
    others = [ind("产出指标", "甲", 80, 1, 1)]
    assert not indicator_problems("i", [qualitative("好"), *others], True, own)
    assert figures([qualitative("好"), *others], own).indicators[0].rating.full_name == "达成年度指标"
    assert figures([qualitative("一般", "0.65"), *others], own).indicators[0].score == D("6.50")  # 10 × 0.65
    assert figures([qualitative("未达成预期指标", "0.3"), *others], own).indicators[0].score == D("3.00")  # kept
    [refused] = indicator_problems("i", [qualitative("达成预期指标"), *others], True, own)
    assert "应为：达成（也可写达成年度指标、好）；部分达成（也可写部分达成年度指标并具有一定效果、较好、一般）" in refused.message
    assert indicator_problems("i", [qualitative("好"), *others], True)  # not a word of the default profile


# --- not applicable -------------------------------------------------------------------------------------------

ONE_DROPPED = [
    ind("产出指标", "甲", 30, 100, 100),  # 30.00
    ind("产出指标", "乙", 25, 100, 80),  # 25 × 0.8 = 20.00
    ind("效益指标", "丙", 20, 100, 92),  # 20 × 0.92 = 18.40
    not_applicable("满意度指标", "丁", 15),
]


def test_one_indicator_not_applicable_rescaled():
    # 30 + 20 + 18.40 + 预算执行率 9.80 = 78.20 of 100 − 15 = 85; 78.20 × 100 ÷ 85 = 92.00
    fig = figures(ONE_DROPPED, spent=98)
    assert fig.not_applicable is not None
    assert (fig.not_applicable.full_marks, fig.not_applicable.score) == (D(85), D("78.20"))
    assert (fig.total, fig.grade) == (D("92.00"), "优")
    assert fig.indicators[3].score is None and fig.met == 1


def test_one_indicator_not_applicable_kept(tmp_path):
    fig = figures(ONE_DROPPED, profile(tmp_path, "\n  not_applicable: keep\n"), spent=98)
    assert (fig.total, fig.grade) == (D("78.20"), "中")  # not rescaled: 60 ≤ 78.20 < 80


THREE_DROPPED = [
    ind("产出指标", "甲", 30, 100, 100),  # 30.00
    ind("产出指标", "乙", 20, 50, 45),  # 20 × 0.9 = 18.00
    not_applicable("产出指标", "丙", 10),
    not_applicable("效益指标", "丁", 10),
    not_applicable("满意度指标", "戊", 20),
]


def test_three_indicators_not_applicable(tmp_path):
    # 30 + 18 + 预算执行率 9.50 = 57.50 of 100 − 40 = 60; 57.50 × 100 ÷ 60 = 95.8333… → 95.83
    fig = figures(THREE_DROPPED, spent=95)
    assert (fig.not_applicable.full_marks, fig.not_applicable.score) == (D(60), D("57.50"))
    assert (fig.total, fig.grade) == (D("95.83"), "优")
    kept = figures(THREE_DROPPED, profile(tmp_path, "\n  not_applicable: keep\n"), spent=95)
    assert (kept.total, kept.grade) == (D("57.50"), "差")


def test_not_applicable_needs_a_reason():
    bare = ind("产出指标", "丙", 10, 1, 1, applicable=False)
    found = indicator_problems("i", [ind("产出指标", "甲", 80, 1, 1), bare], True)
    assert [p.path for p in found] == ["i[1].reason"]


# --- 一级 subtotals ---------------------------------------------------------------------------------------------

LEVELS = [
    ind("产出指标", "甲", 30, 100, 100),  # 30.00
    ind("产出指标", "乙", 20, 100, 90),  # 18.00 → 产出指标 48.00 of 50
    ind("效益指标", "丙", 30, 100, 80),  # 24.00 of 30
    ind("满意度指标", "丁", 10, 100, 95),  # 9.50 of 10
]


def test_subtotals(tmp_path):
    required = profile(tmp_path, SUBTOTALS)
    fig = figures(LEVELS, required)
    assert [(g.name, g.weight, g.score, g.required) for g in fig.level1_groups] == [
        ("产出指标", 50, D("48.00"), 50), ("效益指标", 30, D("24.00"), 30), ("满意度指标", 10, D("9.50"), 10)]
    assert fig.total == D("91.50")  # 48 + 24 + 9.50 + 10
    assert not indicator_problems("i", LEVELS, True, required)


def test_subtotals_checked_against_the_data(tmp_path):
    required = profile(tmp_path, SUBTOTALS)
    moved = [ind("产出指标", "甲", 45, 1, 1), ind("效益指标", "丙", 35, 1, 1), ind("满意度指标", "丁", 10, 1, 1)]
    messages = [p.message for p in indicator_problems("i", moved, True, required)]
    assert messages == [f"一级指标“产出指标”的分值合计45分，评分规则（{required.origin('subtotals')}）要求50分",
                        f"一级指标“效益指标”的分值合计35分，评分规则（{required.origin('subtotals')}）要求30分"]
    assert required.origin("subtotals").endswith("manifest.yaml:4")


# --- deviation bands ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("actual", "score"), [
    ("100", "20.00"), ("90", "20.00"),  # 偏差 10%: within the band
    ("89.99", "16.00"), ("80", "16.00"),  # 10.01%…20%: one step, 20 × (1 − 0.2)
    ("79.99", "12.00"), ("70", "12.00"),  # 20.01%…30%: two steps
    ("50", "4.00"),  # 50%: ⌈40 ÷ 10⌉ = 4 steps, 20 × 0.2
    ("40", "0.00"), ("0", "0.00"),  # five steps and more: nothing left
])
def test_deviation_band_above(tmp_path, actual, score):
    banded = profile(tmp_path, BAND)
    data = [ind("产出指标", "甲", 20, 100, actual), ind("效益指标", "乙", 70, 1, 1)]
    assert figures(data, banded).indicators[0].score == D(score)


@pytest.mark.parametrize(("actual", "score"), [
    ("210", "10.00"),  # 超出 5%: within
    ("211", "9.00"), ("220", "9.00"),  # 5.5%…10%: one step, 10 × (1 − 0.1)
    ("221", "8.00"),  # 10.5%: two steps
])
def test_deviation_band_below(tmp_path, actual, score):
    banded = profile(tmp_path, BAND)
    data = [ind("产出指标", "甲", 10, 200, actual, op="<="), ind("效益指标", "乙", 80, 1, 1)]
    assert figures(data, banded).indicators[0].score == D(score)


def test_without_a_band_the_share_is_scored():
    data = [ind("产出指标", "甲", 20, 100, "89.99"), ind("效益指标", "乙", 70, 1, 1)]
    assert figures(data).indicators[0].score == D("18.00")  # 20 × 0.8999 = 17.998


# --- vetoes ---------------------------------------------------------------------------------------------------

NINETY_FIVE = [
    ind("产出指标", "甲", 40, 100, 100),  # 40.00
    ind("效益指标", "乙", 30, 100, 100),  # 30.00
    ind("满意度指标", "群众满意度", 20, 100, 75),  # 15.00; with 预算执行率 10.00, total 95.00
]


def test_veto_on_a_named_indicator(tmp_path):
    fig = figures(NINETY_FIVE, profile(tmp_path, "\n  veto: {indicators: [群众满意度]}\n"))
    assert (fig.total, fig.score_grade, fig.grade) == (D("95.00"), "优", "差")
    assert [v.indicator for v in fig.vetoes] == ["群众满意度"]
    assert figures(NINETY_FIVE).grade == "优"


def test_veto_on_a_finding(tmp_path):
    flagged = profile(tmp_path, "\n  veto: {findings: true}\n")
    assert figures(NINETY_FIVE, flagged, veto="审计发现挪用资金").grade == "差"
    assert figures(NINETY_FIVE, flagged).grade == "优"
    assert figures(NINETY_FIVE, veto="审计发现挪用资金").grade == "优"  # the default profile has no veto


def self_evaluation(tmp_path: Path, indicators: list[dict[str, Any]], spent_all: bool = False, **meta: Any) -> Path:
    """The self-evaluation sample with other indicators (and every budget spent, when asked)."""
    data = read(SAMPLES / "self_evaluation.json")
    data["indicators"] = indicators
    data["meta"].update(meta)
    if spent_all:
        for source in data["funds"]["sources"]:
            source["spent"] = source["budget"]
    return dump(data, tmp_path / "data.json")


def text_of(document: bytes) -> str:
    opened = docx.Document(io.BytesIO(document))
    cells = [c.text for t in opened.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in opened.paragraphs] + cells)


def plain(level1: str, name: str, weight: int, actual: int) -> dict[str, Any]:
    return {"level1": level1, "level2": "数量指标", "name": name, "op": ">=", "target": 100, "actual": actual,
            "weight": weight, "unit": "%"}


def test_veto_on_a_95_point_report_is_stated_in_the_text(tmp_path):
    folder(tmp_path, "\n  veto: {indicators: [群众满意度]}\n")
    # 40 + 30 + 15 (20 × 75%) + 预算执行率 10 (every budget spent) = 95.00
    data = self_evaluation(tmp_path, [plain("产出指标", "甲", 40, 100), plain("效益指标", "乙", 30, 100),
                                      plain("满意度指标", "群众满意度", 20, 75)], spent_all=True, templates=["县"])
    report = govreport.load(data)
    assert (report.figures.total, report.figures.grade) == (D("95.00"), "差")
    text = text_of(govreport.render(report, "docx"))
    assert ("自评总分95.00分，按得分自评等级应为“优”，但“群众满意度”指标未取得满分，实行一票否决，自评等级定为“差”。"
            in text)


# --- combined -------------------------------------------------------------------------------------------------

COMBINED = GRADES_GOOD + SUBTOTALS + BAND + "\n  veto: {indicators: [甲]}\n"


def test_options_combined(tmp_path):
    data = [
        ind("产出指标", "甲", 30, 100, 88),  # 偏差 12%: one step, 30 × 0.8 = 24.00
        not_applicable("产出指标", "乙", 20),
        ind("效益指标", "丙", 30, 10, "10.5", op="<="),  # 超出 5%: within, 30.00
        ind("满意度指标", "丁", 10, 90, 85),  # 偏差 5.56%: within, 10.00
    ]
    fig = figures(data, profile(tmp_path, COMBINED), budget=200, spent=190)  # 预算执行率 95% → 9.50
    # 24 + 30 + 10 + 9.50 = 73.50 of 100 − 20 = 80; 73.50 × 100 ÷ 80 = 91.875 → 91.88: 好, vetoed by 甲 to 差
    assert [i.score for i in fig.indicators] == [D("24.00"), None, D("30.00"), D("10.00")]
    assert (fig.not_applicable.full_marks, fig.not_applicable.score) == (D(80), D("73.50"))
    assert (fig.total, fig.score_grade, fig.grade) == (D("91.88"), "好", "差")
    assert [(g.name, g.score) for g in fig.level1_groups] == [
        ("产出指标", D("24.00")), ("效益指标", D("30.00")), ("满意度指标", D("10.00"))]


# --- bad profiles ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("scoring", "line", "message"), [
    ("""
  grades:
    - {name: 优, min: 90, max: 100}
    - {name: 良, min: 75, max: 92}
    - {name: 差, min: 0, max: 75}
""", 6, "“良”的区间75～92分与上一档重叠（上一档从90分起）"),
    ("""
  grades:
    - {name: 优, min: 90, max: 100}
    - {name: 良, min: 80, max: 85}
    - {name: 差, min: 0, max: 80}
""", 6, "“良”的上限85分与上一档（90分）之间有空档"),
    ("""
  ratings:
    - {name: 达成, low: 0.8, high: 1}
    - {name: 达成, low: 0.6, high: 0.8}
    - {name: 未达成, low: 0, high: 0.6}
""", 6, "评定“达成”对应了两个得分比例区间"),
    ("""
  ratings:
    - {name: 达成, low: 0.8, high: 1, words: [好]}
    - {name: 部分达成, low: 0.6, high: 0.8, words: [好]}
    - {name: 未达成, low: 0, high: 0.6}
""", 6, "说法“好”同时对应了评定“达成”和“部分达成”"),
    ("""
  ratings:
    - {name: 达成, low: 0.8, high: 1}
    - {name: 部分达成, low: 0.6, high: 0.8}
    - {name: 未达成, low: 0, high: 0.6, words: [部分达成年度指标并具有一定效果]}
""", 7, "说法“部分达成年度指标并具有一定效果”同时对应了评定“部分达成”和“未达成”"),
    ("""
  subtotals: {产出指标: 50, 效益指标: 20, 满意度指标: 10}
""", 4, "各一级指标分值合计80分，应为90分（预算执行率计分）或100分（不计分）"),
])
def test_bad_profiles_refused_by_templates_check(tmp_path, scoring, line, message):
    path = folder(tmp_path, scoring)
    result = CliRunner().invoke(main, ["templates", "check", str(path)])
    assert result.exit_code == 2
    assert f"manifest.yaml:{line}：{message}" in result.output
    with pytest.raises(TemplateFault):
        resolve_chain([path])
    data = self_evaluation(tmp_path, read(SAMPLES / "self_evaluation.json")["indicators"], templates=["县"])
    rendered = CliRunner().invoke(main, ["render", str(data), "-o", str(tmp_path / "out.docx")])
    assert rendered.exit_code == 2 and f"manifest.yaml:{line}：{message}" in rendered.output


def test_a_veto_naming_an_unknown_indicator_is_refused_at_render(tmp_path):
    folder(tmp_path, "\n  veto:\n    indicators: [救助对象满意率]\n")
    data = self_evaluation(tmp_path, read(SAMPLES / "self_evaluation.json")["indicators"], templates=["县"])
    result = CliRunner().invoke(main, ["render", str(data), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 2
    assert "manifest.yaml:5：一票否决的指标“救助对象满意率”不在本报告的绩效指标中" in result.output


# --- one data file, two profiles ------------------------------------------------------------------------------

def test_one_data_file_under_two_profiles(tmp_path):
    """samples/self_evaluation_chizhou.yaml without its folder, under each example profile.

    Both: 医疗救助人次 20.00, 认定准确率 10.00, 自付比例 15.00, 长效机制 15.00, 满意度 10.00; 一站式结算率 (5)
    not applicable; 预算执行率 1147.5 ÷ 1200 = 95.625% → 9.56.
    池州市: 资助参保人数 10 × 20580 ÷ 21000 = 9.80; 人均救助金额 (ratio) 5 × 800 ÷ 865 = 4.624… → 4.62;
    84.42 + 9.56 = 93.98 of 95 → 98.926… → 98.93, 优; 产出指标 44.42 of 50.
    示例省: 资助参保人数 偏差 2% and 人均救助金额 超出 8.125%, both within 10%: 10.00 and 5.00;
    85.00 + 9.56 = 94.56, not rescaled, 好.
    """
    data = yaml.safe_load((SAMPLES / "self_evaluation_chizhou.yaml").read_text(encoding="utf-8"))
    del data["meta"]["templates"]
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    chizhou = govreport.load(path, templates=[EXAMPLES / "池州市"])
    example = govreport.load(path, templates=[EXAMPLES / "示例省"])
    assert [i.score for i in chizhou.figures.indicators][1:5] == [D("9.80"), D("10.00"), None, D("4.62")]
    assert [i.score for i in example.figures.indicators][1:5] == [D("10.00"), D("10.00"), None, D("5.00")]
    assert (chizhou.figures.total, chizhou.figures.grade) == (D("98.93"), "优")
    assert (example.figures.total, example.figures.grade) == (D("94.56"), "好")
    first, second = text_of(govreport.render(chizhou, "docx")), text_of(govreport.render(example, "docx"))
    assert "适用指标满分95分，得分93.98分，折算为百分制得分98.93分" in first
    assert "产出指标小计" in first and "44.42" in first and "产出指标小计" not in second
    assert "自评总分98.93分，自评等级为“优”。" in first
    assert "适用指标满分95分，得分94.56分，不折算，总分为94.56分" in second
    assert "自评总分94.56分，自评等级为“好”。" in second
    sheet = openpyxl.load_workbook(io.BytesIO(govreport.render(chizhou, "xlsx"))).active
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "产出指标小计" in values and D("44.42") in [D(str(v)) for v in values if isinstance(v, float | int)]


@pytest.mark.parametrize("sample", ["self_evaluation_chizhou.yaml", "self_evaluation_veto.yaml"])
def test_example_profiles_render_their_samples(sample):
    report = govreport.load(SAMPLES / sample)
    assert govreport.render(report, "docx") and govreport.render(report, "xlsx")


def test_veto_sample_states_the_finding():
    # 示例省: every indicator within its band → 90.00, + 9.56 = 99.56, 好; meta.veto caps it at 差
    report = govreport.load(SAMPLES / "self_evaluation_veto.yaml")
    assert (report.figures.total, report.figures.score_grade, report.figures.grade) == (D("99.56"), "好", "差")
    assert "但县审计局审计发现挪用项目资金12.00万元用于办公用房维修，实行一票否决，自评等级定为“差”" in text_of(
        govreport.render(report, "docx"))


def test_templates_list_shows_the_active_profile():
    result = CliRunner().invoke(main, ["templates", "list", "-t", str(EXAMPLES / "示例省"), "-t", str(EXAMPLES / "池州市")])
    assert result.exit_code == 0
    for line in ("  等级：好 90～100，较好 80～90，一般 60～80，差 0～60",
                 "  定性评定：达成 0.9～1，部分达成 0.5～0.9（不含0.9），未达成 0～0.5（不含0.5）",
                 "  评定的说法：达成（也可写达成年度指标、达成预期指标）；部分达成（也可写部分达成年度指标并具有一定效果、"
                 "部分达成预期指标）；未达成（也可写未达成年度指标且效果较差、未达成预期指标）",
                 "  不适用指标：keep",  # 示例省 comes first: its choice wins over 池州市's rescale
                 "  一级指标分值：产出指标50分、效益指标30分、满意度指标10分",
                 "  偏差分档：>= 偏差10%以内不扣分，超出每10%扣20%；<= 偏差10%以内不扣分，超出每10%扣20%",
                 "  一票否决：数据中 meta.veto 写明的违规问题"):
        assert line in result.output.splitlines()
    assert "评分：反向指标 ratio；预算执行率分母 budget" in result.output


def test_a_rating_word_of_the_profile_typed_in_the_workbook(tmp_path):
    """The 定性评定 drop-down suggests the built-in words and lets a clerk keep another (Excel's information style);
    the profile's checks judge it: “好” stands for 达成 under a profile that says so, and is refused by cell without."""
    book_path = tmp_path / "自评.xlsx"
    assert CliRunner().invoke(main, ["convert", str(SAMPLES / "self_evaluation.json"), "-o", str(book_path)]).exit_code == 0
    book = openpyxl.load_workbook(book_path)
    sheet = book["绩效指标"]
    column = next(c for c in sheet[1] if c.value == "定性评定").column_letter
    row = next(r for r in range(2, sheet.max_row + 1) if sheet[f"{column}{r}"].value == "达成")
    [rule] = [v for v in sheet.data_validations.dataValidation if f"{column}{row}" in v.sqref]
    assert rule.errorStyle == "information"
    sheet[f"{column}{row}"] = "好"
    book.save(book_path)
    own = folder(tmp_path, "\n  ratings:\n    - {name: 达成, low: 0.8, high: 1, words: [好]}\n"
                           "    - {name: 部分达成, low: 0.6, high: 0.8}\n    - {name: 未达成, low: 0, high: 0.6}\n")
    scored = govreport.load(book_path, templates=[own]).figures
    assert scored.total == govreport.load(SAMPLES / "self_evaluation.json").figures.total  # 好 scores as 达成 did
    refused = CliRunner().invoke(main, ["validate", str(book_path)])
    assert refused.exit_code == 2
    assert f"绩效指标!{column}{row}：评定“好”不是评分规则中的说法，应为：达成（也可写达成年度指标、达成预期指标）" in refused.output
