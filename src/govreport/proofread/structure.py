"""Heading numbering, dates and document numbers: the GB/T 9704 conventions (templates/gbt9704.yaml), read from the text.

Headings are 一、 → （一） → 1. → （1）: a 顿号 after a Chinese numeral,
full-width parentheses with nothing after them, a full stop after an Arabic
numeral. Within one parent each level counts 1, 2, 3 without gaps or
repeats, in one style; so do the items numbered inside one paragraph
(“…4.完成…。4.对受理的…” repeats 4). A copy punctuated in ASCII (web pages, PDFs)
is not told that its “(一)” should be “（一）”: the brackets were the copy's. A
text that opens in the middle of a document (its first heading is not of the top
level) is not told that the numbers before its first headings are missing.

Dates are written 2026年1月20日 (no zero padding) in one style throughout; a web
page's own catalogue lines (发布日期, 索引号…) are not the document's text.

A 发文字号 (机关代字〔年份〕序号号) puts its year in 〔〕 and has no 第 and no
leading zeros. Only a number of that shape is read as one: a firm's report number
(上会湘报字(2022)第0001号) or a contract number is left alone. The fix is offered
only where the number stands where a 公文 puts one — after a 《title》, after
根据/依据, before 文件/通知/要求, under a 文号 label or on a line of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..format.numerals import chinese_count, chinese_value, heading_number
from ..vocabulary.words import HEADING_NUMBERS
from .findings import Finding, excerpt
from .normalize import ascii_punctuated
from .passages import Document, Passage


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
        body = document.body()
        document.found["headings"] = list(headings(body, ascii_punctuated(["\n".join(p.text for p in body)])))
    return document.found["headings"]


ASCII_BRACKETS = str.maketrans("()", "（）")


def headings(passages: list[Passage], ascii_copy: bool = False) -> Iterator[Heading]:
    """Numbered headings; in a copy punctuated in ASCII, its “(一)” is read as the “（一）” it stands for."""
    for passage in passages:
        text = passage.text.lstrip(" \u3000\t")
        for level, pattern, _ in HEADING_NUMBERS:
            m = pattern.match(text)
            if m and (value := _value(m.group("n"))) is not None:
                if level == 1 and m.group("mark") in ".．，,：:" and len(text) > 60:
                    break  # 一.…, 二，… in running text is more likely a list in a sentence
                style = m.group(0).replace(m.group("n"), "n")
                yield Heading(passage, level, value, style.translate(ASCII_BRACKETS) if ascii_copy else style, m.group(0))
                break


def numbering_findings(document: Document) -> Iterator[Finding]:
    found = document_headings(document)
    body = document.body()
    opening = next((p for p in body if p.text.strip()), None)
    # The text starts at the top of a document when its first heading is of the top level and nothing but a
    # title (a short line that ends no sentence) comes before it; a copy of page 3 starts with prose.
    from_the_top = bool(found) and found[0].level == 1 and (
        opening is found[0].passage or (opening is not None and len(opening.text.strip()) <= 40
                                        and not re.search(r"[。；，,.;]$", opening.text.strip())))
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
        elif heading.number > (previous or 0) + 1 and (previous is not None or from_the_top):
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


ANY_DATE = re.compile(r"(?:19|20)\d{2}[年\-./]")


def date_findings(document: Document) -> Iterator[Finding]:
    styles: Counter[str] = Counter()
    seen: list[tuple[str, Passage, re.Match[str]]] = []
    for passage in document.passages:
        if passage.kind in ("property", "furniture") or not ANY_DATE.search(passage.text):
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
    r"(?P<agency>[\u4e00-\u9fff]{1,12})(?P<open>[\[［(（【{﹝〔])\s*(?P<y>(?:19|20)\d{2})\s*(?P<close>[\]］)）】}﹞〕])"
    r"\s*(?P<di>第)?\s*(?P<n>\d{1,5})\s*号"
)
YEAR_IN_BRACKETS = re.compile(r"[\[［(（【{﹝〔]\s*(?:19|20)\d{2}\s*[\]］)）】}﹞〕]")
NOT_A_DOCUMENT = re.compile(r"合同|协议|编号|案号|证书|许可|批次")
CITED = re.compile(r"(?:》\s*[（(]?|[（(]\s*|文号[:：]?\s*|发文字号[:：]?\s*|文件编号[:：]?\s*)$")
BY = re.compile(r"^(?:根据|依据|按照|依照|参照|据)")
AFTER = re.compile(r"^\s*[）)]?\s*(?:文件|文|通知|精神|规定|要求|印发|有关)")


def _placed_as_document_number(text: str, m: re.Match[str]) -> bool:
    """Where a 公文 puts a 发文字号: after a 《title》 or a 文号 label, after 根据/依据, before 文件/通知/要求,
    or on a line of its own."""
    before = text[:m.start("agency")]
    return bool(CITED.search(before) or BY.match(m.group("agency")) or AFTER.match(text[m.end():])
                or not (before.strip() or text[m.end():].strip()))


def docnumber_findings(document: Document) -> Iterator[Finding]:
    for passage in document.passages:
        if "号" not in passage.text or not YEAR_IN_BRACKETS.search(passage.text):
            continue
        for m in DOC_NUMBER.finditer(passage.text):
            padded = len(m.group("n")) > 1 and m.group("n").startswith("0")
            if m.group("open") == "〔" and m.group("close") == "〕" and not m.group("di") and not padded:
                continue
            agency = m.group("agency")
            if (agency.endswith("字") and (m.group("di") or padded)) or NOT_A_DOCUMENT.search(
                    passage.text[max(0, m.start("agency") - 8):m.start("open")]):
                continue  # a firm's report number (…审字(2022)第0001号) or a contract's: not a 发文字号
            written = passage.text[m.start("open"):m.end()]
            fixed = f"〔{m.group('y')}〕{int(m.group('n'))}号"
            rule = "发文字号的年份应用六角括号〔〕、序号前不加“第”" + ("、不编虚位" if padded else "")
            if _placed_as_document_number(passage.text, m):
                yield Finding("docnumber", passage.where, excerpt(passage.text, m.start("open"), m.end()),
                              f"{rule}：“{written}”应为“{fixed}”", (written, fixed))
            else:
                yield Finding("docnumber", passage.where, excerpt(passage.text, m.start("open"), m.end()),
                              f"{rule}：“{written}”若是发文字号，应为“{fixed}”（未自动修正：看不出它是发文字号）")


INLINE_ITEM = re.compile(r"(?:^|(?<=[。；;！？!?：:\s]))(?:(?P<a>\d{1,2})[.．、]|[（(](?P<b>\d{1,2})[）)])(?!\d)")


FIRST_ITEM = re.compile(r"(?:^|[。；;！？!?：:\s])(?:1[.．、]|[（(]1[）)])")


def list_findings(document: Document) -> Iterator[Finding]:
    """Items numbered inside one paragraph (“1.…。2.…。3.…”) must not repeat a number."""
    for passage in document.passages:
        if passage.kind not in ("body", "cell") or len(passage.text) < 20 or not FIRST_ITEM.search(passage.text):
            continue
        found = list(INLINE_ITEM.finditer(passage.text))
        for style in ("a", "b"):
            items = [m for m in found if m.group(style)]
            numbers = [int(m.group(style)) for m in items]
            if len(numbers) < 3 or numbers[0] != 1:
                continue
            for i in range(1, len(numbers)):
                if numbers[i] == numbers[i - 1] and all(n == k + 1 for k, n in enumerate(numbers[:i])):
                    m = items[i]
                    yield Finding("numbering", passage.where, excerpt(passage.text, m.start(), m.end()),
                                  f"段内列项序号“{m.group(0).strip()}”重复，上一项也是{numbers[i]}")
                    break
