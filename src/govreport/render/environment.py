"""One sandboxed Jinja environment per template chain carries all template configuration.

Text templates (``*.j2``) produce plain strings; DOCX XML, compiled from a
string, is autoescaped, so ``& < >`` in data come out as written. Data is only
ever passed as values, never compiled as template source.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, Template, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from ..chain.loader import ChainLoader
from ..errors import Problem
from ..format.filters import FILTERS

BUILTIN_TEMPLATES = Path(str(files("govreport") / "templates"))
STRING_CACHE_SIZE = 32


class ReportEnvironment(SandboxedEnvironment):
    """The sandbox, plus a cache of templates compiled from strings and of the county files' checks.

    docxtpl hands the same document XML to ``from_string`` on every render;
    compiling it once per process instead of once per report halves the time
    of a DOCX render.
    """

    loader: ChainLoader

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: dict[str, Template] = {}
        self.checked: dict[tuple[Any, ...], list[Problem]] = {}  # county-file problems by file versions

    def from_string(self, source: str | Template, globals: Any = None, template_class: Any = None) -> Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            if len(self._compiled) >= STRING_CACHE_SIZE:
                self._compiled.clear()
            template = self._compiled[source] = super().from_string(source)
        return template


@lru_cache(maxsize=16)
def environment(folders: tuple[Path, ...] = ()) -> ReportEnvironment:
    """The environment over ``folders`` (county first) and then the built-in templates, once per process."""
    env = ReportEnvironment(
        loader=ChainLoader([*folders, BUILTIN_TEMPLATES]),
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
