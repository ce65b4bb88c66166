"""Where the signature (发文机关署名) and the date (成文日期) stand at the end of a report, GB/T 9704-2012 7.3.5.

Without a seal (7.3.5.3) the signature is 右空二字 and the date, on the next
line, starts two characters right of the signature's first character; when
the date would then come closer than two characters to the right edge, the
date is 右空二字 and the signature moves left to keep the offset. With a seal
(7.3.5.1) the date is 右空四字 and each signature line is centred over it.

Both depend on how wide the texts come out, so the indents are worked out per
report, in twips, from the widths the page gives them: a full-width character
one character, a figure or Latin letter half of one, each narrowed by the
body's condensed spacing (``character_spacing``), and the space Word and
LibreOffice put between Chinese text and figures (2026年1月20日 has five such
joins). Without a seal the date is placed by its first character, so that the
two-character offset holds whatever that space comes to in the program that
prints it. Several signature lines share one right edge.

A county shell holds a seal when its closing part — what follows the
``【正文】`` paragraph — holds a picture.
"""

from __future__ import annotations

import io
import math
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from lxml import etree

from ..ooxml.parser import SAFE_PARSER
from ..vocabulary.gbt9704 import profile
from .shell import PLACEHOLDER, qn, read_shell

JOIN_SPACE = 0.22  # of a character, between Chinese text and a figure: 3.5 pt at 16 pt, measured in LibreOffice 7.4


def character_spacing(layout: dict[str, Any]) -> int:
    """Twips each body character gives up (``w:spacing``) so that ``chars_per_line`` of them fill the type area.

    Three-size (16 pt) characters set at their full width fit only 27 to the 156 mm line; 28 at 315 twips do.
    """
    page = layout["page"]
    area = page["width"] - page["margin_left"] - page["margin_right"]
    em = round(layout["styles"]["body"]["size"] * 20)
    return math.floor(area / page["chars_per_line"] - em)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _joins(a: str, b: str) -> bool:
    """Chinese text next to a figure or a Latin letter: Word and LibreOffice set a small space between them."""
    return any(_wide(x) and y.isascii() and y.isalnum() for x, y in ((a, b), (b, a)))


def text_width(text: str, em: int, spacing: int) -> int:
    """Width in twips of one line of body text: full-width characters one ``em``, the others half, each less
    ``spacing``, plus the space at each join of Chinese text and a figure or a Latin letter."""
    wide = sum(map(_wide, text))
    joins = sum(_joins(a, b) for a, b in pairwise(text))
    return wide * em + (len(text) - wide) * em // 2 + len(text) * spacing + joins * round(em * JOIN_SPACE)


@dataclass(frozen=True)
class Closing:
    """Indents in twips: each signature line's right indent; the date's left and right indents and alignment
    (``left``: placed by its first character; ``right``: by its end)."""

    signature: list[int]
    date_left: int
    date_right: int
    date_align: str


def closing_indents(signature_lines: Sequence[str], date: str, sealed: bool = False) -> Closing:
    layout = profile()
    page = layout["page"]
    area = page["width"] - page["margin_left"] - page["margin_right"]
    em = round(layout["styles"]["body"]["size"] * 20)
    spacing = character_spacing(layout)
    rule = layout["closing"]
    widths = [text_width(line, em, spacing) for line in signature_lines] or [0]
    date_width = text_width(date, em, spacing)
    if sealed:
        date_right = max(rule["sealed_date_right"] * em, -((date_width - max(widths)) // 2))  # no line past the edge
        return Closing([date_right + (date_width - w) // 2 for w in widths], 0, date_right, "right")
    shift = rule["date_shift"] * em
    signature_right = rule["signature_right"] * em + max(0, date_width + shift - max(widths))
    return Closing([signature_right] * len(widths), area - signature_right - max(widths) + shift, 0, "left")


@lru_cache(maxsize=16)
def _sealed(shell: Path, mtime: int, size: int) -> bool:
    with zipfile.ZipFile(io.BytesIO(read_shell(shell))) as package:
        root = etree.fromstring(package.read("word/document.xml"), SAFE_PARSER)
    closing_part = False
    for child in root.find(qn("w:body")):
        if closing_part and (child.find(f".//{qn('w:drawing')}") is not None or child.find(f".//{qn('w:pict')}") is not None):
            return True
        closing_part = closing_part or "".join(t.text or "" for t in child.iter(qn("w:t"))).strip() == PLACEHOLDER
    return False


def shell_has_seal(shell: Path | None) -> bool:
    """Whether a picture (the seal) stands in the shell's closing part; kept per file version."""
    if shell is None:
        return False
    stat = shell.stat()
    return _sealed(shell, stat.st_mtime_ns, stat.st_size)
