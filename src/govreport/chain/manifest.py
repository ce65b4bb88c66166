"""``manifest.yaml``: what a template folder is called, its version, its parent and its profile options."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import Field, ValidationError

from ..errors import TemplateFault
from ..messages import problems_from, yaml_reason
from ..models.common import Strict, Text
from ..nesting import BoundedLoader, YamlRefused
from ..vocabulary.scoring import EXECUTION_DENOMINATORS, OPERATOR_BY_CODE, REVERSE_RULES, Denominator, Reverse
from ..vocabulary.words import NUMBERINGS, PAGE_NUMBERS, Numbering, PageNumber, described

MANIFEST = "manifest.yaml"


class ScoringOptions(Strict):
    """Options of the scoring profile (figures.md); a field left out keeps the parent's choice."""

    reverse: Reverse | None = Field(
        None, description=f"反向指标（{OPERATOR_BY_CODE['<='].word}）未达标时的得分：{described(REVERSE_RULES)}"
    )
    execution_denominator: Denominator | None = Field(
        None, description=f"预算执行率的分母：{described(EXECUTION_DENOMINATORS)}"
    )


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
    """The folder's manifest, or a ``TemplateFault`` naming the file and each wrong field."""
    path = folder / MANIFEST
    if not path.is_file():
        raise TemplateFault(f"模板目录 {folder} 中没有 {MANIFEST}（可用 govreport templates init 生成）")
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=BoundedLoader)
    except YamlRefused as exc:
        where = f"（{exc.problem.path}）" if exc.problem.path else ""
        raise TemplateFault(f"{path}{where}：{exc.problem.message}") from None
    except UnicodeDecodeError:
        raise TemplateFault(f"{path} 不是 UTF-8 编码，请另存为 UTF-8") from None
    except yaml.YAMLError as exc:
        raise TemplateFault(f"{path} 不是有效的 YAML：{yaml_reason(exc)}") from None
    try:
        return Manifest.model_validate(raw if isinstance(raw, dict) else {})
    except ValidationError as exc:
        raise TemplateFault(f"{path} 有误：", problems_from(exc)) from None
