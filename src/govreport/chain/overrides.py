"""What a county file may contain, checked before it is used: syntax, and only names that exist below it.

An override file (``content.j2``) may hold only blocks of the file it shadows;
a sentence book (``sentences.j2``) only macros the kind already has, taking
the same arguments. Anything else would be ignored silently by Jinja, so it
is an error here, with the file and line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, nodes

from ..errors import Problem
from ..messages import jinja_reason
from .loader import SENTENCES, ChainLoader, relative, sentence_books

ALLOWED_TOP_LEVEL = (nodes.Block, nodes.Assign, nodes.AssignBlock, nodes.Import, nodes.FromImport, nodes.Macro)


@dataclass(frozen=True)
class CountyFile:
    layer: int
    name: str  # path from the folder, e.g. performance_evaluation/content.j2
    path: Path


def county_files(loader: ChainLoader, folder: str | None = None) -> Iterator[CountyFile]:
    """Every ``.j2`` file of the county layers (all but the built-in one), optionally under one kind's folder."""
    for index, root in enumerate(loader.layers[:-1]):
        base = root / folder if folder else root
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.j2")):
            yield CountyFile(index, path.relative_to(root).as_posix(), path)


def where(path: Path | str, line: int | None) -> str:
    """``folder/kind/content.j2:3``, relative to the working folder where it lies below it."""
    return f"{relative(path)}:{line}" if line else str(relative(path))


def parsed(env: Environment, file: CountyFile) -> tuple[nodes.Template | None, list[Problem]]:
    """The file's own syntax tree (without the extends the loader adds), or its syntax error."""
    try:
        source = file.path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(str(file.path), "不是 UTF-8 编码的文本文件")]
    try:
        tree = env.parse(source, file.name, str(file.path))
        env.compile(source, file.name, str(file.path))  # unknown filters and tests are found here
    except TemplateSyntaxError as exc:
        return None, [Problem(where(file.path, exc.lineno), f"语法错误：{jinja_reason(exc.message or '')}")]
    except RecursionError:
        return None, [Problem(where(file.path, None), "括号或语句嵌套过深，无法解析")]
    return tree, []


def blocks_below(env: Environment, loader: ChainLoader, name: str, start: int) -> set[str]:
    """Block names of ``name`` as found from layer ``start`` down, with those of the templates it extends."""
    found = loader.locate(name, start)
    if found is None:
        return set()
    index, _ = found
    source, filename, _ = loader.get_source(env, f"@{index}/{name}")
    tree = env.parse(source, name, filename)
    names = {b.name for b in tree.find_all(nodes.Block)}
    for extends in tree.find_all(nodes.Extends):
        if isinstance(extends.template, nodes.Const):
            parent = str(extends.template.value)
            layer, _, parent_name = parent.removeprefix("@").partition("/")
            names |= blocks_below(env, loader, parent_name, int(layer)) if parent.startswith("@") else set()
    return names


def macros_below(env: Environment, loader: ChainLoader, name: str, start: int) -> dict[str, tuple[str, ...]]:
    """Macro name → argument names, over every sentence book from layer ``start`` down; a kind's book also sees
    the shared one's macros, which it may replace."""
    folder = str(Path(name).parent)
    books = sentence_books(folder) if folder not in ("", ".") else (name,)
    macros: dict[str, tuple[str, ...]] = {}
    for book in books:
        for index in range(len(loader.layers) - 1, start - 1 if book == name else -1, -1):
            found = loader.locate(book, index)
            if found is None or found[0] != index:
                continue
            tree = env.parse(found[1].read_text(encoding="utf-8"))
            for macro in tree.find_all(nodes.Macro):
                macros[macro.name] = tuple(a.name for a in macro.args)
    return macros


def override_problems(env: Environment, folder: str | None = None) -> list[Problem]:
    """Every problem of the county files (of one kind's folder, or all), each with its file and line."""
    loader = env.loader
    assert isinstance(loader, ChainLoader)
    problems: list[Problem] = []
    for file in county_files(loader, folder):
        tree, found = parsed(env, file)
        problems += found
        if tree is None:
            continue
        if Path(file.name).name == SENTENCES:
            problems += _sentence_problems(file, tree, macros_below(env, loader, file.name, file.layer + 1))
        elif loader.is_override(file.layer, file.name):
            problems += _block_problems(file, tree, blocks_below(env, loader, file.name, file.layer + 1))
            if _collects(file.name):
                problems += _dropped_text(file, tree)
    return problems


def _collects(name: str) -> bool:
    """A content template builds the document by calling ``doc.*`` and its own output is thrown away;
    the Markdown and HTML templates (``report.*``, ``outline.*``) print theirs."""
    return not Path(name).name.startswith(("report.", "outline."))


def _dropped_text(file: CountyFile, tree: nodes.Template) -> list[Problem]:
    """Text a content template writes outside ``doc.*`` would vanish from the report without a word: literal
    text, and data, figures or sentences (``data.*``, ``fig.*``, ``say.*``) printed instead of passed to ``doc``."""
    problems = []
    for block in tree.find_all(nodes.Block):
        for output in block.find_all(nodes.Output):
            for node in output.nodes:
                if _text(node):
                    problems.append(Problem(
                        where(file.path, node.lineno),
                        "这里写出的文字不会出现在报告中：正文要用 {{ doc.p(\"…\") }}、{{ doc.h2(\"…\") }} 等写入"))
    return problems


def _text(node: nodes.Node) -> bool:
    if isinstance(node, nodes.TemplateData):
        return bool(node.data.strip())
    if isinstance(node, nodes.Const):
        return bool(str(node.value).strip())
    while isinstance(node, (nodes.Call, nodes.Getattr, nodes.Getitem, nodes.Filter)):
        node = node.node
        if node is None:
            return False
    return isinstance(node, nodes.Name) and node.name in ("data", "fig", "say")


def _writes_text(node: nodes.Output) -> bool:
    """Whether top-level output holds more than blank lines (which Jinja would drop silently)."""
    return any(not (isinstance(n, nodes.TemplateData) and not n.data.strip()) for n in node.nodes)


def _suggest(name: str, known: set[str] | dict[str, tuple[str, ...]]) -> str:
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.5)
    return f"，是否想写：{'、'.join(close)}" if close else ""


def _block_problems(file: CountyFile, tree: nodes.Template, known: set[str]) -> list[Problem]:
    problems = []
    for node in tree.body:
        at = where(file.path, node.lineno)
        if isinstance(node, nodes.Block):
            if node.name not in known:
                problems.append(Problem(at, f"上一级的 {file.name} 中没有名为“{node.name}”的块{_suggest(node.name, known)}"
                                        "（可改写的块见 govreport templates list）"))
        elif isinstance(node, nodes.Extends):
            problems.append(Problem(at, "不需要写 extends：本文件自动继承上一级的同名模板，只写要改的块即可"))
        elif isinstance(node, nodes.Output) and _writes_text(node):
            problems.append(Problem(at, "块之外的内容不会出现在报告中；请放进某个 {% block 名称 %}…{% endblock %}"))
        elif not isinstance(node, (nodes.Output, *ALLOWED_TOP_LEVEL)):
            problems.append(Problem(at, "块之外的语句不会执行；请放进某个 {% block 名称 %}…{% endblock %}"))
    return problems


def _sentence_problems(file: CountyFile, tree: nodes.Template, known: dict[str, tuple[str, ...]]) -> list[Problem]:
    problems = []
    for node in tree.body:
        at = where(file.path, node.lineno)
        if isinstance(node, nodes.Macro):
            if node.name not in known:
                problems.append(Problem(at, f"没有名为“{node.name}”的句子宏{_suggest(node.name, known)}"
                                        "（可改写的宏见 govreport templates list）"))
            elif len(node.args) != len(known[node.name]):
                expected = "、".join(known[node.name]) or "无"
                problems.append(Problem(at, f"句子宏“{node.name}”的参数应与原宏相同（{expected}）"))
        elif isinstance(node, nodes.Output) and _writes_text(node):
            problems.append(Problem(at, "sentences.j2 中只能写 {% macro 名称() %}…{% endmacro %}；宏之外的内容不会生效"))
        elif not isinstance(node, (nodes.Output, nodes.Assign, nodes.Import, nodes.FromImport)):
            problems.append(Problem(at, "sentences.j2 中只能写 {% macro 名称() %}…{% endmacro %}；宏之外的语句不会生效"))
    return problems
