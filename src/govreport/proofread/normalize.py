"""Text as the checks read it — one form of digits, punctuation and units — with a map back to the original.

Copies from web pages and PDFs write ASCII punctuation (“,” “(” “:”), full-width
digits, spaces inside figures (“77.8 %”, “4025 人”, “0.00 万元”) and traditional
characters (萬元, 增長). The figure checks read the normalised text; ``Text.origin``
takes every normalised character back to the original one, so excerpts and places
always show what the document says.

Spaces between two figures are kept (a form row “0 0 0 10”); a comma between digits
stays a thousands separator only when three digits follow and no decimals precede
(“25,754,899.39”, but “4125.49,4143.91万元” and “50.00,100.00万元” are lists of two
amounts).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

WIDTH = {chr(0xFF10 + i): str(i) for i in range(10)} | {"％": "%", "．": ".", "＋": "+", "－": "-", "／": "/"}
ASCII_PUNCTUATION = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
# Traditional forms of the words the checks look for (units, 增长/减少, 较上年, 占, 总计…).
TRADITIONAL = dict(zip(
    "萬億長較減佔總計數預資與開項額際達點財稅務戶個餘層實劃專撥結轉濟續產據過為門診約",
    "万亿长较减占总计数预资与开项额际达点财税务户个余层实划专拨结转济续产据过为门诊约", strict=True))
SPACES = " \u3000\u00a0\t"


@dataclass(frozen=True)
class Text:
    """The normalised text and the way back: past each dropped run of spaces, offsets shift by what was dropped."""

    text: str
    original: str
    shifts: tuple[tuple[int, int], ...] = ()  # (normalised offset, characters dropped before it), ascending

    def origin(self, index: int) -> int:
        """The original offset of the normalised character at ``index`` (``len(text)`` gives ``len(original)``)."""
        if index >= len(self.text):
            return len(self.original)
        i = bisect_right(self.shifts, (index, len(self.original) + 1)) - 1
        return index + (self.shifts[i][1] if i >= 0 else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of text[start:end]."""
        if end <= start:
            return self.origin(start), self.origin(start)
        return self.origin(start), self.origin(end - 1) + 1


def _is_digit(c: str) -> bool:
    return "0" <= c <= "9"


def _thousands(text: str, i: int) -> bool:
    """The comma at i separates thousands: a digit before, exactly three digits after, and no decimal point in the
    figure before it (“50.00,100.00万元” is a list of two amounts)."""
    after = text[i + 1:i + 4]
    if not (i > 0 and _is_digit(text[i - 1]) and len(after) == 3 and after.isdigit()
            and not (i + 4 < len(text) and _is_digit(text[i + 4]))):
        return False
    j = i - 1
    while j >= 0 and (_is_digit(text[j]) or text[j] in ",，"):
        j -= 1
    return j < 0 or text[j] != "."


_SAME_LENGTH = str.maketrans(WIDTH | TRADITIONAL)
_TRANSLATED = re.compile(f"[{''.join(WIDTH | TRADITIONAL)}]")
_PUNCTUATION = re.compile(r"[,;:()!?，]")
_SPACE = f"[{SPACES}]+"
# Spaces inside a figure: before its % or unit (“77.8 %”, “0.00 万元”), after a word (“较 2022”), around a point.
_DROPPABLE = re.compile(rf"(?<=[\d%.]){_SPACE}(?=[%.\u4e00-\u9fff])|(?<=\.){_SPACE}(?=\d)"
                        rf"|(?<=[\u4e00-\u9fff]){_SPACE}(?=\d)")


def _punctuation(m: re.Match[str]) -> str:
    c = m.group(0)
    text, i = m.string, m.start()
    if c in ",，" and _thousands(text, i):
        return ","
    if c == ":" and i > 0 and _is_digit(text[i - 1]) and i + 1 < len(text) and _is_digit(text[i + 1]):
        return ":"  # a time, 01:40
    return ASCII_PUNCTUATION.get(c, c)


def normalise(original: str) -> Text:
    """The text with digits, punctuation and units in one form, and the map back."""
    same = original.translate(_SAME_LENGTH) if _TRANSLATED.search(original) else original
    same = _PUNCTUATION.sub(_punctuation, same)
    pieces: list[str] = []
    shifts: list[tuple[int, int]] = []
    cursor = dropped = 0
    for m in _DROPPABLE.finditer(same):
        pieces.append(same[cursor:m.start()])
        shifts.append((m.start() - dropped, dropped + m.end() - m.start()))
        dropped += m.end() - m.start()
        cursor = m.end()
    pieces.append(same[cursor:])
    return Text("".join(pieces), original, tuple(shifts))


def ascii_punctuated(texts: list[str]) -> bool:
    """Chinese text punctuated mostly in ASCII: a copy from a web page or PDF, whose brackets say nothing of the original."""
    ascii_marks = sum(t.count(",") + t.count(";") + t.count(":") for t in texts)
    chinese_marks = sum(t.count("，") + t.count("；") + t.count("：") for t in texts)
    return ascii_marks > chinese_marks
