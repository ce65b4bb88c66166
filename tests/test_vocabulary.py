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
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment
from lxml import etree

import govreport
from govreport.kinds import KINDS
from govreport.proofread import check_file
from govreport.rendering.rows import fund_rows, score_rows
from govreport.report import Report
from govreport.vocabulary.gbt9704 import millimetres, profile
from govreport.vocabulary.scoring import EXECUTION_WEIGHT, GRADES, LOWEST_GRADE, OPERATORS, RATINGS, indicator_weights_total
from govreport.vocabulary.words import NOT_APPLICABLE, outline_names
from govreport.workbook.sheets import LAYOUTS

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
# Copies still written outside the vocabulary, each to be removed from here when its file reads the vocabulary
# (none today: the proofreader's grade bands now come from vocabulary.GRADES).
KNOWN: set[tuple[str, str]] = set()


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
    for expected in ("src/govreport/checks/project.py", "src/govreport/rendering/rows.py", "tools/build_templates.py",
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
    """A 分值 and a "/" written into report.docx's table cells, where the printed table's cells are read."""
    original = SRC / "templates" / "performance_evaluation" / "report.docx"
    assert not hits(original)
    copy = tmp_path / "report.docx"
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(copy, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = data.replace(b"{{ c.printed }}", b"10", 1).replace(b"{{ c.printed }}", b"/", 1)
            target.writestr(name, data)
    assert _rules(hits(copy)) == {"预算执行率分值", "不适用"}


# ---- what reads the vocabulary ----

EVALUATION = ROOT / "samples" / "performance_evaluation.json"
FORM = ROOT / "samples" / "self_evaluation.json"


def _with_weight(report: Report, weight: Decimal) -> Report:
    return replace(report, figures=replace(report.figures, execution_weight=weight))


def test_the_templates_take_the_execution_weight_from_the_figures():
    """Given an execution row of 12 points, every document says 12 where it said 10: no template writes 10 itself."""
    report = _with_weight(govreport.load(EVALUATION), Decimal(12))
    markdown = govreport.render(report, "md").decode()
    assert "另预算执行率计12分" in markdown
    assert re.search(r"\| 预算执行率 \| \| \| 100% \| [\d.]+% \| 12 \| [\d.]+ \| / \|", markdown)
    page = govreport.render(report, "html").decode()
    assert re.search(r'>预算执行率</td>(<td class="center figure">[^<]*</td>){2}<td class="center figure">12</td>', page)
    execution = _docx_row(govreport.render(report, "docx"), "预算执行率")  # the score table's row, after the funds'
    assert (execution[3], execution[5], execution[7]) == ("100%", "12", "/")
    mof = govreport.render(report, "md", outline="mof2020").content.decode()
    assert "另设预算执行率（12分）" in mof and "预算执行率得分9.12分（分值12分）" in mof
    form = _with_weight(govreport.load(FORM), Decimal(12))
    assert "（分值12分）" in govreport.render(form, "md").decode()
    assert _sheet(govreport.render(form, "xlsx"))["G6"].value == 12


def _docx_row(content: bytes, name: str) -> list[str]:
    """The texts of the last table row that has a cell reading ``name`` (a merged cell repeats its text)."""
    document = docx.Document(BytesIO(content))
    return [[c.text for c in row.cells] for table in document.tables for row in table.rows
            if name in (c.text for c in row.cells)][-1]


def _sheet(content: bytes):
    return openpyxl.load_workbook(BytesIO(content)).active


def test_form_rows_carry_numbers_and_each_format_writes_them():
    """The sample form: budgets 850 + 200 + 150 = 1200, spent 836.4 + 192.5 + 118.6 = 1147.5, so the execution
    rate is 95.625% → 95.63% and its score 10 × 0.95625 = 9.5625 → 9.56; only the total row is scored."""
    report = govreport.load(FORM)
    funds = fund_rows(report.figures)
    assert (funds[0].weight, funds[0].score, funds[0].spent) == (Decimal(10), Decimal("9.56"), Decimal("1147.5"))
    assert [(f.weight, f.score) for f in funds[1:]] == [(None, None)] * 3
    scores = score_rows(report.figures)
    assert (scores[0].score, scores[0].deviation) == (Decimal("20.00"), None)  # 13260 ≥ 12000: full marks, "/"
    assert (scores[1].weight, scores[1].score) == (Decimal(10), Decimal("9.80"))  # 10 × 20580 ÷ 21000
    assert scores[4].score == Decimal("4.59")  # 5 × (1 − 65 ÷ 800) = 4.59375

    markdown = govreport.render(report, "md").decode()
    assert "| 年度资金总额 | 1150.00 | 1200.00 | 1147.50 | 10 | 95.63% | 9.56 |" in markdown
    assert "| 其中：中央财政补助 | 800.00 | 850.00 | 836.40 | / | 98.40% | / |" in markdown  # 836.4 ÷ 850
    assert "| 产出指标 | 数量指标 | 医疗救助人次 | ≥12,000人次 | 13,260人次 | 20 | 20.00 | / |" in markdown
    assert _docx_row(govreport.render(report, "docx"), "年度资金总额")[3:] == [
        "1150.00", "1200.00", "1147.50", "10", "95.63%", "9.56"]
    sheet = _sheet(govreport.render(report, "xlsx"))
    assert [sheet.cell(6, c).value for c in range(4, 10)] == [1150, 1200, 1147.5, 10, 0.9563, 9.56]
    assert [sheet.cell(7, c).value for c in (7, 9)] == ["/", "/"]
    assert sheet["I6"].number_format == "0.00" and sheet["H6"].number_format == "0.00%"


@given(weights=st.lists(st.integers(1, 40), min_size=1, max_size=6), scored=st.booleans())
@settings(max_examples=40, deadline=None)
def test_a_report_that_passes_the_weights_check_has_full_marks_of_100(weights, scored):
    """figures.md: the weights add up to 90 beside the scored execution row (10 points), else to 100."""
    data = json.loads(EVALUATION.read_text(encoding="utf-8"), parse_float=Decimal)
    template = data["targets"]["indicators"][0]
    data["targets"]["indicators"] = [{**template, "weight": w, "name": f"指标{i}"} for i, w in enumerate(weights)]
    data["targets"]["execution_scored"] = scored
    problems = [p for p in govreport.validate(data) if p.path == "targets.indicators"]
    if sum(weights) == (90 if scored else 100):
        assert problems == []
        assert govreport.load(data).figures.weight_total == 100
    else:
        assert [p.message for p in problems] == [
            f"各指标分值合计为{sum(weights)}，" + ("预算执行率计10分，指标分值合计应为90" if scored else
                                          "预算执行率不计分（execution_scored 为 false），指标分值合计应为100")]


@given(actual=st.integers(0, 200))
@settings(max_examples=30, deadline=None)
def test_the_form_warns_of_an_unexplained_shortfall_exactly_when_the_score_is_not_full(actual):
    """An indicator ≥ 100 earns full marks when it reaches 100; below, the form's deviation cell would stay empty."""
    data = json.loads(FORM.read_text(encoding="utf-8"), parse_float=Decimal)
    data["indicators"][0].update(target=100, actual=actual)
    warned = [p for p in govreport.validate(data) if p.path == "indicators[0].deviation"]
    assert bool(warned) == (actual < 100)


def _errors(data: dict) -> list[str]:
    return [str(p) for p in govreport.validate(data) if p.severity == "error"]


def test_the_outlines_a_kind_offers_are_the_ones_its_model_accepts():
    for kind in KINDS.values():
        assert tuple(o.name for o in kind.outlines) == outline_names(kind.name)
    data = json.loads(EVALUATION.read_text(encoding="utf-8"), parse_float=Decimal)
    for name in ("default", "mof2020"):
        assert _errors({**data, "meta": {**data["meta"], "outline": name}}) == []
    refused = _errors({**data, "meta": {**data["meta"], "outline": "mof2021"}})
    assert refused == ["错误　meta.outline：取值无效，应为以下之一：default、mof2020，实际为“mof2021”"]
    outline = next(f for f in LAYOUTS["performance_evaluation"].info if f.path == "meta.outline")
    assert outline.values == (("默认提纲", "default"), ("财预〔2020〕10号提纲", "mof2020"))


@pytest.fixture
def top_margin_of_40_mm() -> Iterator[None]:
    """The profile as read at run time, with a top margin of 2268 twips (40 mm) instead of 37 mm."""
    page = profile()["page"]
    saved = page["margin_top"]
    page["margin_top"] = 2268
    yield
    page["margin_top"] = saved


def test_the_layout_profile_is_read_when_it_is_used(tmp_path, top_margin_of_40_mm):
    report = govreport.load(EVALUATION)
    assert "padding: 40mm 26mm 35mm 28mm;" in govreport.render(report, "html").decode()
    built = tmp_path / "report.docx"  # the DOCX template was built with 37 mm: the check now expects 40
    built.write_bytes(govreport.render(report, "docx"))
    messages = [f.message for f in check_file(built) if f.kind == "layout"]
    assert messages == ["页边距应为上 40 mm、下 35 mm、左 28 mm、右 26 mm"]


def test_the_excel_form_sets_its_texts_in_the_profiles_faces():
    sheet = _sheet(govreport.render(govreport.load(FORM), "xlsx"))
    assert (sheet["A1"].font.name, sheet["A1"].font.sz) == ("方正小标宋简体", 18)  # GB/T 9704 表名: 小标宋, 小二
    assert (sheet["A3"].font.name, sheet["A3"].font.sz) == ("仿宋_GB2312", 10.5)  # table cells: 仿宋, 五号
