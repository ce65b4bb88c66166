"""One sandboxed Jinja environment per template chain carries all template configuration.

Text templates (``*.j2``) produce plain strings; DOCX XML, compiled from a
string, is autoescaped, so ``& < >`` in data come out as written. Data is only
ever passed as values, never compiled as template source.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from ..chain.loader import ChainLoader
from ..errors import Problem
from ..format.filters import FILTERS
from .cache import bytecode_cache

if TYPE_CHECKING:
    from .compiled import CompiledDocx

BUILTIN_TEMPLATES = Path(str(files("govreport") / "templates"))


class ReportEnvironment(SandboxedEnvironment):
    """The sandbox, plus what is worked out once per chain: compiled DOCX templates and the county files' checks."""

    loader: ChainLoader

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.compiled: dict[tuple[Any, ...], CompiledDocx] = {}  # by kind, shell version and chain options
        self.checked: dict[tuple[Any, ...], list[Problem]] = {}  # county-file problems by file versions


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
        bytecode_cache=bytecode_cache(),
    )
    env.filters.update(FILTERS)
    return env
