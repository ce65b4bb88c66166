"""Stage 5 — render: a validated report → the bytes of a DOCX, Markdown, HTML or XLSX document."""

from __future__ import annotations

from ..chain.overrides import county_files, override_problems
from ..errors import GovreportError, Problem, TemplateFault
from ..figures.arithmetic import exact_arithmetic
from ..report import Report
from ..vocabulary.words import DEFAULT_OUTLINE, RenderFormat
from .bounds import report_budget
from .context import build_context
from .docx import render_docx
from .environment import ReportEnvironment, environment
from .html import render_html
from .markdown import render_markdown
from .per_kind import workbook

Format = RenderFormat  # what a kind may be rendered to: docx, md, html, and xlsx for forms


class Rendered(bytes):
    """A finished document: its bytes, and the title its content template gave it (to name the file after).

    It is ``bytes`` itself, so a caller that only wants the document writes or decodes it as it is."""

    title: str

    def __new__(cls, content: bytes, title: str = "") -> Rendered:
        document = super().__new__(cls, content)
        document.title = title
        return document

    @property
    def content(self) -> bytes:
        """The plain bytes."""
        return bytes(self)


def chosen_outline(report: Report, outline: str | None) -> str:
    """The outline asked for, else the one the data names, else ``default``; refused when unknown."""
    name = outline or getattr(getattr(report.data, "meta", None), "outline", None) or DEFAULT_OUTLINE
    found = report.kind.outline(name)
    if found is None:
        raise GovreportError(report.kind.unknown_outline(name))
    return found.template


def _override_problems(env: ReportEnvironment, folder: str) -> list[Problem]:
    """The county files' problems, worked out again only when one of those files changes."""
    key = (folder, tuple((f.path, f.path.stat().st_mtime_ns) for f in county_files(env.loader, folder)))
    if key not in env.checked:
        env.checked[key] = override_problems(env, folder)
    return env.checked[key]


def render_document(report: Report, fmt: str = "docx", outline: str | None = None) -> Rendered:
    """The document in ``fmt``; every figure is written in govreport's Decimal context, not the caller's, and
    all its templates share one budget (rendering/bounds.py)."""
    with exact_arithmetic(), report_budget():
        return _rendered(report, fmt, outline)


def _rendered(report: Report, fmt: str, outline: str | None) -> Rendered:
    kind = report.kind
    if fmt not in kind.formats:
        raise GovreportError(f"{kind.label}不支持输出格式“{fmt}”，可用：{'、'.join(kind.formats)}")
    env = environment(tuple(f.path for f in report.chain.folders))
    problems = _override_problems(env, kind.folder)
    if problems:
        raise TemplateFault("模板目录中的改写有误，未生成报告：", problems)
    context = build_context(report, env, chosen_outline(report, outline))
    if fmt == "xlsx":
        content = workbook(kind.name, context, report.chain.layout.fonts)
    elif fmt == "md":
        content = render_markdown(kind.folder, context, env)
    elif fmt == "html":
        content = render_html(kind.folder, context, env)
    else:
        content = render_docx(kind.folder, context, env, kind.label, report.chain)
    return Rendered(content, context["title"])
