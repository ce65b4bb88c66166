"""The registry of report kinds: the data's ``kind`` selects model, checks, figures and templates.

A kind is one entry here, pointing at one module per pipeline stage named after
the kind (``models/``, ``checks/``, ``figures/``) and at its template folder
(``templates/<kind>/``). The README's developer section lists the steps.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .checks.performance_evaluation import check_performance_evaluation
from .checks.self_evaluation import check_self_evaluation
from .checks.work_summary import check_work_summary
from .errors import Problem
from .figures import evaluate
from .figures.scoring import ScoringProfile
from .figures.self_evaluation import self_evaluate
from .figures.work_summary import summarise
from .models import PerformanceEvaluation, SelfEvaluation, WorkSummary
from .models.self_evaluation import PATHS_IN_PERFORMANCE_EVALUATION, from_performance_evaluation
from .render.rows import fund_heads, fund_rows, score_rows


@dataclass(frozen=True)
class Outline:
    """One way to arrange a kind's content: a content template in the kind's folder."""

    name: str
    label: str
    template: str


@dataclass(frozen=True)
class Derivation:
    """How data of another kind becomes this kind's data, and where its fields came from."""

    convert: Callable[[Any], dict[str, Any]]
    paths: tuple[tuple[str, str], ...] = ()  # (path in the derived data, path in the source file)

    def source_path(self, path: str) -> str:
        for derived, source in self.paths:
            if path == derived or path.startswith((derived + ".", derived + "[")):
                return source + path[len(derived):]
        return path


DEFAULT_OUTLINE = Outline("default", "标准提纲", "content.j2")


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # what the document is called, in Chinese
    summary: str  # one line for `govreport kinds`
    model: type[BaseModel]
    check: Callable[[Any, ScoringProfile], list[Problem]]  # checks that depend on scoring see the chain's profile
    compute: Callable[[Any, ScoringProfile], Any]
    rows: Callable[[Any], dict[str, Any]]  # table rows the templates share
    folder: str  # under templates/
    outlines: tuple[Outline, ...] = (DEFAULT_OUTLINE,)
    derived_from: Mapping[str, Derivation] = field(default_factory=dict)
    workbook: Callable[[dict[str, Any], Mapping[str, str]], bytes] | None = None  # XLSX from the context and font names

    @property
    def formats(self) -> tuple[str, ...]:
        return ("docx", "md", "xlsx") if self.workbook else ("docx", "md")

    @property
    def output_formats(self) -> tuple[str, ...]:
        """What the command line writes: the rendered formats, and PDF made from the DOCX."""
        return (*self.formats, "pdf")

    def outline(self, name: str | None) -> Outline | None:
        return next((o for o in self.outlines if o.name == (name or "default")), None)


def _self_evaluation_workbook(context: dict[str, Any], fonts: Mapping[str, str]) -> bytes:
    """The XLSX form; openpyxl is imported only when a form is asked for, to keep start-up short."""
    from .render.xlsx import self_evaluation_workbook

    return self_evaluation_workbook(context, fonts)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            name="performance_evaluation",
            label="项目绩效评价报告",
            summary="项目绩效评价报告：资金、指标评分、总分和等级，附资金使用情况表和绩效指标评分表",
            model=PerformanceEvaluation,
            check=lambda model, profile: check_performance_evaluation(model),
            compute=evaluate,
            rows=lambda figures: {"score_rows": score_rows(figures)},
            folder="performance_evaluation",
            outlines=(
                Outline("default", "项目概述…可持续发展八章（三亚市民政局范本的结构）", "content.j2"),
                Outline("mof2020", "财预〔2020〕10号附件3参考提纲，附绩效评价指标评分表", "mof2020.j2"),
            ),
        ),
        Kind(
            name="self_evaluation",
            label="项目支出绩效自评表",
            summary="项目支出绩效自评表（Word 表格或 Excel）及简短的自评报告；可由绩效评价数据生成",
            model=SelfEvaluation,
            check=check_self_evaluation,
            compute=self_evaluate,
            rows=lambda figures: {
                "score_rows": score_rows(figures), "fund_rows": fund_rows(figures), "fund_heads": fund_heads(figures),
            },
            folder="self_evaluation",
            derived_from={
                "performance_evaluation": Derivation(from_performance_evaluation, PATHS_IN_PERFORMANCE_EVALUATION),
            },
            workbook=_self_evaluation_workbook,
        ),
        Kind(
            name="work_summary",
            label="年度工作总结",
            summary="年度工作总结：主要工作及成效（数据自动成句）、存在的问题、下一步工作打算",
            model=WorkSummary,
            check=lambda model, profile: check_work_summary(model),
            compute=lambda model, profile: summarise(model),
            rows=lambda figures: {},
            folder="work_summary",
        ),
    )
}


def kinds_text() -> str:
    return "、".join(f"{k.name}（{k.label}）" for k in KINDS.values())
