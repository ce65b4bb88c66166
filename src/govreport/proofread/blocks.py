"""Runs of text the figure checks read as one: the body, and each table cell.

The body's paragraphs are joined with a line break, so a sentence never runs into
the next paragraph but a 其中 that opens a paragraph can still reach the total at
the end of the one before. In a text file a line that does not end a sentence is
a line the copy broke (PDFs, web pages): it is joined to the next without a break.
Every character keeps its way back to the passage and the original text, for the
place and the excerpt of a finding.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from .findings import excerpt
from .normalize import Text, normalise
from .passages import Document, Passage

ENDS_SENTENCE = re.compile(r"[。！？；：!?;:…”’」』）)】\]|]\s*$")
CN = "一二三四五六七八九十"
STARTS_ITEM = re.compile(rf"^\s*(?:[{CN}]+[、.．]|[（(][{CN}\d]+[）)]|\d{{1,2}}[.．、](?!\d)|第[{CN}\d]+[章条节部分])")


@dataclass
class Block:
    passages: list[Passage]
    starts: list[int]  # where each passage's text begins in ``original``
    original: str

    @cached_property
    def text(self) -> Text:
        return normalise(self.original)

    def _passage(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def where(self, start: int, end: int) -> str:
        """The place of text[start:end] (normalised offsets), as a clerk looks for it."""
        first, last = self.text.span(start, end)
        a, b = self._passage(first), self._passage(max(first, last - 1))
        if a == b:
            return self.passages[a].where
        return f"{self.passages[a].where}至{self.passages[b].where}"

    def excerpt(self, start: int, end: int, around: int = 18) -> str:
        first, last = self.text.span(start, end)
        return excerpt(self.original, first, last, around)

    def quote(self, start: int, end: int) -> str:
        """The original words of text[start:end]."""
        first, last = self.text.span(start, end)
        return self.original[first:last]


def _joined(passages: list[Passage], broken_lines: bool) -> Block:
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for i, passage in enumerate(passages):
        if i:
            previous = passages[i - 1].text
            wrapped = broken_lines and not ENDS_SENTENCE.search(previous) and not STARTS_ITEM.match(passage.text)
            if not wrapped:
                parts.append("\n")
                offset += 1
        starts.append(offset)
        parts.append(passage.text)
        offset += len(passage.text)
    return Block(passages, starts, "".join(parts))


WORDS_AND_FIGURES = re.compile(r"[\u4e00-\u9fff].*\d|\d.*[\u4e00-\u9fff]")


def document_blocks(document: Document) -> list[Block]:
    """The body as one block, then every other passage with words and figures on its own (a cell of prose);
    worked out once per document."""
    if "blocks" not in document.found:
        body = [p for p in document.passages if p.kind == "body" and p.text.strip()]
        blocks = [_joined(body, broken_lines=not document.is_docx)] if body else []
        blocks += [Block([p], [0], p.text) for p in document.passages
                   if p.kind not in ("body", "property", "furniture") and len(p.text) >= 8
                   and WORDS_AND_FIGURES.search(p.text)]
        document.found["blocks"] = blocks
    return document.found["blocks"]
