"""What every template of a report sees: data, figures, table rows and the numbered outline."""

from __future__ import annotations

from typing import Any

from ..report import Report
from ..vocabulary.words import DEFAULT_NUMBERING, NUMBERING_LEVELS
from .environment import ReportEnvironment
from .guard import template_guard
from .outline import Outline
from .per_kind import tables
from .sentences import sentence_book


def build_context(report: Report, env: ReportEnvironment, content_template: str) -> dict[str, Any]:
    """Run the outline's content template to collect the document, then assemble the context."""
    doc = Outline(NUMBERING_LEVELS[report.chain.layout.numbering or DEFAULT_NUMBERING])
    name = f"{report.kind.folder}/{content_template}"
    variables = {"data": report.data, "fig": report.figures, "doc": doc}
    with template_guard(name):
        say = sentence_book(env, report.kind.folder, variables)
        doc.sentence = say.metric_sentence
        env.get_template(name).render(**variables, say=say)
    return {
        **doc.values,
        "title": doc.title,
        "title_lines": doc.title_lines,
        "project": doc.project,
        "blocks": doc.blocks(),
        "signature": doc.signature,
        "signature_lines": doc.signature_lines,
        "attachments": doc.attachment_list(),
        "date": doc.date,
        "notice": doc.notice,
        "appendix": doc.appendix_labels(),
        "data": report.data,
        "fig": report.figures,
        **tables(report.kind.name, report.figures, doc.project),
    }
