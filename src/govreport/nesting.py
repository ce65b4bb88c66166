"""How deep a JSON text nests and where it stops, worked out without recursion.

Python's JSON parser (and PyYAML's composer, see ``load``) recurse once per
level, so data nested a thousand deep would end in ``RecursionError``. Report
data is a few levels deep; anything past ``MAX_DEPTH`` is refused before a
recursive parser or the models see it, naming the field where it happens.
The same scan says which fields a truncated file leaves open.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from itertools import accumulate

from .errors import format_path

MAX_DEPTH = 64  # a data file of any kind nests 6 deep at most

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\Z)|[\[\]{}:,]', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_COLON = re.compile(r"\s*:")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_CLOSER = {"[": "]", "{": "}"}


@dataclass
class _Open:
    """A list or object not yet closed, and the child being read in it: a key, or an index."""

    opener: str
    child: str | int | None = None


@dataclass
class Scan:
    """Where a scan of JSON text stopped: its line and column, and the lists and objects still open there."""

    line: int
    column: int
    open: list[_Open] = field(default_factory=list)
    too_deep: bool = False  # stopped where a level past MAX_DEPTH opens
    in_string: bool = False  # stopped inside a string

    def path(self) -> str:
        """The field path of the innermost list or object still open (empty for the outermost)."""
        return format_path(o.child for o in self.open[:-1] if o.child is not None)

    def closers(self) -> str:
        """What would close everything still open: a quote for a string, then ] and } from the innermost out."""
        return ('"' if self.in_string else "") + "".join(_CLOSER[o.opener] for o in reversed(self.open))


def may_nest_too_deep(text: str) -> bool:
    """A quick look: could the brackets outside strings go deeper than ``MAX_DEPTH``?"""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(_STEP[c] for c in brackets), default=0) > MAX_DEPTH


def scan(text: str, until: int | None = None) -> Scan:
    """Read the structure of ``text`` up to offset ``until`` (the end by default) or to the first level past
    ``MAX_DEPTH``, whichever comes first."""
    stack: list[_Open] = []
    stop = len(text) if until is None else until
    token = ""
    for match in _TOKEN.finditer(text, 0, stop):
        token = match.group()
        top = stack[-1] if stack else None
        if token in "[{":
            if len(stack) == MAX_DEPTH:
                return _at(text, match.start(), stack, too_deep=True)
            stack.append(_Open(token, 0 if token == "[" else None))
        elif token in "]}":
            if stack:
                stack.pop()
        elif token == ",":
            if top is not None and top.opener == "[":
                top.child = int(top.child or 0) + 1
        elif token.startswith('"') and top is not None and top.opener == "{" and _is_key(text, match.end()):
            top.child = _decoded(token)
    unclosed = token.startswith('"') and not _STRING.fullmatch(token)
    return _at(text, stop, stack, in_string=unclosed)


def _is_key(text: str, end: int) -> bool:
    return _COLON.match(text, end) is not None


def _decoded(token: str) -> str:
    try:
        return json.loads(token)
    except ValueError:
        return token.strip('"')


def _at(text: str, offset: int, stack: list[_Open], *, too_deep: bool = False, in_string: bool = False) -> Scan:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Scan(line, column, stack, too_deep, in_string)
