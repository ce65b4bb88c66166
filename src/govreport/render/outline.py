"""The document outline a content template builds: headings and paragraphs, numbered by code.

A content template calls ``doc.h1(…)``, ``doc.h2(…)``, ``doc.p(…)`` in
reading order. Headings with nothing under them are dropped — unless the
template marks them ``keep``, as a work item whose heading is the whole item;
such a heading then reads as a sentence. Numbers (一、 （一） 1.) are assigned
afterwards, so leaving out a section can never leave a gap in the numbering.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from ..format.numerals import heading_number, item_level
from ..format.sentence import as_sentence
from ..format.title import title_lines


@dataclass(frozen=True)
class Block:
    level: int  # 1–3 for headings, 0 for a paragraph
    text: str
    number: str = ""
    keep: bool = False  # a heading kept even with nothing under it

    @property
    def is_heading(self) -> bool:
        return self.level > 0


@dataclass(frozen=True)
class Attachment:
    key: str
    title: str
    paragraphs: list[str]


def _one_line(text: str) -> str:
    """Join a template's wrapped lines into one paragraph of Chinese text."""
    return "".join(line.strip() for line in str(text).splitlines())


class Outline:
    """Collects blocks while a content template renders; every method returns ''."""

    def __init__(self) -> None:
        self._blocks: list[Block] = []
        self.title = ""
        self.title_lines: list[str] = []
        self.project = ""
        self.signature_lines: list[str] = []
        self.date = ""
        self.values: dict[str, Any] = {}
        self.appendices: list[str] = []
        self.attachments: list[Attachment] = []

    def set_title(self, text: str, project: str = "", breaks: Iterable[str] = ()) -> str:
        """The document title, the project name the appendix tables repeat, and the phrases
        after which a long title may break onto a second line."""
        self.title, self.project = _one_line(text), _one_line(project or text)
        self.title_lines = title_lines(self.title, [_one_line(b) for b in breaks])
        return ""

    def sign(self, signature: str | Iterable[str], date: str) -> str:
        """发文机关署名 (one line, or several such as 评价单位 and 复核单位) and 成文日期."""
        lines = [signature] if isinstance(signature, str) else list(signature)
        self.signature_lines = [line for line in map(_one_line, lines) if line]
        self.date = _one_line(date)
        return ""

    @property
    def signature(self) -> str:
        return self.signature_lines[0] if self.signature_lines else ""

    def put(self, name: str, value: Any) -> str:
        """A named value for the document template (a form's cell, say): paragraphs joined into one line each."""
        if isinstance(value, str):
            value = _one_line(value)
        elif isinstance(value, Iterable):
            value = [_one_line(v) for v in value if v]
        self.values[name] = value
        return ""

    def appendix(self, key: str) -> str:
        """Attach a table the document template knows by ``key``; numbered 附件1, 附件2 — or 附件 when alone."""
        if key not in self.appendices:
            self.appendices.append(key)
        return ""

    def attach(self, title: str, texts: Iterable[str]) -> str:
        """A text appendix a template adds (说明, 复核意见…); printed after the tables, numbered with them."""
        paragraphs = [line for line in map(_one_line, texts) if line]
        if paragraphs:
            key = f"attachment{len(self.attachments) + 1}"
            self.attachments.append(Attachment(key, _one_line(title), paragraphs))
            self.appendices.append(key)
        return ""

    def appendix_labels(self) -> dict[str, str]:
        """Labels in printed order: the document template's tables first, then the text appendices."""
        texts = {a.key for a in self.attachments}
        ordered = [k for k in self.appendices if k not in texts] + [k for k in self.appendices if k in texts]
        if len(ordered) == 1:
            return dict.fromkeys(ordered, "附件")
        return {key: f"附件{n}" for n, key in enumerate(ordered, start=1)}

    def attachment_list(self) -> list[dict[str, Any]]:
        labels = self.appendix_labels()
        return [{"label": labels[a.key], "title": a.title, "paragraphs": a.paragraphs} for a in self.attachments]

    def h1(self, text: str, keep: bool = False) -> str:
        return self._heading(1, text, keep)

    def h2(self, text: str, keep: bool = False) -> str:
        return self._heading(2, text, keep)

    def h3(self, text: str, keep: bool = False) -> str:
        return self._heading(3, text, keep)

    def _heading(self, level: int, text: str, keep: bool) -> str:
        self._blocks.append(Block(level, _one_line(text), keep=keep))
        return ""

    def p(self, text: str) -> str:
        """One paragraph; an empty one is skipped."""
        line = _one_line(text)
        if line:
            self._blocks.append(Block(0, line))
        return ""

    def paras(self, texts: Iterable[str]) -> str:
        for text in texts:
            self.p(text)
        return ""

    def items(self, texts: Iterable[str | None]) -> str:
        """Paragraphs numbered 1. 2. 3. (or （1）（2）（3）, see ``item_level``); a None keeps its number free
        so lists stay parallel."""
        lines = [(n, _one_line(text)) for n, text in enumerate(texts, start=1) if text]
        level = item_level(line for _, line in lines)
        for n, line in lines:
            self.p(heading_number(level, n) + line)
        return ""

    def blocks(self) -> list[Block]:
        """The final blocks: empty headings dropped (kept ones closed as sentences), the rest numbered per level."""
        kept: list[Block] = []
        # Walking backwards: has a paragraph appeared since the next heading at or above level L?
        content = [False] * 5
        for block in reversed(self._blocks):
            if not block.is_heading:
                content = [True] * 5
                kept.append(block)
                continue
            has_content = content[block.level]
            if has_content or block.keep:
                kept.append(block if has_content else replace(block, text=as_sentence(block.text)))
            for level in range(block.level, 5):
                content[level] = False
            if block.keep:  # a kept heading is content for the headings above it
                content[: block.level] = [True] * block.level
        kept.reverse()
        return _numbered(kept)


def _numbered(blocks: list[Block]) -> list[Block]:
    counters = [0] * 5
    out = []
    for block in blocks:
        if block.is_heading:
            counters[block.level] += 1
            for deeper in range(block.level + 1, 5):
                counters[deeper] = 0
            block = Block(block.level, block.text, heading_number(block.level, counters[block.level]))
        out.append(block)
    return out
