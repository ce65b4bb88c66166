"""How deep a JSON text nests and where it stops, worked out without recursion; YAML read within bounds.

Python's JSON parser (and PyYAML's composer, see ``BoundedLoader``) recurse once per
level, so data nested a thousand deep would end in ``RecursionError``. Report
data is a few levels deep; anything past ``MAX_DEPTH`` is refused before a
recursive parser or the models see it, naming the field where it happens.
The same scan says which fields a truncated file leaves open.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import accumulate
from typing import Any

import yaml

from .errors import Problem, format_path

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


def too_deep(path: str, line: int, column: int) -> Problem:
    return Problem(
        path, f"数据嵌套超过 {MAX_DEPTH} 层（第 {line} 行第 {column} 列又开始一层），报告数据没有这样深的结构，请检查括号")


REPEATED_KEY = "后一个会覆盖前一个而丢失内容；请合并成一个或删去一个"


MAX_YAML_VALUES = 200_000  # a project's data holds a few thousand; YAML aliases (*) could repeat a list millions of times


class YamlRefused(Exception):
    """Nesting past ``MAX_DEPTH`` or aliases expanding past ``MAX_YAML_VALUES``, met while composing YAML."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


class BoundedLoader(yaml.SafeLoader):
    """A safe YAML loader that reads floats as Decimal from their text and refuses nesting past ``MAX_DEPTH``."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._path: list[str | int | None] = []
        self._depth = 0
        self._sizes: dict[int, int] = {}  # values in a collection node, its aliases expanded

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        """PyYAML composes a level by recursing, so the levels are counted here, before it can run out of stack."""
        opens = self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent)
        self._path.append(index if isinstance(index, int) else getattr(index, "value", None))
        try:
            mark = self.peek_event().start_mark
            if opens and self._depth == MAX_DEPTH:
                raise YamlRefused(too_deep(self._where(self._path[:-1]), mark.line + 1, mark.column + 1))
            self._depth += opens
            try:
                node = super().compose_node(parent, index)
            finally:
                self._depth -= opens
            if opens and self._size(node) > MAX_YAML_VALUES:
                raise YamlRefused(Problem(self._where(self._path), f"第 {mark.line + 1} 行第 {mark.column + 1} 列起的数据超过"
                                       f" {MAX_YAML_VALUES:,} 项（含别名 * 重复的内容），不像是一个项目的数据"))
            return node
        finally:
            self._path.pop()

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """A key given twice in one mapping is refused: PyYAML would keep the second value and drop the first."""
        seen: dict[Any, yaml.Mark] = {}
        for key_node, _ in node.value:
            key = getattr(key_node, "value", None)
            if isinstance(key, str) and key in seen:
                mark, first = key_node.start_mark, seen[key]
                raise YamlRefused(Problem("", f"YAML 第 {mark.line + 1} 行的键“{key}”在同一层第 {first.line + 1} 行已写过："
                                       + REPEATED_KEY))
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep)

    def _size(self, node: yaml.Node) -> int:
        """Values in a just-composed collection, counting what its aliases repeat, without expanding them."""
        if id(node) not in self._sizes:
            children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
            self._sizes[id(node)] = 1 + sum(self._sizes.get(id(child), 1) for child in children)
        return self._sizes[id(node)]

    @staticmethod
    def _where(parts: list[str | int | None]) -> str:
        return format_path(part for part in parts if isinstance(part, str | int))


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal | str:
    text = loader.construct_scalar(node)
    try:
        return Decimal(text.replace("_", ""))
    except InvalidOperation:  # .inf, .nan: left as text so validation names the field
        return text


def _construct_integer(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | str:
    try:
        return loader.construct_yaml_int(node)
    except ValueError:  # thousands of digits: left as text, so validation names the field
        return loader.construct_scalar(node)


BoundedLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
BoundedLoader.add_constructor("tag:yaml.org,2002:int", _construct_integer)
