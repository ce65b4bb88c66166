"""govreport — 把项目数据生成规范的政府绩效报告。

The pipeline, one module per stage: ``reading`` (JSON, YAML or an Excel
workbook) → ``validation`` (Pydantic models, consistency checks, what the
document will not print) → ``figures`` (Decimal arithmetic) → ``format`` (how
numbers and dates are written) → ``rendering`` (sandboxed Jinja compiled once
per DOCX template; Markdown, HTML, the XLSX form) → ``write`` (atomic, only to
new paths or writable regular files) → ``pdf`` (PDF through LibreOffice). The
functions below are the package's own API; no module shares their names.

    import govreport
    report = govreport.load("data.json")
    govreport.render_to(report, "报告.docx")
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import DataError, GovreportError, OutputError, Problem, TemplateFault
from .kinds import KINDS
from .reading import read_data
from .rendering import Format, Rendered, render_document
from .report import Report
from .validation import find_problems, to_report
from .version import __version__
from .write import write_atomic

__all__ = [
    "KINDS", "DataError", "GovreportError", "OutputError", "Problem", "Rendered", "Report", "TemplateFault",
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


def render(report: Report, format: Format = "docx", outline: str | None = None) -> Rendered:
    """The finished document: ``docx``, ``md``, ``html``, or ``xlsx`` for kinds with a form. It is ``bytes``,
    with the report's ``title`` for callers that name the file after it."""
    return render_document(report, format, outline)


def render_as(report: Report, format: Format = "docx", outline: str | None = None) -> Rendered:
    """Deprecated: ``render`` returns the document with its title."""
    warnings.warn("govreport.render_as 已弃用：请改用 govreport.render，它返回的文档带有 title", DeprecationWarning,
                  stacklevel=2)
    return render(report, format, outline)


def render_to(report: Report, path: str | Path, format: Format | None = None, outline: str | None = None) -> Path:
    """Render and write atomically; the format follows the file's suffix unless given.

    The folder must exist (a mistyped folder is an ``OutputError``, not a new folder), and an existing
    target must be a writable regular file: devices, pipes, folders, symbolic links and read-only files
    are refused (``govreport.write.check_target``)."""
    path = Path(path)
    chosen = format or path.suffix.lstrip(".").lower() or "docx"
    return write_atomic(path, render(report, chosen, outline))  # type: ignore[arg-type]
