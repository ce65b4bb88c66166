"""Placeholder residue: text a template or a 范文 left for someone to fill in and nobody did.

XX / xx / ×× / ＸＸ (“xxx.xx 万元” is one), a lone x between Chinese characters
(x省, x-x月, “项目 x 个”), a lone × where a figure goes (提高×%, ×名), 20xx年,
runs of * or ＊, ○○, 某某, 【待填】-style brackets, unrendered ``{{ }}`` and
``{% %}``, a unit standing where its number should be (“，%。”), and a form's
filling instruction left in the cell it explains (“结合自评情况，说明…（200字以内）”).
Latin words (Xbox, XXL, XXI) and the multiplication sign between digits
(5×1500) or words (长×宽) are not placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import Finding, excerpt
from .passages import Document

_HAN = r"[\u4e00-\u9fff]"
_NUMERAL = r"[一二三四五六七八九十〇○零]"  # 二○○四年: ○ written for 〇
_XRAY = r"[光线射型]"  # X光机, X线, X射线, X型
_X = "xXＸｘ"
_FIGURE_AFTER = r"[%‰年月日人名个亿万元户次项份件台套座所家条篇余多]"
# (pattern, message, characters one of which a passage must hold for the pattern to be tried)
PATTERNS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\{%"), "模板标记未替换", "{"),
    (re.compile(rf"(?<![A-Za-z0-9])[{_X}]+\.[{_X}]+(?![A-Za-z0-9])"), "占位符未填写", _X),
    (re.compile(rf"(?<=[\u4e00-\u9fff])[ \u3000]+[{_X}](?=[ \u3000]+[\u4e00-\u9fff])"), "占位符未填写", _X),
    (re.compile(rf"(?<=[\u4e00-\u9fff])×(?={_FIGURE_AFTER})"), "占位符未填写", "×"),
    (re.compile(r"^[^\d（(\s].{2,80}[（(]\d{2,4}字以内[）)][。.]?\s*$"), "填写说明未替换", "字"),
    (re.compile(r"(?:19|20)[XxＸｘ]{1,2}(?=[年\-—至－]|\b)"), "年份未填写", _X),
    (re.compile(r"(?<![A-Za-zＡ-Ｚａ-ｚ])(?:[XxＸｘ]{2,}|[×＊*]{2,}|＿{2,}|_{3,})(?![A-Za-zＡ-Ｚａ-ｚ])"),
     "占位符未填写", _X + "×＊*＿_"),
    (re.compile(rf"(?<!{_NUMERAL})[○◯]{{2,}}(?!{_NUMERAL}|年)"), "占位符未填写", "○◯"),
    (re.compile(rf"(?<={_HAN})[*＊](?={_HAN}|[%‰])"), "占位符未填写", "*＊"),
    (re.compile(rf"(?<![A-Za-z0-9.．])[xXＸｘ](?![A-Za-z0-9]|{_XRAY})(?={_HAN}|[-—～~至.])|(?<={_HAN})[xXＸｘ](?![A-Za-z0-9]|{_XRAY})"),
     "占位符未填写", _X),
    (re.compile(r"某某"), "占位符未填写", "某"),
    (re.compile(r"【[^】]{0,12}(?:待填|待定|填写|填入|请输入|请填|此处|XX|xx|××)[^】]{0,12}】|【\s*】|（\s*待[填定补]\s*）"),
     "待填内容", "【（"),
    (re.compile(r"(?<=[，,、；;：:])\s*(?:%|万元|亿元)(?=[，,。；;、）)])|(?<=[\u4e00-\u9fff])[%％](?=[，,。；;、）)]|$)"),
     "数字缺失，只剩单位", "%％万亿"),
)


_NEEDS = tuple(re.compile(f"[{re.escape(needs)}]") for _, _, needs in PATTERNS)


def placeholder_findings(document: Document) -> Iterator[Finding]:
    for passage in document.passages:
        text = passage.text
        if not text:
            continue
        taken: list[tuple[int, int]] = []
        for (pattern, message, _), needs in zip(PATTERNS, _NEEDS, strict=True):
            if not needs.search(text):
                continue
            for match in pattern.finditer(text):
                start, end = match.span()
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                shown = match.group(0).strip()
                yield Finding("placeholder", passage.where, excerpt(text, start, end),
                              f"{message}：“{shown if len(shown) <= 20 else shown[:20] + '…'}”")
