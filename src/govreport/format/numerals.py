"""Chinese numerals: heading numbers 一、（一）1.（1） and dates written 二〇二六年一月二十日."""

from __future__ import annotations

import datetime as dt

DIGITS = "〇一二三四五六七八九"  # the zero is 〇 U+3007, not ○ or 零


def chinese_count(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 21 → 二十一 (1–99)."""
    if not 0 < n < 100:
        raise ValueError(f"heading numbers run from 1 to 99, not {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


HEADING_FORMS = {
    1: lambda n: f"{chinese_count(n)}、",
    2: lambda n: f"（{chinese_count(n)}）",
    3: lambda n: f"{n}.",
    4: lambda n: f"（{n}）",
}


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
