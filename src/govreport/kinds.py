"""The registry of report kinds: the data's ``kind`` selects model, checks, figures and templates.

A kind is one entry here, pointing at one module per pipeline stage named after
the kind (``models/``, ``checks/``, ``figures/``) and at its template folder
(``templates/<kind>/``). Each stage is a plain function with the same signature
for every kind. The registry sits below rendering: what rendering adds per kind
(table rows, the XLSX form) is in ``rendering/per_kind.py``. The README's
developer section lists the steps.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from .checks.performance_evaluation import check_performance_evaluation
from .checks.plan import check_plan
from .checks.self_evaluation import check_self_evaluation
from .checks.work_summary import check_work_summary
from .errors import Problem
from .figures import evaluate
from .figures.plan import plan_figures
from .figures.scoring import ScoringProfile
from .figures.self_evaluation import self_evaluate
from .figures.work_summary import summarise
from .models import PerformanceEvaluation, SelfEvaluation, WorkSummary
from .models.plan import ImplementationPlan, WorkPlan
from .models.self_evaluation import PATHS_IN_PERFORMANCE_EVALUATION, from_performance_evaluation
from .omissions import Omission
from .vocabulary.words import DEFAULT_OUTLINE as DEFAULT_OUTLINE_NAME
from .vocabulary.words import DOCUMENT_FORMATS, FORM_FORMAT, OUTLINES, PDF_FORMAT


@dataclass(frozen=True)
class Outline:
    """One way to arrange a kind's content: a content template in the kind's folder."""

    name: str
    label: str
    template: str
    leaves_out: tuple[Omission, ...] = ()  # data fields this outline does not print
    short: str = ""  # what a drop-down shows, the label running long; the label itself when empty


@dataclass(frozen=True)
class Derivation:
    """How data of another kind becomes this kind's data, and where its fields came from."""

    convert: Callable[[Any], dict[str, Any]]
    paths: tuple[tuple[str, str], ...] = ()  # (path in the derived data, path in the source file)
    leaves_out: tuple[Omission, ...] = ()  # fields of the source data the derived kind does not print

    def source_path(self, path: str) -> str:
        for derived, source in self.paths:
            if path == derived or path.startswith((derived + ".", derived + "[")):
                return source + path[len(derived):]
        return path


DEFAULT_OUTLINE = Outline(DEFAULT_OUTLINE_NAME, "标准提纲", "content.j2")


ModelT = TypeVar("ModelT", bound=BaseModel)
FiguresT = TypeVar("FiguresT")


@dataclass(frozen=True)
class Kind(Generic[ModelT, FiguresT]):
    """One report kind: its model, and the stage functions typed by it (``Kind[WorkSummary, WorkSummaryFigures]``)."""

    name: str
    label: str  # what the document is called, in Chinese
    summary: str  # one line for `govreport kinds`
    model: type[ModelT]
    check: Callable[[ModelT, ScoringProfile], list[Problem]]  # (model, the chain's scoring profile) → problems
    compute: Callable[[ModelT, ScoringProfile], FiguresT]  # (model, the chain's scoring profile) → figures
    folder: str  # under templates/
    outlines: tuple[Outline, ...] = (DEFAULT_OUTLINE,)
    derived_from: Mapping[str, Derivation] = field(default_factory=dict)
    formats: tuple[str, ...] = DOCUMENT_FORMATS  # what render writes; xlsx needs a form in rendering/per_kind.py
    leaves_out: tuple[Omission, ...] = ()  # data fields no outline prints

    @property
    def output_formats(self) -> tuple[str, ...]:
        """What the command line writes: the rendered formats, and PDF made from the DOCX."""
        return (*self.formats, PDF_FORMAT)

    def outline(self, name: str | None) -> Outline | None:
        return next((o for o in self.outlines if o.name == (name or DEFAULT_OUTLINE_NAME)), None)

    def unknown_outline(self, name: str) -> str:
        """The refusal of an outline this kind does not have, naming the ones it has."""
        return f"{self.label}没有名为“{name}”的提纲，可用：{'、'.join(o.name for o in self.outlines)}"


# What each document leaves out, and where the content would go instead.
FILING_ONLY = (Omission("meta.region", "所属地区只用于归档和汇总"),)
DEFAULT_LEAVES_OUT = (
    Omission("evaluation", "绩效评价工作开展情况只在财预〔2020〕10号提纲（--outline mof2020）的第二章中写出"),
    Omission("other", "其他需要说明的问题只在财预〔2020〕10号提纲（--outline mof2020）的第七章中写出；"
             "默认提纲可写入 lessons.recommendations（七、经验与启示中的“对今后工作的建议”）"),
)
MOF2020_LEAVES_OUT = (
    Omission("management", "此提纲没有“项目管理及组织架构”一章（默认提纲第五章）；可写入 evaluation.process 或 other"),
    Omission("sustainability",
             "此提纲没有“可持续发展”一章（默认提纲第八章）；可写入 lessons.recommendations（有关建议）或 other"),
)
SELF_EVALUATION_LEAVES_OUT = (
    *(Omission(path, f"自评表只取资金、绩效指标、目标、项目概况和问题；{instead}") for path, instead in (
        ("meta.doc_number", "发文字号不印在自评表上"),
        ("background.basis", "立项依据可写入 background.overview"),
        ("background.scope", "项目范围可写入 background.overview"),
        ("implementation.period", "实施期间可写入 background.overview"),
        ("implementation.progress", "执行进度可写入 implementation.effects（年度总体目标的实际完成情况）"),
        ("implementation.funds.sources[].received", "表中列年初预算数、全年预算数和全年执行数，不列到位数"),
        ("implementation.funds.uses", "资金用途不在表中列示"),
        ("implementation.beneficiaries", "受益对象可写入绩效指标"),
        ("compliance", "资金使用合规性只在绩效评价报告中写出"),
        ("management", "项目管理只在绩效评价报告中写出"),
        ("problems[].cause", "表中写问题及改进措施，不写原因分析"),
        ("lessons", "经验与启示只在绩效评价报告中写出"),
        ("sustainability", "可持续发展只在绩效评价报告中写出"),
        ("evaluation", "评价工作情况只在绩效评价报告中写出"),
        ("other", "其他需要说明的问题只在绩效评价报告中写出"),
    )),
    Omission("background.objectives", "年度总体目标取 targets.expected，它为空时才取此项", when_filled="targets.expected"),
    *(Omission(f"{place}.**.{part}", f"自评表的年度总体目标是表中的一格，只取小节的标题和段落；{what}可写成段落")
      for place in ("targets.expected", "background.objectives", "implementation.effects")
      for part, what in (("figures", "数据"), ("then", "接在数据之后的文字"), ("table", "表格"))),
)


WORK_SUMMARY_LEAVES_OUT = (
    *FILING_ONLY,
    Omission("problems_heading", "这一章没有条目（problems 为空），标题随之省略", when_empty="problems"),
    Omission("plans_heading", "这一章没有条目（plans 为空），标题随之省略", when_empty="plans"),
    *(Omission(f"{chapter}_heading", f"这一章没有内容（{chapter} 为空），标题随之省略", when_empty=chapter)
      for chapter in ("basics", "causes", "suggestions", "answers")),
    Omission("plan_label", "没有回应计划的目标（answers 为空），这一说法用不上", when_empty="answers"),
    Omission("achievements_heading", "各项工作已作为一级标题（work_items_as_chapters），不再有这一章的标题",
             when_true="work_items_as_chapters"),
)



def _plan_leaves_out(chapters: tuple[tuple[str, str], ...]) -> tuple[Omission, ...]:
    """A plan's headings of empty chapters, and the tasks' heading when the tasks are the chapters."""
    return (
        *FILING_ONLY,
        *(Omission(f"{name}_heading", f"这一章没有内容（{content.replace('|', '、')} 为空），标题随之省略",
                   when_empty=content) for name, content in chapters),
        Omission("tasks_heading", "各项任务已作为一级标题（tasks_as_chapters），不再有这一章的标题",
                 when_true="tasks_as_chapters"),
        Omission("tasks.**.phase", "所属阶段只用于核对完成时限是否在该阶段之内，不印出；要写出来请写进任务的段落"),
    )


PLAN_CHAPTERS = (("guidance", "guidance"), ("goals", "goals|targets"), ("tasks", "tasks"), ("steps", "phases"))
IMPLEMENTATION_PLAN_LEAVES_OUT = _plan_leaves_out((*PLAN_CHAPTERS, ("scope", "scope"), ("duties", "duties"),
                                                   ("safeguards", "safeguards"), ("supervision", "supervision"),
                                                   ("accountability", "accountability")))
WORK_PLAN_LEAVES_OUT = _plan_leaves_out((*PLAN_CHAPTERS, ("measures", "measures")))


STANDARD, MOF2020 = OUTLINES["performance_evaluation"]

KINDS: dict[str, Kind[Any, Any]] = {
    kind.name: kind
    for kind in (
        Kind(
            name="performance_evaluation",
            label="项目绩效评价报告",
            summary="项目绩效评价报告：资金、指标评分、总分和等级，附资金使用情况表和绩效指标评分表",
            model=PerformanceEvaluation,
            check=check_performance_evaluation,
            compute=evaluate,
            folder="performance_evaluation",
            outlines=(  # the names and what they mean: vocabulary/words.py, which the model accepts
                Outline(STANDARD.code, f"{STANDARD.meaning}（三亚市民政局范本的结构）", "content.j2", DEFAULT_LEAVES_OUT,
                        STANDARD.meaning),
                Outline(MOF2020.code, f"{MOF2020.meaning}，附资金使用情况表和绩效评价指标评分表", "mof2020.j2",
                        MOF2020_LEAVES_OUT, MOF2020.meaning),
            ),
            leaves_out=FILING_ONLY,
        ),
        Kind(
            name="self_evaluation",
            label="项目支出绩效自评表",
            summary="项目支出绩效自评表（Word 表格或 Excel）及简短的自评报告；可由绩效评价数据生成",
            model=SelfEvaluation,
            check=check_self_evaluation,
            compute=self_evaluate,
            folder="self_evaluation",
            derived_from={
                "performance_evaluation": Derivation(
                    from_performance_evaluation, PATHS_IN_PERFORMANCE_EVALUATION, SELF_EVALUATION_LEAVES_OUT),
            },
            formats=(*DOCUMENT_FORMATS, FORM_FORMAT),
            leaves_out=FILING_ONLY,
        ),
        Kind(
            name="work_summary",
            label="年度工作总结",
            summary="年度工作总结：主要工作及成效（数据自动成句）、存在的问题、下一步工作打算",
            model=WorkSummary,
            check=check_work_summary,
            compute=summarise,
            folder="work_summary",
            leaves_out=WORK_SUMMARY_LEAVES_OUT,
        ),
        Kind(
            name="implementation_plan",
            label="实施方案",
            summary="实施方案：前言、指导思想、工作目标（量化目标写成“达80%以上”）、主要任务（责任单位、完成时限）、"
                    "实施步骤、部门职责、保障措施、督导检查、责任追究",
            model=ImplementationPlan,
            check=check_plan,
            compute=plan_figures,
            folder="implementation_plan",
            leaves_out=IMPLEMENTATION_PLAN_LEAVES_OUT,
        ),
        Kind(
            name="work_plan",
            label="工作计划",
            summary="工作计划：指导思想、工作目标（量化目标写成门槛）、主要任务、工作措施和时间安排",
            model=WorkPlan,
            check=check_plan,
            compute=plan_figures,
            folder="work_plan",
            leaves_out=WORK_PLAN_LEAVES_OUT,
        ),
    )
}


def kinds_text() -> str:
    return "、".join(f"{k.name}（{k.label}）" for k in KINDS.values())
