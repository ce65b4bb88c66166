"""Writing numbers, money, dates and 文号 (docs/figures.md “写法”, GB/T 9704 heading numbers)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from govreport.figures.counts import change
from govreport.format.docnumber import normalise_doc_number
from govreport.format.numbers import amount, change_phrase, number, percent, points
from govreport.format.numerals import chinese_count, date_arabic, date_chinese, heading_number
from govreport.format.uppercase import rmb_upper


@pytest.mark.parametrize(("value", "text"), [
    ("107000.53", "壹拾万零柒仟元零伍角叁分"),
    ("120000", "壹拾贰万元整"),
    ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
    ("10.00", "壹拾元整"),
    ("0", "零元整"),
    ("-5", "负伍元整"),
    ("12345.67", "壹万贰仟叁佰肆拾伍元陆角柒分"),
    ("1409.50", "壹仟肆佰零玖元伍角整"),
    ("10024.00", "壹万零贰拾肆元整"),
    ("2354350320.00", "贰拾叁亿伍仟肆佰叁拾伍万零叁佰贰拾元整"),
    ("100000005.00", "壹亿零伍元整"),
    ("0.08", "捌分"),
    ("0.50", "伍角整"),
    ("100010000", "壹亿零壹万元整"),
])
def test_rmb_uppercase(value, text):
    assert rmb_upper(D(value)) == text


@pytest.mark.parametrize(("value", "digits", "text"), [
    (D(8500), None, "8500"),
    (D(20000), None, "20,000"),
    (D("12345.67"), 2, "12,345.67"),
    (D("1094"), 2, "1094.00"),
    (D("9999.995"), 2, "10,000.00"),
    (D("0.6"), 2, "0.60"),
    (D("99.2"), None, "99.2"),
    (D("93.75"), 1, "93.8"),
    (D("-12345"), 0, "-12,345"),
])
def test_numbers(value, digits, text):
    assert number(value, digits) == text


def test_amount_percent_points():
    assert amount(D("1200")) == "1200.00"
    assert percent(D("95.8333")) == "95.83%"
    assert percent(D("93.75"), 1) == "93.8%"
    assert percent(None) == "—"
    assert points(D("1.04")) == "1.04个百分点"


def test_change_wording_follows_the_sign():
    assert change_phrase(change(D("2.53"), D("1.49"), is_rate=True)) == "提高1.04个百分点"
    assert change_phrase(change(D("21.62"), D("95.62"), is_rate=True)) == "下降74.00个百分点"
    assert change_phrase(change(D("5"), D("5"), is_rate=True)) == "持平"
    assert change_phrase(change(D(97), D(100), is_rate=False), growth=True) == "下降3.00%"


def test_dates():
    assert date_arabic(dt.date(2026, 1, 20)) == "2026年1月20日"
    assert date_chinese(dt.date(2026, 1, 20)) == "二〇二六年一月二十日"
    assert date_chinese(dt.date(2004, 12, 20)) == "二〇〇四年十二月二十日"
    assert date_chinese(dt.date(2031, 11, 31 - 1)) == "二〇三一年十一月三十日"
    assert "○" not in date_chinese(dt.date(2000, 10, 1)) and "零" not in date_chinese(dt.date(2000, 10, 1))


def test_heading_numbers():
    assert [heading_number(1, n) for n in (1, 9, 10, 11, 20, 21)] == ["一、", "九、", "十、", "十一、", "二十、", "二十一、"]
    assert heading_number(2, 3) == "（三）"
    assert heading_number(3, 2) == "2."
    assert heading_number(4, 1) == "（1）"
    assert chinese_count(99) == "九十九"


@pytest.mark.parametrize(("raw", "fixed"), [
    ("三民发〔2026〕3号", "三民发〔2026〕3号"),
    ("三民发[2026]3号", "三民发〔2026〕3号"),
    ("三民发【2026】第03号", "三民发〔2026〕3号"),
    ("三民发（2026）12号", "三民发〔2026〕12号"),
    ("三民发(2026)003号", "三民发〔2026〕3号"),
])
def test_doc_numbers(raw, fixed):
    assert normalise_doc_number(raw) == fixed


def test_not_a_doc_number():
    assert normalise_doc_number("第三号文件") is None


def test_a_quoted_name_keeps_its_own_quotes_single():
    from govreport.format.sentence import quoted

    assert quoted("救助资金“一站式”结算率") == "“救助资金‘一站式’结算率”"
    assert quoted("门诊救助人次") == "“门诊救助人次”"
