"""Figures that contradict each other within a sentence or a table, and changes of a rate written in %.

- A stated total and its parts (共…其中…): the parts after 其中, in the
  total's unit family (人/名/人次 count together; 元/万元/亿元 are money),
  must add up to the total. An exact total with 共/合计/累计/总计 must equal
  the sum; one without may leave parts out, so only a sum above it is wrong.
  超过/逾/余/多 T means from T up to the next step of T's last non-zero digit
  (超过8000: 8000–8999; at least a tenth of T); 近 T the same step below.
- A share 占…P% of a stated total, and an execution rate (执行率/到位率/
  支出率) of two stated amounts, must match the division.
- A table row 合计/总计 must be the sum of the rows above it (小计 of its group).
- “率为2.53%，比去年提高1.04%”: a change of a percentage is in 个百分点.
Precision first: a sentence the rules cannot read with confidence raises nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .findings import Finding, excerpt
from .passages import Document, Passage

PEOPLE = ("人次", "人", "名", "例")
FAMILIES = {unit: "people" for unit in PEOPLE} | {"元": "money"}
UNITS = "人次|人|名|户|个|家|所|张|份|场|次|例|项|元|公里|千米|米|亩|吨|台|套|件|间|床|批|期|篇|条|册|%|‰"
TOKEN = re.compile(
    r"(?P<before>超过|超過|逾|近|将近|约|共计|共有|共|累计|合计|总计|总共)?\s*"
    r"(?P<number>\d+(?:[,，]\d{3})*(?:\.\d+)?)\s*(?P<multiplier>万|亿)?\s*(?P<after>余|多)?\s*"
    rf"(?P<unit>{UNITS})(?P<tail>以上|左右|多)?"
)
SENTENCE = re.compile(r"[^。；;！？!?\n]+")
EXACT = {"共计", "共有", "共", "累计", "合计", "总计", "总共"}
# Words that open a new statement after 其中, so the figure that follows is not one of the parts.
NEW_STATEMENT = re.compile(r"其中|共|合计|累计|总计|人均|平均|均|同比|比上年|比去年|销售|实现|筹集|发放|支付|减免|补偿|报销|"
                           r"完成|开展|投入|使用|拨付|下达|结余|节约|占")
ABOVE = {"超过", "超過", "逾"}
BELOW = {"近", "将近"}


@dataclass(frozen=True)
class Amount:
    value: Decimal  # in the base unit (元, 人…)
    unit: str
    start: int
    end: int
    before: str
    approx: str  # "" | "above" | "below" | "about"
    step: Decimal

    @property
    def family(self) -> str:
        return FAMILIES.get(self.unit, self.unit)


def _step(number: str, multiplier: Decimal) -> Decimal:
    digits = number.split(".")[0].replace(",", "").replace("，", "")
    zeros = len(digits) - len(digits.rstrip("0")) if "." not in number else 0
    return Decimal(10) ** zeros * multiplier


_TOTAL_WORD = re.compile(r"(共计|共有|共|累计|合计|总计|总共)[^，,。；;：:、\d]{0,8}$")


def _total_word(text: str, end: int) -> re.Match[str] | None:
    """共/合计/累计… a little before a figure (共有卫生院30个), which makes it a stated total."""
    return _TOTAL_WORD.search(text[max(0, end - 10):end])


def amounts(text: str) -> list[Amount]:
    found = []
    for m in TOKEN.finditer(text):
        multiplier = {"万": Decimal(10000), "亿": Decimal(100000000), None: Decimal(1)}[m.group("multiplier")]
        try:
            value = Decimal(m.group("number").replace(",", "").replace("，", "")) * multiplier
        except InvalidOperation:
            continue
        word = None if m.group("before") else _total_word(text, m.start())
        before = m.group("before") or (word.group(1) if word else "")
        after = (m.group("after") or "") + (m.group("tail") or "")
        approx = ("above" if before in ABOVE or after in ("余", "多", "以上", "余多") else
                  "below" if before in BELOW else "about" if before == "约" or after == "左右" else "")
        start = m.start() - len(word.group(0)) if word else (m.start() if m.group("before") else m.start("number"))
        found.append(Amount(value, m.group("unit"), start, m.end(), before, approx,
                            _step(m.group("number"), multiplier)))
    return found


def _shown(value: Decimal, unit: str) -> str:
    text = format(value.normalize(), "f")
    return f"{text}{unit}"


def _allowed(total: Amount, parts_sum: Decimal) -> bool:
    t = total.value
    step = max(total.step, t / 10)
    if total.approx == "above":
        return t <= parts_sum < t + step
    if total.approx == "below":
        return t - step < parts_sum <= t
    if total.approx == "about":
        return abs(parts_sum - t) <= step / 2
    if total.before in EXACT:
        return parts_sum == t
    return parts_sum <= t


def _total_and_parts(text: str, where: str) -> Iterator[Finding]:
    for sentence in SENTENCE.finditer(text):
        body = sentence.group(0)
        split = body.find("其中")
        if split <= 0:
            continue
        before = [a for a in amounts(body[:split]) if a.unit not in ("%", "‰")]
        if not before:
            continue
        total = before[-1]
        parts: list[Amount] = []
        rest = body[split + 2:]
        for amount in amounts(rest):
            lead = rest[parts[-1].end if parts else 0:amount.start]
            if amount.family != total.family or amount.before in EXACT or amount.approx or NEW_STATEMENT.search(lead):
                break
            parts.append(amount)
        if len(parts) < 2:
            continue
        parts_sum = sum((p.value for p in parts), Decimal(0))
        if _allowed(total, parts_sum):
            continue
        stated = body[total.start:total.end]
        listed = "+".join(_shown(p.value, p.unit) for p in parts)
        start = sentence.start() + total.start
        end = sentence.start() + split + 2 + parts[-1].end
        yield Finding("figures", where, excerpt(text, start, end, 6),
                      f"总数“{stated.strip()}”与其中各项之和不符：{listed}={_shown(parts_sum, parts[0].unit)}")


SHARE = re.compile(r"占[^，。；%]{0,12}?(?P<p>\d+(?:\.\d+)?)\s*%")
RATE = re.compile(r"(?P<name>执行率|到位率|支出率|拨付率)(?:为|达到?|是)?\s*(?P<p>\d+(?:\.\d+)?)\s*%")
PLANNED = re.compile(r"预算|下达|计划|安排")
SPENT = {"执行率": r"执行|支出|使用", "支出率": r"支出|执行|使用", "到位率": r"到位", "拨付率": r"拨付"}


def _percent_matches(numerator: Decimal, denominator: Decimal, stated: str) -> bool:
    if denominator == 0:
        return True
    places = Decimal(1).scaleb(-len(stated.split(".")[1])) if "." in stated else Decimal(1)
    exact = numerator / denominator * 100
    return Decimal(stated) in (exact.quantize(places, ROUND_HALF_UP), exact.quantize(places, "ROUND_DOWN"))


def _shares(text: str, where: str) -> Iterator[Finding]:
    for sentence in SENTENCE.finditer(text):
        body = sentence.group(0)
        found = [a for a in amounts(body) if a.unit not in ("%", "‰")]
        totals = [a for a in found if a.before in EXACT and not a.approx]
        for share in SHARE.finditer(body):
            previous = [a for a in found if a.end <= share.start() and a.before not in EXACT and not a.approx]
            if not totals or not previous:
                continue
            part, total = previous[-1], totals[0]
            if total.family != part.family or total.end > part.start or total.value < part.value:
                continue
            if not _percent_matches(part.value, total.value, share.group("p")):
                computed = (part.value / total.value * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
                yield Finding("figures", where, excerpt(text, sentence.start() + total.start, sentence.start() + share.end(), 4),
                              f"占比应为 {_shown(part.value, part.unit)}÷{_shown(total.value, total.unit)}={computed}%，"
                              f"文中为{share.group('p')}%")
        for rate in RATE.finditer(body):
            money = [a for a in found if a.family == "money" and a.end <= rate.start()]
            planned = [a for a in money if PLANNED.search(body[max(0, a.start - 8):a.start])]
            spent = [a for a in money if re.search(SPENT[rate.group("name")], body[max(0, a.start - 8):a.start])]
            if len(planned) != 1 or len(spent) != 1 or planned[0] is spent[0]:
                continue
            if not _percent_matches(spent[0].value, planned[0].value, rate.group("p")):
                computed = (spent[0].value / planned[0].value * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
                yield Finding("figures", where, excerpt(text, sentence.start() + planned[0].start,
                                                        sentence.start() + rate.end(), 4),
                              f"{rate.group('name')}应为 {_shown(spent[0].value, '元')}÷{_shown(planned[0].value, '元')}"
                              f"={computed}%，文中为{rate.group('p')}%")


POINTS = re.compile(
    r"(?P<value>\d+(?:\.\d+)?)\s*%\s*[，,]?\s*(?:比|较|同比|环比)[^，。；%\d]{0,8}?"
    r"(?P<verb>提高|上升|下降|降低|增长|增加|减少|回落|提升)了?\s*(?P<change>\d+(?:\.\d+)?)\s*(?P<unit>%|％)"
)


def _points(text: str, where: str) -> Iterator[Finding]:
    for m in POINTS.finditer(text):
        written = text[m.start("change"):m.end("unit")]
        yield Finding("points", where, excerpt(text, m.start("change"), m.end("unit")),
                      f"比率的变化应以“个百分点”表述：“{m.group('verb')}{written}”应为“{m.group('verb')}{m.group('change')}个百分点”")


def sentence_findings(document: Document) -> Iterator[Finding]:
    for passage in document.passages:
        if passage.kind == "property" or not passage.text:
            continue
        yield from _total_and_parts(passage.text, passage.where)
        yield from _shares(passage.text, passage.where)
        yield from _points(passage.text, passage.where)


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
    tables: dict[int, dict[int, dict[int, Passage]]] = {}
    for passage in document.passages:
        if passage.kind == "cell" and passage.table is not None:
            row = tables.setdefault(passage.table, {}).setdefault(passage.row or 0, {})
            previous = row.get(passage.column or 0)
            if previous is None:
                row[passage.column or 0] = passage
            else:  # several paragraphs in one cell
                row[passage.column or 0] = Passage(previous.where, previous.text + passage.text, "cell", None,
                                                   previous.table, previous.row, previous.column)
    for rows in tables.values():
        yield from _table(rows)


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
