"""``manifest.yaml``: what a template folder is called, its version, its parent and its profile options."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import yaml
from pydantic import Field, ValidationError

from ..errors import TemplateFault
from ..messages import problems_from, yaml_reason
from ..models.common import Strict, Text
from ..models.scoring import RatingOption, ScoringOptions
from ..nesting import BoundedLoader, YamlRefused
from ..vocabulary.scoring import FULL_MARKS, GRADE_FLOOR, RATING_BY_NAME, RATING_NAMES, indicator_weights_total
from ..vocabulary.words import NUMBERINGS, PAGE_NUMBERS, Numbering, PageNumber, described
from .overrides import where as shown

MANIFEST = "manifest.yaml"


class LayoutOptions(Strict):
    """Options of the layout profile (templates/gbt9704.yaml) for every DOCX the chain renders (fonts for the XLSX form too)."""

    page_number: PageNumber | None = Field(None, description=f"页码位置：{described(PAGE_NUMBERS)}")
    fonts: dict[str, Text] = Field(
        default_factory=dict, description="字体替换（Word 文档和 Excel 自评表）：内置字体名 → 本地字体名，如 仿宋_GB2312: 仿宋"
    )
    numbering: Numbering | None = Field(None, description=f"正文标题的编号：{described(NUMBERINGS)}；不填为 gbt9704")


class Manifest(Strict):
    name: Text = Field(description="模板名称，如“三亚市”")
    version: Text = Field(description="模板版本，如“1.0”；记录在生成文档的属性中")
    parent: Text | None = Field(None, description="上级模板目录（相对本目录的路径，如 ../海南省）；不填则上级为内置模板")
    description: Text | None = Field(None, description="说明")
    scoring: ScoringOptions = Field(default_factory=ScoringOptions, description="评分规则选项")
    layout: LayoutOptions = Field(default_factory=LayoutOptions, description="版式选项")


def read_manifest(folder: Path) -> Manifest:
    """The folder's manifest, or a ``TemplateFault`` naming the file and each wrong field (with its line)."""
    path = folder / MANIFEST
    if not path.is_file():
        raise TemplateFault(f"模板目录 {folder} 中没有 {MANIFEST}（可用 govreport templates init 生成）")
    try:
        loader = BoundedLoader(path.read_text(encoding="utf-8"))
        try:
            node = loader.get_single_node()
            raw = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except YamlRefused as exc:
        where = f"（{exc.problem.path}）" if exc.problem.path else ""
        raise TemplateFault(f"{path}{where}：{exc.problem.message}") from None
    except UnicodeDecodeError:
        raise TemplateFault(f"{path} 不是 UTF-8 编码，请另存为 UTF-8") from None
    except yaml.YAMLError as exc:
        raise TemplateFault(f"{path} 不是有效的 YAML：{yaml_reason(exc)}") from None
    try:
        manifest = Manifest.model_validate(raw if isinstance(raw, dict) else {})
    except ValidationError as exc:
        raise TemplateFault(f"{path} 有误：", problems_from(exc)) from None
    found = scoring_problems(manifest.scoring)
    if found:  # in the message itself, which every caller shows (a data file's meta.templates shows no more)
        raise TemplateFault("评分规则有误：" + "；".join(
            f"{located(path, node, ('scoring', *where))}：{message}" for where, message in found))
    return manifest


Where = tuple[str | int, ...]


def located(path: Path, node: yaml.Node | None, where: Where) -> str:
    """``folder/manifest.yaml:12``: the line of the deepest part of ``where`` the file writes."""
    line = None
    for part in where:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return shown(path, line)


def scoring_problems(options: ScoringOptions) -> list[tuple[Where, str]]:
    """What a schema cannot say of a scoring profile: bands that overlap or leave a gap, subtotals that cannot
    add up to the full marks, a rating given two bands."""
    found: list[tuple[Where, str]] = []
    if options.grades is not None:
        found += _bands("grades", [(g.name, g.min, g.max) for g in options.grades], GRADE_FLOOR, FULL_MARKS, "分")
    if options.ratings is not None:
        found += _ratings(options.ratings)
    if options.subtotals:
        total = sum(options.subtotals.values(), Decimal(0))
        allowed = (indicator_weights_total(True), indicator_weights_total(False))
        if total not in allowed:
            found.append((("subtotals",), f"各一级指标分值合计{total:f}分，应为{allowed[0]}分（预算执行率计分）"
                                          f"或{allowed[1]}分（不计分）"))
    if options.veto is not None:
        names = options.veto.indicators
        for n, name in enumerate(names):
            if name in names[:n]:
                found.append((("veto", "indicators", n), f"一票否决的指标“{name}”写了两次"))
    return found


def _bands(option: str, bands: Sequence[tuple[str, Decimal, Decimal]], floor: Decimal, top: Decimal,
           unit: str) -> list[tuple[Where, str]]:
    """Bands [min, max), the top one closed, must follow one another from ``top`` down to ``floor``."""
    found: list[tuple[Where, str]] = []
    order = sorted(range(len(bands)), key=lambda n: bands[n][1], reverse=True)
    names = [b[0] for b in bands]
    for n, name in enumerate(names):
        if name in names[:n]:
            found.append(((option, n), f"“{name}”写了两次"))
    for n in range(len(bands)):
        if bands[n][1] >= bands[n][2]:
            found.append(((option, n), f"“{bands[n][0]}”的下限{bands[n][1]:f}{unit}不小于上限{bands[n][2]:f}{unit}"))
    if found or not bands:
        return found
    expected = top
    for n in order:
        name, low, high = bands[n]
        if high > expected:
            found.append(((option, n), f"“{name}”的区间{low:f}～{high:f}{unit}与上一档重叠（上一档从{expected:f}{unit}起）"))
        elif high < expected:
            found.append(((option, n), f"“{name}”的上限{high:f}{unit}与上一档（{expected:f}{unit}）之间有空档"))
        expected = low
    if expected != floor:
        found.append(((option, order[-1]), f"最低一档从{expected:f}{unit}起，{floor:f}～{expected:f}{unit}没有等级"))
    return found


def _ratings(ratings: Sequence[RatingOption]) -> list[tuple[Where, str]]:
    found: list[tuple[Where, str]] = []
    for n, rating in enumerate(ratings):
        if rating.name in [r.name for r in ratings[:n]]:
            found.append((("ratings", n), f"评定“{rating.name}”对应了两个得分比例区间"))
    if found:
        return found
    found += _rating_words(ratings)
    missing = [name for name in RATING_NAMES if name not in {r.name for r in ratings}]
    if missing:
        found.append((("ratings",), "缺少评定：" + "、".join(missing)))
    return found + _bands("ratings", [(r.name, r.low, r.high) for r in ratings], Decimal(0), Decimal(1), "")


def _rating_words(ratings: Sequence[RatingOption]) -> list[tuple[Where, str]]:
    """A word that would stand for two ratings: one of a rating's own words that is another's name, full name
    or word."""
    found: list[tuple[Where, str]] = []
    meaning: dict[str, str] = {}
    for rating in ratings:
        default = RATING_BY_NAME[rating.name]
        meaning.update(dict.fromkeys((default.name, default.full_name), rating.name))
    for n, rating in enumerate(ratings):
        for m, word in enumerate(rating.words or []):
            other = meaning.setdefault(word, rating.name)
            if other != rating.name:
                found.append((("ratings", n, "words", m), f"说法“{word}”同时对应了评定“{other}”和“{rating.name}”"))
    return found


def option_line(folder: Path, where: Where) -> str:
    """Where a folder's manifest writes an option, for a check of the data against it."""
    path = folder / MANIFEST
    loader = BoundedLoader(path.read_text(encoding="utf-8"))
    try:
        return located(path, loader.get_single_node(), where)
    finally:
        loader.dispose()

