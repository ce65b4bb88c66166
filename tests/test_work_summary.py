"""年度工作总结: every metric sentence of the 秀山 sample, worked out by hand from docs/figures.md “工作总结中的数据”."""

from __future__ import annotations

import copy

import pytest

import govreport
from govreport.figures.counts import change
from govreport.format.numbers import compared

from .conftest import SAMPLES, read
from .test_render import open_docx, paragraphs

XIUSHAN = SAMPLES / "xiushan_work_summary_2004.json"
CONTRACT = SAMPLES / "work_summary.json"


@pytest.fixture
def xiushan():
    return copy.deepcopy(read(XIUSHAN))


def test_contract_example_renders_unchanged():
    """samples/work_summary.json is the spec's example as published: it must validate and render as is."""
    assert govreport.validate(read(CONTRACT)) == []


def test_every_metric_sentence_of_the_xiushan_sample(xiushan):
    text = paragraphs(open_docx(xiushan))
    expected = [
        "按要求办理退休手续的人员46人。通过考试考核，作为县级财政差额预算的卫生事业单位人员176人。",
        # 30 ÷ 32 = 93.75% → 93.8 with digits 1 (half-up); 515 + 33 + 133 = 681; 2.53 − 1.49 = 1.04 points
        "医疗救助对象利用医疗救助金的乡30个，占总乡镇的93.8%。"
        "医疗救助对象持证就医共681人次，其中住院515人次、计免、孕保33人次、门诊133人次。"
        "发生医疗总费用30.14万元。项目补偿14.8万元。为群众减免医药费17.9万元。"
        "特困人群医疗救助利用率为2.53%，比去年提高1.04个百分点。",
        # (214 − 426) ÷ 426 = −49.765…% → 下降49.77%; 210 + 115 = 325; 1500 + 7100 = 8600
        "调整后的村卫生室214个，比调整前下降49.77%。参加执业注册培训、考试的村卫生人员共325人，其中考试合格210人、免试115人。"
        "落实村卫生室业务用房共8600平方米，其中由乡村投资建设1500平方米、乡村医生私房7100平方米。",
        "实施基本用药目录的乡镇卫生院27个。实施基本用药目录的村卫生室182个。使用标准临床诊疗规范的乡镇卫生院24个。"
        "符合院内感染控制要求的乡镇27个。",
        # 13 + 22 = 35
        "今年选送外出进修人员共35人，其中到市级进修13人、到县级进修22人。县级举办培训班18期。培训乡镇卫生人员1138人次。"
        "各乡镇召开例会209次。培训乡村卫生人员3628人次。",
        # 91.43 − 90.99 = 0.44; 81.9 − 62.38 = 19.52; 91.56 − 89.16 = 2.40 → 2.4 with digits 1;
        # 86.71 − 86.54 = 0.17; 48.01 − 43.61 = 4.40 → 4.4 with digits 1
        "儿童四苗全程接种率为91.43%，比去年提高0.44个百分点。新生儿乙肝疫苗接种率为81.9%，比2003年提高19.52个百分点。"
        "孕产妇系统管理率为91.56%，比去年提高2.4个百分点。新法接生率为86.71%，比去年提高0.17个百分点。"
        "住院分娩率为48.01%，比去年提高4.4个百分点。",
        # 91800 has five digits → grouped; 21.62 − 95.62 = −74.00 → 下降
        "全年免费测量了血压的35岁以上就诊病人91,800名。实行了建卡管理的高血压病人5324名。"
        "学生寄生虫感染率为21.62%，比驱虫前下降74.00个百分点。",
        "举办乡镇信息人员培训班2期。培训乡镇信息人员70人次。乡镇信息室建立率为100%。",
        "充实县级项目专家2人。县级项目官员、专家不定期到乡镇卫生院督导86次。",
    ]
    for sentence in expected:
        assert sentence in text
    joined = "".join(text)
    assert "提高1.04%" not in joined and "增长-" not in joined


def test_outline_title_signature_and_chinese_date(xiushan):
    text = paragraphs(open_docx(xiushan))
    assert text[0] == "秀山土家族苗族自治县卫生项目办公室\n2004年工作总结"  # broken after the organisation
    level1 = [t for t in text if t[:2] in ("一、", "二、", "三、", "四、")]
    assert level1 == ["一、项目工作整体推进，取得了实质性进展", "二、项目实施过程中存在的问题", "三、2005年工作重点"]
    # seeds/003: eight work items, then five problems and seven 工作重点, each list numbered （一） afresh
    items = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）"]
    assert [t[:3] for t in text if t.startswith("（")] == items + items[:5] + items[:7]
    assert [t[:2] for t in text if t[:1].isdigit() and t[1:2] == "."] == ["1.", "2.", "3.", "4.", "5.", "6."]
    assert "（一）乡、村卫生人员业务素质普遍较低，结构不合理，卫生服务提供能力不高。" in text
    assert text[-2:] == ["秀山土家族苗族自治县卫生项目办公室", "二〇〇四年十二月二十日"]


def test_contract_example_renders_with_default_headings():
    text = paragraphs(open_docx(read(CONTRACT)))
    assert "一、主要工作及成效" in text and "二、存在的问题" in text and "三、下一步工作打算" in text
    assert "外出进修人员共35人，其中市级进修13人、县级进修22人。培训乡镇卫生人员1138人次。培训乡村卫生人员3628人次。" in text


def test_arabic_date_by_default(xiushan):
    del xiushan["meta"]["date_style"]
    assert paragraphs(open_docx(xiushan))[-1] == "2004年12月20日"


@pytest.mark.parametrize(("current", "previous", "is_rate", "against", "growth", "expected"), [
    ("2.53", "1.49", True, "上年", False, "比上年提高1.04个百分点"),
    ("1.49", "2.53", True, "上年", False, "比上年下降1.04个百分点"),
    ("2.53", "2.53", True, "上年", False, "与上年持平"),
    ("1200", "1000", False, "", True, "同比增长20.00%"),
    ("800", "1000", False, "", True, "同比下降20.00%"),
    ("1000", "1000", False, "", True, "同比持平"),
])
def test_comparison_wording_follows_the_sign(current, previous, is_rate, against, growth, expected):
    from decimal import Decimal as D

    assert compared(change(D(current), D(previous), is_rate=is_rate), against, growth=growth) == expected


def test_count_change_without_label_is_year_on_year(xiushan):
    xiushan["achievements"][3]["sections"][4]["figures"][2]["previous"] = 1200  # 1138 vs 1200: −5.1666…% → 下降5.17%
    assert "培训乡镇卫生人员1138人次，同比下降5.17%。" in "".join(paragraphs(open_docx(xiushan)))


def test_a_change_from_a_negative_base_is_not_worded(xiushan):
    # 1138 against −5: a percent of a negative base has no meaning; the sentence keeps the figure alone
    xiushan["achievements"][3]["sections"][4]["figures"][2]["previous"] = -5
    assert "培训乡镇卫生人员1138人次。" in "".join(paragraphs(open_docx(xiushan)))
    warned = problems_of(xiushan)["achievements[3].sections[4].figures[2].previous"]
    assert warned.startswith("上年数为-5，无法计算增减幅度（须大于0）")


def test_markdown_carries_the_sentences(xiushan):
    markdown = govreport.render(govreport.load(xiushan), "md").decode()
    assert markdown.startswith("# 秀山土家族苗族自治县卫生项目办公室2004年工作总结\n")
    assert "## 一、项目工作整体推进，取得了实质性进展" in markdown
    assert "特困人群医疗救助利用率为2.53%，比去年提高1.04个百分点。" in markdown


def problems_of(data) -> dict[str, str]:
    return {p.path: p.message for p in govreport.validate(data)}


def test_stated_total_that_contradicts_its_parts(xiushan):
    xiushan["achievements"][2]["metrics"][1]["value"] = 680
    found = problems_of(xiushan)
    assert found["achievements[2].metrics[1].value"] == (
        "“医疗救助对象持证就医”合计680人次与各分项之和515＋33＋133＝681人次不一致（合计可不填，由程序相加）")


def test_part_larger_than_its_whole(xiushan):
    xiushan["achievements"][2]["metrics"][0]["of"] = 28
    assert problems_of(xiushan)["achievements[2].metrics[0].of"] == "“医疗救助对象利用医疗救助金的乡”30个大于总数28个，占比会超过100%"


def test_rate_cannot_be_summed_from_parts(xiushan):
    xiushan["achievements"][4]["metrics"][0]["parts"] = [{"name": "a", "value": 1}, {"name": "b", "value": 2}]
    assert "achievements[4].metrics[0].parts" in problems_of(xiushan)


def test_metric_without_a_value(xiushan):
    del xiushan["achievements"][0]["metrics"][1]["value"]
    assert problems_of(xiushan)["achievements[0].metrics[1]"].startswith("须填写 value（数值）、parts（分项）或 stated_change")


def test_previous_zero_is_a_warning_and_the_change_is_left_out(xiushan):
    xiushan["achievements"][0]["metrics"][1]["previous"] = 0
    problems = govreport.validate(xiushan)
    assert [(p.path, p.severity) for p in problems] == [
        ("achievements[0].metrics[1].previous", "warning"), ("meta.region", "warning")]
    assert "作为县级财政差额预算的卫生事业单位人员176人。" in "".join(paragraphs(open_docx(xiushan)))


def test_cli_refuses_bad_work_summary_without_writing(tmp_path, xiushan):
    from click.testing import CliRunner

    from govreport.cli import main

    from .conftest import dump

    xiushan["achievements"][0]["metrics"][0]["value"] = "四十六"
    data = dump(xiushan, tmp_path / "ws.json")
    out = tmp_path / "ws.docx"
    result = CliRunner().invoke(main, ["render", str(data), "-o", str(out)])
    assert result.exit_code == 2 and "achievements[0].metrics[0].value：应为数字" in result.output
    assert not out.exists() and "Traceback" not in result.output


def test_signature_never_stands_alone_on_a_page(xiushan):
    from .test_render import W

    body = [p for p in open_docx(xiushan).paragraphs]
    last_item = next(i for i, p in enumerate(body) if p.text.startswith("（七）千方百计"))
    keeps = [p._p.find(f"{W}pPr/{W}keepNext") is not None for p in body[last_item:last_item + 4]]
    assert keeps == [True, True, True, True]  # last paragraph, two blank lines, the signature: kept with the date
    assert body[last_item + 3].text == "秀山土家族苗族自治县卫生项目办公室"
