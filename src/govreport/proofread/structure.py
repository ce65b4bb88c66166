"""Heading numbering, dates and document numbers: the conventions of layout.md, read from the text.

Headings are 一、 → （一） → 1. → （1）: a 顿号 after a Chinese numeral,
full-width parentheses with nothing after them, a full stop after an Arabic
numeral. Within one parent each level counts 1, 2, 3 without gaps or
repeats, in one style. Dates are written 2026年1月20日 (no zero padding) in
one style throughout; a 发文字号 puts its year in 〔〕 and has no 第.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..format.numerals import chinese_count, chinese_value, heading_number
from .findings import Finding, excerpt
from .passages import Document, Passage

CN = "一二三四五六七八九十百千万零〇"
HEADINGS = (
    (1, re.compile(rf"^(?P<n>[{CN}]+)(?P<mark>[、.．，,：:])"), "、"),
    (2, re.compile(rf"^(?P<open>[（(])(?P<n>[{CN}]+)(?P<close>[）)])(?P<mark>[、.．，,]?)"), ""),
    # 1.2026年… is item 1 on the year 2026 (a decimal is not followed by 年 after four places), not 1.2026
    (3, re.compile(r"^(?P<n>\d{1,2})(?P<mark>[.．、，,])(?:(?!\d)|(?=(?:19|20)\d{2}年))"), "."),
    (4, re.compile(r"^(?P<open>[（(])(?P<n>\d{1,2})(?P<close>[）)])(?P<mark>[、.．，,]?)"), ""),
)


@dataclass
class Heading:
    passage: Passage
    level: int
    number: int
    style: str  # the numbering as written, number replaced by n: "n、", "（n）、"…
    text: str  # the numbering itself as written


def _value(n: str) -> int | None:
    return int(n) if n.isdigit() else chinese_value(n)


def document_headings(document: Document) -> list[Heading]:
    """The numbered headings of the body, worked out once per document (numbering and layout both use them)."""
    if "headings" not in document.found:
        document.found["headings"] = list(headings(document.body()))
    return document.found["headings"]


def headings(passages: list[Passage]) -> Iterator[Heading]:
    for passage in passages:
        text = passage.text.lstrip(" \u3000\t")
        for level, pattern, _ in HEADINGS:
            m = pattern.match(text)
            if m and (value := _value(m.group("n"))) is not None:
                if level == 1 and m.group("mark") in ".．，,：:" and len(text) > 60:
                    break  # 一.…, 二，… in running text is more likely a list in a sentence
                style = m.group(0).replace(m.group("n"), "n")
                yield Heading(passage, level, value, style, m.group(0))
                break


def numbering_findings(document: Document) -> Iterator[Finding]:
    found = document_headings(document)
    last: dict[int, int] = {}
    groups: dict[tuple[int, tuple[int, ...]], list[Heading]] = {}
    for heading in found:
        level, where, text = heading.level, heading.passage.where, heading.passage.text
        if heading.style != heading_number(level, 1).replace("一", "n").replace("1", "n"):
            fixed = heading_number(level, heading.number)
            yield Finding("numbering", where, excerpt(text, 0, len(heading.text)),
                          f"{level}级标题编号应写作“{fixed}”，文中为“{heading.text}”", (heading.text, fixed))
        previous = last.get(level)
        if previous is not None and heading.number == previous:
            yield Finding("numbering", where, excerpt(text, 0, len(heading.text)), f"{level}级标题编号“{heading.text}”重复")
        elif heading.number > (previous or 0) + 1:
            missing = "、".join(str(n) if level > 2 else chinese_count(n) for n in range((previous or 0) + 1, heading.number))
            yield Finding("numbering", where, excerpt(text, 0, len(heading.text)),
                          f"{level}级标题编号跳号：“{heading.text}”之前缺少{missing}")
        last[level] = heading.number
        for deeper in [k for k in last if k > level]:
            del last[deeper]
        parent = tuple(last.get(k, 0) for k in range(1, level))
        groups.setdefault((level, parent), []).append(heading)
    for (level, _), members in groups.items():
        counts = Counter(h.style for h in members)
        if len(counts) > 1:
            shown = "、".join(f"“{s.replace('n', '1' if level > 2 else '一')}”{c}处" for s, c in counts.most_common())
            first = next(h for h in members if h.style != counts.most_common(1)[0][0])
            yield Finding("numbering", first.passage.where, excerpt(first.passage.text, 0, len(first.text)),
                          f"同一级（{level}级）标题编号写法不一致：{shown}")


DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?")
OTHER_DATES = {
    "2026-01-20": re.compile(r"(?<![\d.])(?:19|20)\d{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?![\d.])"),
    "2026.1.20": re.compile(r"(?<![\d.])(?:19|20)\d{2}\.(?:0?[1-9]|1[0-2])\.(?:0?[1-9]|[12]\d|3[01])(?![\d.])"),
    "2026/1/20": re.compile(r"(?<![\d/])(?:19|20)\d{2}/(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?![\d/])"),
}


def date_findings(document: Document) -> Iterator[Finding]:
    styles: Counter[str] = Counter()
    seen: list[tuple[str, Passage, re.Match[str]]] = []
    for passage in document.passages:
        if passage.kind == "property":
            continue
        for m in DATE.finditer(passage.text):
            if m.group("d"):
                styles["2026年1月20日"] += 1
                seen.append(("2026年1月20日", passage, m))
            padded = m.group("m").startswith("0") or (m.group("d") or "").startswith("0")
            if padded:
                fixed = f"{m.group('y')}年{int(m.group('m'))}月" + (f"{int(m.group('d'))}日" if m.group("d") else "")
                yield Finding("date", passage.where, excerpt(passage.text, m.start(), m.end()),
                              f"日期不补零：“{m.group(0)}”应为“{fixed}”", (m.group(0), fixed))
        for style, pattern in OTHER_DATES.items():
            for m in pattern.finditer(passage.text):
                styles[style] += 1
                seen.append((style, passage, m))
    if len(styles) > 1:
        main = styles.most_common(1)[0][0]
        counts = "、".join(f"“{s}”式{c}处" for s, c in styles.most_common())
        for style, passage, m in seen:
            if style != main:
                yield Finding("date", passage.where, excerpt(passage.text, m.start(), m.end()),
                              f"日期写法不统一（{counts}），本处“{m.group(0)}”与全文的“{main}”式不同")


DOC_NUMBER = re.compile(
    r"(?<=[\u4e00-\u9fff])(?P<open>[\[［(（【{﹝〔])(?P<y>(?:19|20)\d{2})(?P<close>[\]］)）】}﹞〕])\s*(?P<di>第)?\s*(?P<n>\d{1,4})\s*号"
)


def docnumber_findings(document: Document) -> Iterator[Finding]:
    for passage in document.passages:
        for m in DOC_NUMBER.finditer(passage.text):
            if m.group("open") == "〔" and m.group("close") == "〕" and not m.group("di"):
                continue
            fixed = f"〔{m.group('y')}〕{m.group('n')}号"
            yield Finding("docnumber", passage.where, excerpt(passage.text, m.start(), m.end()),
                          f"发文字号的年份应用六角括号〔〕、序号前不加“第”：“{m.group(0)}”应为“{fixed}”", (m.group(0), fixed))
