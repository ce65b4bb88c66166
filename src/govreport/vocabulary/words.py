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


@dataclass(frozen=True)
class Choice:
    """A value a data file writes, what it means, and the word a workbook's drop-down shows for it."""

    code: str
    meaning: str
    word: str = ""


def described(choices: tuple[Choice, ...]) -> str:
    """The values as a field's description lists them: arabic（2026年1月20日）或 chinese（二〇二六年一月二十日）."""
    return "或 ".join(f"{c.code}（{c.meaning}）" for c in choices)


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

