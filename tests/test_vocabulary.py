"""One home for every rule value: nothing that govreport/vocabulary defines is written out again elsewhere.

The values looked for are read from the vocabulary itself (the execution row's
weight, the indicator totals, rating and grade names, operator signs, the
"/" of a cell that does not apply, the GB/T 9704 page, margins and face
names), and looked for where a copy would be a rule, not wherever the digits
happen to occur:

- Python (``src/``, ``tools/``; docstrings and comments are prose and are
  skipped): a string that says the weight or a total (“计10分”, “合计应为90”),
  a Decimal of the weight (not the base of a power, as in 10 ** 15), the
  weight as a cell's text, a rating, grade or operator word as a value of its
  own, the signs ≥ ≤ anywhere in a string, "/" used as a value (not to split
  or join paths, not in a table of characters), an integer that is a margin or
  the paper's size in twips, a margin in mm, a full face name of the profile;
- templates (``*.j2`` in ``src/`` and ``templates/``, and the text of every
  DOCX template and county shell): the same in their text and string
  literals, and a table cell that holds only the weight or "/".

Each detector is shown to find the vocabulary's own definition, a literal
planted in a copy of a real file, and nothing in lines that only look alike.
"""

from __future__ import annotations

import ast
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from jinja2 import Environment
from lxml import etree

from govreport.vocabulary.gbt9704 import millimetres, profile
from govreport.vocabulary.scoring import EXECUTION_WEIGHT, GRADES, LOWEST_GRADE, OPERATORS, RATINGS, indicator_weights_total
from govreport.vocabulary.words import NOT_APPLICABLE

from .conftest import ROOT

SRC = ROOT / "src" / "govreport"
VOCABULARY = SRC / "vocabulary"
PROFILE_FILE = SRC / "templates" / "gbt9704.yaml"

# ---- the values, from the vocabulary ----

WEIGHT = str(EXECUTION_WEIGHT)
TOTALS = sorted({str(indicator_weights_total(True)), str(indicator_weights_total(False))})
PAGE = profile()["page"]
PAGE_KEYS = ("width", "height", "margin_top", "margin_bottom", "margin_left", "margin_right")
TWIPS = {PAGE[key] for key in PAGE_KEYS}
FACES = {style["font"] for style in profile()["styles"].values()} | {profile()["page_number"]["font"]}
FULL_FACES = {face for face in FACES if len(face) > 2}  # 黑体, 宋体 also name the families the proofreader knows
RATING_WORDS = {r.name for r in RATINGS} | {r.full_name for r in RATINGS}
GRADE_WORDS = {name for _, name in GRADES} | {LOWEST_GRADE}
OPERATOR_WORDS = {o.word for o in OPERATORS}
SIGNS = {o.word for o in OPERATORS if o.signed}

IN_TEXT = {  # rule → a pattern that finds it inside any text
    "预算执行率分值": re.compile(rf"(?<![\d.]){WEIGHT}\s*分"),
    "指标分值合计": re.compile(rf"(?:合计|满分|总分)[^。；\n]{{0,8}}?(?<![\d.])(?:{'|'.join(TOTALS)})(?![\d.%])"),
    "页边距和纸张（mm）": re.compile(rf"(?<![\d.])(?:{'|'.join(str(millimetres(PAGE[k])) for k in PAGE_KEYS)})\s*mm\b"),
    "页边距和纸张（twip）": re.compile(rf"(?<![\d.])(?:{'|'.join(map(str, sorted(TWIPS)))})(?![\d.])"),
    "比较方式的符号": re.compile("|".join(map(re.escape, sorted(SIGNS)))),
    "评定": re.compile("|".join(map(re.escape, sorted((w for w in RATING_WORDS if len(w) > 2), key=len, reverse=True)))),
    "字体": re.compile("|".join(map(re.escape, sorted(FULL_FACES)))),
}
WHOLE = {  # rule → the words that are a rule value when they are the whole of a string
    "评定": RATING_WORDS,
    "等级": GRADE_WORDS,
    "比较方式的符号": OPERATOR_WORDS,
    "不适用": {NOT_APPLICABLE},
    "预算执行率分值": {WEIGHT},
    "字体": FULL_FACES,
}
# In Python a face name is a rule value when it is a value of its own; inside a longer string it is an example
# (“如 仿宋_GB2312: 仿宋” in the fonts option's description).
PYTHON_TEXT_RULES = {rule: pattern for rule, pattern in IN_TEXT.items() if rule not in ("页边距和纸张（twip）", "字体")}
# "/" is the mark only where documents are written; elsewhere it is a path or a web route.
MARK_WRITERS = ("vocabulary", "models", "figures", "format", "checks", "render", "workbook", "kinds.py", "tools")
# Copies in files this change could not touch, each to be removed from here when its file reads the vocabulary.
KNOWN = {("src/govreport/proofread/figures.py", "等级")}


@dataclass(frozen=True)
class Hit:
    path: str
    line: int
    rule: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}：{self.text!r}"


# ---- Python ----

PATH_METHODS = {"split", "rsplit", "lstrip", "rstrip", "strip", "join", "startswith", "endswith", "partition",
                "rpartition", "replace", "removeprefix", "removesuffix"}


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _prose(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """A docstring, or any string standing alone as a statement: prose, not a value."""
    return isinstance(parents.get(node), ast.Expr)


def _character_table(node: ast.AST | None) -> bool:
    """A dict literal mapping single characters to single characters (full-width → half-width): no rule."""
    return isinstance(node, ast.Dict) and all(
        isinstance(x, ast.Constant) and isinstance(x.value, str) and len(x.value) == 1
        for x in [*node.keys, *node.values])


def _path_use(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """"/" splitting, joining or testing a path, not a mark written into a document."""
    parent = parents.get(node)
    if isinstance(parent, ast.Tuple):
        parent = parents.get(parent)
    if isinstance(parent, ast.Attribute) and parent.attr in PATH_METHODS:
        return True
    if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) and parent.func.attr in PATH_METHODS:
        return True
    if isinstance(parent, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in parent.ops):
        return True
    return _character_table(parent)


def _decimal_of(node: ast.AST, value: str) -> bool:
    return (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Decimal"
            and len(node.args) == 1 and isinstance(node.args[0], ast.Constant) and str(node.args[0].value) == value)


def _writes_documents(shown: str) -> bool:
    return any(part in MARK_WRITERS for part in Path(shown).parts[:3]) or not shown.startswith(("src/", "tools/"))


def python_hits(path: Path, shown: str) -> Iterator[Hit]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = _parents(tree)
    marks = _writes_documents(shown)
    for node in ast.walk(tree):
        if _decimal_of(node, WEIGHT):
            parent = parents.get(node)
            if not (isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Pow) and parent.left is node):
                yield Hit(shown, node.lineno, "预算执行率分值", ast.unparse(node))
        if not isinstance(node, ast.Constant) or isinstance(node.value, bool):
            continue
        if isinstance(node.value, int) and node.value in TWIPS:
            yield Hit(shown, node.lineno, "页边距和纸张（twip）", str(node.value))
        if not isinstance(node.value, str) or _prose(node, parents):
            continue
        for rule, pattern in PYTHON_TEXT_RULES.items():
            if pattern.search(node.value):
                yield Hit(shown, node.lineno, rule, node.value)
        if isinstance(parents.get(node), ast.JoinedStr):
            continue  # a piece of an f-string is no value of its own
        for rule, words in WHOLE.items():
            if node.value in words and not (node.value == NOT_APPLICABLE and (not marks or _path_use(node, parents))):
                yield Hit(shown, node.lineno, rule, node.value)


# ---- templates ----

LEXER = Environment()
CELL = {  # a table cell holding only the weight or "/": Markdown, HTML
    "预算执行率分值": re.compile(rf"\|\s*{WEIGHT}\s*(?=\|)|>\s*{WEIGHT}\s*<"),
    "不适用": re.compile(rf"\|\s*{re.escape(NOT_APPLICABLE)}\s*(?=\|)|>\s*{re.escape(NOT_APPLICABLE)}\s*<"),
}


def _text_hits(text: str, shown: str, line: int) -> Iterator[Hit]:
    for rule, pattern in IN_TEXT.items():
        if pattern.search(text):
            yield Hit(shown, line, rule, text)


def jinja_hits(source: str, shown: str) -> Iterator[Hit]:
    for line, kind, value in LEXER.lex(source):
        if kind == "data":
            yield from _text_hits(value, shown, line)
            for rule, pattern in CELL.items():
                if pattern.search(value):
                    yield Hit(shown, line, rule, value)
        elif kind == "string":
            value = value[1:-1]  # the lexer keeps the quotes
            yield from _text_hits(value, shown, line)
            yield from (Hit(shown, line, rule, value) for rule, words in WHOLE.items() if value in words)
        elif kind == "integer" and int(value) in TWIPS:
            yield Hit(shown, line, "页边距和纸张（twip）", value)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAG = re.compile(r"\{[{%].*?[%}]\}")


def docx_hits(path: Path, shown: str) -> Iterator[Hit]:
    """The text of a DOCX template's paragraphs, its Jinja tags left out."""
    with zipfile.ZipFile(path) as package:
        parts = [n for n in package.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
        for part in parts:
            for n, paragraph in enumerate(etree.fromstring(package.read(part)).iter(f"{W}p"), start=1):
                text = TAG.sub("", "".join(t.text or "" for t in paragraph.iter(f"{W}t"))).strip()
                where = f"{shown}!{part}"
                yield from _text_hits(text, where, n)
                yield from (Hit(where, n, rule, text) for rule, words in WHOLE.items() if text in words)


def hits(path: Path) -> list[Hit]:
    shown = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name
    if path.suffix == ".py":
        return list(python_hits(path, shown))
    if path.suffix == ".docx":
        return list(docx_hits(path, shown))
    return list(jinja_hits(path.read_text(encoding="utf-8"), shown))


def sources() -> list[Path]:
    python = [p for p in [*SRC.rglob("*.py"), *(ROOT / "tools").rglob("*.py")] if VOCABULARY not in p.parents]
    templates = [*SRC.rglob("*.j2"), *(ROOT / "templates").rglob("*.j2")]
    documents = [*SRC.rglob("*.docx"), *(ROOT / "templates").rglob("*.docx")]
    return sorted(python + templates + documents)


# ---- the tests ----


def test_no_rule_value_is_written_outside_the_vocabulary():
    found = [hit for path in sources() for hit in hits(path) if (hit.path, hit.rule) not in KNOWN]
    assert not found, "一个规则值在词汇表之外又写了一遍，请改为从 govreport/vocabulary 读取：\n" + "\n".join(map(str, found))


def test_each_known_copy_is_still_there():
    """A known copy that was removed comes off the list, so the list cannot hide a new one."""
    found = {(hit.path, hit.rule) for path in sources() for hit in hits(path)}
    assert found >= KNOWN, f"已改为读取词汇表，请从 KNOWN 中删去：{KNOWN - found}"


def test_the_scan_reads_every_kind_of_source():
    scanned = {p.relative_to(ROOT).as_posix() for p in sources()}
    for expected in ("src/govreport/checks/project.py", "src/govreport/render/rows.py", "tools/build_templates.py",
                     "src/govreport/templates/performance_evaluation/sentences.j2",
                     "src/govreport/templates/self_evaluation/report.md.j2", "src/govreport/templates/outline.html.j2",
                     "src/govreport/templates/performance_evaluation/report.docx",
                     "templates/三亚市/performance_evaluation/sentences.j2",
                     "templates/三亚市/performance_evaluation/shell.docx"):
        assert expected in scanned
    assert not any(p.startswith("src/govreport/vocabulary/") for p in scanned)


def _rules(found: Iterable[Hit]) -> set[str]:
    return {hit.rule for hit in found}


def test_each_detector_finds_the_vocabularys_own_definitions():
    """Scanned like any other file, the vocabulary and the profile show every value the test looks for."""
    defined = [hit for path in sorted(VOCABULARY.glob("*.py")) for hit in hits(path)]
    profile_text = PROFILE_FILE.read_text(encoding="utf-8")
    defined += [Hit("gbt9704.yaml", n, rule, line) for n, line in enumerate(profile_text.splitlines(), start=1)
                for rule, pattern in IN_TEXT.items() if pattern.search(line)]
    assert _rules(defined) >= {"预算执行率分值", "评定", "等级", "比较方式的符号", "不适用", "页边距和纸张（twip）",
                               "页边距和纸张（mm）", "字体"}
    values = {hit.text for hit in defined}
    assert {"达成", "部分达成年度指标并具有一定效果", "优", "差", "≥", "≤", "/"} <= values
    assert "Decimal(10)" in values  # EXECUTION_WEIGHT
    margins = [hit for hit in defined if hit.rule == "页边距和纸张（twip）"]
    assert {"margin_top: 2098 # 37 mm", "margin_left: 1588 # 28 mm"} <= {" ".join(h.text.split()) for h in margins}


PYTHON_PLANTS = [
    ('WEIGHT = Decimal(10)', "预算执行率分值"),
    ('WEIGHT = Decimal("10")', "预算执行率分值"),
    ('cell = "10"', "预算执行率分值"),
    ('why = f"预算执行率计10分，合计{x}"', "预算执行率分值"),
    ('why = "指标分值合计应为90"', "指标分值合计"),
    ('why = f"否则{x}，满分100"', "指标分值合计"),
    ('RATING = "部分达成"', "评定"),
    ('OK = ind.rating != "达成"', "评定"),
    ('TEXT = "未达成年度指标且效果较差"', "评定"),
    ('GRADE = "良"', "等级"),
    ('SIGN = {">=": "≥"}', "比较方式的符号"),
    ('WORD = "定性"', "比较方式的符号"),
    ('MARK = "/"', "不适用"),
    ('MARK = x if y else "/"', "不适用"),
    ('TOP = 2098', "页边距和纸张（twip）"),
    ('NOTE = "左 28 mm"', "页边距和纸张（mm）"),
    ('FACE = "仿宋_GB2312"', "字体"),
]
PYTHON_LOOKALIKES = [
    'parts = name.split("/")',
    'joined = "/".join(parts)',
    'absolute = name.startswith(("/", "\\\\"))',
    'nested = "/" not in name',
    'WIDTH = {"％": "%", "／": "/"}',
    'steps = range(10)',
    'POWER = Decimal(10) ** 15',
    'HUNDRED = Decimal(100)',
    'BASIS = "财预〔2020〕10号"',
    'RATE = "执行率（B/A）"',
    'LEVEL = "定性指标须填写评定"',
    'TOTAL = f"总分{total}"',
    '"""A docstring may say ≥ 10分, 部分达成 and 37 mm."""',
    'x = 1  # a comment may say 10分 and "/"',
]


def _planted(tmp_path: Path, original: Path, line: str) -> Path:
    copy = tmp_path / original.name
    copy.write_text(original.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    return copy


@pytest.mark.parametrize(("line", "rule"), PYTHON_PLANTS, ids=[p[0] for p in PYTHON_PLANTS])
def test_a_literal_planted_in_python_is_found(tmp_path, line, rule):
    original = SRC / "checks" / "project.py"
    assert not hits(original)
    assert rule in _rules(hits(_planted(tmp_path, original, line)))


@pytest.mark.parametrize("line", PYTHON_LOOKALIKES)
def test_python_that_only_looks_alike_is_not_found(tmp_path, line):
    assert hits(_planted(tmp_path, SRC / "checks" / "project.py", line)) == []


TEMPLATE_PLANTS = [
    ("，另预算执行率计10分。", "预算执行率分值"),
    ("（分值 10 分）", "预算执行率分值"),
    ("| 预算执行率 | 100% | 10 | 9.12 |", "预算执行率分值"),
    ('<td class="figure">10</td>', "预算执行率分值"),
    ("指标分值合计应为100。", "指标分值合计"),
    ("| {{ r.name }} | / |", "不适用"),
    ("<td>/</td>", "不适用"),
    ("{% if r.deviation == '/' %}center{% endif %}", "不适用"),
    ("年度指标值≥{{ i.target }}", "比较方式的符号"),
    ('{% if i.op == "定性" %}x{% endif %}', "比较方式的符号"),
    ("评定为“部分达成”", "评定"),
    ('{% if i.rating == "达成" %}x{% endif %}', "评定"),
    ('{{ "优" if fig.total > 90 else "" }}', "等级"),
    ("padding: 37mm 26mm;", "页边距和纸张（mm）"),
    ("{% set top = 2098 %}", "页边距和纸张（twip）"),
    ('font-family: "楷体_GB2312";', "字体"),
]
TEMPLATE_LOOKALIKES = [
    "根据《项目支出绩效评价管理办法》（财预〔2020〕10号）有关要求",
    "{{ fund_heads|join(\" | \") }} 执行率（B/A）",
    "{% for x in range(10) %}{{ x }}{% endfor %}",
    "{# 注释里可以写 10分、≥、部分达成、/ 和 37 mm #}",
    "{{ a }}/{{ b }}",
    "共设置绩效指标{{ n }}项，其中10项完成",
    "总分{{ fig.total|amount }}分",
]


@pytest.mark.parametrize(("text", "rule"), TEMPLATE_PLANTS, ids=[p[0] for p in TEMPLATE_PLANTS])
def test_a_literal_planted_in_a_template_is_found(tmp_path, text, rule):
    original = SRC / "templates" / "performance_evaluation" / "sentences.j2"
    assert not hits(original)
    assert rule in _rules(hits(_planted(tmp_path, original, text)))


@pytest.mark.parametrize("text", TEMPLATE_LOOKALIKES)
def test_template_text_that_only_looks_alike_is_not_found(tmp_path, text):
    assert hits(_planted(tmp_path, SRC / "templates" / "performance_evaluation" / "sentences.j2", text)) == []


def test_a_literal_baked_into_a_docx_template_is_found(tmp_path):
    """The execution row's 分值 and "/" as they stood in report.docx before the template read them."""
    original = SRC / "templates" / "performance_evaluation" / "report.docx"
    assert not hits(original)
    copy = tmp_path / "report.docx"
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(copy, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = (data.replace(b"{{ fig.execution_weight|number }}", b"10")
                        .replace(b"{{ not_applicable }}", b"/", 1))
            target.writestr(name, data)
    assert _rules(hits(copy)) == {"预算执行率分值", "不适用"}
