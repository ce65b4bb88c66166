"""Which DOCX shell a chain wraps a kind's documents in: the most specific county's.

Found here, with the rest of the chain, so that validation can tell whether
the shell prints a field without rendering anything; how a shell is merged
with the body is rendering's business (``rendering/shell.py``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..ooxml import PackageFault, read_package
from ..ooxml.content_types import DOCUMENT_PART

SHELL = "shell.docx"


def find_shell(layers: list[Path], folder: str) -> Path | None:
    """The most specific shell: a county's ``<kind>/shell.docx``, else its ``shell.docx``, then its parents'.

    ``layers`` end with the built-in set, which has no shell."""
    for root in layers[:-1]:
        for candidate in (root / folder / SHELL, root / SHELL):
            if candidate.is_file():
                return candidate
    return None


def shell_mentions(path: Path, name: str) -> bool:
    """Whether the shell's body refers to ``name`` (a 红头 printing ``data.meta.doc_number``, say); the shell is
    read and checked once per file version, not on every validation."""
    try:
        stat = path.stat()
    except OSError:
        return False
    return name in _body(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _body(path: Path, mtime: int, size: int) -> str:
    try:
        parts = read_package(path.read_bytes(), f"外壳文档 {path}", [DOCUMENT_PART])
    except (OSError, PackageFault):
        return ""  # a damaged shell is refused, with its name, when the report is rendered
    return parts[DOCUMENT_PART].decode("utf-8", "replace")
