"""Two real reports rendered faithfully: seeds/003 (秀山县) and 篇九 of seeds/001.

Each sample's Markdown outline — every heading, level and number, in order — is compared with the outline
of the original typed from the seed text, and each figure sentence with the words the original uses. The
seed's web copy writes half-width punctuation and 1、; govreport writes GB/T 9704's full-width （一） and
1. — ``normalised`` names each such step. Where govreport words a figure differently on purpose, the
expected sentence says why.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import govreport
from govreport.cli import main
from govreport.proofread import check_file

from .conftest import SAMPLES

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
XIUSHAN = SAMPLES / "xiushan_work_summary_2004.json"
PIAN09 = SAMPLES / "health_poverty_summary_pian09.yaml"

XIUSHAN_SEED = (SEEDS / "003_afeda96e2e57724d.txt").read_text(encoding="utf-8")
_SEED_001 = (SEEDS / "001_33b756cd950080a2.txt").read_text(encoding="utf-8")
PIAN09_SEED = _SEED_001[_SEED_001.index("健康扶贫工作总结篇九"):_SEED_001.index("健康扶贫工作总结篇十")]

# The web copy's half-width punctuation; the samples write the full-width forms a 公文 uses.
FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", '"': "“"})


def normalised(text: str, filled: dict[str, str]) -> str:
    """A heading of the seed as govreport writes it."""
    text = text.translate(FULL_WIDTH)
    text = re.sub(r"^(\d+)、", r"\1.", text)  # GB/T 9704's third level is 1., where the seed writes 1、
    for placeholder, value in filled.items():  # XX and xx filled in; letters the web copy lowercased restored
        text = text.replace(placeholder, value)
    return text


def outline(markdown: str) -> list[tuple[int, str]]:
    """Every heading under the title (## is level 1), and every paragraph numbered 1. 2. (a list of problems
    or plans) at the level its number takes, 3, with its first sentence."""
    found = []
    for line in markdown.splitlines():
        if heading := re.match(r"^(#{2,5}) (.*)$", line):
            found.append((len(heading[1]) - 1, heading[2]))
        elif re.match(r"^\d+\.\S", line):
            found.append((3, line[: line.index("。") + 1]))
    return found


def rendered(path: Path) -> str:
    return govreport.render(govreport.load(path), "md").decode()


# seeds/003 as its first copy has it (the text is there twice); headings with text under them are typed
# without the closing 。 the web copy gives （三）, since a heading standing on its own line carries none.
XIUSHAN_ORIGINAL = [
    (1, "一、项目工作整体推进,取得了实质性进展"),
    (2, "(一)贯彻落实新的农村卫生政策,乡镇卫生院管理体制改革顺利完成"),
    (2, "(二)实施卫生人事制度改革,人力资源的规划和发展得到加强"),
    (2, "(三)狠抓特困人口医疗救助,特困人群对卫生服务的可及性明显提高"),
    (2, "(四)突出工作重点,卫生服务提供系统逐步改善"),
    (3, "1、乡村卫生组织一体化管理开始启动"),
    (3, "2、卫生服务质量评价试点工作顺利开展"),
    (3, "3、临床诊疗服务行为日趋规范"),
    (3, "4、卫生体制改革探索实施"),
    (3, "5、乡镇卫生人员培训力度不断加大"),
    (3, "6、在中和镇、清溪场镇开展规范化乡镇卫生院建设"),
    (2, "(五)重点卫生干预效果明显"),
    (2, "(六)强化信息管理,信息的指导作用逐步发挥"),
    (2, "(七)加强项目土建工程、设备的管理,制定了土建维护计划和设备管理制度,对x光机、b超、心电图等大型设备进行了成本效益分析。"),
    (2, "(八)加强项目管理,各项目标任务落到实处"),
    (1, "二、项目实施过程中存在的问题"),
    (2, "(一)乡、村卫生人员业务素质普遍较低,结构不合理,卫生服务提供能力不高。"),
    (2, "(二)乡镇卫生院业务用房紧缺、设备简陋,虽通过项目实施得到了一定程度的改善,但仍不能满足人民群众对卫生服务的需求。"),
    (2, "(三)由于我县属国家级贫困县,县财政十分拮据,虽然从民政、扶贫等方面争取到了一定配套资金,"
        "但县级配套资金到位率仍然较低,一定程度上影响了项目的整体推进。"),
    (2, "(四)特困人群经济困难,对卫生服务的利用水平较低。"),
    (2, "(五)普通乡卫生院管理体制及运行机制还未完全理顺,给项目的实施带来了一定影响。"),
    (1, "三、XX年工作重点"),
    (2, "(一)进一步做好卫生人力资源的规划和发展,补充乡镇卫生人员。"),
    (2, "(二)继续实施乡镇卫生院体制改革和人事制度改革。"),
    (2, "(三)理顺村卫生组织管理体制,全面实施乡村一体化管理,提高乡、村卫生服务的整体能力。"),
    (2, "(四)以加强乡、村卫生人员培训为重点,提高卫生服务技术水平。"),
    (2, "(五)努力实施重点卫生干预,提高老人、妇女、儿童等弱势人群对卫生服务的利用。"),
    (2, "(六)积极争取,新型农村合作医疗的试点工作。"),
    (2, "(七)千方百计落实配套资金,促进项目实施。"),
]
# The sample's year is 2004: the plans chapter is the next year's.
XIUSHAN_FILLED = {"XX年工作重点": "2005年工作重点", "x光机、b超": "X光机、B超"}
# A heading-only item is printed as a sentence: 6、 has no closing 。 in the seed and gains one.
XIUSHAN_CLOSED = {"6、在中和镇、清溪场镇开展规范化乡镇卫生院建设"}

# 篇九 as seeds/001 has it. The web copy has lost its chapter titles: (一)…(六), the three problems and the
# three next steps follow each other with nothing between. The sample adds the work summary's three chapters
# (None below: not in the original). Its 1、…6、 under (三) run the first sentence into the paragraph; the
# sample takes that first sentence (to the first figure) as the title, typed here as far as it goes.
PIAN09_ORIGINAL = [
    (1, None),
    (2, "(一)持续改善医疗设施条件"),
    (2, "(二)20xx年健康扶贫脱贫成果检视情况"),
    (2, "(三)不断提升医疗服务能力"),
    (3, "1、制定下发了《xx县乡村两级医疗卫生服务能力提升培训实施方案》,对全县乡镇卫生院、社区服务中心、村卫生室人员"
        "分批次、分专业、有计划、有步骤实施能力提升培训,建立形成系统化、规范化、常态化的基层卫生人才培训模式。"),
    (3, "2、组织所有乡村医生参加省卫健委《关于公布30个分级诊疗病种培训计划的通知》安排的县上培训,培训正在进行。"),
    (3, "3、由县健康教育所、妇保站等单位对乡村医生培训7场/次"),
    (3, "4、由卫生院对本院村医开展以会代训方式进行培训,已开展33场/次"),
    (3, "5、联通了远程诊疗系统,乡镇操作人员将检查数据上传县级,由县级专业人员做出诊断后发乡镇,有效解决了基层医技人员短缺题。"),
    (3, "6、卫健局以视频会议的形式举办基层服务能力提升班,对卫生院职工和村医进行培训,已开展14场次,场均450人次。"),
    (2, "(四)扎实做好家庭医生签约服务工作"),
    (2, "(五)加强疾病救治与管理工作"),
    (2, "(六)项目建设情况"),
    (3, "1、乡村医疗机构建设项目实施进展"),
    (3, "2、巡回医疗车、急救车配备项目实施进展"),
    (3, '3、基层医疗卫生"一站式"服务和区域远程医疗中心建设项目'),
    (1, None),
    (3, "1、乡村医疗机构服务能力有待进一步提高。"),
    (3, "2、健康扶贫政策知晓率低。"),
    (3, "3、家庭医生签约服务质量不高。"),
    (1, None),
    (3, "1、提升乡村医疗服务能力建设。"),
    (3, "2、加大政策宣传力度,提供健康扶贫政策知晓率。"),
    (3, "3、提高家庭医生签约服务质量。"),
]
PIAN09_ADDED = ["一、主要工作及成效", "二、存在的问题", "三、下一步工作打算"]
# The county and years the sample gives the xx of the original; the web copy's straight quotes around 一站式 become “”.
PIAN09_FILLED = {"xx县": "康乐县", "20xx年": "2020年", "“一站式“": "“一站式”"}


def _expected(original: list[tuple[int, str | None]], filled: dict[str, str], closed: set[str],
              added: list[str]) -> list[tuple[int, str]]:
    chapters = iter(added)
    return [(level, next(chapters) if text is None else normalised(text, filled) + ("。" if text in closed else ""))
            for level, text in original]


@pytest.mark.parametrize(("original", "seed"), [(XIUSHAN_ORIGINAL, XIUSHAN_SEED), (PIAN09_ORIGINAL, PIAN09_SEED)],
                         ids=["003", "001-篇九"])
def test_the_typed_outline_is_the_seeds(original, seed):
    """Every heading typed above opens a line of the seed: the outline is the original's, not the output's."""
    lines = seed.splitlines()
    for _, text in original:
        assert text is None or any(line.startswith(text) for line in lines), text


def test_xiushan_outline_is_the_originals():
    expected = _expected(XIUSHAN_ORIGINAL, XIUSHAN_FILLED, XIUSHAN_CLOSED, [])
    assert outline(rendered(XIUSHAN)) == expected
    assert len([h for h in expected if h[0] == 2]) == 8 + 5 + 7


def test_pian09_outline_is_the_originals():
    assert outline(rendered(PIAN09)) == _expected(PIAN09_ORIGINAL, PIAN09_FILLED, set(), PIAN09_ADDED)


# (the original's words, the sentence govreport prints). Where they differ the comment says why.
XIUSHAN_FIGURES = [
    # 30 of 32 乡镇 = 93.75% → 93.8%, as the original states it; the sample names the 32.
    ("有30 个乡的医疗救助对象利用医疗救助金,占总乡镇的93.8 %", "医疗救助对象利用医疗救助金的乡30个，占总乡镇的93.8%。"),
    # 515 + 33 + 133 = 681. The parts share the total's unit: the original's “33人” is printed 33人次.
    ("有医疗救助对象681人次持证就医,其中:住院515 人次,计免、孕保33人,门诊133人次",
     "医疗救助对象持证就医共681人次，其中住院515人次、计免、孕保33人次、门诊133人次。"),
    ("共发生医疗总费用30.14 万元,项目补偿14.8万元,为群众减免医药费17.9万元",
     "发生医疗总费用30.14万元。项目补偿14.8万元。为群众减免医药费17.9万元。"),
    # 2.53 − 1.49 = 1.04: a rate's change is in 个百分点, where the original writes %.
    ("特困人群医疗救助利用率为2.53 %,比去年提高1.04 %", "特困人群医疗救助利用率为2.53%，比去年提高1.04个百分点。"),
    # The original gives both counts; govreport states the change: (214 − 426) ÷ 426 = −49.77%.
    ("由原来的426个调整为214个", "调整后的村卫生室214个，比调整前下降49.77%。"),
    # 210 + 115 = 325, a total the original leaves to the reader.
    ("210人考试合格,115人免试", "参加执业注册培训、考试的村卫生人员共325人，其中考试合格210人、免试115人。"),
    ("落实村卫生室业务用房8600平方米,其中由乡村投资建设1500平方米,乡村医生私房7100平方米",
     "落实村卫生室业务用房共8600平方米，其中由乡村投资建设1500平方米、乡村医生私房7100平方米。"),
    ("有27个乡镇卫生院,182个村卫生室实施基本用药目录,24个乡镇卫生院使用标准临床诊疗规范,27个乡镇符合院内感染控制要求",
     "实施基本用药目录的乡镇卫生院27个。实施基本用药目录的村卫生室182个。使用标准临床诊疗规范的乡镇卫生院24个。"
     "符合院内感染控制要求的乡镇27个。"),
    # 13 + 22 = 35
    ("今年选送35 人外出进修。其中到市级进修13 人,到县级进修22 人",
     "今年选送外出进修人员共35人，其中到市级进修13人、到县级进修22人。"),
    # Rate changes in 个百分点, worded 提高 by their sign where the original says 上升; a rate takes 为.
    ("儿童四苗全程接种率为91.43 %,比去年上升0.44 %", "儿童四苗全程接种率为91.43%，比去年提高0.44个百分点。"),
    ("新生儿乙肝疫苗接种率为81.9 %,比XX年提高19.52 %", "新生儿乙肝疫苗接种率为81.9%，比2003年提高19.52个百分点。"),
    ("孕产妇系统管理率为91.56 %,比去年上升2.4%", "孕产妇系统管理率为91.56%，比去年提高2.4个百分点。"),
    ("新法接生率为86.71%,比去年上升0.17%", "新法接生率为86.71%，比去年提高0.17个百分点。"),
    ("住院分娩率48.01 %,比去年上升4.4%", "住院分娩率为48.01%，比去年提高4.4个百分点。"),
    # Five digits are grouped (91,800).
    ("全年免费为91800 名35岁以上的就诊病人测量了血压,对5324名高血压病人实行了建卡管理",
     "全年免费测量了血压的35岁以上就诊病人91,800名。实行了建卡管理的高血压病人5324名。"),
    # 21.62 − 95.62 = −74.00 个百分点, stated where the original gives the two rates.
    ("学生寄生虫感染率由驱虫前的95.62 %下降至21.62 %", "学生寄生虫感染率为21.62%，比驱虫前下降74.00个百分点。"),
    ("举办乡镇信息人员培训班2期,培训乡镇信息人员70人次", "举办乡镇信息人员培训班2期。培训乡镇信息人员70人次。"),
    ("建立率达100%", "乡镇信息室建立率为100%。"),
    ("充实县级项目专家2人", "充实县级项目专家2人。"),
    ("县级项目官员、专家不定期到乡镇卫生院督导86次", "县级项目官员、专家不定期到乡镇卫生院督导86次。"),
]

PIAN09_FIGURES = [
    ("参训人数达300余人/次", "参训人数达300余人/次。"),  # an approximate quantity, kept as stated
    ("参训人数1000余人/次", "参训人数1000余人/次。"),
    # 4651 ÷ 2937 = 1.58358… → 完成计划的158.36%, which the original leaves out.
    ("计划总投资2937万元,实际投资4651万元,实际到位资金4651万元",
     "计划总投资2937万元，实际投资4651万元，完成计划的158.36%。实际到位资金4651万元。"),
    # 490 ÷ 490 and 800 ÷ 800: 完成计划的100.00% added likewise.
    ("项目计划投资490万元,到位资金490万元", "项目计划投资490万元，到位资金490万元，完成计划的100.00%。"),
    ("计划投资800万元,实际到位资金800万元", "计划投资800万元，实际到位资金800万元，完成计划的100.00%。"),
]


@pytest.mark.parametrize(("path", "seed", "figures"), [(XIUSHAN, XIUSHAN_SEED, XIUSHAN_FIGURES),
                                                       (PIAN09, PIAN09_SEED, PIAN09_FIGURES)], ids=["003", "001-篇九"])
def test_each_figure_reads_as_the_original_states_it(path, seed, figures):
    markdown = rendered(path)
    for original, sentence in figures:
        assert original in seed, original
        assert sentence in markdown, sentence


def test_pian09_building_table_adds_up_to_the_stated_investment():
    """The eight 建设内容: six investments as the original states them (300, 2439, 500, 350, 350, 30 = 3969),
    the two it leaves out filled with 400 and 282, so the 合计 is the original's 实际投资4651万元."""
    rows = [line for line in rendered(PIAN09).splitlines() if line.startswith("| ") and "---" not in line]
    amounts = [Decimal(re.split(r" \| ", row)[1]) for row in rows[1:-1]]
    assert [a for a in amounts if a not in (Decimal(400), Decimal(282))] == [
        Decimal(v) for v in ("300", "2439", "500", "350", "350", "30")]
    assert sum(amounts) == Decimal(4651) and rows[-1].startswith("| 合计 | 4651.00 |")


def test_a_stated_total_that_differs_from_the_rows_is_refused():
    data = govreport.load(PIAN09).data.model_dump(mode="json", exclude_unset=True)
    table = data["achievements"][5]["sections"][0]["sections"][0]["table"]
    table["stated_total"] = [None, 4650, None]
    messages = [p.message for p in govreport.validate(data)]
    assert any("4650" in m and "4651" in m for m in messages), messages


@pytest.mark.parametrize("path", [XIUSHAN, PIAN09], ids=["003", "001-篇九"])
def test_the_sample_checks_clean(tmp_path, path):
    out = tmp_path / "report.docx"
    out.write_bytes(govreport.render(govreport.load(path), "docx"))
    assert [f"{f.where} {f.message}" for f in check_file(out)] == []
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 0, result.output
