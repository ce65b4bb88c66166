"""What ``templates check`` can tell of a template's cost before it runs.

Rendering stops a template that goes beyond the bounds of rendering/bounds.py
wherever it does so. What is written as constants can be seen earlier:
``range(10**9)``, ``"a" * 10**10``, ``10**10**10``, ``lipsum(100000)``,
``"x"|center(10**10)``, loops over constant ranges nested beyond the step
limit, and macros or blocks that call themselves. Each is reported with its
file and line, in the words rendering would use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from jinja2 import nodes

from ..chain.loader import SENTENCES
from ..chain.overrides import where
from ..errors import Problem
from ..rendering.bounds import (
    MAX_DEPTH,
    MAX_SIZE,
    MAX_STEPS,
    WIDTH_FILTERS,
    digits_message,
    lipsum_allowed,
    lipsum_message,
    range_length,
    range_message,
    size_message,
    too_many_digits,
    width_message,
)

_ARITHMETIC = (nodes.Add, nodes.Sub, nodes.Mul, nodes.FloorDiv, nodes.Pow)


def cost_problems(path: Path, tree: nodes.Template) -> list[Problem]:
    found = [Problem(where(path, line), message) for line, message in _constant_problems(tree)]
    found += [Problem(where(path, line), message) for line, message in _loop_problems(tree.body, 1)]
    found += [Problem(where(path, line), message, "warning") for line, message in _recursion(tree, path.name == SENTENCES)]
    return list(dict.fromkeys(found))


def _integer(node: nodes.Node) -> int | None:
    """The value of an integer written with constants (``10**9``), None when unknown or beyond ``MAX_DIGITS``."""
    if isinstance(node, nodes.Const):
        return node.value if isinstance(node.value, int) and not isinstance(node.value, bool) else None
    if isinstance(node, nodes.Neg):
        value = _integer(node.node)
        return None if value is None else -value
    if not isinstance(node, _ARITHMETIC):
        return None
    left, right = _integer(node.left), _integer(node.right)
    if left is None or right is None or _too_many_digits(node, left, right):
        return None
    if isinstance(node, nodes.Pow):
        return left**right if right >= 0 else None
    if isinstance(node, nodes.FloorDiv):
        return left // right if right else None
    return {nodes.Add: int.__add__, nodes.Sub: int.__sub__, nodes.Mul: int.__mul__}[type(node)](left, right)


def _too_many_digits(node: nodes.Node, left: int, right: int) -> bool:
    return too_many_digits("**" if isinstance(node, nodes.Pow) else "*" if isinstance(node, nodes.Mul) else "",
                           left, right)


def _length(node: nodes.Node) -> int | None:
    """The length of a text or list written out in the template."""
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return len(node.value)
    if isinstance(node, (nodes.List, nodes.Tuple)):
        return len(node.items)
    return None


def _constant_problems(tree: nodes.Template) -> Iterator[tuple[int, str]]:
    for node in tree.find_all((nodes.Pow, nodes.Mul, nodes.Call, nodes.Filter)):
        if isinstance(node, (nodes.Pow, nodes.Mul)):
            left, right = _integer(node.left), _integer(node.right)
            if left is not None and right is not None and _too_many_digits(node, left, right):
                yield node.lineno, digits_message("乘方（**）" if isinstance(node, nodes.Pow) else "乘法")
            if isinstance(node, nodes.Mul):
                for sequence, times in ((node.left, right), (node.right, left)):
                    size = _length(sequence)
                    if size is not None and times is not None and size * times > MAX_SIZE:
                        yield node.lineno, size_message("重复（*）", size * times)
        elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
            yield from _call_problems(node, node.node.name)
        elif isinstance(node, nodes.Filter) and node.name in WIDTH_FILTERS and node.args:
            width = _integer(node.args[0])
            if width is not None and width > MAX_SIZE:
                yield node.lineno, width_message(f"过滤器“{node.name}”", width)


def _call_problems(node: nodes.Call, name: str) -> Iterator[tuple[int, str]]:
    """``range`` and ``lipsum`` called with constants beyond their bounds."""
    if name == "range" and not node.kwargs and 1 <= len(node.args) <= 3:
        values = [_integer(a) for a in node.args]
        if None not in values and values[-1] != 0 and (count := range_length(*values)) > MAX_SIZE:
            yield node.lineno, range_message(count)
    elif name == "lipsum":
        given = {**dict(zip(("n", "html", "min", "max"), node.args, strict=False)), **{k.key: k.value for k in node.kwargs}}
        sizes = {key: _integer(value) for key, value in given.items() if key != "html"}
        if None not in sizes.values() and not lipsum_allowed(**sizes):
            yield node.lineno, lipsum_message()


def _iterations(node: nodes.For) -> int | None:
    """How many times a loop over a constant range or a written-out list runs."""
    if (length := _length(node.iter)) is not None:
        return length
    call = node.iter
    if isinstance(call, nodes.Call) and isinstance(call.node, nodes.Name) and call.node.name == "range" and call.args:
        values = [_integer(a) for a in call.args]
        if None not in values and len(values) <= 3 and values[-1] != 0:
            return range_length(*values)
    return None


def _loop_problems(children: Iterable[nodes.Node], outer: int) -> Iterator[tuple[int, str]]:
    """Loops nested in constant loops whose iterations together pass ``MAX_STEPS``."""
    for child in children:
        if not isinstance(child, nodes.For):
            yield from _loop_problems(child.iter_child_nodes(), outer)
            continue
        count = _iterations(child)
        total = outer if count is None else outer * count
        if count is not None and outer > 1 and total > MAX_STEPS:
            yield child.lineno, f"嵌套的循环共要执行 {total} 次，超过每份报告 {MAX_STEPS} 次的上限"
        else:
            yield from _loop_problems(child.body, total)
            yield from _loop_problems(child.else_, outer)


def _recursion(tree: nodes.Template, sentence_book: bool) -> Iterator[tuple[int, str]]:
    """Macros and blocks of this file that call themselves, directly or through one another."""
    defined: dict[tuple[str, str], nodes.Macro | nodes.Block] = {}
    for macro in tree.find_all(nodes.Macro):
        defined[("宏", macro.name)] = macro
    for block in tree.find_all(nodes.Block):
        defined[("块", block.name)] = block
    calls = {key: set(_called(node, sentence_book)) & defined.keys() for key, node in defined.items()}
    for key, node in defined.items():
        if _reaches(calls, key, key):
            yield node.lineno, (f"{key[0]}“{key[1]}”调用了自己（直接或经由其他宏、块）；"
                                f"渲染时嵌套超过 {MAX_DEPTH} 层即停止，请确认递归一定会结束")


def _called(node: nodes.Node, sentence_book: bool) -> Iterator[tuple[str, str]]:
    for call in node.find_all(nodes.Call):
        target = call.node
        if isinstance(target, nodes.Name):
            yield "宏", target.name
        elif isinstance(target, nodes.Getattr) and isinstance(target.node, nodes.Name):
            if target.node.name == "self":
                yield "块", target.attr
            elif target.node.name == "say" and sentence_book:
                yield "宏", target.attr


def _reaches(calls: dict[tuple[str, str], set[tuple[str, str]]], start: tuple[str, str],
             goal: tuple[str, str]) -> bool:
    seen: set[tuple[str, str]] = set()
    pending = list(calls[start])
    while pending:
        current = pending.pop()
        if current == goal:
            return True
        if current not in seen:
            seen.add(current)
            pending.extend(calls.get(current, ()))
    return False
