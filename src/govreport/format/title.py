"""Where a long title breaks: between words, not wherever the line happens to end (GB/T 9704, templates/gbt9704.yaml)."""

from __future__ import annotations

from collections.abc import Iterable

TITLE_LINE_WIDTH = 20  # 二号 characters across the 156 mm type area


def text_width(text: str) -> float:
    """Width in full-width characters: Arabic digits and Latin letters count half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in text)


def title_lines(title: str, boundaries: Iterable[str] = (), width: float = TITLE_LINE_WIDTH) -> list[str]:
    """One line if it fits; else two, broken after the longest boundary phrase (an organisation,
    a project name) that still fits on the first line. A title with no such phrase is left whole."""
    if text_width(title) <= width:
        return [title]
    cuts = sorted(
        {title.index(b) + len(b) for b in boundaries if b and b in title},
        key=lambda cut: text_width(title[:cut]),
        reverse=True,
    )
    for cut in cuts:
        if 0 < cut < len(title) and text_width(title[:cut]) <= width:
            return [title[:cut], title[cut:]]
    return [title]
