"""Shares of one named total that add up past 100%.

“基本支出…占一般公共预算支出的84.06%” and “项目支出…占一般公共预算支出的19.62%” are
parts of the same total, so their shares cannot add up to more than 100% beyond the
rounding of the written digits (each share may be half a unit of its last place
high). Neither the parts' amounts nor the total need be written.

Precision first, so only what is surely a set of parts of one total is added:

- the total is named after 占 (up to 的, or up to the figure), the same words once
  spaces and punctuation are set aside, and is an amount of money
  (支出, 收入, 资金…), not a count or a plan (占计划的81.4% is a completion rate);
- one share to one 占: “分别占计划的81.4%、80.2%” is two quantities, not two parts;
- within one section: a heading (一、 （一）) or a new way of dividing
  (按…分类) starts another set, so the same total divided two ways is not added up;
- a share under a 其中 is a part of a part: it is added only with others as deep
  in their paragraph (“基本支出占…84%，其中人员经费占…70%” is not 154%);
- a share said of last year (上年, 去年, 同期) is left out, and a set in which one
  part is named twice or parts are dated in different years is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from .blocks import Block
from .findings import Finding

NAMED = re.compile(r"占(?P<name>[^，。；：、%\d\n]{2,16}?)的?(?:比例|比重)?(?:为|达)?"
                   r"(?P<p>\d+(?:\.\d+)?)%(?![、，]\d)")
# Words a total of money ends with; not a plan, a target or a rate. Counts are left out: their groups overlap
# (60岁以上 and 65岁以上 of 总人口) as a budget's parts do not.
QUANTITY = re.compile(r"(?:支出|收入|资金|经费|拨款|投资|总额|金额|费用|成本)(?:预算|决算|合计|总计)?$")
NOT_PARTS = re.compile(r"计划|任务|目标|率|满意|比例|比重")
CN = "一二三四五六七八九十"
SECTION = re.compile(rf"(?m)^\s*(?:[{CN}]+[、.．]|[（(][{CN}]+[）)]|第[{CN}\d]+[章节部分])"
                     r"|按[^，。；\n]{0,12}?(?:分类|划分)|从[^，。；\n]{1,12}?来?看")
EARLIER = re.compile(r"上年|去年|上一年|同期|年初")
AGGREGATE = re.compile(r"民生|重点|刚性|三保|八项")
"""Parts that gather others (民生支出 holds 教育支出, 卫生健康支出…): a set with one is not a division of its total."""
PART_OF_YEAR = re.compile(r"累计|截[至止]|上半年|下半年|季度|\d{1,2}[—－~-]\d{1,2}月|\d{1,2}月(?:底|末|份)")
"""A share of part of the year (上半年, 截至三季度末累计), which may stand beside the whole year's: not a part."""
YEAR = re.compile(r"20\d\d年")
CLAUSE_END = re.compile(r"[，。；：\n]")
FIGURE = re.compile(r"\d+(?:[.,]\d+)*\s*(?:万|亿)?(?:元|人次|人|名|户|个|%)?|^\s*\d{1,2}[.．、]|[\s“”\"]")


@dataclass(frozen=True)
class Share:
    name: str  # the total's words, spaces and punctuation set aside
    part: str  # the part's words before its share, figures set aside
    year: str
    depth: int  # how many 其中 come before it in its paragraph
    value: Decimal
    slack: Decimal  # half a unit of its last written place
    start: int
    end: int
    name_span: tuple[int, int]


def _part_of(text: str, start: int) -> str:
    """The words naming the part: the clause before 占, or the one before it when 占 opens a clause."""
    clauses = CLAUSE_END.split(text[max(0, start - 60):start])
    lead = clauses[-1] if clauses[-1].strip() or len(clauses) == 1 else clauses[-2]
    return FIGURE.sub("", lead)


def _shares(text: str, start: int, end: int) -> list[Share]:
    found = []
    for m in NAMED.finditer(text, start, end):
        name = re.sub(r"[\s，、（）()“”\"]", "", m.group("name"))
        if not QUANTITY.search(name) or NOT_PARTS.search(name) or text[max(start, m.start() - 2):m.start()] == "分别":
            continue
        clause_start = max(text.rfind(c, start, m.start()) for c in "，。；\n") + 1
        lead = text[max(start, clause_start - 40):m.start()]
        if EARLIER.search(text, clause_start, m.start()) or PART_OF_YEAR.search(text, clause_start, m.start()):
            continue
        paragraph = text.rfind("\n", start, m.start()) + 1
        years = YEAR.findall(lead)
        places = len(m.group("p").split(".")[1]) if "." in m.group("p") else 0
        found.append(Share(name, _part_of(text, m.start()), years[-1] if years else "",
                           text.count("其中", max(start, paragraph), m.start()), Decimal(m.group("p")),
                           Decimal(1).scaleb(-places) / 2, m.start(), m.end(), m.span("name")))
    return found


def _core(part: str) -> str:
    """A part's name without the words every part of a budget ends with (教育支出 → 教育)."""
    return re.sub(r"(?:支出|资金|经费)$", "", part)


def _sections(text: str) -> Iterator[tuple[int, int]]:
    cuts = [0, *(m.start() for m in SECTION.finditer(text)), len(text)]
    for a, b in pairwise(cuts):
        if b > a and "占" in text[a:b]:
            yield a, b


def share_findings(block: Block) -> Iterator[Finding]:
    """One finding for each set of shares of one total, in one section and at one depth, past 100% beyond rounding."""
    text = block.text.text
    if "占" not in text:
        return
    for start, end in _sections(text):
        groups: dict[tuple[str, int], list[Share]] = {}
        for share in _shares(text, start, end):
            groups.setdefault((share.name, share.depth), []).append(share)
        for shares in groups.values():
            if len(shares) < 2 or len({s.year for s in shares if s.year}) > 1:
                continue
            parts = [s.part for s in shares if s.part]
            if len(set(parts)) != len(parts):
                continue  # one part named twice: a repetition, not two parts
            if any(a != b and _core(a) and _core(a) in b for a in parts for b in parts) or any(map(AGGREGATE.search, parts)):
                continue  # categories that overlap (农村教育支出 within 教育支出, 教育支出 within 民生支出), not parts
            total = sum((s.value for s in shares), Decimal(0))
            if total <= 100 + sum((s.slack for s in shares), Decimal(0)):
                continue
            first, last = shares[0], shares[-1]
            name = block.quote(*first.name_span).strip()
            added = "+".join(f"{s.value}%" for s in shares)
            yield Finding("figures", block.where(first.start, last.end), block.excerpt(last.start, last.end, 4),
                          f"“占{name}”的各项占比相加为{added}={total}%，超过100%")
