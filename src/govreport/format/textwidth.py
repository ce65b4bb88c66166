"""How wide a text is set, where its lines may break and how many lines it needs, in ems of its font size.

The forms' tables are sized before Word, WPS, Excel or LibreOffice sets a line,
so every width here is the widest the text can come out in any of them:

- Chinese characters, full-width punctuation and the symbols Chinese faces set
  full width (≥ ≤ “ ” …) are 1 em; so is any character not in the table below.
- Printable ASCII takes the widest advance, regular or bold, of Carlito (the
  metrics of Calibri, the default face of Excel and WPS sheets), Liberation
  Serif (those of Times New Roman, the documents' Latin face) and Noto Serif
  CJK SC (what 仿宋 becomes in LibreOffice), and never less than 0.5 em (the
  half-width Latin of 仿宋_GB2312 and 宋体). The table was read from those
  fonts' horizontal metrics and is kept here, so nothing is measured at run time.

Lines break as Chinese typesetting allows: between characters, but never
before closing punctuation nor after opening punctuation, and never inside a
run of Latin letters and figures (12,000 or B/A), which keeps ≥ and ≤ in
front of it. A piece wider than the line is broken by character, as every
renderer does. A heading breaks only before a bracket and where a zero-width
space (``BREAK``) marks a word's end (年度|指标值); the mark itself is never shown.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache

from ..vocabulary.scoring import OPERATORS

# Advance widths of U+0020…U+007E in thousandths of an em (see the module docstring).
_ASCII = (
    500, 500, 556, 615, 589, 1000, 834, 500, 500, 500, 500, 603, 500, 500, 500, 500,
    593, 507, 594, 593, 593, 594, 594, 588, 594, 596, 500, 500, 603, 603, 603, 500,
    970, 746, 708, 723, 789, 667, 648, 778, 864, 500, 500, 778, 667, 1001, 815, 785,
    673, 785, 751, 597, 695, 818, 734, 1091, 726, 723, 667, 500, 500, 500, 603, 593,
    500, 585, 672, 565, 658, 572, 500, 596, 687, 500, 500, 651, 500, 1008, 685, 623,
    671, 640, 500, 500, 500, 678, 578, 874, 599, 582, 517, 500, 500, 500, 603,
)
OPENING = "（《〈「『【〔［｛“‘([{"  # never the last character of a line
CLOSING = "，。、；：！？）》〉」』】〕］｝”’…‰,.;:!?)]}%"  # never the first
# Stay in front of the figure they qualify: the operators' signs before a target (≥8000人次), and their like.
PREFIXES = "".join(o.prefix for o in OPERATORS) + "＞＜±～"
LINE_EM = 1.5  # the height of a line of Chinese text, at most (Noto CJK's ascent and descent: 1.437 em)
EPSILON = 1e-9
BREAK = "\u200b"  # zero-width space: where a heading may break
_PIECES = re.compile(r"[!-~]+|\s|.", re.DOTALL)  # a run of Latin letters and figures, a space, or one character

Pieces = Callable[[str], list[str]]


def char_width(char: str) -> float:
    code = ord(char)
    return _ASCII[code - 0x20] / 1000 if 0x20 <= code <= 0x7E else 0.0 if char == BREAK else 1.0


def text_width(text: str) -> float:
    """The width of ``text`` set on one line (of its longest line, when it holds newlines)."""
    return max(sum(char_width(c) for c in line) for line in text.split("\n"))


def units(text: str) -> list[str]:
    """The pieces of one line of text that a line may break between (spaces are pieces of their own)."""
    result: list[str] = []
    glue_next = False  # the last piece was opening punctuation or a prefix: the next piece joins it
    for piece in _PIECES.findall(text):
        if result and (glue_next or piece[0] in CLOSING):
            result[-1] += piece
        else:
            result.append(piece)
        glue_next = piece[-1] in OPENING or piece in PREFIXES
    return result


def heading_units(text: str) -> list[str]:
    """A heading breaks only before a bracketed note and at a ``BREAK``: 全年预算数（A） → 全年预算数 | （A）."""
    return [part for part in re.split(f"(?=[（(])|{BREAK}", text) if part]


def whole(text: str) -> list[str]:
    """A text that never breaks: a figure, or a heading that must stay on one line."""
    return [text]


@lru_cache(maxsize=4096)
def _measured(text: str, pieces: Pieces) -> tuple[tuple[tuple[float, tuple[float, ...]], ...], ...]:
    """Per line of ``text``: each piece's width and its characters' widths."""
    return tuple(
        tuple((sum(chars), chars) for chars in (tuple(char_width(c) for c in p) for p in pieces(line)))
        for line in text.split("\n")
    )


def lines(text: str, width: float, pieces: Pieces = units) -> int:
    """Lines ``text`` needs at ``width`` ems, filled greedily; a newline always starts a new line."""
    return sum(_wrapped(paragraph, width) for paragraph in _measured(text, pieces))


def _wrapped(paragraph: tuple[tuple[float, tuple[float, ...]], ...], width: float) -> int:
    count, used = 1, 0.0
    for size, chars in paragraph:
        if used + size <= width + EPSILON:
            used += size
        elif size <= width + EPSILON:
            count, used = count + 1, size
        else:  # wider than a line: broken by character
            for step in chars:
                if used + step > width + EPSILON and used > 0:
                    count, used = count + 1, 0.0
                used += step
    return count


def wrap(text: str, width: float, pieces: Pieces = units) -> list[str]:
    """The lines ``text`` fills at ``width`` ems, broken only between pieces (a wider piece has a line of its own)."""
    result: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for piece in pieces(paragraph):
            size = text_width(piece)
            if line and used + size > width + EPSILON:
                result.append(line)
                line, used = "", 0.0
            line, used = line + piece, used + size
        result.append(line)
    return result


def widest_unit(text: str, pieces: Pieces = units) -> float:
    """The narrowest width at which no piece of ``text`` has to be broken."""
    return max((size for paragraph in _measured(text, pieces) for size, _ in paragraph), default=0.0)


@lru_cache(maxsize=4096)
def width_for_lines(text: str, count: int, pieces: Pieces = units) -> float:
    """The narrowest width (to 1/100 em) at which ``text`` fits in ``count`` lines without breaking a piece."""
    low, high = widest_unit(text, pieces), text_width(text)
    if lines(text, low, pieces) <= count or lines(text, high, pieces) > count:
        return low if lines(text, low, pieces) <= count else high  # more paragraphs than lines: one line each
    low_steps, high_steps = math.floor(low * 100), math.ceil(high * 100)
    while high_steps - low_steps > 1:  # lines(low_steps) > count >= lines(high_steps)
        middle = (low_steps + high_steps) // 2
        if lines(text, middle / 100, pieces) <= count:
            high_steps = middle
        else:
            low_steps = middle
    return high_steps / 100
