"""DOCX output: the kind's template — inside a county's shell when the chain has one — prepared and compiled
once per process, then filled for each report.

Everything that does not depend on the data is done at compile time: the
shell, the chain's layout options (fonts, page-number position), the
version and chain recorded in the properties. Per report, only the Jinja
templates run and the package is zipped.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from ..chain import TemplateChain
from ..chain.loader import builtin_report
from ..chain.shells import find_shell
from ..ooxml.writer import with_core_dates
from ..version import __version__
from .cache import digest, stored
from .closing import closing_indents, shell_has_seal
from .compiled import CompiledDocx
from .environment import BUILTIN_TEMPLATES, ReportEnvironment
from .guard import template_guard
from .shell import shell_template

# Placeholders the prepared template's core properties carry (dates too); filled from ``core`` per report.
_CORE = {"title": "{{ core.title }}", "author": "{{ core.author }}"}


def _prepared(source: bytes, chain: TemplateChain, label: str) -> bytes:
    """The template with the chain's layout applied and its properties recorded, dates left as placeholders."""
    import docx  # python-docx only when the prepared template is not in the cache

    from .layout_options import apply_layout
    from .properties import record
    from .sections import fill_section_marks

    document = docx.Document(io.BytesIO(source))
    fill_section_marks(document.element.body)
    apply_layout(document, chain.layout)
    record(document, title=_CORE["title"], subject=label, author=_CORE["author"], date=dt.date(2000, 1, 1),
           version=__version__, chain=chain.describe(f"内置 {__version__}"))
    buffer = io.BytesIO()
    document.save(buffer)
    return with_core_dates(buffer.getvalue(), b"{{ core.date }}")


def compiled_report(folder: str, env: ReportEnvironment, label: str, chain: TemplateChain,
                    shell: Path | None) -> CompiledDocx:
    """The kind's compiled template for this chain and its ``shell``, kept on the environment while the shell
    file is unchanged."""
    version = (shell, shell.stat().st_mtime_ns) if shell else None
    key = (folder, version, label, repr(chain.layout), chain.describe(""))
    found = env.compiled.get(key)
    if found is None:
        builtin = builtin_report(folder)
        source = shell_template(builtin, shell) if shell else builtin.read_bytes()
        name = digest(source, label, repr(chain.layout), chain.describe(f"内置 {__version__}"), __version__)
        with template_guard(str(shell or _builtin_name(builtin))):
            prepared = stored(f"prepared-{name}.docx", lambda: _prepared(source, chain, label), _is_zip)
            found = env.compiled[key] = CompiledDocx(prepared, env, _label(shell, builtin))
    return found


def _is_zip(data: bytes) -> bool:
    return zipfile.is_zipfile(io.BytesIO(data))


def _builtin_name(builtin: Path) -> str:
    """A built-in template as messages name it: work_summary/report.docx, or report.docx when shared."""
    return builtin.relative_to(BUILTIN_TEMPLATES).as_posix()


def _label(shell: Path | None, builtin: Path) -> str:
    return f"外壳文档 {shell}" if shell else f"内置模板 {_builtin_name(builtin)}"


def render_docx(folder: str, context: dict[str, Any], env: ReportEnvironment, label: str,
                chain: TemplateChain) -> bytes:
    shell = find_shell(env.loader.layers, folder)  # once per report: the template and the closing both need it
    template = compiled_report(folder, env, label, chain, shell)
    date = getattr(context["data"].meta, "date", None)
    core = {"title": context["title"], "author": context["signature"],
            "date": f"{date.isoformat()}T00:00:00Z" if date else "2000-01-01T00:00:00Z"}
    closing = closing_indents(context["signature_lines"], context["date"], shell_has_seal(shell))
    with template_guard(template.name):
        return template.render({**context, "core": core, "closing": closing})
