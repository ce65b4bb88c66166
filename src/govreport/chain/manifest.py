"""``manifest.yaml``: what a template folder is called, its version, its parent and its profile options."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, ValidationError

from ..errors import TemplateFault
from ..messages import problems_from
from ..models.common import Strict, Text

MANIFEST = "manifest.yaml"


class ScoringOptions(Strict):
    """Options of the scoring profile (figures.md); a field left out keeps the parent's choice."""

    reverse: Literal["linear", "ratio"] | None = Field(
        None, description="反向指标（≤）未达标时的得分：linear（默认，超出一倍得0分）或 ratio（分值×目标值÷实际值）"
    )
    execution_denominator: Literal["budget", "initial"] | None = Field(
        None, description="预算执行率的分母：budget（全年预算数，默认）或 initial（年初预算数）"
    )


class LayoutOptions(Strict):
    """Options of the layout profile (layout.md) applied to every DOCX the chain renders (fonts to the XLSX form too)."""

    page_number: Literal["standard", "center"] | None = Field(
        None, description="页码位置：standard（单页居右、双页居左，GB/T 9704）或 center（居中）"
    )
    fonts: dict[str, Text] = Field(
        default_factory=dict, description="字体替换（Word 文档和 Excel 自评表）：内置字体名 → 本地字体名，如 仿宋_GB2312: 仿宋"
    )


class Manifest(Strict):
    name: Text = Field(description="模板名称，如“三亚市”")
    version: Text = Field(description="模板版本，如“1.0”；记录在生成文档的属性中")
    parent: Text | None = Field(None, description="上级模板目录（相对本目录的路径，如 ../海南省）；不填则上级为内置模板")
    description: Text | None = Field(None, description="说明")
    scoring: ScoringOptions = Field(default_factory=ScoringOptions, description="评分规则选项")
    layout: LayoutOptions = Field(default_factory=LayoutOptions, description="版式选项")


def read_manifest(folder: Path) -> Manifest:
    """The folder's manifest, or a ``TemplateFault`` naming the file and each wrong field."""
    path = folder / MANIFEST
    if not path.is_file():
        raise TemplateFault(f"模板目录 {folder} 中没有 {MANIFEST}（可用 govreport templates init 生成）")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark is not None else ""
        raise TemplateFault(f"{path} {where}不是有效的 YAML（{getattr(exc, 'problem', exc)}）") from None
    try:
        return Manifest.model_validate(raw if isinstance(raw, dict) else {})
    except ValidationError as exc:
        raise TemplateFault(f"{path} 有误：", problems_from(exc)) from None
