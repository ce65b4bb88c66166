"""Seed 001 篇十六 (祁阳县文富市镇) and seed 002 (商丘市卫生局) as samples: the outline of the original, its
figures as it states them (differences named), a clean check; and the bad input the body vocabulary refuses.

The outlines below are typed from the seed texts. Normalisations, the same for every heading:
- 半角标点 of the scraped text → 全角: "(一)" → "（一）", "," → "，".
- "(一)、" (numeral, bracket and 顿号) → "（一）": GB/T 9704 writes the bracketed number without 顿号.
- "1、" → "1.": the third level is numbered "1." (GB/T 9704).
- A heading's closing "。" is dropped when text follows it ("一、基本情况。" → "一、基本情况"): the heading
  stands on its own line. A heading with nothing under it is a sentence and keeps it.
- "三、\\n存在的问题。" (broken over two lines in the seed) → "三、存在的问题".
"""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import govreport
from govreport.cli import main
from govreport.proofread import check_file

from .conftest import SAMPLES

QIYANG = SAMPLES / "qiyang_wenfushi_health_poverty.yaml"
SHANGQIU = SAMPLES / "shangqiu_health_2014.yaml"

# seeds/001 篇十六, lines 214–239. The sub-items of （三） are 1、2、3、 in the original; 2、 is one sentence
# with nothing under it, so it keeps its "。". 3、 reads "实行“一站式”结算、对农村贫困患者…": the 顿号 after
# 结算 ends the heading. 四、's （三） is run into the end of （二） in the seed ("使贫困户应扶尽扶,(三)、是…");
# it is its own heading here. The "是" each heading of 二、 and 四、 opens with is the original's.
QIYANG_OUTLINE = [
    (1, "一、基本情况"),
    (1, "二、主要做法"),
    (2, "（一）是强化组织领导"),
    (2, "（二）是加强贫困人口疾病筛查"),
    (2, "（三）是分级诊疗有序实施"),
    (3, "1.整合多种保障措施，实施“三提高、两补贴、一减免、一兜底”综合保障措施"),
    (3, "2.对食管癌、胃癌、结肠癌、直肠癌、终末期肾病患者在祁阳县人民医院进行集中救治，"
        "对患儿童白血病（急性淋巴细胞白血病、急性早幼粒细胞白血病）、儿童先天性心脏病（房间隔缺损、室间隔缺损）"
        "在市级定点医院进行集中救治。"),
    (3, "3.实行“一站式”结算"),
    (2, "（四）是启动农村家庭医生签约服务"),
    (2, "（五）是实施出生缺陷干预工作"),
    (2, "（六）是加大医疗卫生基础建设"),
    (1, "三、存在的问题"),
    (1, "四、下一步工作建议"),
    (2, "（一）是落实扶贫资金，实施精准投入"),
    (2, "（二）是落实帮扶方式，结对帮扶到村到户"),
    (2, "（三）是落实农村贫困人口医疗保障倾斜政策"),
    (1, "五、下一步工作打算"),
    (2, "（一）进一步提高认识，加强组织领导"),
    (2, "（二）加强宣传引导"),
]

# seeds/002 篇二, lines 55–101: seven work areas are the chapters; only 一、 has （一）…（五）. The others
# go on in 一是、二是… inside one paragraph, which are not headings.
SHANGQIU_OUTLINE = [
    (1, "一、深化医改取得新进展"),
    (2, "（一）新农合服务保障水平进一步提高"),
    (2, "（二）基本药物制度进一步完善"),
    (2, "（三）医疗卫生服务体系建设进一步加强"),
    (2, "（四）公共卫生服务均等化水平进一步提升"),
    (2, "（五）公立医院改革进一步深入"),
    (1, "二、全力做好重大传染病防控"),
    (1, "三、继续加大卫生监督执法力度"),
    (1, "四、加快中医事业发展步伐"),
    (1, "五、不断加强卫生人才队伍建设"),
    (1, "六、卫生信息化建设持续提速"),
    (1, "七、爱国卫生及“六城联创”工作稳步推进"),
]

HEADING = re.compile(r"^(#{2,5}) (.+)$")


def markdown(path: Path) -> str:
    return govreport.render(govreport.load(path), "md").decode("utf-8")


def outline(text: str) -> list[tuple[int, str]]:
    """Every heading line below the title: its level (一、 is 1) and its number with its text."""
    return [(len(m[1]) - 1, m[2]) for m in map(HEADING.match, text.splitlines()) if m]


def paragraphs(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@pytest.mark.parametrize(("path", "expected"), [(QIYANG, QIYANG_OUTLINE), (SHANGQIU, SHANGQIU_OUTLINE)],
                         ids=["001-篇十六", "002-商丘"])
def test_outline_is_the_originals(path, expected):
    assert outline(markdown(path)) == expected


def test_qiyang_title_chapters_and_problems():
    text = markdown(QIYANG)
    assert text.startswith("# 祁阳县文富市镇健康扶贫工作总结\n")
    # 三、's four problems are numbered items, not headings: "1、是…" → "1.是…".
    body = paragraphs(text)
    start = body.index("1.是农村身患大病致贫的多，一次性需要支付大额医药费用的家庭较多。")
    assert body[start:start + 4] == [
        "1.是农村身患大病致贫的多，一次性需要支付大额医药费用的家庭较多。",
        "2.是低收入家庭因病致贫的多，大部分人群是五保户、低保户、特殊困难户。",
        "3.是身患特殊慢性疾病致贫的多，需长期服药，高昂的医疗费用导致家庭贫困。",
        "4.是重度残疾致贫的多。",
    ]


def test_qiyang_figures_read_as_the_original_states_them():
    body = paragraphs(markdown(QIYANG))
    # 基本情况. Differences from "其中文富市镇总农业人口为35035人，总贫困人口为3746人，占全县贫困人口的22.52%，
    # 我镇因病致贫2729人":
    # - the share: the original's own total is 总贫困人口16.6万人, and 3746 ÷ 166000 = 0.022566 → 2.26%.
    #   22.52% would need a total of 3746 ÷ 0.2252 ≈ 16634 (1.66万), not the 16.6万 it states.
    # - a count is worded without "为"; 35035 has five digits and is grouped (spec/figures.md: 35,035).
    # The figures run on inside the paragraph, as clauses joined by "，", as in the original.
    assert ("祁阳县是农业大县，总人口107万人，总贫困人口16.6万人，其中文富市镇总农业人口35,035人，总贫困人口3746人，"
            "占全县贫困人口的2.26%，我镇因病致贫2729人。根据安排，我镇开展了建档立卡农村贫困人口因病致贫因病返贫工作调查，"
            "7月27日按规定统一上传国家因病致贫因病返贫信息系统。") in body
    # "检出率2.5‰", "检出率9.9‰": a rate is worded "为"; each names whose rate it is.
    assert "贫困人口重性精神病患者检出率为2.5‰。贫困人口高血压、糖尿病患者检出率为9.9‰。" in body
    # 出生缺陷干预: 215 ÷ 218 = 0.98624 → 98.6%, as the original states; 396 ÷ 494 = 0.80162 → 80.2%, where the
    # original writes 80.1% (cut off, not rounded). The subject of "已经有215对新婚夫妇开展了婚前健康检查" leads.
    assert ("截止今年上半年，办理结婚218对。已经开展婚前健康检查的新婚夫妇215对，婚检率98.6%。怀孕夫妇494对。"
            "领取叶酸片的夫妇396人，完成率80.2%。") in body


def test_shangqiu_figures_read_as_the_original_states_them():
    text = markdown(SHANGQIU)
    assert text.startswith("# 商丘市卫生局2014年工作总结\n")
    # "业务收入64556.54万元,同比增加53.83%": the change is stated without last year's figure; govreport words
    # a rise of an amount "增长" (同比增长53.83%), and groups the five-digit integer part (64,556.54).
    # "门诊人次达945.32万人次,同比增长36.7%" reads as the original. "全市基药配送到位率98%": a rate takes "为".
    # The clauses the original joins with "，" and "；" are sentences of their own.
    assert ("全市172家实施国家基本药物制度的基层医疗卫生机构业务收入64,556.54万元，同比增长53.83%。"
            "其中药品收入49,424.95万元。销售国家基本药物41,575.34万元。门诊人次达945.32万人次，同比增长36.7%。"
            "全市基药配送到位率为98%。全市基层医疗卫生机构共获得财政补助8731.69万元，同比增长17.41%。") in paragraphs(text)


@pytest.mark.parametrize("path", [QIYANG, SHANGQIU], ids=["001-篇十六", "002-商丘"])
@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_samples_check_clean(tmp_path, path, fmt):
    out = tmp_path / f"r.{fmt}"
    out.write_bytes(govreport.render(govreport.load(path), fmt))
    assert [f"{f.where} {f.message}" for f in check_file(out)] == []


def test_four_levels_fit_under_a_lifted_work_area():
    """商丘's work areas are chapters, so a （一） item may go two levels further: 1. and （1）."""
    data = yaml.safe_load(SHANGQIU.read_text(encoding="utf-8"))
    data["achievements"][1]["sections"] = [{"title": "传染病疫情监测", "paragraphs": [], "sections": [
        {"title": "手足口病防控", "paragraphs": [], "sections": [{"title": "托幼机构晨检", "paragraphs": ["每日晨检。"]}]},
    ]}]
    text = govreport.render(govreport.load(data), "md").decode("utf-8")
    assert outline(text)[6:10] == [(1, "二、全力做好重大传染病防控"), (2, "（一）传染病疫情监测"),
                                   (3, "1.手足口病防控"), (4, "（1）托幼机构晨检")]


# Bad input, each through the CLI: exit code 2, the Chinese message with the path, nothing written.

def render_fails(tmp_path: Path, data: dict[str, Any], *expected: str) -> str:
    source = tmp_path / "data.json"
    source.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    out = tmp_path / "报告.docx"
    out.write_bytes(b"previous report")
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for text in expected:
        assert text in result.output
    assert "数据有 1 处错误，未生成报告" in result.output
    assert out.read_bytes() == b"previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json", "报告.docx"]
    return result.output


@pytest.fixture
def qiyang() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load(QIYANG.read_text(encoding="utf-8")))


def test_a_fifth_heading_level_under_a_work_item(tmp_path, qiyang):
    # A work item is （一）; under it 1. and （1） are left. A seventh item whose sections go 村医培训 → 集中培训 →
    # 第一期 takes three levels: the fifth heading level, refused with the item's path and the section's title.
    qiyang["achievements"].append({"heading": "是加强村医队伍建设", "paragraphs": [], "sections": [
        {"title": "村医培训", "paragraphs": [], "sections": [
            {"title": "集中培训", "paragraphs": [], "sections": [{"title": "第一期", "paragraphs": ["培训村医42人。"]}]},
        ]},
    ]})
    render_fails(tmp_path, qiyang,
                 "achievements：第7项工作（achievements[6]）：小节层级过深：这里最多还能分2级"
                 "（正文标题最多4级：一、（一）1.（1）），小节“村医培训”分了3级；请把最深一级写成段落")


def test_a_fifth_heading_level_in_a_chapter(tmp_path, qiyang):
    # Under the chapter 四、下一步工作建议 three levels are left (（一）1.（1））; four are refused.
    qiyang["suggestions"][0]["sections"] = [{"title": "村医培训", "paragraphs": [], "sections": [
        {"title": "集中培训", "paragraphs": [], "sections": [{"title": "第一期", "paragraphs": ["培训村医42人。"]}]},
    ]}]
    render_fails(tmp_path, qiyang,
                 "suggestions：小节层级过深：这里最多还能分3级（正文标题最多4级：一、（一）1.（1）），"
                 "小节“是落实扶贫资金，实施精准投入”分了4级；请把最深一级写成段落")


TABLE = {
    "title": "村卫生室改建投资表",
    "unit": "万元",
    "columns": [{"name": "建设内容"}, {"name": "投资（万元）", "type": "money"}],
    "rows": [["村卫生室改建", 12.5], ["乡镇卫生院维修", 30]],
}


def test_a_table_row_with_the_wrong_number_of_cells(tmp_path, qiyang):
    table = copy.deepcopy(TABLE)
    table["rows"][1] = ["乡镇卫生院维修"]
    qiyang["achievements"][5]["table"] = table
    render_fails(tmp_path, qiyang, "achievements[5].table：第2行有1格，与表头的2列不符（rows[1]）")


def test_a_stated_total_that_differs_from_its_rows(tmp_path, qiyang):
    # 12.5 + 30 = 42.5, the original-style 合计 says 45.
    qiyang["achievements"][5]["table"] = {**TABLE, "stated_total": ["合计", 45]}
    render_fails(tmp_path, qiyang, "achievements[5].table.stated_total[1]：合计行“投资（万元）”为“45”，各行相加为42.50")


def test_a_stated_total_that_agrees_is_printed_as_computed(qiyang):
    qiyang["achievements"][5]["table"] = {**TABLE, "stated_total": ["合计", Decimal("42.5")]}
    text = govreport.render(govreport.load(qiyang), "md").decode("utf-8")
    assert "| 合计 | 42.50 |" in text


def test_an_approximate_quantity_without_a_number(tmp_path, qiyang):
    # “超过…万人次” with no value at all: the approximation is named, and what it lacks.
    qiyang["achievements"][4]["paragraphs"][0]["figures"].append(
        {"name": "覆盖群众", "unit": "万人次", "approximate": "超过"})
    render_fails(tmp_path, qiyang, "achievements[4].paragraphs[0].figures[4]：约数“超过”须写明数字：请填写 value")


def test_an_approximate_quantity_with_only_a_change(tmp_path, qiyang):
    # With a stated change but no number, the approximation itself is named.
    qiyang["achievements"][4]["paragraphs"][0]["figures"].append(
        {"name": "覆盖群众", "unit": "万人次", "approximate": "超过", "stated_change": 5})
    render_fails(tmp_path, qiyang, "achievements[4].paragraphs[0].figures[4]：约数“超过”须写明数字：请填写 value")
