"""Fill your own Word forms: compile a DOCX written in docxtpl's tag syntax once, render it for each record.

    import govreport.docx

    form = govreport.docx.compile("申报表.docx")
    for record in records:
        Path(f"{record['name']}.docx").write_bytes(form.render(record))

The template runs in the same sandbox as govreport's own (no access to
Python internals), values are XML-escaped (``&``, ``<``, ``>`` come out as
written), an unknown name is an error rather than an empty cell, and
govreport's filters (``amount``, ``percent``, ``rmb_upper``, ``date``…) are available.
Values are never compiled as template code. Opening the package, rewriting
its XML and compiling it happen once, in ``compile``.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment

from .errors import TemplateFault
from .ooxml import MAX_UNPACKED
from .rendering.compiled import CompiledDocx, sandbox

__all__ = ["CompiledDocx", "compile", "sandbox"]


def compile(source: str | Path | bytes, environment: Environment | None = None) -> CompiledDocx:
    """The compiled template of a DOCX file (or its bytes); ``environment`` replaces the default sandbox."""
    if isinstance(source, bytes):
        return CompiledDocx(source, environment)
    path = Path(source)
    try:
        if path.stat().st_size > MAX_UNPACKED:
            raise TemplateFault(f"模板 {path} 超过 50 MB，已拒绝")
        data = path.read_bytes()
    except OSError as exc:
        raise TemplateFault(f"无法读取模板 {path}（{exc.strerror}）") from None
    return CompiledDocx(data, environment, f"模板 {path}")
