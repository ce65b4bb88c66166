"""Closed lists of words: the mark of a cell that does not apply, units, date styles, outlines, formats."""

from __future__ import annotations

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
    """A value a data file writes, the word a workbook's drop-down shows for it, and what it means."""

    code: str
    word: str
    meaning: str


DATE_STYLES = (
    Choice("arabic", "阿拉伯数字", "2026年1月20日"),
    Choice("chinese", "汉字", "二〇二六年一月二十日"),
)
DateStyle = Literal[tuple(s.code for s in DATE_STYLES)]  # type: ignore[valid-type]
DEFAULT_DATE_STYLE = DATE_STYLES[0].code

DEFAULT_OUTLINE = "default"
OUTLINES = {
    "performance_evaluation": (
        Choice(DEFAULT_OUTLINE, "默认提纲", "项目概述…可持续发展八章"),
        Choice("mof2020", "财预〔2020〕10号提纲", "财预〔2020〕10号附件3参考提纲"),
    ),
}
"""The outlines of the kinds that have more than one, by kind: the model accepts these names, ``kinds.py``
gives each its content template, the workbook offers their words."""


def outline_names(kind: str) -> tuple[str, ...]:
    return tuple(o.code for o in OUTLINES.get(kind, ())) or (DEFAULT_OUTLINE,)


DOCUMENT_FORMATS = ("docx", "md", "html")
"""What every kind renders to."""
FORM_FORMAT = "xlsx"
"""The Excel form, for kinds that are forms."""
PDF_FORMAT = "pdf"
"""Made from the DOCX by LibreOffice."""
OUTPUT_FORMATS = (*DOCUMENT_FORMATS, FORM_FORMAT, PDF_FORMAT)
RenderFormat = Literal[(*DOCUMENT_FORMATS, FORM_FORMAT)]  # type: ignore[valid-type]
