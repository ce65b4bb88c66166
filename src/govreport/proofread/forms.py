"""The self-evaluation form read by its rows and columns, whatever became of its table.

The 项目资金 block — a header (年初预算数 · 全年预算数 · 全年执行数 · 分值 · 执行率 ·
得分, or 年初预算 · 调整后预算数 · 预算执行数 · 预算执行率 · 权重 · 得分), a total row
(年度资金总额, 总额) and its 其中 rows — is found in a Word or Markdown table, in a
text copy of a web page's table (one row a line, “a | b |”, or one cell a line), and
in a copy that ran the cells together with spaces (“年度资金总额: 0 0 0 10 0 0”):

- the total row must be the sum of the rows under it, column by column;
- each row's 执行率 must be its 执行数 ÷ 预算数 (when the total row is left at 0,
  the sums of the rows under it stand in for it);
- the total row's 得分 must fit its 执行率 and 分值: never more than the 分值, and
  at an execution of 90% or more not below 80% of it, whichever scoring rule a
  province uses; a 得分 left blank beside a 执行率 is reported as not filled.

A parent row followed by rows numbered 1、2、3… (项目支出 and its items) must be their
sum. In a Word or Markdown table of indicators, the 总分 row's 分值 and 得分 must be
the sums of the indicators' (with or without the 10 points of 预算执行率), and the
等级 must fit the 总分.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..figures.scoring import grade as grade_of
from ..vocabulary.scoring import LOWEST_GRADE
from .amounts import percent_shown, rate_agrees, ratio_bounds
from .figures import document_tables, grade_agrees
from .findings import Finding, excerpt
from .normalize import normalise
from .passages import Document, Passage

VALUE = re.compile(r"^(?:-?\d+(?:,\d{3})*(?:\.\d+)?%?|/|-|—|－|)$")
ROLES = (
    ("initial", re.compile(r"^年初预算数?$")),
    ("budget", re.compile(r"^(?:全年预算数?|调整后预算数?|预算数)$")),
    ("spent", re.compile(r"^(?:全年执行数?|预算执行数|执行数|实际执行数)$")),
    ("points", re.compile(r"^(?:分值|权重)$")),
    ("rate", re.compile(r"^(?:预算)?执行率$")),
    ("score", re.compile(r"^得分$")),
    ("other", re.compile(r"^(?:原因|偏差原因.*|备注)$")),
)
MONEY = ("initial", "budget", "spent")
COLUMN_NAMES = {"initial": "年初预算数", "budget": "全年预算数", "spent": "全年执行数"}
TOTAL_LABEL = re.compile(r"^(?:年度资金总额|资金总额|总额|合计|总计)[：:]?$")
STOP_LABEL = re.compile(r"目标|指标|按.{1,6}分|绩效|说明|预期|实际完成")
MARKS = re.compile(r"[（(][A-Z/]+[）)]|\s")
NUMBERED = re.compile(r"^(?:(?P<a>\d{1,2})[、.．]|[（(](?P<b>\d{1,2})[）)])(?!\d)")
COLUMN_TITLE = re.compile(r"年|预算|决算|执行|金额|数")
SPACED_FORM = re.compile(r"(?:全年预算数|调整后预算数).*执行数.*执行率")
FORM_WORDS = re.compile(r"执行数|^\s*(?:\d{1,2}[、.．]|[（(]\d{1,2}[）)])(?!\d)")  # a funds header, or numbered rows


@dataclass(frozen=True)
class Token:
    text: str  # normalised, without spaces
    raw: str  # as written
    passage: Passage
    start: int
    end: int

    @property
    def is_value(self) -> bool:
        return bool(VALUE.match(self.text))

    @property
    def number(self) -> Decimal | None:
        text = self.text.replace(",", "").rstrip("%")
        if not text or text in "/-—－":
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return None


@dataclass
class Row:
    label: Token
    values: list[Token]


def _token(passage: Passage, start: int, end: int) -> Token:
    raw = passage.text[start:end].strip()
    if VALUE.match(raw):
        return Token(raw, raw, passage, start, end)
    text = normalise(raw).text.strip()
    if not VALUE.match(text):
        text = MARKS.sub("", text).rstrip("：")
    return Token(text, raw, passage, start, end)


def _role(token: Token) -> str | None:
    return next((role for role, pattern in ROLES if pattern.match(token.text)), None)


def _rows(lines: list[list[Token]], explicit: bool) -> list[Row]:
    """Rows of a label and the values after it: a table's own rows, or, for cells run together, from label to label."""
    rows: list[Row] = []
    for line in lines:
        current: Row | None = None
        for token in line:
            if token.is_value:
                if current is not None:
                    current.values.append(token)
            elif not (explicit and current is not None and current.values):
                current = Row(token, [])
                rows.append(current)
            else:
                break  # a note after the figures of a table row
    return rows


def _lines(rows: dict[int, dict[int, Passage]]) -> list[list[Token]]:
    return [[_token(p, 0, len(p.text)) for _, p in sorted(row.items())] for _, row in sorted(rows.items())]


@dataclass
class Region:
    """Rows of one table, or of cells run together; ``lines`` are the table's own rows when it has them."""

    rows: list[Row]
    lines: list[list[Token]] | None


def document_regions(document: Document) -> list[Region]:
    """Each table — by its own rows, or from label to label when a copy put one cell on a line — then each
    passage whose cells a copy ran together with spaces; worked out once per document."""
    if "regions" not in document.found:
        regions = []
        for table in document_tables(document).values():
            if not any(FORM_WORDS.search(p.text) for row in table.values() for p in row.values()):
                continue
            lines = _lines(table)
            flat = sum(1 for line in lines if sum(1 for t in line if t.text) <= 1) >= 0.8 * len(lines)
            regions.append(Region(_rows([[t for line in lines for t in line]], False), None) if flat
                           else Region(_rows(lines, True), lines))
        for passage in document.passages:
            if passage.kind in ("body", "cell") and len(passage.text) > 40 and SPACED_FORM.search(passage.text):
                tokens = [_token(passage, m.start(), m.end()) for m in re.finditer(r"[^\s|]+", passage.text)]
                regions.append(Region(_rows([tokens], False), None))
        document.found["regions"] = regions
    return document.found["regions"]


def _where(row: Row) -> tuple[str, str]:
    """The row's place, and an excerpt: the row in its line, or its cells one after another."""
    end = row.values[-1] if row.values else row.label
    if row.label.passage is end.passage and row.label.passage.kind != "cell":
        return row.label.passage.where, excerpt(row.label.passage.text, row.label.start, end.end, 4)
    return row.label.passage.where, f"{row.label.raw} " + " ".join(v.raw or "（空）" for v in row.values)


@dataclass
class Funds:
    columns: list[str]
    total: Row
    parts: list[Row]

    def cell(self, row: Row, role: str) -> Token | None:
        if role not in self.columns:
            return None
        i = self.columns.index(role)
        return row.values[i] if i < len(row.values) else None

    def amount(self, row: Row, role: str) -> Decimal | None:
        token = self.cell(row, role)
        return token.number if token is not None and not token.text.endswith("%") else None


def _block(columns: list[str], following: list[Row]) -> Funds | None:
    """The total row right after a header, and the rows under it up to the next part of the form."""
    if not following or not TOTAL_LABEL.match(following[0].label.text):
        return None
    parts = []
    for row in following[1:]:
        if STOP_LABEL.search(row.label.text) or TOTAL_LABEL.match(row.label.text) or _role(row.label):
            break
        parts.append(row)
    return Funds(columns, following[0], parts)


def _funds(region: Region) -> Iterator[Funds]:
    if region.lines is not None:  # the header is one row of the table
        for index, line in enumerate(region.lines):
            columns = [r for t in line if (r := _role(t))]
            if {"budget", "spent"} <= set(columns) and (block := _block(columns, _rows(region.lines[index + 1:], True))):
                yield block
        return
    rows = region.rows
    i = 0
    while i < len(rows):  # the header is a run of cells, each a row of its own
        columns = []
        j = i
        while j < len(rows) and (role := _role(rows[j].label)) is not None and not any(v.text for v in rows[j].values):
            columns.append(role)
            j += 1
        if {"budget", "spent"} <= set(columns) and (block := _block(columns, rows[j:])):
            yield block
        i = max(j, i + 1)


def document_funds(document: Document) -> list[Funds]:
    if "funds" not in document.found:
        document.found["funds"] = [block for region in document_regions(document) for block in _funds(region)]
    return document.found["funds"]


def _places(values: list[Decimal]) -> int:
    return max((-v.as_tuple().exponent for v in values if v.as_tuple().exponent < 0), default=0)


def _sums(funds: Funds) -> Iterator[Finding]:
    wrong = []
    for role in MONEY:
        stated = funds.amount(funds.total, role)
        cells = [funds.cell(row, role) for row in funds.parts]
        values = [c.number for c in cells if c is not None and c.number is not None]
        if stated is None or not values:
            continue
        total = sum(values, Decimal(0))
        if not _adds_up(total, stated, values):
            wrong.append(f"{COLUMN_NAMES[role]}{_plain(stated)}，其中各行之和为{_plain(total)}")
    if wrong:
        where, quoted = _where(funds.total)
        yield Finding("figures", where, quoted, f"“{funds.total.label.raw.rstrip('：:')}”与其下各行之和不符：" + "；".join(wrong))


def _adds_up(total: Decimal, stated: Decimal, values: list[Decimal]) -> bool:
    """Equal, or as near as rounding each figure to the places written can make them (strictly)."""
    places = _places([*values, stated])
    if not places:
        return total == stated
    return abs(total - stated) < Decimal(1).scaleb(-places) / 2 * (len(values) + 1)


def _plain(value: Decimal) -> str:
    return format(value, "f")


def _execution(funds: Funds, row: Row) -> tuple[Decimal, Decimal] | None:
    """The row's 执行数 and 预算数; for a total row left at 0, the sums of the rows under it."""
    budget, spent = funds.amount(row, "budget"), funds.amount(row, "spent")
    if row is funds.total and not budget and not spent:
        budgets = [b for r in funds.parts if (b := funds.amount(r, "budget")) is not None]
        spents = [s for r in funds.parts if (s := funds.amount(r, "spent")) is not None]
        if budgets and spents:
            return sum(spents, Decimal(0)), sum(budgets, Decimal(0))
    if budget is None or spent is None:
        return None
    return spent, budget


def _rates(funds: Funds) -> Iterator[Finding]:
    for row in [funds.total, *funds.parts]:
        token = funds.cell(row, "rate")
        execution = _execution(funds, row)
        if token is None or token.number is None or execution is None or not execution[1]:
            continue
        spent, budget = execution
        half = Decimal(1).scaleb(-_places([spent, budget])) / 2
        bounds = ratio_bounds(spent, half, budget, half)
        stated = token.text.rstrip("%")
        if bounds is None or rate_agrees(*bounds, stated):
            continue
        from_parts = row is funds.total and spent != funds.amount(row, "spent")
        where, quoted = _where(row)
        yield Finding("figures", where, quoted,
                      f"“{row.label.raw.rstrip('：:')}”的执行率应为 {_plain(spent)}÷{_plain(budget)}="
                      f"{percent_shown(spent / budget * 100)}" + ("（按其下各行之和）" if from_parts else "")
                      + f"，表中为{token.raw}")


def _score(funds: Funds) -> Iterator[Finding]:
    row = funds.total
    points_cell, score_cell, rate_cell = (funds.cell(row, r) for r in ("points", "score", "rate"))
    points = points_cell.number if points_cell is not None else None
    if points is None or not points:
        return
    where, quoted = _where(row)
    if score_cell is None or not score_cell.text:
        if score_cell is not None and rate_cell is not None and rate_cell.number is not None:
            yield Finding("placeholder", where, quoted, f"“{row.label.raw.rstrip('：:')}”的得分未填写（分值{_plain(points)}）")
        return
    score = score_cell.number
    execution = _execution(funds, row)
    if score is None:
        return
    if score > points:
        yield Finding("figures", where, quoted, f"得分{score_cell.raw}超过分值{points_cell.raw}")
        return
    if execution is None or not execution[1]:
        return
    rate = min(execution[0] / execution[1], Decimal(1))
    if (rate >= Decimal("0.9") and score < points * Decimal("0.8")) or (rate == 0 and score > 0):
        yield Finding("figures", where, quoted,
                      f"得分{score_cell.raw}与执行率{percent_shown(rate * 100)}不符（分值{points_cell.raw}，"
                      f"按执行率计约为{_plain((points * rate).quantize(Decimal('0.01'), ROUND_HALF_UP))}）")


def _numbered(rows: list[Row]) -> Iterator[Finding]:
    """A row followed by rows numbered 1、2、3… is their sum, column by column."""
    header: list[str] = []
    run: list[str] = []
    for index, parent in enumerate(rows):
        width = max((i + 1 for i, v in enumerate(parent.values) if v.number is not None), default=0)
        if not width:
            run.append(parent.label.raw.rstrip("|").strip())
            continue
        if len(run) >= width >= 1 and all(COLUMN_TITLE.search(t) for t in run[-width:]):
            header = run[-width:]
        run = []
        if NUMBERED.match(parent.label.text):
            continue
        children = _children(rows, index + 1)
        if len(children) < 2:
            continue
        yield from _compare_children(parent, children, header)


def _children(rows: list[Row], start: int) -> list[Row]:
    """The rows numbered 1, 2, 3… under a parent, up to the next row with figures of its own; none when the
    numbering breaks off (a 5 after a 2: rows are missing from the copy, or the list is not the parent's)."""
    children: list[Row] = []
    style = None
    for row in rows[start:]:
        m = NUMBERED.match(row.label.text)
        if m is None:
            if row.label.text.startswith("其中") or not any(v.number is not None for v in row.values):
                continue  # 其中:公车购置, a detail of the item above
            break
        number = int(m.group("a") or m.group("b"))
        kind = "a" if m.group("a") else "b"
        if number != len(children) + 1 or (style and kind != style):
            return []
        style = kind
        children.append(row)
    return children


def _compare_children(parent: Row, children: list[Row], header: list[str]) -> Iterator[Finding]:
    for column, cell in enumerate(parent.values):
        stated = cell.number
        values = [row.values[column].number if column < len(row.values) else None for row in children]
        if stated is None or any(v is None for v in values) or cell.text.endswith("%"):
            continue
        numbers = [v for v in values if v is not None]
        total = sum(numbers, Decimal(0))
        if not _adds_up(total, stated, numbers):
            name = header[column] if column < len(header) else f"第{column + 1}个数"
            where, _ = _where(parent)
            label = parent.label.raw.rstrip("：:| ")
            yield Finding("figures", where, f"{label}：{cell.raw}",
                          f"“{label}”一行的{name}为{cell.raw}，其下第1～{len(children)}项之和为{_plain(total)}")


def _indicator_tables(document: Document, funds: list[Funds]) -> Iterator[Finding]:
    """In a Word or Markdown table of indicators: the 总分 row against the indicators, the 等级 against the 总分."""
    if not document.is_docx and document.path.suffix.lower() != ".md":
        return  # a text copy's table may have lost its merged cells, and with them the columns
    extra_points = extra_score = None
    if funds:
        points, score = funds[0].cell(funds[0].total, "points"), funds[0].cell(funds[0].total, "score")
        extra_points = points.number if points is not None else None
        extra_score = score.number if score is not None else None
    # A 一票否决 sets the grade to 差 whatever the total.
    vetoed = any("一票否决" in p.text for p in document.passages)
    for rows in document_tables(document).values():
        yield from _indicator_table(rows, extra_points, extra_score, vetoed)


def _indicator_table(rows: dict[int, dict[int, Passage]], extra_points: Decimal | None,
                     extra_score: Decimal | None, vetoed: bool) -> Iterator[Finding]:
    ordered = [rows[r] for r in sorted(rows)]
    header = next((i for i, row in enumerate(ordered) if any("三级指标" in p.text for p in row.values())), None)
    if header is None:
        return
    titles = {c: MARKS.sub("", p.text) for c, p in ordered[header].items()}
    weight = next((c for c, t in titles.items() if t in ("分值", "权重")), None)
    scored = next((c for c, t in titles.items() if t == "得分"), None)
    if weight is None or scored is None:
        return
    weights: list[Decimal] = []
    scores: list[Decimal] = []
    idle: list[Decimal] = []  # the 分值 of indicators scored “/” (not applicable)
    group: list[tuple[str, Decimal, Decimal | None]] = []  # the indicators since the last 小计 row, by 一级指标
    total_score: Decimal | None = None
    for row in ordered[header + 1:]:
        first = next((p.text.strip() for _, p in sorted(row.items()) if p.text.strip()), "")
        w, s = _cell_number(row.get(weight)), _cell_number(row.get(scored))
        if re.match(r"^(?:总分|合计|总计)", first):
            yield from _total_row(row, weight, scored, (weights, scores, idle), extra_points, extra_score)
            total_score = s
        elif re.match(r"^(?:自评|评价)?等级", first) and total_score is not None:
            grade = next((p.text.strip() for c, p in sorted(row.items()) if c > 1 and p.text.strip()), "")
            if grade[:1] in "优良中差" and not grade_agrees(total_score, grade) and not (grade == LOWEST_GRADE and vetoed):
                cell = next(p for c, p in sorted(row.items()) if p.text.strip() == grade)
                yield Finding("figures", cell.where, f"{first}：{grade}",
                              f"总分{_plain(total_score)}对应的等级应为“{grade_of(total_score)}”，表中为“{grade}”")
        elif first.endswith("小计"):
            yield from _subtotal_row(row, first, weight, scored, group)
            group = []
        elif w is not None:
            weights.append(w)
            group.append((first, w, s))
            if s is not None:
                scores.append(s)
            elif _cell_text(row.get(scored)) == "/":
                idle.append(w)


def _cell_text(passage: Passage | None) -> str:
    return passage.text.strip() if passage is not None else ""


def _subtotal_row(row: dict[int, Passage], label: str, weight: int, scored: int,
                  group: list[tuple[str, Decimal, Decimal | None]]) -> Iterator[Finding]:
    """A 一级指标's 小计 row (产出指标小计) against that 一级指标's indicators since the last 小计 (a row of another
    name, such as 预算执行率, is not among them); not an indicator itself."""
    members = [(w, s) for first, w, s in group if first in (label.removesuffix("小计"), "")]
    for column, values, name in ((weight, [w for w, _ in members], "分值"),
                                 (scored, [s for _, s in members if s is not None], "得分")):
        stated = _cell_number(row.get(column))
        if stated is None or len(values) < 2:
            continue
        total = sum(values, Decimal(0))
        if abs(total - stated) <= Decimal(1).scaleb(-_places([*values, stated])) / 2 * len(values):
            continue
        cell = row[column]
        yield Finding("figures", cell.where, f"{label}：{cell.text.strip()}",
                      f"“{label}”的{name}为{cell.text.strip()}，其上各指标之和为{_plain(total)}")


def _cell_number(passage: Passage | None) -> Decimal | None:
    if passage is None:
        return None
    return _token(passage, 0, len(passage.text)).number if VALUE.match(passage.text.strip()) else None


def _total_row(row: dict[int, Passage], weight: int, scored: int,
               indicators: tuple[list[Decimal], list[Decimal], list[Decimal]],
               extra_points: Decimal | None, extra_score: Decimal | None) -> Iterator[Finding]:
    weights, scores, idle = indicators
    for column, values, extra, name in ((weight, weights, extra_points, "分值"), (scored, scores, extra_score, "得分")):
        stated = _cell_number(row.get(column))
        if stated is None or len(values) < 2:
            continue
        total = sum(values, Decimal(0))
        slack = Decimal(1).scaleb(-_places([*values, stated])) / 2 * len(values)
        if abs(total - stated) <= slack or (extra is not None and abs(total + extra - stated) <= slack + Decimal("0.005")):
            continue
        if name == "得分" and _rescaled(stated, total, slack, weights, idle, extra_points, extra_score):
            continue
        cell = row[column]
        shown = f"{_plain(total)}" + (f"（加预算执行率{_plain(extra)}为{_plain(total + extra)}）" if extra is not None else "")
        yield Finding("figures", cell.where, f"{name}合计：{cell.text.strip()}",
                      f"“{name}”一栏的合计为{cell.text.strip()}，各指标之和为{shown}")


def _rescaled(stated: Decimal, total: Decimal, slack: Decimal, weights: list[Decimal], idle: list[Decimal],
              extra_points: Decimal | None, extra_score: Decimal | None) -> bool:
    """The 总分 of a form that leaves indicators out (“/”) and converts the rest to 100 (折算为百分制): the score over
    the applicable 分值, times the full 分值 — with the 预算执行率 row's, where the form has one."""
    if not idle:
        return False
    full = sum(weights, Decimal(0)) + (extra_points or 0)
    applicable = full - sum(idle, Decimal(0))
    scored = total + (extra_score or 0)
    if applicable <= 0:
        return False
    return abs(scored / applicable * full - stated) <= (slack + Decimal("0.005")) / applicable * full + Decimal("0.005")


def form_findings(document: Document) -> Iterator[Finding]:
    funds = document_funds(document)
    for block in funds:
        yield from _sums(block)
        yield from _rates(block)
        yield from _score(block)
    for region in document_regions(document):
        yield from _numbered(region.rows)
    yield from _indicator_tables(document, funds)
