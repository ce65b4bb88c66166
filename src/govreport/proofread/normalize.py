"""Text as the checks read it — one form of digits, punctuation and units — with a map back to the original.

Copies from web pages and PDFs write ASCII punctuation (“,” “(” “:”), full-width
digits, spaces inside figures (“77.8 %”, “4025 人”, “0.00 万元”) and traditional
characters (萬元, 增長). The figure checks read the normalised text; ``Text.origin``
takes every normalised character back to the original one, so excerpts and places
always show what the document says.

Spaces between two figures are kept (a form row “0 0 0 10”); a comma between digits
stays a thousands separator only when three digits follow (“25,754,899.39”, but
“4125.49,4143.91万元” is a list of two amounts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WIDTH = {chr(0xFF10 + i): str(i) for i in range(10)} | {"％": "%", "．": ".", "＋": "+", "－": "-", "／": "/"}
ASCII_PUNCTUATION = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
# Traditional forms of the words the checks look for (units, 增长/减少, 较上年, 占, 总计…).
TRADITIONAL = dict(zip(
    "萬億長較減佔總計數預資與開項額際達點財稅務戶個餘層實劃專撥結轉濟續產據過為共門診約",
    "万亿长较减占总计数预资与开项额际达点财税务户个余层实划专拨结转济续产据过为共门诊约", strict=True))
SPACES = " \u3000\u00a0\t"
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Text:
    """The normalised text and, for each of its characters, the index of the original character."""

    text: str
    origin: tuple[int, ...]  # len(text) + 1 entries; the last is len(original)
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of text[start:end]."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


def _is_digit(c: str) -> bool:
    return "0" <= c <= "9"


def _thousands(text: str, i: int) -> bool:
    """The comma at i separates thousands: a digit before, exactly three digits after."""
    after = text[i + 1:i + 4]
    return (i > 0 and _is_digit(text[i - 1]) and len(after) == 3 and after.isdigit()
            and not (i + 4 < len(text) and _is_digit(text[i + 4])))


def _droppable_space(text: str, i: int, j: int) -> bool:
    """Spaces text[i:j] sit inside a figure: between a figure and its unit or %, or a word and a figure."""
    left = text[i - 1] if i > 0 else ""
    right = text[j] if j < len(text) else ""
    if not left or not right:
        return False
    left_figure = _is_digit(left) or left in "%."
    right_figure = _is_digit(right) or right in "%."
    if left_figure and right_figure:
        return right in "%." or left == "."  # 77.8 % and 3 .5, but never 0 0 0
    return (left_figure and bool(_HAN.match(right))) or (bool(_HAN.match(left)) and _is_digit(right))


def normalise(original: str) -> Text:
    """The text with digits, punctuation and units in one form, and the map back."""
    widened = "".join(WIDTH.get(c, c) for c in original)
    out: list[str] = []
    origin: list[int] = []
    i = 0
    n = len(widened)
    while i < n:
        c = widened[i]
        if c in SPACES:
            j = i
            while j < n and widened[j] in SPACES:
                j += 1
            if _droppable_space(widened, i, j):
                i = j
                continue
            out.append(" ")
            origin.append(i)
            i = j
            continue
        if c == "," and _thousands(widened, i):
            out.append(",")
        elif c == ":" and i > 0 and _is_digit(widened[i - 1]) and i + 1 < n and _is_digit(widened[i + 1]):
            out.append(":")  # a time, 01:40
        elif c in ASCII_PUNCTUATION:
            out.append(ASCII_PUNCTUATION[c])
        elif c == "，" and _thousands(widened, i):
            out.append(",")
        else:
            out.append(TRADITIONAL.get(c, c))
        origin.append(i)
        i += 1
    origin.append(n)
    return Text("".join(out), tuple(origin), original)


_CHINESE_COMMA = re.compile(r"(?<=[\u4e00-\u9fff])[，；：]|[，；：](?=[\u4e00-\u9fff])")
_ASCII_COMMA = re.compile(r"(?<=[\u4e00-\u9fff])[,;:]|[,;:](?=[\u4e00-\u9fff])")


def ascii_punctuated(texts: list[str]) -> bool:
    """Chinese text punctuated mostly in ASCII: a copy from a web page or PDF, whose brackets say nothing of the original."""
    ascii_marks = chinese_marks = 0
    for text in texts:
        ascii_marks += len(_ASCII_COMMA.findall(text))
        chinese_marks += len(_CHINESE_COMMA.findall(text))
    return ascii_marks > chinese_marks
