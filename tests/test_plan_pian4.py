"""The second 实施方案 sample (seed 002, 第4篇): its outline to four levels and its targets as thresholds."""

from __future__ import annotations

import re

import govreport
from govreport.proofread import check_file

from .conftest import SAMPLES

SAMPLE = SAMPLES / "community_health_education_plan_pian4.yaml"

# 种子 002“第4篇：社区健康教育实施方案”的全部标题，按原文顺序：(层级, 编号, 标题全文)。层级 1 为“一、”级。
# 写法上的归一：
# - 半角的 ( ) , : 写作全角的（ ）、，、：；
# - 原文的 20XX 写作真实年份：“(20XX年—20XX年)”为“（2008年—2010年）”；
# - 标题后接正文的，标题到原文的句号为止（“1.制作健康教育宣传材料。以卫生部……”的标题是“制作健康教育宣传材料”），
#   句号不印在标题中；“1.培训对象包括……专业技术人员,专(兼)职……不少于8学时。”的标题到逗号为止，其后一句是本项的目标；
# - 只有标题的一项以句号结尾：原文已有句号的照旧，“(一)制定健康教育工作制度和工作计划”原文无句号，印出时补上；
# - “(一)制定健康教育工作制度和工作计划”之后的“【基层医疗卫生事业发展下一步工作打算】”是网页插入的链接文字
#   （即下一篇的题目），不是方案的内容，未收入。
OUTLINE = [
    (1, "一、", "项目目标"),
    (2, "（一）", "总目标"),
    (1, "二、", "项目范围与内容"),
    (2, "（一）", "项目范围"),
    (3, "1.", "实施范围：富原社区所属辖区。"),
    (3, "2.", "服务对象：辖区内居民。"),
    (2, "（二）", "项目内容"),
    (3, "1.", "宣传普及《中国公民健康素养—基本知识与技能（试行）》，配合有关部门开展公民健康素养促进行动。"),
    (3, "2.", "重点人群健康教育：对青少年、妇女、老年人、残疾人、0~36个月儿童家长等人群开展健康教育。"),
    (3, "3.", "居民健康教育：开展合理膳食、控制体重、适当运动、心理平衡、改善睡眠、戒烟、限盐、限酒、控制药物依赖等"
              "可干预的健康危险因素基本知识健康教育。"),
    (3, "4.", "重点慢性病和传染病健康教育：开展高血压、糖尿病、冠心病、哮喘、乳腺癌和宫颈癌、结核病、肝炎、艾滋病、"
              "流感、手足口病、狂犬病、鼠疫、布鲁氏菌病等疾病健康教育。"),
    (3, "5.", "公共卫生问题健康教育：开展食品卫生、突发公共卫生事件、职业卫生、放射卫生、环境卫生、饮水卫生、戒毒、"
              "计划生育等卫生问题健康教育。"),
    (1, "三、", "主要任务"),
    (2, "（一）", "制定健康教育工作制度和工作计划。"),
    (2, "（二）", "实施健康教育人员培训"),
    (3, "1.", "培训对象包括社区卫生服务中心负责健康教育工作的妇幼保健、疾病预防控制、医疗、计划生育专业技术人员"),
    (3, "2.", "培训内容包括《中国公民健康素养促进行动工作方案（2008年—2010年）》、《国家基本公共卫生服务规范》"
              "健康教育服务规范、《中国公民健康素养—基本知识与技能（试行）》，健康教育项目专项方案，项目实施要求，"
              "开展健康教育内容、方法、技巧、设备使用等适宜技术，汇总分析健康档案数据反映的主要健康问题及采取针对性"
              "措施的方法，健康教育活动数量、质量、效果评价内容、方法等。"),
    (2, "（三）", "开展健康教育活动"),
    (3, "1.", "制作健康教育宣传材料"),
    (3, "2.", "为辖区居民提供健康教育资料"),
    (4, "（1）", "印制发放健康教育资料"),
    (4, "（2）", "播放音像资料，包括录像带、VCD、DVD等视听传播资料，基层医疗卫生机构于正常应诊时间，"
               "在门诊候诊区或观察室内循环播放。"),
    (3, "3.", "设置健康教育宣传栏"),
    (3, "4.", "开展公众健康咨询活动"),
    (3, "5.", "举办健康教育讲座"),
]

# 原文写在各项中的数量要求，每句按门槛措辞。原文以逗号相连的几项，印作以分号相连的一段；
# 门槛在句中的两句（“每个机构每年提供不少于12种内容的印刷资料”“每月举办健康教育讲座应不少于1次”）与原文一字不差。
TARGET_PARAGRAPHS = [
    "专（兼）职健康教育工作人员每年至少接受上一级健康教育专业知识和技能培训不少于8学时。",
    "每个机构每年提供不少于12种内容的印刷资料。",
    "社区卫生服务中心宣传栏不少于2个；社区卫生服务站宣传栏不少于1个；宣传栏的面积不少于2平方米。",
    "社区卫生服务中心健康教育宣传栏内容每年更新不少于12次；社区卫生服务站每年更新不少于6次。",
    "社区卫生服务中心每年公众健康咨询宣传活动不少于6次。",
    "社区卫生服务中心每月举办健康教育讲座应不少于1次。",
]

NUMBER = re.compile(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|（\d+）")


def markdown() -> str:
    return govreport.render(govreport.load(SAMPLE), "md").decode()


def outline(text: str) -> list[tuple[int, str, str]]:
    """Every heading below the title: (level, number, text after the number)."""
    found = []
    for line in text.splitlines():
        marks, _, heading = line.partition(" ")
        if line.startswith("##") and set(marks) == {"#"}:
            number = NUMBER.match(heading)
            assert number, line
            found.append((len(marks) - 1, number.group(), heading[number.end():]))
    return found


def test_outline_equals_the_originals():
    assert outline(markdown()) == OUTLINE


def test_tasks_nest_to_four_levels():
    levels = [level for level, _, _ in OUTLINE[OUTLINE.index((1, "三、", "主要任务")):]]
    assert max(levels) == 4


def test_title_and_no_chapter_the_original_lacks():
    text = markdown()
    assert text.startswith("# 富原社区2012年健康教育实施方案\n\n## 一、项目目标\n")
    for absent in ("指导思想", "实施步骤", "保障措施", "部门职责", "督导检查", "责任追究"):
        assert absent not in text


def test_each_target_sentence_has_its_threshold_wording():
    paragraphs = markdown().split("\n\n")
    for sentence in TARGET_PARAGRAPHS:
        assert sentence in paragraphs


def test_targets_stand_where_the_original_states_them():
    """宣传栏的个数和面积在设置位置之前，更新次数在其后，如原文。"""
    text = markdown()
    counts = text.index("社区卫生服务中心宣传栏不少于2个")
    where = text.index("宣传栏一般设置在机构的户外")
    updates = text.index("社区卫生服务中心健康教育宣传栏内容每年更新不少于12次")
    assert text.index("#### 3.设置健康教育宣传栏") < counts < where < updates < text.index("#### 4.开展公众健康咨询活动")


def test_the_sample_checks_clean(tmp_path):
    out = tmp_path / "r.docx"
    out.write_bytes(govreport.render(govreport.load(SAMPLE), "docx"))
    assert [f"{f.where} {f.message}" for f in check_file(out)] == []
