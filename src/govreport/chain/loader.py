"""Find templates along the chain, and make a county's file an override of the file it shadows.

A county file with the same path as a file lower in the chain (``content.j2``,
say) holds only the blocks it changes: the loader puts
``{% extends "@k/…" %}`` in front of it, on its first line, so line numbers in
messages stay those of the county's file. ``@k/name`` means "``name`` as found
from layer k downwards". Names cannot leave the chain: ``..`` and links that
point outside their folder are refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from importlib.resources import files
from pathlib import Path

from jinja2 import BaseLoader, Environment, TemplateNotFound

BUILTIN_TEMPLATES = Path(str(files("govreport") / "templates"))  # the layer that closes every chain
SENTENCES = "sentences.j2"  # macros, merged by name rather than extended (see sentences.py)


def report_names(folder: str, name: str) -> list[str]:
    """Where a kind's document template ``name`` (report.md.j2…) is looked up: the kind's own, else the one at the
    top of the chain that every kind written by outline shares (a county may override either)."""
    return [f"{folder}/{name}", name]


def builtin_report(folder: str, name: str = "report.docx") -> Path:
    """A kind's built-in document template file: its own, else the shared one (``report_names``)."""
    own = BUILTIN_TEMPLATES / folder / name
    return own if own.is_file() else BUILTIN_TEMPLATES / name


def sentence_books(folder: str) -> tuple[str, ...]:
    """The sentence books a kind's templates see, most general first: the shared one, then the kind's."""
    return (SENTENCES, f"{folder}/{SENTENCES}")
_LAYER = re.compile(r"^@(\d+)/(.*)$")


class ChainLoader(BaseLoader):
    def __init__(self, layers: Sequence[Path]) -> None:
        self.layers = [Path(p) for p in layers]  # most specific first, the built-in set last

    def locate(self, name: str, start: int = 0) -> tuple[int, Path] | None:
        """The layer and file that ``name`` resolves to, searching from layer ``start`` down."""
        pieces = _pieces(name)
        for index in range(start, len(self.layers)):
            root = self.layers[index]
            candidate = root.joinpath(*pieces)
            if candidate.is_file() and candidate.resolve().is_relative_to(root.resolve()):
                return index, candidate
        return None

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        match = _LAYER.match(template)
        start, name = (int(match.group(1)), match.group(2)) if match else (0, template)
        found = self.locate(name, start)
        if found is None:
            raise TemplateNotFound(template)
        index, path = found
        source = path.read_text(encoding="utf-8")
        if self.is_override(index, name):
            source = f'{{% extends "@{index + 1}/{name}" %}}' + source
        mtime = path.stat().st_mtime
        return source, str(path), lambda: path.is_file() and path.stat().st_mtime == mtime

    def is_override(self, index: int, name: str) -> bool:
        """A county file that shadows a lower one and is not a sentence book."""
        return (index < len(self.layers) - 1 and Path(name).name != SENTENCES
                and self.locate(name, index + 1) is not None)


def _pieces(name: str) -> list[str]:
    pieces = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    if ".." in pieces or name.startswith(("/", "\\")) or ":" in name:
        raise TemplateNotFound(name, f"模板路径“{name}”越出了模板目录链，已拒绝")
    return pieces


def relative(path: str | Path) -> Path:
    """A path as a user typed it: relative to the working folder where it lies below it."""
    path = Path(path)
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
