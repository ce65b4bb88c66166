"""Shares of one named total that add up past 100%, from the shape of a department budget's explanation.

Parts of one total (基本支出, 项目支出 of 一般公共预算支出) cannot have shares above 100% together,
beyond the rounding of the written digits: n shares each written to d places may add up to at most
100 + n × 0.5 × 10^-d. Shares of other totals, of a part of the total, of a plan, and rates are not
parts and are never added.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from .test_check_figures import SETTINGS, _ascii, _figures

PARTS = ("基本支出", "项目支出", "上缴上级支出", "对附属单位补助支出")
TOTALS = ("一般公共预算支出", "本年支出合计", "财政拨款支出")


def _shares_of(target: int, count: int, draws: list[int]) -> list[int]:
    """``count`` positive shares, in units of the last place, adding up to ``target``."""
    firsts = [1 + d % (target // count) for d in draws[:count - 1]]
    return [*firsts, target - sum(firsts)]


@SETTINGS
@given(count=st.integers(2, 4), places=st.sampled_from([0, 1, 2]), over=st.sampled_from([-40, -1, 0, 1, 2, 3, 50, 368]),
       draws=st.lists(st.integers(0, 10_000), min_size=3, max_size=3), total=st.sampled_from(TOTALS),
       of=st.booleans(), amounts=st.booleans(), numbered=st.booleans(), ascii_copy=st.booleans(),
       spaced=st.booleans(), suffix=st.sampled_from([".txt", ".md", ".docx"]))
def test_shares_of_one_total_may_not_add_up_past_100_beyond_rounding(count, places, over, draws, total, of, amounts,
                                                                     numbered, ascii_copy, spaced, suffix):
    unit = 10 ** places
    # “over” counts units of the last place beyond 100%; rounding allows count halves of one.
    shares = [Decimal(s).scaleb(-places) for s in _shares_of(100 * unit + over, count, draws)]
    assume(all(s > 0 for s in shares))
    items = []
    for i, (part, share) in enumerate(zip(PARTS, shares, strict=False)):
        name = total if i == 0 or not spaced else f"{total[:2]} {total[2:]}"
        figure = f"{(i + 1) * 1234}.5 元，" if amounts else ""
        gap = " " if spaced else ""
        mark = f"{i + 1}. " if numbered else ""
        items.append(f"{mark}{part}{figure}占{name}{'的' if of else ''}{gap}{share}%")
    text = "\n".join(f"{item}。" for item in items) if numbered else "；".join(items) + "。"
    found = _figures(_ascii(text) if ascii_copy else text, suffix)
    if Decimal(over) <= Decimal(count) / 2:
        assert found == []
    else:
        added = "+".join(f"{s}%" for s in shares)
        assert found == [f"“占{total}”的各项占比相加为{added}={sum(shares, Decimal(0))}%，超过100%"]


def test_the_two_parts_of_a_budget_in_a_web_copy():
    # 84.06 + 19.62 = 103.68: 项目支出 469500 of 2945760.58 is 15.94%, not 19.62%.
    text = ("1. 基本支出预算 2476260.58 元,占一般公共预算支出\n的84.06%,同比减少 4966.66 元。其中:\n"
            "工资福利支出预算 2016908.34 元,占基本支出预算\n81.45%。\n"
            "2. 项目支出 469500 元,占一般公共预算支出的 19.62%,\n同比增加 70100 元。\n")
    assert _figures(text) == ["“占一般公共预算支出”的各项占比相加为84.06%+19.62%=103.68%，超过100%"]


@pytest.mark.parametrize("text", [
    # Shares of two different totals.
    "基本支出占一般公共预算支出的84.06%；项目支出占政府性基金预算支出的19.62%。",
    # Shares of the total and of a part of it: 84.06 + 15.94 = 100, and 81.45 + 17.99 = 99.44.
    "1. 基本支出占一般公共预算支出的84.06%，其中：工资福利支出占基本支出的81.45%；商品和服务支出占基本支出的17.99%。\n"
    "2. 项目支出占一般公共预算支出的15.94%。",
    # A part of a part, said of the whole total, under 其中.
    "基本支出占一般公共预算支出的84.06%，其中人员经费占一般公共预算支出的70.12%。",
    # Two quantities of one plan, and completion rates.
    "已启动272个村、20506户，分别占计划的81.4%、80.2%；完成10个村、1229户，分别占计划的3%、4.8%。",
    "完成年度计划的95%，占年度计划的95%，占目标任务的90%；执行率98%，到位率100%，增长率12%，满意度96%。",
    # One total divided two ways.
    "按功能分类，教育支出占一般公共预算支出的60%，卫生健康支出占一般公共预算支出的40%。"
    "按经济分类，工资福利支出占一般公共预算支出的70%，商品和服务支出占一般公共预算支出的30%。",
    "（一）教育支出占一般公共预算支出的60%，卫生健康支出占一般公共预算支出的40%。\n"
    "（二）工资福利支出占一般公共预算支出的70%，商品和服务支出占一般公共预算支出的30%。",
    # One part in two years, and last year's share.
    "2024年基本支出占一般公共预算支出的84.06%，2023年基本支出占一般公共预算支出的83.5%。",
    "基本支出占一般公共预算支出的84.06%，上年同期占一般公共预算支出的83.5%。",
    # One total divided two ways in one paragraph, the second way opened by 从…看.
    "中央资金占总资金的60%，省级资金占总资金的40%。从用途看，医疗救助支出占总资金的70%，设备购置支出占总资金的30%。",
    # Part of the year beside the whole year, and a running total.
    "上半年项目支出占全年预算资金的45%，全年项目支出占全年预算资金的98%。",
    "第一季度支出占年度预算支出的30%，截至三季度末累计支出占年度预算支出的80%。",
    # Categories that hold others: 民生支出 holds 教育支出; 农村教育支出 is part of 教育支出.
    "卫生健康支出占一般公共预算支出的12.5%；教育支出占一般公共预算支出的18%，民生支出占一般公共预算支出的80%。",
    "教育支出占一般公共预算支出的60%，农村教育支出占一般公共预算支出的45%。",
])
def test_shares_that_are_not_parts_of_one_total_are_not_added(text):
    assert _figures(text) == []


# 基本支出 is 人员经费 and 公用经费 together, by the budget's classification: a list of the two is whole even
# without 共 or 合计, so their sum must be the total, not merely stay below it.

CENTS = st.integers(100_000, 99_999_999).map(lambda n: Decimal(n).scaleb(-2))


@SETTINGS
@given(staff=CENTS, running=CENTS, off=st.sampled_from(["0", "0.01", "-0.01", "0.02", "-0.02", "29700", "-100.5"]),
       named=st.sampled_from(["一般公共预算基本支出", "基本支出", "2023年本年一般公共预算基本支出"]),
       words=st.sampled_from([("人员经费", "公用经费"), ("人员经费", "日常公用经费"), ("人员经费支出", "公用经费支出")]),
       described=st.booleans(), swapped=st.booleans(), ascii_copy=st.booleans(), suffix=st.sampled_from([".txt", ".docx"]))
def test_basic_spending_is_its_staff_and_running_costs(staff, running, off, named, words, described, swapped,
                                                        ascii_copy, suffix):
    total = staff + running + Decimal(off)
    assume(total > 0)
    note = "，主要包括：基本工资、津贴补贴、绩效工资。\n" if described else "；"
    items = [f"{words[0]}{staff}元", f"{words[1]}{running}元"]
    if swapped:
        items.reverse()
    text = f"六、一般公共预算基本支出情况说明\n{named}{total}元，其中：\n{items[0]}{note}{items[1]}。"
    found = _figures(_ascii(text) if ascii_copy else text, suffix)
    # Three figures to the cent may be off by half a cent each: 0.015 together.
    if abs(Decimal(off)) < Decimal("0.015"):
        assert found == []
    else:
        parts = [staff, running][::-1] if swapped else [staff, running]
        assert found == [f"总数“{total}元”与其中各项之和不符：{parts[0]}元+{parts[1]}元={staff + running}元"]


@pytest.mark.parametrize("text", [
    # Not 基本支出: the list may leave parts out (项目支出), so a sum below the total is no contradiction.
    "一般公共预算支出911000.39元，其中：人员经费809961.19元，公用经费71339.2元。",
    # A third part: the pair is not the whole list as the classification has it.
    "基本支出911000.39元，其中：人员经费809961.19元，公用经费71339.2元，对个人和家庭的补助1000元。",
])
def test_other_lists_under_a_total_without_gong_may_leave_parts_out(text):
    assert _figures(text) == []


@pytest.mark.parametrize(("text", "found"), [
    ("基本支出500万元，其中人员经费300万元，公用经费150万元。", ["总数“500万元”与其中各项之和不符：300万元+150万元=450万元"]),
    ("基本支出500万元，其中人员经费350万元，公用经费150万元。", []),
])
def test_basic_spending_with_qizhong_and_no_colon(text, found):
    """其中 without its colon still opens the list of 人员经费 and 公用经费: 300 + 150 = 450, not 500."""
    assert _figures(text) == found
