"""The document outline a content template builds: headings and paragraphs, numbered by code.

A content template calls ``doc.h1(…)``, ``doc.h2(…)``, ``doc.p(…)`` in
reading order; the sections of the body vocabulary (models/body.py) that a
place's paragraphs hold go one level below the heading last written, their
figures become one paragraph of sentences and their tables table blocks. Headings with nothing under them are dropped — unless the
template marks them ``keep``, as a work item whose heading is the whole item;
such a heading then reads as a sentence. Numbers (一、 （一） 1.) are assigned
afterwards, so leaving out a section can never leave a gap in the numbering.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..errors import GovreportError
from ..figures.body import MetricFigures, metric_figures, table_figures
from ..format.numerals import heading_number, item_level
from ..format.sentence import as_sentence
from ..format.title import title_lines
from ..models.body import Metric, Section, Table
from ..vocabulary.gbt9704 import profile
from ..vocabulary.words import DEFAULT_NUMBERING, MAX_HEADING_LEVEL, NUMBERING_LEVELS
from .body_table import PrintedTable, printed


@dataclass(frozen=True)
class Block:
    level: int  # 1–4 for headings (the depth, until numbered: then the heading form), 0 for a paragraph or table
    text: str
    number: str = ""
    keep: bool = False  # a heading kept even with nothing under it
    table: PrintedTable | None = None  # a table of the body, its cells written and its 合计 computed
    alone: bool = False  # a kept heading with nothing under it, printed as a sentence: it keeps with nothing

    @property
    def is_heading(self) -> bool:
        return self.level > 0

    @property
    def page_long(self) -> bool:
        """A paragraph that may run longer than a page (the renderer lets it split however it must)."""
        return len(self.text) > long_paragraph()


@dataclass(frozen=True)
class Attachment:
    key: str
    title: str
    paragraphs: list[str]


@dataclass(frozen=True)
class Notice:
    """The 印发通知 a document is issued with as its 附件: the notice comes first, signed and dated, then on a new
    page “附件” and the document under its own title (GB/T 9704-2012 8.2, 7.3.6)."""

    number: str  # 发文字号, or ""
    recipients: str  # 主送机关, with its colon
    paragraphs: list[str]
    attachment: str  # the 附件说明, 附件：…
    title: str  # the document's own title, printed on the attachment's third line


RUN_ON_AFTER = "：！？…"  # a paragraph ending so takes the run-on figures without a “，”
ITEM_LEVEL, ITEM_BELOW_ITEMS = 3, 4  # the heading forms 1. and （1）


@lru_cache(maxsize=1)
def long_paragraph() -> int:
    """Characters past which a paragraph may fill a page: two lines short of a full page of 28 a line (read from
    the layout profile when a document is first laid out, not when govreport is imported)."""
    page = profile()["page"]
    lines = (page["height"] - page["margin_top"] - page["margin_bottom"]) // page["line_pitch"]
    return page["chars_per_line"] * (lines - 2)


def _one_line(text: str) -> str:
    """Join a template's wrapped lines into one paragraph of Chinese text."""
    return "".join(line.strip() for line in str(text).splitlines())


class Outline:
    """Collects blocks while a content template renders; every method that collects returns ''."""

    def __init__(self, numbering: Sequence[int] = NUMBERING_LEVELS[DEFAULT_NUMBERING],
                 sentence: Callable[[MetricFigures], str] | None = None) -> None:
        self._blocks: list[Block] = []
        self._depth = 0  # the level of the heading last written: a section in a place goes one below it
        self.numbering = tuple(numbering)  # the heading form of each depth
        self.sentence = sentence  # how a figure is worded: the sentence book's ``metric_sentence``
        self.title = ""
        self.title_lines: list[str] = []
        self.project = ""
        self.signature_lines: list[str] = []
        self.date = ""
        self.values: dict[str, Any] = {}
        self.appendices: list[str] = []
        self.attachments: list[Attachment] = []
        self.notice: Notice | None = None

    def set_title(self, text: str, project: str = "", breaks: Iterable[str] = ()) -> str:
        """The document title, the project name the appendix tables repeat, and the phrases
        after which a long title may break onto a second line."""
        self.title, self.project = _one_line(text), _one_line(project or text)
        self.title_lines = title_lines(self.title, [_one_line(b) for b in breaks])
        return ""

    def issue_with_notice(self, number: str, recipients: str, paragraphs: Iterable[str], title: str) -> str:
        """Issue the document as the 附件 of a 印发通知; the notice's title is the document title (``set_title``)."""
        title = _one_line(title)
        self.notice = Notice(_one_line(number), _one_line(recipients), [_one_line(p) for p in paragraphs if p],
                             f"附件：{title}", title)
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

    def h4(self, text: str, keep: bool = False) -> str:
        return self._heading(4, text, keep)

    def _heading(self, level: int, text: str, keep: bool) -> str:
        if level > len(self.numbering):
            raise GovreportError(
                f"标题层级过深：模板目录链选用的编号只有{len(self.numbering)}级"
                f"（{''.join(heading_number(form, 1) for form in self.numbering)}），"
                f"标题“{_one_line(text)}”是第{level}级；请把这一级写成段落，或不用该模板目录的 numbering 选项")
        self._blocks.append(Block(level, _one_line(text), keep=keep))
        self._depth = level
        return ""

    def section(self, section: Section, level: int | None = None) -> str:
        """A section of the body: its title at ``level`` (one below the last heading when not given), then its
        paragraphs, its figures as one paragraph, its table and its sub-sections."""
        level = self._depth + 1 if level is None else level
        inner = level
        if section.title is not None:
            self._heading(level, section.title, keep=True)
            inner = level + 1
        self.text_and_figures(section, inner)
        if section.table is not None:
            self.table(section.table)
        for sub in section.sections:
            self.section(sub, inner)
        self._depth = level - 1
        return ""

    def figures(self, metrics: Iterable[Metric]) -> str:
        """Figures worded by the sentence book, one sentence each, as one paragraph."""
        self.p("".join(self._sentences(metrics)))
        return ""

    def _sentences(self, metrics: Iterable[Metric]) -> list[str]:
        """Each figure's sentence, as the sentence book words it."""
        metrics, sentence = list(metrics), self.sentence
        if not metrics:
            return []
        if sentence is None:
            raise ValueError("figures need a sentence book")
        return [str(sentence(metric_figures(m))).strip() for m in metrics]

    def text_and_figures(self, section: Section, level: int | None = None) -> str:
        """A section's paragraphs and then its figures as a paragraph of their own, or run on inside its last
        paragraph (``run_on``)."""
        if section.run_on:
            self._run_on(section, self._depth + 1 if level is None else level)
        else:
            self.paras(section.paragraphs, level)
            self.figures(section.figures)
        return ""

    def _run_on(self, section: Section, level: int) -> None:
        """The figures as clauses of one sentence (each sentence's 。 a ，) run on after the section's last paragraph,
        and the section's ``then`` after them in the same paragraph."""
        texts = list(section.paragraphs)
        last = _one_line(texts.pop()) if texts and isinstance(texts[-1], str) else ""
        self.paras(texts, level)
        clauses = "，".join(sentence.removesuffix("。") for sentence in self._sentences(section.figures))
        head = last.rstrip("。，；")
        joint = "" if not head or head[-1] in RUN_ON_AFTER else "，"  # 如下：总投资…, not 如下：，总投资…
        sentence = f"{head}{joint}{clauses}。"
        self.p(sentence + (_one_line(section.then) if section.then is not None else ""))

    def table(self, table: Table) -> str:
        """A table of the body, its title as a centred line above it."""
        self._blocks.append(Block(0, _one_line(table.title or ""), table=printed(table_figures(table))))
        return ""

    def p(self, text: str) -> str:
        """One paragraph; an empty one is skipped."""
        line = _one_line(text)
        if line:
            self._blocks.append(Block(0, line))
        return ""

    def paras(self, texts: Iterable[str | Section], level: int | None = None) -> str:
        """Paragraphs; a section among them goes one level below the heading last written (or at ``level``)."""
        level = self._depth + 1 if level is None else level
        for text in texts:
            if isinstance(text, Section):
                self.section(text, level)
            else:
                self.p(text)
        self._depth = level - 1
        return ""

    @staticmethod
    def lead(blocks: Iterable[Any]) -> list[Any]:
        """The blocks before the first titled section: what a work item says before its sub-items begin."""
        blocks = list(blocks)
        first = next((i for i, b in enumerate(blocks) if isinstance(b, Section) and b.title is not None), len(blocks))
        return blocks[:first]

    @staticmethod
    def rest(blocks: Iterable[Any]) -> list[Any]:
        """The blocks from the first titled section on."""
        blocks = list(blocks)
        return blocks[len(Outline.lead(blocks)):]

    def items(self, texts: Iterable[str | Section | None]) -> str:
        """Paragraphs numbered 1. 2. 3. (or （1）（2）（3）, see ``item_level``); a None keeps its number free
        so lists stay parallel. Sections among them are headings one level below the last, numbered as such;
        the paragraphs are numbered among themselves."""
        texts = list(texts)
        level = self._depth + 1
        plain = [text for text in texts if not isinstance(text, Section)]
        lines = [(n, _one_line(text)) for n, text in enumerate(plain, start=1) if text]
        # under a heading numbered 1. (a county's 一、1.（1）), items take the next form, （1）
        under = self.numbering[self._depth - 1] if self._depth else 0
        form = ITEM_BELOW_ITEMS if under >= ITEM_LEVEL else item_level(line for _, line in lines)
        n = 0
        for text in texts:
            if isinstance(text, Section):
                self.section(text, level)
                continue
            n += 1
            if text:
                self.p(heading_number(form, n) + _one_line(text))
        self._depth = level - 1
        return ""

    def blocks(self) -> list[Block]:
        """The final blocks: empty headings dropped (kept ones closed as sentences), the rest numbered per level."""
        kept: list[Block] = []
        # Walking backwards: has a paragraph appeared since the next heading at or above level L?
        content = [False] * (MAX_HEADING_LEVEL + 1)
        for block in reversed(self._blocks):
            if not block.is_heading:
                content = [True] * (MAX_HEADING_LEVEL + 1)
                kept.append(block)
                continue
            has_content = content[block.level]
            if has_content or block.keep:
                kept.append(block if has_content else replace(block, text=as_sentence(block.text), alone=True))
            for level in range(block.level, MAX_HEADING_LEVEL + 1):
                content[level] = False
            if block.keep:  # a kept heading is content for the headings above it
                content[: block.level] = [True] * block.level
        kept.reverse()
        return _numbered(kept, self.numbering)


def _numbered(blocks: list[Block], numbering: tuple[int, ...]) -> list[Block]:
    """Numbers per depth, restarting below each heading; the scheme gives each depth its heading form."""
    counters = [0] * (MAX_HEADING_LEVEL + 1)
    out = []
    for block in blocks:
        if block.is_heading:
            counters[block.level] += 1
            for deeper in range(block.level + 1, MAX_HEADING_LEVEL + 1):
                counters[deeper] = 0
            form = numbering[block.level - 1]
            block = replace(block, level=form, number=heading_number(form, counters[block.level]), keep=False)
        out.append(block)
    return out
