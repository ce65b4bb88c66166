"""``govreport templates check``: everything wrong with a template folder, each with its file and line.

Beyond what rendering refuses anyway (syntax, unknown blocks and macros), it
finds variables that do not exist, data fields the kind does not have,
attributes the sandbox would refuse, costs beyond the sandbox's bounds that
constants already show (costs.py), and a shell that cannot be used.
"""

from __future__ import annotations

import typing
from pathlib import Path

from jinja2 import Environment, nodes
from pydantic import BaseModel

from ..chain.loader import ChainLoader, builtin_report
from ..chain.overrides import county_files, override_problems, parsed, where
from ..chain.resolve import resolve_chain
from ..chain.shells import find_shell
from ..errors import GovreportError, Problem
from ..kinds import KINDS
from ..rendering.environment import environment
from ..rendering.shell import shell_template
from .catalogue import RENDER_VARIABLES
from .costs import cost_problems

JINJA_NAMES = {"loop", "super", "self", "caller", "varargs", "kwargs", "true", "false", "none"}


def folder_problems(folder: Path) -> list[Problem]:
    try:
        chain = resolve_chain([folder])
    except GovreportError as exc:
        return [Problem(str(folder), exc.message), *exc.problems]
    env = environment(tuple(f.path for f in chain.folders))
    problems = override_problems(env)
    for file in county_files(env.loader):
        tree = parsed(env, file)[0] if file.layer == 0 else None
        if tree is not None:
            problems += _name_problems(env, file, tree) + cost_problems(file.path, tree)
    for kind in KINDS.values():
        shell = find_shell(env.loader.layers, kind.folder)
        if shell is not None:
            try:
                shell_template(builtin_report(kind.folder), shell)
            except GovreportError as exc:
                problems.append(Problem(str(shell), exc.message))
    return problems


def _name_problems(env: Environment, file, tree: nodes.Template) -> list[Problem]:
    kind = KINDS.get(file.name.split("/")[0])
    known = set(RENDER_VARIABLES) | JINJA_NAMES | set(env.globals) | _stored(tree)
    if kind is not None:
        known |= _stored_in_builtin(env, kind.folder)
    problems = []
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name not in known:
            problems.append(Problem(where(file.path, node.lineno),
                                    f"变量“{node.name}”不存在（可用：{'、'.join(RENDER_VARIABLES)}，以及上一级模板设定的变量）"))
    for node in tree.find_all(nodes.Getattr):
        if node.attr.startswith("_"):
            problems.append(Problem(where(file.path, node.lineno), f"不能访问以下划线开头的属性“{node.attr}”（沙箱会拒绝）"))
        elif kind is not None and (field_problem := _data_field(node, kind.model)):
            problems.append(Problem(where(file.path, node.lineno), field_problem))
    return list(dict.fromkeys(problems))  # a wrong field inside a longer path is reported once


def _stored(tree: nodes.Node) -> set[str]:
    names = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    names |= {m.name for m in tree.find_all(nodes.Macro)}
    names |= {i.target for i in tree.find_all(nodes.Import)}
    return names


def _stored_in_builtin(env: Environment, folder: str) -> set[str]:
    loader = env.loader
    assert isinstance(loader, ChainLoader)
    names: set[str] = set()
    for path in (loader.layers[-1] / folder).glob("*.j2"):
        names |= _stored(env.parse(path.read_text(encoding="utf-8")))
    return names


def _data_field(node: nodes.Getattr, model: type[BaseModel]) -> str | None:
    """``data.meta.projct`` → a message naming the field that does not exist; None when the path is fine."""
    path: list[str] = []
    current: nodes.Node = node
    while isinstance(current, nodes.Getattr):
        path.insert(0, current.attr)
        current = current.node
    if not (isinstance(current, nodes.Name) and current.name == "data"):
        return None
    walked = "data"
    for attr in path:
        if model is None:
            return None
        if attr not in model.model_fields:
            fields = "、".join(model.model_fields)
            return f"{walked} 没有字段“{attr}”（有：{fields}）"
        walked += f".{attr}"
        model = _model_of(model.model_fields[attr].annotation)
    return None


def _model_of(annotation: object) -> type[BaseModel] | None:
    """The model a field holds directly or optionally; None for lists, text and numbers (not walked further)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel) and typing.get_origin(annotation) is not list:
            return arg
    return None
