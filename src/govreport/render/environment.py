"""One sandboxed Jinja environment carries all template configuration.

Text templates (``*.j2``) produce plain strings; DOCX XML, compiled from a
string, is autoescaped, so ``& < >`` in data come out as written. Data is only
ever passed as values, never compiled as template source.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from ..format.filters import FILTERS

BUILTIN_TEMPLATES = Path(str(files("govreport") / "templates"))


@cache
def environment() -> SandboxedEnvironment:
    """The shared environment over the built-in templates (created once per process)."""
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(BUILTIN_TEMPLATES)),
        undefined=StrictUndefined,
        autoescape=select_autoescape(
            enabled_extensions=("xml",), default_for_string=True, default=False
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(FILTERS)
    return env
