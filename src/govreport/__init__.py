"""govreport — 把项目数据生成规范的政府绩效报告。

The pipeline, one module per stage: ``load`` (JSON, YAML or an Excel
workbook) → ``validate`` (Pydantic models, consistency checks, what the
document will not print) → ``figures`` (Decimal arithmetic) → ``format`` (how
numbers and dates are written) → ``render`` (sandboxed Jinja compiled once
per DOCX template; Markdown, HTML, the XLSX form) → ``write`` (atomic, only to
new paths or writable regular files) → ``convert`` (PDF through LibreOffice).

    import govreport
    report = govreport.load("data.json")
    govreport.render_to(report, "报告.docx")
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import DataError, GovreportError, OutputError, Problem, TemplateFault
from .kinds import KINDS
from .load import read_data
from .render import Format, Rendered, render_document
from .report import Report
from .validate import find_problems, to_report
from .version import __version__
from .write import write_atomic

__all__ = [
    "KINDS", "DataError", "GovreportError", "OutputError", "Problem", "Report", "TemplateFault",
    "__version__", "load", "render", "render_as", "render_to", "validate",
]


def _read(source: str | Path | Mapping[str, Any]) -> tuple[Mapping[str, Any], Path | None]:
    if isinstance(source, Mapping):
        return source, None
    return read_data(source), Path(source)


def load(
    source: str | Path | Mapping[str, Any], kind: str | None = None, templates: Sequence[str | Path] = (),
    outline: str | None = None,
) -> Report:
    """Read and validate a data file (or a dict); raise ``DataError`` listing every problem.

    ``kind`` renders the data as another compatible kind, e.g. a performance
    evaluation as its ``self_evaluation`` form. ``templates`` are county
    template folders searched before the built-in set (after them come the
    data's ``meta.templates`` and ``GOVREPORT_TEMPLATES``); their scoring
    options apply to the figures. ``outline`` is the one the report will be
    rendered in, for the warnings about filled fields it does not print.
    """
    data, path = _read(source)
    return to_report(data, path, kind, templates, outline)


def validate(
    source: str | Path | Mapping[str, Any], kind: str | None = None, templates: Sequence[str | Path] = (),
    outline: str | None = None,
) -> list[Problem]:
    """Every problem of a data file or dict, errors and warnings; empty when it is clean.

    An ``outline`` the kind does not have is an error here as it is when rendering, not a silent pass."""
    try:
        data, path = _read(source)
    except DataError as exc:
        return exc.problems
    report, problems = find_problems(data, kind, templates, path, outline)
    if report is not None and outline and report.kind.outline(outline) is None:
        return [*problems, Problem("", report.kind.unknown_outline(outline))]
    return problems


def render(report: Report, format: Format = "docx", outline: str | None = None) -> bytes:
    """The finished document as bytes: ``docx``, ``md``, or ``xlsx`` for kinds with a form."""
    return render_as(report, format, outline).content


def render_as(report: Report, format: Format = "docx", outline: str | None = None) -> Rendered:
    """The document with its title, for callers that name the file after the report."""
    return render_document(report, format, outline)


def render_to(report: Report, path: str | Path, format: Format | None = None, outline: str | None = None) -> Path:
    """Render and write atomically; the format follows the file's suffix unless given.

    The folder must exist (a mistyped folder is an ``OutputError``, not a new folder), and an existing
    target must be a writable regular file: devices, pipes, folders, symbolic links and read-only files
    are refused (``govreport.write.check_target``)."""
    path = Path(path)
    chosen = format or path.suffix.lstrip(".").lower() or "docx"
    return write_atomic(path, render(report, chosen, outline))  # type: ignore[arg-type]


def default_output(report: Report, title: str, suffix: str) -> Path:
    """Beside the data file (or in the working folder), named after the report's title."""
    base = report.source.parent if report.source else Path.cwd()
    return base / f"{safe_filename(title)}.{suffix}"


def safe_filename(title: str) -> str:
    """A title usable as a file name on Windows and Linux alike."""
    cleaned = "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in title).strip(" .")
    return cleaned[:120] or "report"
