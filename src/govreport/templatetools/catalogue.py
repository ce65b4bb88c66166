"""What a county can override: every named block of the outlines and every sentence macro, with its default text.

Read from the built-in templates themselves, so the list in a scaffolded
README or in ``govreport templates list`` can never fall behind them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from jinja2 import Environment, nodes

from ..chain.loader import SENTENCES, ChainLoader
from ..chain.overrides import county_files

# Names every template sees; what each is for, for the README and for messages.
RENDER_VARIABLES = {
    "data": "数据文件的内容（字段见 schemas/ 中的 JSON Schema）",
    "fig": "计算出的数字（资金、得分、等级等）",
    "doc": "正文收集器：doc.h1/h2/h3 标题，doc.p 段落，doc.items 编号条目，doc.sign 落款，doc.attach 附件",
    "say": "句子宏，如 say.funds_paragraph()",
}
_TAG = re.compile(r"{%-?\s*(block|endblock|macro|endmacro)\b\s*(\w*)[^%]*?-?%}")


@dataclass(frozen=True)
class Slot:
    name: str
    kind: Literal["block", "macro"]
    template: str  # the built-in template that defines it
    line: int
    text: str  # its default source
    variables: tuple[str, ...]  # names it reads that it does not set itself
    args: tuple[str, ...] = ()

    @property
    def signature(self) -> str:
        return f"{self.name}({', '.join(self.args)})" if self.kind == "macro" else self.name


def builtin_source(loader: ChainLoader, name: str) -> str:
    return loader.layers[-1].joinpath(*name.split("/")).read_text(encoding="utf-8")


def slots(env: Environment, name: str) -> list[Slot]:
    """Blocks of an outline template, or macros of a sentence book, as the built-in set defines them."""
    loader = env.loader
    assert isinstance(loader, ChainLoader)
    source = builtin_source(loader, name)
    tree = env.parse(source)
    bodies = _bodies(source)
    found: list[Slot] = []
    wanted = nodes.Macro if name.endswith(SENTENCES) else nodes.Block
    for node in tree.find_all(wanted):
        args = tuple(a.name for a in node.args) if isinstance(node, nodes.Macro) else ()
        found.append(Slot(node.name, "macro" if wanted is nodes.Macro else "block", name, node.lineno,
                          bodies.get(node.name, ""), _reads(node, set(args)), args))
    return found


def _bodies(source: str) -> dict[str, str]:
    """Name → text between ``{% block name %}`` (or macro) and its matching end tag."""
    bodies: dict[str, str] = {}
    stack: list[tuple[str, int]] = []
    for match in _TAG.finditer(source):
        tag, name = match.group(1), match.group(2)
        if tag in ("block", "macro"):
            stack.append((name, match.end()))
        elif stack:
            opened, start = stack.pop()
            bodies[opened] = source[start:match.start()].strip("\n")
    return bodies


def _reads(node: nodes.Node, bound: set[str]) -> tuple[str, ...]:
    stored = bound | {n.name for n in node.find_all(nodes.Name) if n.ctx in ("store", "param")}
    read = {n.name for n in node.find_all(nodes.Name) if n.ctx == "load"} - stored - {"loop", "super", "self"}
    return tuple(sorted(read))


def outline_names(loader: ChainLoader, folder: str) -> list[str]:
    """The kind's templates that hold blocks (its outlines) and its sentence book, then the shared sentence book."""
    root = loader.layers[-1] / folder
    own = sorted(f"{folder}/{p.name}" for p in root.glob("*.j2") if not p.name.startswith("report."))
    return [*own, SENTENCES]


def origins(env: Environment, name: str) -> dict[str, int]:
    """Block or macro name → the most specific county layer whose ``name`` file defines it (absent: built-in)."""
    loader = env.loader
    assert isinstance(loader, ChainLoader)
    found: dict[str, int] = {}
    for file in county_files(loader, name.split("/")[0]):
        if file.name == name:
            tree = env.parse(file.path.read_text(encoding="utf-8"))
            for node in [*tree.find_all(nodes.Block), *tree.find_all(nodes.Macro)]:
                found.setdefault(node.name, file.layer)
    return found
