"""Closed lists of words: the mark of a cell that does not apply, units, date styles, outlines, formats."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

NOT_APPLICABLE = "/"
"""A form's cell that does not apply: 分值 and 得分 of a source row, 偏差原因 of an indicator with full marks."""

MONEY_UNITS = ("万元", "元")
MoneyUnit = Literal[MONEY_UNITS]  # type: ignore[valid-type]
RATE_UNIT = "%"
"""The unit of a rate: its changes are in 个百分点, and it is never summed from parts."""
PER_MILLE_UNIT = "‰"
"""The unit of a rate in thousandths (检出率2.5‰): its changes are in 个千分点."""
POINT_WORDS = {RATE_UNIT: "个百分点", PER_MILLE_UNIT: "个千分点"}
"""How the change of a rate is said, by the rate's unit."""



@dataclass(frozen=True)
class Choice:
    """A value a data file writes, what it means, and the word a workbook's drop-down shows for it."""

    code: str
    meaning: str
    word: str = ""


def described(choices: tuple[Choice, ...]) -> str:
    """The values as a field's description lists them: arabic（2026年1月20日）或 chinese（二〇二六年一月二十日）."""
    return "或 ".join(f"{c.code}（{c.meaning}）" for c in choices)


APPROXIMATIONS = (
    Choice("超过", "超过5000名", "前"),
    Choice("逾", "逾5000名", "前"),
    Choice("近", "近2万人次", "前"),
    Choice("约", "约300人", "前"),
    Choice("余", "10万余人、300余人/次", "后"),
    Choice("多", "3000多人", "后"),
)
"""The words a writer puts around a number that is not exact; ``word`` says whether it goes before the number or
after it (after the 万/千/百/亿 that opens the unit: 10万余人)."""
Approximation = Literal[tuple(a.code for a in APPROXIMATIONS)]  # type: ignore[valid-type]
MAGNITUDES = "万千百亿"
"""The words that open a unit such as 万人 and stay with the number: 10万余人."""

MAX_HEADING_LEVEL = 4
"""Headings go four levels deep: 一、（一）1.（1）."""
NUMBERINGS = (
    Choice("gbt9704", "一、（一）1.（1）", "四级"),
    Choice("skip2", "一、1.（1），不用（一）", "三级"),
)
"""The numbering schemes a county may choose; each lists the heading forms the levels take, top first."""
Numbering = Literal[tuple(n.code for n in NUMBERINGS)]  # type: ignore[valid-type]
NUMBERING_LEVELS = {"gbt9704": (1, 2, 3, 4), "skip2": (1, 3, 4)}
DEFAULT_NUMBERING = NUMBERINGS[0].code
"""For each scheme, the heading form (1 一、 2 （一） 3 1. 4 （1）) of each depth."""

COLUMN_TYPES = (
    Choice("text", "文字", "文字"),
    Choice("money", "金额，保留两位小数，可合计", "金额"),
    Choice("count", "数量，可合计", "数量"),
    Choice("rate", "比率（%），不合计", "比率"),
)
"""The types of a body table's column: how its cells are written and whether a 合计 row sums them."""
ColumnType = Literal[tuple(c.code for c in COLUMN_TYPES)]  # type: ignore[valid-type]
SUMMED_COLUMNS = ("money", "count")
NUMBER_COLUMNS = (*SUMMED_COLUMNS, "rate")
"""The columns whose cells are numbers (the others hold text)."""
TOTAL_LABEL = "合计"


DATE_STYLES = (
    Choice("arabic", "2026年1月20日", "阿拉伯数字"),
    Choice("chinese", "二〇二六年一月二十日", "汉字"),
)
DateStyle = Literal[tuple(s.code for s in DATE_STYLES)]  # type: ignore[valid-type]
DEFAULT_DATE_STYLE = DATE_STYLES[0].code

DEFAULT_OUTLINE = "default"
OUTLINES = {
    "performance_evaluation": (
        Choice(DEFAULT_OUTLINE, "项目概述…可持续发展八章", "默认提纲"),
        Choice("mof2020", "财预〔2020〕10号附件3参考提纲", "财预〔2020〕10号提纲"),
    ),
}
"""The outlines of the kinds that have more than one, by kind: the model accepts these names, ``kinds.py``
gives each its content template, the workbook offers their words."""


def outline_names(kind: str) -> tuple[str, ...]:
    return tuple(o.code for o in OUTLINES.get(kind, ())) or (DEFAULT_OUTLINE,)


PAGE_NUMBERS = (
    Choice("standard", "单页居右、双页居左，GB/T 9704"),
    Choice("center", "居中"),
)
"""Where a county's layout option puts the page number."""
PageNumber = Literal[tuple(p.code for p in PAGE_NUMBERS)]  # type: ignore[valid-type]

DOCUMENT_FORMATS = ("docx", "md", "html")
"""What every kind renders to."""
FORM_FORMAT = "xlsx"
"""The Excel form, for kinds that are forms."""
PDF_FORMAT = "pdf"
"""Made from the DOCX by LibreOffice."""
OUTPUT_FORMATS = (*DOCUMENT_FORMATS, FORM_FORMAT, PDF_FORMAT)
RenderFormat = Literal[(*DOCUMENT_FORMATS, FORM_FORMAT)]  # type: ignore[valid-type]


CHINESE_NUMERALS = "一二三四五六七八九十百千万零〇"
HEADING_NUMBERS = (  # (level, how a line opens with that level's number, the mark GB/T 9704 puts after it)
    (1, re.compile(rf"^(?P<n>[{CHINESE_NUMERALS}]+)(?P<mark>[、.．，,：:])"), "、"),
    (2, re.compile(rf"^(?P<open>[（(])(?P<n>[{CHINESE_NUMERALS}]+)(?P<close>[）)])(?P<mark>[、.．，,]?)"), ""),
    # 1.2026年… is item 1 on the year 2026 (a decimal is not followed by 年 after four places), not 1.2026
    (3, re.compile(r"^(?P<n>\d{1,2})(?P<mark>[.．、，,])(?:(?!\d)|(?=(?:19|20)\d{2}年))"), "."),
    (4, re.compile(r"^(?P<open>[（(])(?P<n>\d{1,2})(?P<close>[）)])(?P<mark>[、.．，,]?)"), ""),
)
"""A line that opens like this reads as a numbered heading: govreport numbers its own headings and items, and
a paragraph of the data may not open with a number of its own (the checker would read it as a heading)."""


def heading_number_at_start(text: str) -> str | None:
    """The heading number a text opens with (``一、``, ``（二）``, ``3.``, ``（4）``), or None."""
    for _, pattern, _ in HEADING_NUMBERS:
        if match := pattern.match(text):
            return match.group(0)
    return None

