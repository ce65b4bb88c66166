"""Figures in the text that contradict each other, and changes of a rate written in %.

Read from normalised text (``normalize``), a paragraph at a time across the lines
a copy broke (``blocks``):

- A stated total and its parts: the figures after 其中, 分别为 or 包括, in the
  total's unit family (人/名/人次 count together; 元/万元/亿元 are money), name
  first (“住院515人次”) or figure first (“30万元用于…”), across “；” when the items
  are written alike or, after “其中：”, each named in a few words. A 其中 that
  opens a sentence or a paragraph reaches the total at the end of the one before
  (“共完成89.97万元。其中：…”); one that ends its line lists the lines after it;
  one in brackets ends with them. The share or change
  said of a part (“…元，占81.25%，同比减少…元”) is passed over. An exact total
  (共/合计/累计/总计) must equal the sum; one without may leave parts out, so only a
  sum above it is wrong — except 基本支出 listed as 人员经费 and 公用经费, which are
  all of it by the budget's classification. 超过/逾/余/多 T means from T up to the next step of T's
  last non-zero digit (超过8000: 8000–8999); 近 T the same step below.
- A part's share (占…P%, 占比P%) of the total its 其中 list is under, or of the
  total it names (占基本支出预算…), there or anywhere in the text where that total
  is written with one value only; in one clause, a share of an exact total;
  an execution or arrival rate (执行率, 到位率, 支出率, 拨付率) of the planned and
  spent amounts named before it.
- A change stated with both its amount and its rate (“增加189.25万元，增长30.39%”)
  against the amount it changed to; the rate must be the change over last year's
  amount. Where both years' amounts are written (“本年收入120万元，上年收入100万元，
  增加20万元，增长20%”, “2023年…，2022年…，增长率为…”), the change and the rate after
  them must follow from the two; so must each of figures paired with 各 (“收、支
  总计各是a，b万元。…各减少c，d万元，各下降x%、y%”).
- A total score and the grade written with it (“总分98.95分，等级为优”), the
  national bands with five points' leeway for provinces that draw them elsewhere.
- “率为2.53%，比去年提高1.04%”: a change of a percentage is in 个百分点.

Every figure may have been rounded to the places it is written with; a sum or a
rate is wrong only when no such rounding explains it. A rate is rounded half-up
(四舍五入): 99.38% written 99.3% is wrong. Messages use the document's units.
Precision first: a sentence the rules cannot read with confidence raises nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

from ..figures.scoring import grade as grade_of
from ..vocabulary.scoring import GRADES, LOWEST_GRADE
from .amounts import (
    EXACT,
    MULTIPLIERS,
    Amount,
    amounts,
    in_unit_of,
    percent,
    percent_shown,
    places_of,
    rate_agrees,
    ratio_bounds,
)
from .blocks import Block, document_blocks
from .findings import Finding
from .passages import Document, Passage
from .shares import share_findings

SENTENCE = re.compile(r"[^。！？\n]+")
OPENER = re.compile(r"其中|分别为|分别是|包括")
SEPARATOR = re.compile(r"[；，、：]")
# Words that open a new statement before a figure, so the figure is not one more part of a list.
NEW_STATEMENT = re.compile(r"其中|(?<!公)共|合计|累计|总计|人均|平均|(?<![平人])均|同比|比上年|比去年|较上年|销售|实现|筹集|"
                           r"发放|支付|减免|补偿|报销|完成|开展|投入|使用|拨付|下达|结余|节约|占|增加|减少|增长|下降|执行|到位")


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in SENTENCE.finditer(text)]


def _sentence_of(sentences: list[tuple[int, int]], position: int) -> int:
    i = bisect_right(sentences, (position, float("inf"))) - 1
    return i if i >= 0 and sentences[i][0] <= position < sentences[i][1] else -1


def _follows(text: str, sentences: list[tuple[int, int]], index: int, paragraph: bool = True) -> bool:
    """Sentence ``index`` comes right after the one before it: only stops (and, across paragraphs, a break) between."""
    if index <= 0:
        return False
    gap = text[sentences[index - 1][1]:sentences[index][0]]
    return not gap.strip("。！？ \n" if paragraph else "。！？ ")


def _within(found: list[Amount], start: int, end: int) -> list[Amount]:
    """The figures inside text[start:end] (``found`` is in text order)."""
    i = bisect_left(found, start, key=lambda a: a.start)
    inside = []
    while i < len(found) and found[i].start < end:
        if found[i].end <= end:
            inside.append(found[i])
        i += 1
    return inside


def _tolerance(figures: list[Amount]) -> Decimal:
    """How far the written figures may be from exact ones together: half a unit of the finest places, per figure."""
    return sum((_half(figure, *figures) for figure in figures), Decimal(0))


def _sum_allowed(total: Amount, parts: list[Amount], parts_sum: Decimal, exact: bool) -> bool:
    t = total.value
    step = max(total.step, t / 10)
    if total.approx == "above":
        return t <= parts_sum < t + step
    if total.approx == "below":
        return t - step < parts_sum <= t
    if total.approx == "about":
        return abs(parts_sum - t) <= step / 2
    slack = _tolerance([total, *parts])
    if exact:
        return abs(parts_sum - t) < slack or parts_sum == t
    return parts_sum < t + slack or parts_sum == t


def _scope_end(text: str, opener: re.Match[str], sentence_end: int) -> int:
    """A 其中 inside brackets lists only up to the closing bracket."""
    before = text[:opener.start()]
    if before.rfind("（") > before.rfind("）"):
        close = text.find("）", opener.end(), sentence_end)
        return close if close >= 0 else sentence_end
    return sentence_end


UP = "增加|增长|增收|增支|上升|提高"
DOWN = "减少|下降|减收|减支|降低"
CHANGED = re.compile(rf"(?:{UP}|{DOWN})了?$")
LEAD = re.compile(r"[；，、：。\n]")
ITEM_MARK = re.compile(r"\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d))")


def _a_change(text: str, amount: Amount) -> bool:
    """A figure stated as a change (“同比减少148979.48元”): said of the part before it, not a part itself."""
    return bool(CHANGED.search(text, max(0, amount.start - 4), amount.start))


def _parts(text: str, found: list[Amount], start: int, end: int, total: Amount,
           listed: bool = False) -> tuple[list[Amount], bool]:
    """The parts listed from ``start``, and whether the list is whole. Shares (占93.54%) and changes (同比减少…) of a
    part are said of it and passed over. A list runs on across “；” (or, for a 其中 that ends its line, from line to
    line) when its items are written alike — figure first (“30万元用于…；29.99万元用于…”) or named alike
    (“…收入3859.16万元；其他收入…”), or after “其中：” each named in a few words (“设备采购30万元；审计30万元”); a
    list cut short there may have left parts out."""
    parts: list[Amount] = []
    leads: list[str] = []
    cursor = start
    whole = True
    for amount in _within(found, start, end):
        if amount.is_rate or (parts and _a_change(text, amount)):
            continue
        between = text[cursor:amount.start]
        lead = LEAD.split(between)[-1]
        if (amount.family != total.family or amount.before in EXACT or amount.approx
                or NEW_STATEMENT.search(lead) or (parts and not LEAD.search(between))):
            break
        if parts and re.search(r"[；。\n]", between) and not _alike(leads[0], lead) and not (
                listed and re.search(r"[。\n]", between) is None and _a_name(lead)):
            whole = False
            break
        parts.append(amount)
        leads.append(lead)
        cursor = amount.end
    return parts, whole


def _a_name(lead: str) -> bool:
    """A list item's few words of name before its figure (设备采购, 审计), no clause of its own."""
    return 0 < len(lead.strip()) <= 10 and not re.search(r"[\d（）]", lead)


def _alike(first: str, lead: str) -> bool:
    return first == lead == "" or (len(first) >= 2 and len(lead) >= 2 and first[-2:] == lead[-2:])


def _lines_end(text: str, found: list[Amount], sentences: list[tuple[int, int]], index: int) -> int:
    """Where a list after a 其中 that ends its line stops: before the next numbered item or heading, or the first
    line that does not open with a name and its figure (lines without figures, which describe a part, are passed)."""
    end = sentences[index][1]
    for start, stop in sentences[index + 1:]:
        line = text[start:stop]
        if ITEM_MARK.match(line):
            break
        inside = _within(found, start, stop)
        if inside and LEAD.search(text, start, inside[0].start):
            break
        end = stop
    return end


SHARE_OF_PART = re.compile(r"，?占(?P<name>[^，。；%\d]{0,12}?)(?:的)?(?:比例|比重)?(?:为)?(?P<p>\d+(?:\.\d+)?)%")
NAME_ENDS = re.compile(r"^(?:全部|总)|(?:预算|总额|合计|总计|总数|的)+$")


def _names(text: str, total: Amount, name: str) -> bool:
    """The share says of what (“占基本支出预算18.76%”), and that is the total's name (“基本支出预算881300.39元”)."""
    core = NAME_ENDS.sub("", name)
    return len(core) >= 2 and core in text[max(0, total.start - 14):total.start]


def _part_shares(block: Block, total: Amount, parts: list[Amount]) -> Iterator[Finding]:
    """Each part's share of the total it is listed under, when the total is exact (合计4125.49万元) or named."""
    text = block.text.text
    for part in parts:
        share = SHARE_OF_PART.match(text, part.end)
        if share is None or total.value < part.value or not total.value:
            continue
        unnamed = share.group("name") in ("", "比")  # 占93.54%, 占比93.54%: of the total the list is under
        if not ((unnamed and not total.approx) or _names(text, total, share.group("name"))):
            continue
        yield from _share_wrong(block, part, total, part.start, share)


def _totals(block: Block, found: list[Amount], sentences: list[tuple[int, int]]) -> Iterator[Finding]:
    text = block.text.text
    for opener in OPENER.finditer(text):
        index = _sentence_of(sentences, opener.start())
        if index < 0:
            continue
        s_start, s_end = sentences[index]
        before = [a for a in _within(found, s_start, opener.start()) if not a.is_rate and not _a_change(text, a)]
        opens_sentence = not text[s_start:opener.start()].strip(" ，：（")
        if not before and opener.group(0) == "其中" and opens_sentence and _follows(text, sentences, index):
            p_start, p_end = sentences[index - 1]
            before = [a for a in _within(found, p_start, p_end) if not a.is_rate and not _a_change(text, a)]
        if not before:
            continue
        total = before[-1]
        end = _scope_end(text, opener, s_end)
        if opener.group(0) == "其中" and not text[opener.end():s_end].strip(" ：") and end == s_end:
            end = _lines_end(text, found, sentences, index)
        listed = text.startswith("：", opener.end())  # “其中：” opens a list that runs to the sentence's end
        parts, whole = _parts(text, found, opener.end(), end, total, listed)
        yield from _part_shares(block, total, parts)
        if len(parts) < 2:
            continue
        parts_sum = sum((p.value for p in parts), Decimal(0))
        exact = whole and (total.before in EXACT or _all_of_basic(text, total, parts))
        if _sum_allowed(total, parts, parts_sum, exact=exact):
            continue
        like = total if total.family == "money" else parts[0]
        listed = "+".join(p.shown for p in parts)
        shown_sum = in_unit_of(parts_sum, like, places_of(like, *parts))
        yield Finding("figures", block.where(total.start, parts[-1].end), block.excerpt(total.start, parts[-1].end, 6),
                      f"总数“{block.quote(total.start, total.end).strip()}”与其中各项之和不符：{listed}={shown_sum}")


WHOLE_OF_BASIC = {"人员经费", "公用经费"}


def _all_of_basic(text: str, total: Amount, parts: list[Amount]) -> bool:
    """基本支出 and, under it, its 人员经费 and (日常)公用经费: the two are the whole of it, 共 or not."""
    if not LEAD.split(text[max(0, total.start - 24):total.start])[-1].endswith("基本支出"):
        return False
    named = (LEAD.split(text[max(0, p.start - 12):p.start])[-1].strip() for p in parts)
    names = {re.sub(r"^日常|支出$", "", re.sub(rf"^(?:{OPENER.pattern})", "", name)) for name in named}
    return len(parts) == 2 and names == WHOLE_OF_BASIC


NAMED_SHARE = re.compile(r"[，\s]*占(?P<name>[^，。；%\d]{2,12}?)(?:的)?(?:比例|比重)?(?:为)?(?P<p>\d+(?:\.\d+)?)%")


def _named_shares(block: Block, found: list[Amount], reported: list[Finding]) -> Iterator[Finding]:
    """A share that names its total (“73200元，占基本支出预算6.45%”) where that total is written elsewhere in the
    text with one value only (“2022年一般公共预算基本支出1133753.33元”), before or after the share; a share
    already reported with its 其中 list is not reported again."""
    text = block.text.text
    money = [a for a in found if a.family == "money" and not a.approx]
    for part in money:
        share = NAMED_SHARE.match(text, part.end)
        if share is None:
            continue
        core = NAME_ENDS.sub("", share.group("name"))
        if len(core) < 2:
            continue
        totals = [a for a in money if a is not part and a.value > part.value
                  and NAME_ENDS.sub("", LEAD.split(text[max(0, a.start - 24):a.start])[-1]).endswith(core)]
        if len({a.value for a in totals}) != 1:
            continue  # not written, or written with more than one value (two years, budget and actual)
        for finding in _share_wrong(block, part, totals[0], part.start, share):
            if all((f.where, f.message) != (finding.where, finding.message) for f in reported):
                yield finding


SHARE = re.compile(r"占[^，。；%]{0,12}?(?P<p>\d+(?:\.\d+)?)%")


CLAUSES = re.compile(r"[^。！？；\n]+")


def _shares(block: Block, found: list[Amount]) -> Iterator[Finding]:
    """A share of an exact total in the same clause (“共有卫生院30个，其中中心卫生院6个，占20.00%”)."""
    text = block.text.text
    for clause in CLAUSES.finditer(text):
        s_start, s_end = clause.span()
        if "占" not in clause.group(0) or OPENER.search(text, s_start, s_end):
            continue  # the shares of a 其中 list are checked with it

        figures = [a for a in _within(found, s_start, s_end) if not a.is_rate]
        totals = [a for a in figures if a.before in EXACT and not a.approx]
        if not totals:
            continue
        for share in SHARE.finditer(text, s_start, s_end):
            previous = [a for a in figures if a.end <= share.start() and a.before not in EXACT and not a.approx]
            if not previous:
                continue
            part, total = previous[-1], totals[0]
            if total.family != part.family or total.end > part.start or total.value < part.value:
                continue
            yield from _share_wrong(block, part, total, total.start, share)


def _share_wrong(block: Block, part: Amount, total: Amount, start: int, share: re.Match[str]) -> Iterator[Finding]:
    """A finding when the written share cannot be ``part``÷``total`` at any rounding the figures allow; shared by
    the shares of a 其中 list and those in one clause, so both say it alike."""
    bounds = ratio_bounds(part.value, _half(part, total), total.value, _half(total, part))
    if bounds is None or rate_agrees(*bounds, share.group("p")):
        return
    yield Finding("figures", block.where(start, share.end()), block.excerpt(start, share.end(), 4),
                  f"占比应为 {part.shown}÷{total.shown}={percent_shown(percent(part.value, total.value))}，"
                  f"文中为{share.group('p')}%")


def _half(figure: Amount, *others: Amount) -> Decimal:
    """How far rounding may have moved a figure: half a unit of the finest places written among figures of its
    scale (30万元 beside 29.99万元 is 30.00万元), in the base unit; nothing for exact counts."""
    if not figure.rounded and not any(o.rounded for o in others):
        return Decimal(0)
    return Decimal(1).scaleb(-places_of(figure, *others)) / 2 * MULTIPLIERS[figure.multiplier or None]


RATE = re.compile(r"(?P<name>执行率|到位率|支出率|拨付率)(?:为|达到?|是|仅为?)?(?P<p>\d+(?:\.\d+)?)%")
PLANNED = r"预算|下达|计划|安排|批复"
SPENT = {"执行率": r"执行|支出|使用|完成", "支出率": r"支出|执行", "到位率": r"到位", "拨付率": r"拨付"}


def _label(text: str, amount: Amount, name: str) -> str:
    """Whether the words just before a figure call it planned or spent (the nearer word wins: 预算执行数 is spent)."""
    window = text[max(0, amount.start - 10):amount.start]
    window = SEPARATOR.split(window)[-1]
    words = [(m.end(), "planned") for m in re.finditer(PLANNED, window)]
    words += [(m.end(), "spent") for m in re.finditer(SPENT[name], window)]
    return max(words)[1] if words else ""


def _rates(block: Block, found: list[Amount], sentences: list[tuple[int, int]]) -> Iterator[Finding]:
    text = block.text.text
    for index, (s_start, s_end) in enumerate(sentences):
        for rate in RATE.finditer(text, s_start, s_end):
            reach = s_start
            if _follows(text, sentences, index, paragraph=False):
                reach = sentences[index - 1][0]  # the sentence before, in the same paragraph
            money = [a for a in _within(found, reach, rate.start()) if a.family == "money"]
            labelled = [(a, _label(text, a, rate.group("name"))) for a in money]
            planned = [a for a, label in labelled if label == "planned"]
            spent = [a for a, label in labelled if label == "spent"]
            if len(planned) != 1 or len(spent) != 1:
                continue
            plan, done = planned[0], spent[0]
            bounds = ratio_bounds(done.value, _half(done, plan), plan.value, _half(plan, done))
            if bounds is None or rate_agrees(*bounds, rate.group("p")):
                continue
            first = min(plan.start, done.start)
            yield Finding("figures", block.where(first, rate.end()), block.excerpt(first, rate.end(), 4),
                          f"{rate.group('name')}应为 {done.shown}÷{plan.shown}={percent_shown(percent(done.value, plan.value))}，"
                          f"文中为{rate.group('p')}%")


CHANGE = re.compile(rf"(?P<verb>{UP}|{DOWN})了?")
COMPARED = re.compile(r"较|比|同比|与上年|与去年|相比")
# Between an amount and its change only the comparison (and a share of it): “390.55万元，较2020年度决算数减少…”,
# “75800元，占基本支出预算%，同比增加…”; “收入100万元，支出比上年增加…” is a change of something else.
COMPARISON = re.compile(r"(?:，占[^，。；]{0,16})?[，\s]*(?:较|比|同比|与|相比)[^，。；]{0,16}?[，\s]*$")


def _changes(block: Block, found: list[Amount], sentences: list[tuple[int, int]]) -> Iterator[Finding]:
    """“792.22万元。同比增加189.25万元，增加31.39%”: the rate is the change over last year's 602.97万元."""
    text = block.text.text
    starting = {a.start: a for a in found}
    for index, (s_start, s_end) in enumerate(sentences):
        events: list[tuple[re.Match[str], Amount]] = []
        for verb in CHANGE.finditer(text, s_start, s_end):
            figure = starting.get(verb.end())
            if figure is not None and not figure.before and not figure.approx:
                events.append((verb, figure))
        for (v1, f1), (v2, f2) in pairwise(events):
            if f1.is_rate == f2.is_rate or v2.start() - f1.end > 3:
                continue  # a pair is one amount and one rate, side by side
            (dv, delta), (rv, rate) = ((v1, f1), (v2, f2)) if not f1.is_rate else ((v2, f2), (v1, f1))
            if (re.fullmatch(UP, dv.group("verb")) is None) != (re.fullmatch(UP, rv.group("verb")) is None):
                continue
            now = _changed_amount(text, found, sentences, index, v1.start(), delta)
            if now is None:
                continue
            up = re.fullmatch(UP, dv.group("verb")) is not None
            base = now.value - delta.value if up else now.value + delta.value
            slack = _half(now, delta) + _half(delta, now)
            bounds = ratio_bounds(delta.value, _half(delta, now), base, slack)
            stated = rate.number
            if bounds is None or rate_agrees(*bounds, stated):
                continue
            shown_base = in_unit_of(base, now, places_of(now, delta))
            yield Finding("figures", block.where(now.start, rate.end), block.excerpt(now.start, rate.end, 4),
                          f"变化率与金额不符：{now.shown}{dv.group('verb')}{delta.shown}，上年应为{shown_base}，"
                          f"{rv.group('verb')}应为{percent_shown(percent(delta.value, base))}，文中为{stated}%")


def _changed_amount(text: str, found: list[Amount], sentences: list[tuple[int, int]], index: int, at: int,
                    delta: Amount) -> Amount | None:
    """The amount a change is stated of: the nearest one before it in the sentence, after which it is compared
    (较上年…); or, for a sentence that opens with the comparison, the last one of the sentence before."""
    s_start = sentences[index][0]
    before = [a for a in _within(found, s_start, at) if a.family == delta.family and not a.is_rate]
    if before:
        now = before[-1]
        return now if COMPARISON.match(text[now.end:at]) else None
    if not COMPARED.match(text, s_start) or not _follows(text, sentences, index, paragraph=False):
        return None
    p_start, p_end = sentences[index - 1]
    previous = [a for a in _within(found, p_start, p_end) if a.family == delta.family and not a.is_rate]
    return previous[-1] if len(previous) == 1 else None


FIGURES = r"\d+(?:\.\d+)?(?:[，、]\d+(?:\.\d+)?)+"
# “收、支总计各是4125.49，4143.91万元。…各减少1267.86，2570.97万元，各下降23.51%、38.28%”: figures paired in order.
EACH_NOW = re.compile(rf"各(?:是|为|有)?(?P<nums>{FIGURES})(?P<unit>[万亿]?元)")
EACH_CHANGE = re.compile(rf"各(?P<verb>{UP}|{DOWN})了?(?P<nums>{FIGURES})(?P<unit>[万亿]?元)[，、]?"
                         rf"各(?P<rate_verb>{UP}|{DOWN})了?(?P<rates>\d+(?:\.\d+)?%(?:[，、]\d+(?:\.\d+)?%)+)")


def _each(block: Block, sentences: list[tuple[int, int]]) -> Iterator[Finding]:
    """Two or more figures written side by side with 各 — now, their changes, their rates — each rate against its
    own pair: the change over last year's amount."""
    text = block.text.text
    for change in EACH_CHANGE.finditer(text):
        index = _sentence_of(sentences, change.start())
        reach = sentences[index - 1][0] if index > 0 and _follows(text, sentences, index) else sentences[index][0]
        nows = list(EACH_NOW.finditer(text, reach, change.start()))
        if not nows or nows[-1].group("unit") != change.group("unit"):
            continue
        now = nows[-1]
        values, deltas = (re.split(r"[，、]", m.group("nums")) for m in (now, change))
        rates = [r.rstrip("%") for r in re.split(r"[，、]", change.group("rates"))]
        up = re.fullmatch(UP, change.group("verb")) is not None
        if not len(values) == len(deltas) == len(rates) or up != (re.fullmatch(UP, change.group("rate_verb")) is not None):
            continue
        for value, delta, rate in zip(values, deltas, rates, strict=True):
            current, changed = Decimal(value), Decimal(delta)
            half = Decimal(1).scaleb(-max(_places_of(value), _places_of(delta))) / 2
            base = current - changed if up else current + changed
            bounds = ratio_bounds(changed, half, base, 2 * half)
            if bounds is None or rate_agrees(*bounds, rate):
                continue
            unit = change.group("unit")
            shown_base = format(base, "f")
            yield Finding("figures", block.where(now.start(), change.end()), block.excerpt(change.start(), change.end(), 4),
                          f"变化率与金额不符：{value}{unit}{change.group('verb')}{delta}{unit}，上年应为{shown_base}{unit}，"
                          f"{change.group('rate_verb')}应为{percent_shown(percent(changed, base))}，文中为{rate}%")


def _places_of(figure: str) -> int:
    return len(figure.split(".")[1]) if "." in figure else 0


LAST_YEAR = re.compile(r"上年|去年|上一年|上年度")
YEAR = re.compile(r"(20\d\d)年")
# Words that date or compare a figure, not name it: “2023年收入” and “上年收入” name the same 收入.
TIME_WORDS = re.compile(r"20\d\d年度?|本年度?|今年|当年|全年|上年度?|去年|上一年度?|同期|同比|相比|比|较|的|为|是|数")
GROWTH = re.compile(rf"^[，\s]*(?:共|同比|相比)?(?P<verb>{UP}|{DOWN})了?(?:率|幅度?)?(?:为|达到?)?$")


def _year_of(lead: str) -> int | None:
    years = YEAR.findall(lead)
    return int(years[-1]) if len(years) == 1 else None


def _two_years(block: Block, found: list[Amount], sentences: list[tuple[int, int]]) -> Iterator[Finding]:
    """This year's and last year's amounts both written (“本年收入120万元，上年收入100万元，增加20万元，增长20%”,
    “2023年…，比2022年的…增长…”): the change and the growth rate stated after them must follow from the two."""
    text = block.text.text
    for s_start, s_end in sentences:
        if not LAST_YEAR.search(text, s_start, s_end) and len(YEAR.findall(text, s_start, s_end)) < 2:
            continue  # no figure of last year in the sentence
        inside = _within(found, s_start, s_end)
        for i, (first, second) in enumerate(pairwise(inside)):
            if first.is_rate or second.is_rate or first.family != second.family or first.approx or second.approx:
                continue
            between = text[first.end:second.start]
            if len(SEPARATOR.findall(between)) > 1 or re.search(r"[；：]|其中|占|增|减|下降|提高", between):
                continue
            leads = [LEAD.split(text[s_start:a.start])[-1] for a in (first, second)]
            years = [_year_of(lead) for lead in leads]
            marked = [bool(LAST_YEAR.search(lead)) for lead in leads]
            if marked == [False, True] or (years[0] and years[1] == years[0] - 1 and not any(marked)):
                now, before = first, second
            elif marked == [True, False] or (years[1] and years[0] == years[1] - 1 and not any(marked)):
                before, now = first, second
            else:
                continue
            names = [TIME_WORDS.sub("", lead) for lead in leads]
            if names[0] != names[1] and "" not in names and not names[0].endswith(names[1]):
                continue  # two different things, not one thing in two years
            yield from _stated_change(block, now, before, inside[i + 2:], second.end)


def _stated_change(block: Block, now: Amount, before: Amount, after: list[Amount], cursor: int) -> Iterator[Finding]:
    """The change amount and rate written right after two years' amounts, each against the two."""
    text = block.text.text
    difference = now.value - before.value
    slack = _half(now, before) + _half(before, now)
    shown = in_unit_of(abs(difference), now, places_of(now, before))
    for figure in after[:2]:
        verb = GROWTH.match(text[cursor:figure.start])
        if verb is None or (figure.family != now.family and not figure.is_rate):
            return
        up = re.fullmatch(UP, verb.group("verb")) is not None
        written = block.quote(cursor + verb.start("verb"), figure.end)
        if figure.is_rate:
            wrong = (difference > slack and not up) or (difference < -slack and up)
            bounds = ratio_bounds(abs(difference), slack, before.value, _half(before, now))
            if wrong or (bounds is not None and not rate_agrees(*bounds, figure.number)):
                yield Finding("figures", block.where(now.start, figure.end), block.excerpt(min(now.start, before.start),
                                                                                           figure.end, 4),
                              f"变化率与两年金额不符：{before.shown}到{now.shown}，"
                              f"{'增长' if difference > 0 else '下降'}应为"
                              f"{percent_shown(percent(abs(difference), before.value))}，文中为“{written}”")
        else:
            delta = figure.value if up else -figure.value
            if abs(delta - difference) > slack + _half(figure, now):
                yield Finding("figures", block.where(now.start, figure.end), block.excerpt(min(now.start, before.start),
                                                                                           figure.end, 4),
                              f"变化与两年金额不符：{before.shown}到{now.shown}，"
                              f"{'增加' if difference > 0 else '减少'}应为{shown}，文中为“{written}”")
        cursor = figure.end


GRADE = re.compile(r"(?:总分|得分|自评分)(?:为|是)?(?P<score>\d+(?:\.\d+)?)分[^。\n\d]{0,24}?(?:等级|评定|评为)(?:为|是)?"
                   r"[“\"]?(?P<grade>优秀|优|良好|良|中等|中|差)")
_FLOORS = (*GRADES, (Decimal(0), LOWEST_GRADE))
# Each grade's band [floor, next grade's floor), from the grades the reports themselves are rendered with.
BANDS = {name: (floor, ceiling) for (floor, name), ceiling in zip(_FLOORS, (Decimal(101), *(f for f, _ in _FLOORS)),
                                                                   strict=False)}
MARGIN = Decimal(5)  # provinces draw the bands a few points apart


def grade_agrees(score: Decimal, grade: str) -> bool:
    low, high = BANDS[grade[0]]
    return low - MARGIN <= score < high + MARGIN


def _grades(block: Block) -> Iterator[Finding]:
    text = block.text.text
    for m in GRADE.finditer(text):
        score = Decimal(m.group("score"))
        if score > 100 or grade_agrees(score, m.group("grade")):
            continue
        yield Finding("figures", block.where(m.start(), m.end()), block.excerpt(m.start(), m.end(), 4),
                      f"总分{m.group('score')}分对应的等级应为“{grade_of(score)}”，文中为“{m.group('grade')}”")


POINTS = re.compile(
    r"(?P<value>\d+(?:\.\d+)?)%，?(?:比|较|同比|环比)[^，。；%\d]{0,8}?"
    r"(?P<verb>提高|上升|下降|降低|增长|增加|减少|回落|提升)了?(?P<change>\d+(?:\.\d+)?)%"
)


def _points(block: Block) -> Iterator[Finding]:
    for m in POINTS.finditer(block.text.text):
        written = block.quote(m.start("change"), m.end())
        yield Finding("points", block.where(m.start("change"), m.end()), block.excerpt(m.start("change"), m.end()),
                      f"比率的变化应以“个百分点”表述：“{m.group('verb')}{written}”应为“{m.group('verb')}{m.group('change')}个百分点”")


def sentence_findings(document: Document) -> Iterator[Finding]:
    for block in document_blocks(document):
        text = block.text.text
        found = amounts(text)
        sentences = _sentences(text)
        totals = list(_totals(block, found, sentences))
        yield from totals
        shares = list(_shares(block, found))
        yield from shares
        yield from _named_shares(block, found, [*(f for f in totals if f.message.startswith("占比")), *shares])
        yield from _rates(block, found, sentences)
        yield from _changes(block, found, sentences)
        yield from _two_years(block, found, sentences)
        yield from _each(block, sentences)
        yield from share_findings(block)
        yield from _grades(block)
        yield from _points(block)


TOTAL_ROW = re.compile(r"^(合计|总计|小计|总\s*计|合\s*计|小\s*计)")
CELL_NUMBER = re.compile(r"^-?\d+(?:,\d{3})*(?:\.\d+)?$")
NOT_ADDED = re.compile(r"率|%|％|比例|占比|比重|单价|平均|均值|标准|序号|年度|指标值|权重")


def _number(text: str) -> Decimal | None:
    cleaned = text.replace(" ", "").replace("\u3000", "")
    if not CELL_NUMBER.match(cleaned):
        return None
    return Decimal(cleaned.replace(",", ""))


def _decimals(values: list[Decimal]) -> int:
    return max((-v.as_tuple().exponent for v in values if v.as_tuple().exponent < 0), default=0)


def table_findings(document: Document) -> Iterator[Finding]:
    """Each 合计/小计 row against the rows it sums, column by column."""
    for rows in document_tables(document).values():
        yield from _table(rows)


def document_tables(document: Document) -> dict[int, dict[int, dict[int, Passage]]]:
    """Table → row → column → cell, the paragraphs of a cell joined; worked out once per document."""
    if "tables" not in document.found:
        tables: dict[int, dict[int, dict[int, Passage]]] = {}
        for passage in document.passages:
            if passage.kind == "cell" and passage.table is not None:
                row = tables.setdefault(passage.table, {}).setdefault(passage.row or 0, {})
                previous = row.get(passage.column or 0)
                if previous is None:
                    row[passage.column or 0] = passage
                else:  # several paragraphs in one cell
                    row[passage.column or 0] = Passage(previous.where, previous.text + passage.text, "cell", None,
                                                       previous.table, previous.row, previous.column, previous.line)
        document.found["tables"] = tables
    return document.found["tables"]


def _table(rows: dict[int, dict[int, Passage]]) -> Iterator[Finding]:
    ordered = [rows[r] for r in sorted(rows)]
    if len(ordered) < 3:
        return
    header = {c: p.text for c, p in ordered[0].items()}
    group: list[dict[int, Passage]] = []
    details: list[dict[int, Passage]] = []
    for row in ordered[1:]:
        first = next((p.text.strip() for c, p in sorted(row.items()) if p.text.strip()), "")
        label = TOTAL_ROW.match(first.replace(" ", ""))
        if not label:
            if not first.startswith("其中"):
                group.append(row)
                details.append(row)
            continue
        sums = group if label.group(1).replace(" ", "") == "小计" else details
        yield from _compare(row, sums, header, label.group(1))
        group = []


def _compare(total_row: dict[int, Passage], rows: list[dict[int, Passage]], header: dict[int, str],
             label: str) -> Iterator[Finding]:
    for column, cell in total_row.items():
        stated = _number(cell.text)
        if stated is None or NOT_ADDED.search(header.get(column, "")) or column == min(total_row):
            continue
        values = [v for row in rows if column in row and (v := _number(row[column].text)) is not None]
        if len(values) < 2:
            continue
        total = sum(values, Decimal(0))
        places = _decimals([*values, stated])
        tolerance = Decimal(1).scaleb(-places) / 2 * len(values) if places else Decimal(0)
        if abs(total - stated) > tolerance:
            title = header.get(column, "").strip() or f"第{column}列"
            yield Finding("figures", cell.where, f"{label}{title}：{cell.text.strip()}",
                          f"“{title}”列的{label}为{cell.text.strip()}，上方各行之和为{total}")
