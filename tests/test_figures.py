"""Figures against values worked out by hand from figures.md."""

from decimal import Decimal as D

import pytest

import govreport
from govreport.figures.counts import change
from govreport.figures.funds import execution_score, fund_figures
from govreport.figures.rounding import round_half_up
from govreport.figures.scoring import ScoringProfile, completion_rate, grade, indicator_score


def test_round_half_up_is_not_bankers_rounding():
    assert round_half_up(D("2.675")) == D("2.68")
    assert round_half_up(D("0.125")) == D("0.13")
    assert round_half_up(D("93.8125"), 1) == D("93.8")
    assert round_half_up(D("-2.675")) == D("-2.68")


def test_contract_example_funds(example):
    fig = govreport.load(example).figures.funds
    assert (fig.total.budget, fig.total.received, fig.total.spent) == (D(1200), D(1150), D("1094.00"))
    assert round_half_up(fig.total.arrival_rate) == D("95.83")  # 1150 / 1200
    assert round_half_up(fig.total.execution_rate) == D("91.17")  # 1094 / 1200
    assert round_half_up(fig.total.usage_rate) == D("95.13")  # 1094 / 1150
    assert [round_half_up(u.share) for u in fig.uses] == [D("59.63"), D("29.76"), D("10.60")]
    assert fig.execution_score == D("9.12")  # 10 × 0.91166…


def test_contract_example_scores_total_and_grade(example):
    fig = govreport.load(example).figures
    assert [i.score for i in fig.indicators] == [
        D("20.00"), D("9.00"), D("10.00"), D("9.20"), D("15.00"), D("11.25"), D("10.00")]
    assert fig.indicator_total == D("84.45")
    assert fig.total == D("93.57")
    assert fig.grade == "优"
    assert fig.met == 4
    assert [None if c is None else round_half_up(c) for c in (i.completion for i in fig.indicators)] == [
        D("106.25"), D("90.00"), D("101.22"), D("92.59"), D("166.67"), None, D("103.89")]


def test_execution_score_is_capped_at_ten():
    assert execution_score(D(1300), D(1200)) == D("10.00")
    assert execution_score(D(0), D(1200)) == D("0.00")


@pytest.mark.parametrize(("op", "target", "actual", "expected"), [
    (">=", D(8000), D(8500), D("20.00")),   # exceeded: never above the weight
    (">=", D(20000), D(18000), D("18.00")),  # 20 × 0.9
    ("=", D(100), D(95), D("19.00")),
    (">=", D(0), D(3), D("20.00")),          # t = 0: full if a ≥ 0
    ("<=", D(1500), D(1620), D("18.40")),    # linear: 20 × (1 − 120/1500)
    ("<=", D(1500), D(3000), D("0.00")),     # twice the target → 0
    ("<=", D(1500), D(4000), D("0.00")),     # beyond: still 0, not negative
    ("<=", D(1), D("0.6"), D("20.00")),
])
def test_quantitative_scores(op, target, actual, expected):
    assert indicator_score(op, target, actual, D(20)) == expected


def test_reverse_ratio_profile():
    ratio = ScoringProfile(reverse="ratio")
    assert indicator_score("<=", D(1500), D(1620), D(10), profile=ratio) == D("9.26")  # 10 × 1500/1620
    assert indicator_score("<=", D(1500), D(3000), D(10), profile=ratio) == D("5.00")


def test_qualitative_scores():
    assert indicator_score("qualitative", "建立", "已建立", D(15), rating="达成") == D("15.00")
    assert indicator_score("qualitative", "建立", "已建立", D(15), rating="达成", ratio=D("0.9")) == D("13.50")
    assert indicator_score("qualitative", "建立", "基本", D(15), rating="部分达成", ratio=D("0.75")) == D("11.25")
    assert indicator_score("qualitative", "建立", "未", D(15), rating="未达成", ratio=D("0.3")) == D("4.50")


def test_given_score_is_used_as_is():
    assert indicator_score(">=", D(10), D(1), D(20), given=D("17.5")) == D("17.50")


def test_completion_rates():
    assert completion_rate(">=", D(8000), D(8500)) == D("106.25")
    assert completion_rate("<=", D(1500), D(1620)).quantize(D("0.01")) == D("92.59")
    assert completion_rate("qualitative", "建立", "基本建立") is None


@pytest.mark.parametrize(("total", "name"), [
    (D("93.57"), "优"), (D("90.00"), "优"), (D("89.99"), "良"), (D("80"), "良"),
    (D("79.99"), "中"), (D("60"), "中"), (D("59.99"), "差"), (D("0"), "差"),
])
def test_grade_bands(total, name):
    assert grade(total) == name


def test_shares_are_rounded_independently():
    fig = fund_figures("万元", [("a", D(3), D(3), D(3))], [("x", D(1)), ("y", D(1)), ("z", D(1))])
    assert [round_half_up(u.share) for u in fig.uses] == [D("33.33")] * 3  # 99.99%, left as it is


def test_changes_of_rates_are_points_and_of_counts_percent():
    rate = change(D("2.53"), D("1.49"), is_rate=True)
    assert (rate.amount, rate.direction, rate.in_points) == (D("1.04"), "up", True)
    count = change(D(1138), D(740), is_rate=False)
    assert count.direction == "up" and round_half_up(count.amount) == D("53.78")
    fall = change(D("21.62"), D("95.62"), is_rate=True)
    assert (fall.amount, fall.direction) == (D("74.00"), "down")
    assert change(D(5), D(0), is_rate=False) is None


def test_sanya_sample_by_hand():
    """samples/sanya_health_poverty_2025.json worked out by hand."""
    from .conftest import SAMPLES

    fig = govreport.load(SAMPLES / "sanya_health_poverty_2025.json").figures
    # 15 + 10 + 5×0.9 + 10 + 5×92.4/95 (4.8631… → 4.86) + 5×(1 − 120/1500) + 15 + 15×0.75 + 10
    assert [i.score for i in fig.indicators] == [
        D("15.00"), D("10.00"), D("4.50"), D("10.00"), D("4.86"), D("4.60"), D("15.00"), D("11.25"), D("10.00")]
    assert fig.indicator_total == D("85.21")
    assert fig.total == D("94.33") and fig.grade == "优" and fig.met == 5
    assert (fig.findings.count, fig.findings.amount, fig.findings.rectified) == (2, D("15.9"), 1)
