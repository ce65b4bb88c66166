"""Layers point down: the import graph of src/govreport, read from the syntax tree of every module.

``LAYERS`` is the one statement of the order, bottom first; the README's
developer sections draw it, top first, and a test holds the drawings to it.
A module may import anything of its own package, any package of a lower
layer, and a package of its own layer as long as no cycle closes. Every
import counts: absolute and relative, inside functions, under
``TYPE_CHECKING``, and ``importlib.import_module`` with a written name.
"""

from __future__ import annotations

import ast
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT

SOURCE = ROOT / "src" / "govreport"
PACKAGE = "govreport"
LAYERS: tuple[tuple[str, ...], ...] = (
    ("ooxml",),
    ("errors", "vocabulary", "version", "messages", "nesting", "omissions"),
    ("models",),
    ("figures",),
    ("format",),
    ("checks",),
    ("kinds",),
    ("chain",),
    ("report",),
    ("rendering", "docx"),
    ("templatetools", "workbook", "write", "pdf", "fonts", "filenames"),
    ("reading", "validation", "convert"),
    ("proofread",),
    ("govreport",),  # the package's own functions: govreport.load, govreport.render…
    ("batch",),
    ("server",),
    ("cli", "cli_chinese", "__main__"),
)
LEVEL = {unit: level for level, units in enumerate(LAYERS) for unit in units}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, govreport.rendering.docx
    target: str  # the module it imports, govreport.chain.shells
    line: int


def module_files(root: Path) -> dict[str, Path]:
    """Every module under ``root`` (a copy of src/govreport) by its dotted name; a package by its own name."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = [PACKAGE, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def unit(module: str) -> str:
    """The package or top-level module a module belongs to (``govreport`` itself for the package's own file)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _own_names(path: Path) -> set[str]:
    """Names a package's ``__init__`` defines itself (``def load`` shadows the module ``load``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    names |= {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    return names


def _targets(node: ast.AST, package: str, files: dict[str, Path]) -> list[str]:
    """The modules of govreport one import statement (or ``import_module`` call) brings in."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
        origin = ".".join([*base, *([node.module] if node.module else [])])
        found = []
        for alias in node.names:
            submodule = f"{origin}.{alias.name}"
            shadowed = origin in files and files[origin].name == "__init__.py" and alias.name in _own_names(files[origin])
            found.append(submodule if submodule in files and not shadowed else origin)
        return found
    if (isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name))
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
        return [node.args[0].value]
    return []


def imports(root: Path) -> list[Import]:
    """Every import of a govreport module by a govreport module under ``root``."""
    files = module_files(root)
    found = []
    for module, path in files.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _targets(node, package, files):
                if target == PACKAGE or target.startswith(PACKAGE + "."):
                    found.append(Import(module, target, node.lineno))
    return list(dict.fromkeys(found))  # one statement may bring in one module under several names


def unplaced(root: Path) -> list[str]:
    return sorted({unit(m) for m in module_files(root)} - set(LEVEL))


def upward(root: Path) -> list[str]:
    """Each import of a higher layer, in words."""
    return [
        f"{i.source}（第 {i.line} 行）引用了上层的 {i.target}：{unit(i.source)} 在 {unit(i.target)} 之下"
        for i in imports(root)
        if unit(i.source) in LEVEL and unit(i.target) in LEVEL and LEVEL[unit(i.target)] > LEVEL[unit(i.source)]
    ]


def cycles(root: Path) -> list[list[str]]:
    """Groups of packages that import one another, directly or round a loop (strongly connected, Tarjan)."""
    graph: dict[str, set[str]] = {}
    for i in imports(root):
        if unit(i.source) != unit(i.target):
            graph.setdefault(unit(i.source), set()).add(unit(i.target))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for following in sorted(graph.get(node, ())):
            if following not in index:
                visit(following)
                low[node] = min(low[node], low[following])
            elif following in stack:
                low[node] = min(low[node], index[following])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_package_has_a_layer():
    assert unplaced(SOURCE) == []
    assert sorted(LEVEL) == sorted({unit(m) for m in module_files(SOURCE)}), "LAYERS names a package that does not exist"


def test_imports_point_down():
    assert upward(SOURCE) == []


def test_no_cycle_between_packages():
    assert cycles(SOURCE) == []


def test_the_graph_is_read_whole():
    """The reader sees the imports that matter here: relative, absolute, inside functions, shadowed names."""
    found = {(i.source, i.target) for i in imports(SOURCE)}
    assert ("govreport.rendering.docx", "govreport.chain.shells") in found  # from ..chain.shells import find_shell
    assert ("govreport.rendering.per_kind", "govreport.rendering.xlsx") in found  # inside a function
    assert ("govreport.cli", "govreport.templatetools.check") in found  # inside a function
    assert ("govreport.server.api", "govreport") in found  # from govreport import load: the function, not the module


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / PACKAGE
    shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns("__pycache__", "templates"))
    return target


def _plant(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")


@pytest.mark.parametrize("planted", [
    "from ..rendering.docx import render_docx\n",
    "import govreport.rendering\n",
    "\n\ndef _later():\n    from ..templatetools import check  # noqa\n",
    "\n\ndef _later():\n    import importlib\n    return importlib.import_module('govreport.proofread')\n",
    "from .. import render\n",  # the facade's function render: the top of the package
])
def test_an_upward_import_fails(copy, planted):
    _plant(copy / "figures" / "rounding.py", planted)
    found = upward(copy)
    assert len(found) == 1 and found[0].startswith("govreport.figures.rounding（第 ")


def test_an_import_within_the_package_or_downward_passes(copy):
    _plant(copy / "rendering" / "docx.py", "from ..figures.rounding import round_half_up\nfrom .guard import shown\n")
    assert upward(copy) == [] and cycles(copy) == []


def test_a_cycle_within_a_layer_fails(copy):
    _plant(copy / "reading.py", "\n\ndef _later():\n    from .validation import to_report  # noqa\n")
    assert cycles(copy) == []  # one way only: allowed
    _plant(copy / "validation.py", "from .reading import read_data\n")
    assert upward(copy) == []  # the same layer, so only the cycle check can see it
    assert cycles(copy) == [["reading", "validation"]]


def test_a_new_module_needs_a_place(copy):
    (copy / "charts.py").write_text("from .figures.rounding import round_half_up\n", encoding="utf-8")
    assert unplaced(copy) == ["charts"]


def _drawings(text: str) -> list[list[tuple[str, ...]]]:
    """The layer diagrams of a README: text blocks whose every line starts with package names (``a · b``)."""
    row = re.compile(r"^(\w+(?: · \w+)*)(?: {2,}.*)?$")
    found = []
    for block in re.findall(r"```text\n(.*?)```", text, re.S):
        rows = [row.match(line) for line in block.strip("\n").splitlines()]
        if rows and all(rows):
            found.append([tuple(r.group(1).split(" · ")) for r in rows if r])
    return found


def test_the_readme_draws_the_layers_as_written_here():
    drawn = _drawings((ROOT / "README.md").read_text(encoding="utf-8"))
    assert drawn == [list(reversed(LAYERS))] * 2  # the Chinese section, then the English one
