"""Chinese numerals: heading numbers 一、（一）1.（1） and dates written 二〇二六年一月二十日."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

DIGITS = "〇一二三四五六七八九"  # the zero is 〇 U+3007, not ○ or 零


PLACES = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
WAN = 10000
COUNT_LIMIT = WAN * WAN  # 一亿: no heading list comes near it


def chinese_count(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 100 → 一百, 101 → 一百零一, 110 → 一百一十, 10010 → 一万零一十.

    GB/T 9704 numbers headings in Chinese numerals however many there are, so a
    hundredth work item is （一百）, not an error.
    """
    if not 0 < n < COUNT_LIMIT:
        raise ValueError(f"heading numbers run from 1 to {COUNT_LIMIT - 1}, not {n}")
    high, low = divmod(n, WAN)
    if not high:
        return _below_wan(low, leading=True)
    return _below_wan(high, leading=True) + "万" + ("零" if 0 < low < 1000 else "") + _below_wan(low, leading=False)


def _below_wan(n: int, *, leading: bool) -> str:
    """0–9999; one 零 for a run of zeros between digits; 十 without 一 only at the very start (十五, but 一百一十五)."""
    text, gap = "", False
    for size, place in PLACES:
        digit, n = divmod(n, size)
        if not digit:
            gap = bool(text)
            continue
        shown = "" if digit == 1 and size == 10 and leading and not text else DIGITS[digit]
        text += ("零" if gap else "") + shown + place
        gap = False
    return text


def chinese_value(text: str) -> int | None:
    """The number a Chinese numeral written as ``chinese_count`` writes it stands for; None for anything else."""
    total = section = digit = 0
    for char in text:
        if char in DIGITS[1:]:
            digit = DIGITS.index(char)
        elif char in "十百千":
            section += (digit or 1) * {"十": 10, "百": 100, "千": 1000}[char]
            digit = 0
        elif char == "万":
            total, section, digit = (section + digit) * WAN, 0, 0
        elif char != "零":
            return None
    value = total + section + digit
    return value if 0 < value < COUNT_LIMIT and chinese_count(value) == text else None


HEADING_FORMS = {
    1: lambda n: f"{chinese_count(n)}、",
    2: lambda n: f"（{chinese_count(n)}）",
    3: lambda n: f"{n}.",
    4: lambda n: f"（{n}）",
}


def item_level(texts: Iterable[str]) -> int:
    """The level a numbered list takes: 3 (1. 2. 3.), or 4 (（1）（2）（3）) when an item begins with a figure.

    "1." before "2026年增设…" reads as the number 1.2026; the closed （1） cannot run
    into the figure, and the whole list changes so that its numbering stays uniform.
    """
    return 4 if any(text[:1].isdecimal() for text in texts) else 3


def heading_number(level: int, n: int) -> str:
    """The number of the n-th heading at a level: 一、 （一） 1. （1）."""
    return HEADING_FORMS[level](n)


def date_arabic(day: dt.date) -> str:
    """2026年1月20日: full year, no zero padding."""
    return f"{day.year}年{day.month}月{day.day}日"


def date_chinese(day: dt.date) -> str:
    """二〇二六年一月二十日: the form some signatures (落款) use."""
    year = "".join(DIGITS[int(d)] for d in str(day.year))
    return f"{year}年{chinese_count(day.month)}月{chinese_count(day.day)}日"


def date_text(day: dt.date, style: str = "arabic") -> str:
    return date_chinese(day) if style == "chinese" else date_arabic(day)
