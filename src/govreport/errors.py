"""Problems a clerk can act on: a field path, a message in Chinese, a severity.

Every failure the user can cause is a ``GovreportError``; the CLI prints its
problems and exits with code 2 instead of showing a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful) in a data file, located by its field path."""

    path: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        label = "错误" if self.severity == "error" else "提示"
        where = f"{self.path}：" if self.path else ""
        return f"{label}　{where}{self.message}"


def format_path(loc: Iterable[str | int]) -> str:
    """Turn a location tuple into ``targets.indicators[3].target``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class GovreportError(Exception):
    """Base class for every error caused by input, templates or output paths."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)

    def __str__(self) -> str:
        lines = [self.message, *(str(p) for p in self.problems)]
        return "\n".join(lines)


class DataError(GovreportError):
    """The data file cannot be read or does not describe a consistent report; ``outcome`` says what the command
    therefore did not do."""

    def __init__(self, problems: Sequence[Problem], source: str = "", outcome: str = "未生成报告") -> None:
        errors = [p for p in problems if p.severity == "error"]
        where = f"{source}：" if source else ""
        self.source = source
        super().__init__(f"{where}数据有 {len(errors)} 处错误，{outcome}。", problems)


class TemplateFault(GovreportError):
    """A template is missing, malformed or tried something the sandbox forbids."""


class OutputError(GovreportError):
    """The report could not be written where the user asked."""
