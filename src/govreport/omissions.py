"""Fields of the data that the chosen document does not print are named, never silently dropped.

An outline (mof2020 has no 可持续发展 chapter), or a kind made from another
kind's data (the 自评表 of an evaluation), can leave filled-in fields out.
Each kind declares what it leaves out and where the content would go instead
(``kinds.py``); ``validate`` turns every such field that holds something into
a warning with its path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .errors import Problem


@dataclass(frozen=True)
class Omission:
    """``path`` (``a.b``, ``a[].b`` for each item of a list, ``a.**.b`` for every ``b`` at any depth below ``a``)
    is not printed; ``instead`` says where it would go.

    ``when_filled``: for a fallback, the path whose content it stands in for; it is left out only when that is filled.
    ``when_empty``: for a chapter's heading, the chapter (``a|b`` for a chapter of two fields); the heading is left
    out only when that is empty. ``when_true``: a switch (``work_items_as_chapters``) that leaves the path out when
    it is on."""

    path: str
    instead: str
    when_filled: str = ""
    when_empty: str = ""
    when_true: str = ""


ANY_DEPTH = "**"


def _steps(path: str) -> list[tuple[str, bool]]:
    """``a[].b`` → [("a", True), ("b", False)]: each name, and whether it is a list walked item by item."""
    return [(part.removesuffix("[]"), part.endswith("[]")) for part in path.split(".")]


def _filled(node: Any, steps: list[tuple[str, bool]], where: str) -> Iterator[str]:
    if not steps:
        if _has_content(node):
            yield where
        return
    (name, each), rest = steps[0], steps[1:]
    if name == ANY_DEPTH:
        yield from _below(node, steps, rest, where)
        return
    if isinstance(node, BaseModel) and name not in node.model_fields_set:
        return  # a default the file does not hold
    value = getattr(node, name, None)
    here = f"{where}.{name}" if where else name
    if each:
        for i, item in enumerate(value or []):
            yield from _filled(item, rest, f"{here}[{i}]")
    else:
        yield from _filled(value, rest, here)


def _below(node: Any, steps: list[tuple[str, bool]], rest: list[tuple[str, bool]], where: str) -> Iterator[str]:
    """``**``: the rest of the path from this node, and from every node below it (list items, fields the file holds)."""
    if isinstance(node, BaseModel):
        yield from _filled(node, rest, where)
        for name in node.model_fields_set:
            yield from _below(getattr(node, name), steps, rest, f"{where}.{name}" if where else name)
    elif isinstance(node, list | tuple):
        for i, item in enumerate(node):
            yield from _below(item, steps, rest, f"{where}[{i}]")


def _has_content(value: Any) -> bool:
    if isinstance(value, BaseModel):
        return any(_has_content(getattr(value, name)) for name in type(value).model_fields)
    if isinstance(value, (list, tuple)):
        return any(_has_content(v) for v in value)
    return value is not None and value != "" and not isinstance(value, bool)


def omission_warnings(model: BaseModel, omissions: Iterable[Omission], document: str) -> list[Problem]:
    """One warning per filled field that ``document`` (an outline's or kind's name) leaves out."""
    problems = []
    for omission in omissions:
        if omission.when_filled and not _any_filled(model, omission.when_filled):
            continue  # the fallback is in use
        if omission.when_empty and any(_any_filled(model, path) for path in omission.when_empty.split("|")):
            continue  # the chapter is printed, and its heading with it
        if omission.when_true and getattr(model, omission.when_true, False) is not True:
            continue  # the switch is off: the field is printed
        for path in _filled(model, _steps(omission.path), ""):
            problems.append(Problem(path, f"{document}不印此项，所填内容不会出现在报告中：{omission.instead}", "warning"))
    return problems


def _any_filled(model: BaseModel, path: str) -> bool:
    return any(_filled(model, _steps(path), ""))
