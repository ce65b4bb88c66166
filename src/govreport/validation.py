"""Stage 2 — validate: plain data → a ``Report``, or every problem at once.

Order: the kind first (it selects the model), then the model (types, required
and unknown fields), then the consistency checks, which need typed data.
Data of one kind can be rendered as another compatible kind (a performance
evaluation as a self-evaluation form): it is validated as what it is, then
derived, and problems of the derived data name the fields of the user's file.
The template chain is resolved before the figures are computed: a county's
scoring options change the scores, and the data's own ``meta.scoring`` changes
them option by option over the county's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from .chain import TemplateChain, resolve_chain
from .chain.loader import BUILTIN_TEMPLATES
from .chain.manifest import scoring_problems
from .chain.resolve import environment_folders
from .chain.shells import find_shell, shell_mentions
from .checks.work_summary import PLAN_FIELD, check_answers
from .errors import DataError, Problem, TemplateFault, format_path
from .figures.arithmetic import exact_arithmetic
from .figures.scoring import ScoringProfile
from .figures.work_summary import answer_figures
from .kinds import KINDS, Derivation, Kind, kinds_text
from .messages import problems_from
from .models.plan import PlanBase
from .models.scoring import ScoringOptions
from .models.work_summary import WorkSummary
from .omissions import Omission, omission_warnings
from .report import Report
from .workbook.located import WorkbookData


def find_problems(
    data: Mapping[str, Any],
    as_kind: str | None = None,
    templates: Sequence[str | Path] = (),
    source: Path | None = None,
    outline: str | None = None,
) -> tuple[Report | None, list[Problem]]:
    """Validate data; return the report (None if any error) and all problems found.

    ``templates`` are the caller's template folders; the data's own
    ``meta.templates`` are read relative to ``source``. ``outline`` (else the
    data's ``meta.outline``) decides which filled fields are warned of as not
    printed. Data read from a workbook has its problems located by cell.
    """
    with exact_arithmetic():
        report, problems = _found(data, as_kind, templates, source, outline)
    problems = _located(data, problems)
    if _unread(data):
        return None, problems
    if isinstance(data, WorkbookData) and report is not None:
        report = replace(report, warnings=tuple(problems))
    return report, problems


def parse_model(data: Mapping[str, Any], source: str = "") -> BaseModel:
    """The data as its own kind's model, without consistency checks (what ``convert`` needs: nothing lost);
    otherwise a ``DataError`` whose problems name fields, or cells for a workbook."""
    kind, problem = _kind(data)
    problems = [problem] if problem else []
    if kind is not None:
        parsed = _parsed(kind, data)
        problems = parsed.problems
        if parsed.models and not problems and not _unread(data):
            return parsed.models[0]
    raise DataError(_located(data, problems), source)


def _located(data: Mapping[str, Any], problems: list[Problem]) -> list[Problem]:
    """Problems by cell for a workbook, after the cells that could not be read at all."""
    return data.with_unread(problems) if isinstance(data, WorkbookData) else problems


def _unread(data: Mapping[str, Any]) -> bool:
    return isinstance(data, WorkbookData) and bool(data.unread)


def _kind(data: Mapping[str, Any]) -> tuple[Kind | None, Problem | None]:
    kind_name = data.get("kind")
    if kind_name is None:
        return None, Problem("kind", f"缺少报告类型，应为以下之一：{kinds_text()}")
    kind = KINDS.get(kind_name) if isinstance(kind_name, str) else None
    if kind is None:
        return None, Problem("kind", f"未知的报告类型“{kind_name}”，应为以下之一：{kinds_text()}")
    return kind, None


def _found(
    data: Mapping[str, Any], as_kind: str | None, templates: Sequence[str | Path], source: Path | None,
    outline: str | None,
) -> tuple[Report | None, list[Problem]]:
    kind, problem = _kind(data)
    if kind is None:
        return None, [problem]  # type: ignore[list-item]
    target, derivation, refusal = _target(kind, as_kind)
    if refusal:
        return None, [refusal]
    parsed = _parsed(kind, data)
    if not parsed.models:
        return None, parsed.problems
    model = parsed.models[0]
    chain, refusals = _chain(templates, model, source)
    # a profile of the data that is wrong or only partly read would check and score by rules the data does not give
    unusable = any(_within(p.path, SCORING_FIELD) for p in parsed.problems)
    refusals += [] if unusable else _scoring_faults(model)
    if refusals or unusable:
        return None, parsed.problems + refusals
    problems = _checked_apart(kind, parsed, chain)
    plan, planned = _answered_plan(model, data, source)
    problems += planned
    if any(p.severity == "error" for p in problems):
        return None, problems
    problems += _left_out(kind, target, derivation, model, chain, outline)
    if derivation is not None:
        derived, more = _checked(target, derivation.convert(model), chain)
        problems = _merged(problems, [replace(p, path=derivation.source_path(p.path)) for p in more])
        if derived is None or any(p.severity == "error" for p in problems):
            return None, problems
        model = derived
    figures = target.compute(model, _profile(chain, model))
    if plan is not None and isinstance(model, WorkSummary):
        figures = replace(figures, answers=answer_figures(model, plan))
    return Report(target, model, figures, tuple(problems), chain), problems


PLAN_KINDS = ("work_plan", "implementation_plan")


class NamedPlan(NamedTuple):
    """The plan a work summary's ``meta.plan`` names, as ``load.read_data`` read it beside the summary:
    its path, its plain data (None when it could not be read) and why it could not be read."""

    path: Path
    data: Mapping[str, Any] | None
    problems: list[Problem]


NAMED_PLAN = "named_plan"  # the attribute of the data read from a file that carries its ``NamedPlan``


class PlannedData(dict):
    """Plain data read from a file, with the plan its ``meta.plan`` names (a workbook's data carries it itself)."""

    named_plan: NamedPlan


def _answered_plan(
    model: BaseModel, data: Mapping[str, Any], source: Path | None
) -> tuple[PlanBase | None, list[Problem]]:
    """The plan a work summary names, validated as a plan, and the summary's answers checked against it;
    every fault of the plan is a problem of ``meta.plan``. The plan is read with the summary's file
    (``load.read_data``): data that comes from no file (the server, a dict) cannot name one."""
    if not isinstance(model, WorkSummary) or model.meta.plan is None:
        return None, []
    named: NamedPlan | None = getattr(data, NAMED_PLAN, None)
    if source is None or named is None:
        return None, [Problem(PLAN_FIELD, "meta.plan 的路径相对于数据文件所在目录，只能用于从磁盘上的数据文件读入的总结"
                              "（govreport.load(文件路径) 或命令行）；这里的数据不是这样读入的")]
    if named.data is None:
        return None, [Problem(PLAN_FIELD, f"所回应的计划 {named.path}：{p.message}") for p in named.problems]
    kind, problem = _kind(named.data)
    if kind is None or kind.name not in PLAN_KINDS:
        found = f"{kind.label}（{kind.name}）的数据" if kind else f"不是报告数据（{problem.message if problem else ''}）"
        wanted = "或".join(f"{KINDS[k].label}（{k}）" for k in PLAN_KINDS)
        return None, [Problem(PLAN_FIELD, f"所回应的计划 {named.path} 是{found}，应为{wanted}")]
    plan, found_problems = _checked(kind, named.data, TemplateChain())
    errors = [p for p in _located(named.data, found_problems) if p.severity == "error"]
    if plan is None or errors:
        return None, [Problem(PLAN_FIELD, f"所回应的计划 {named.path} 有错误：{p.path or '（整个文件）'}：{p.message}")
                      for p in errors]
    return plan, check_answers(model, plan)  # type: ignore[arg-type]


def _chain(templates: Sequence[str | Path], model: BaseModel, source: Path | None) -> tuple[TemplateChain, list[Problem]]:
    """The caller's folders, the data's, then the environment's; a folder the data names wrongly is a data problem."""
    base = source.parent if source is not None else Path.cwd()
    named = [base / t for t in getattr(getattr(model, "meta", None), "templates", [])]
    refusals = []
    for i, folder in enumerate(named):
        try:
            resolve_chain([folder])
        except TemplateFault as exc:
            refusals.append(Problem(f"meta.templates[{i}]", exc.message))
    if refusals:
        return TemplateChain(), refusals
    return resolve_chain([*templates, *named, *environment_folders()]), []


SCORING_FIELD = "meta.scoring"


def _within(path: str, field: str) -> bool:
    """Whether a problem's ``path`` lies in ``field`` (``meta.scoring.grades[1].min`` in ``meta.scoring``)."""
    return path == field or path.startswith((field + ".", field + "["))


def _data_scoring(model: BaseModel) -> ScoringOptions | None:
    """The data's own scoring options (``meta.scoring``), if its kind scores and it sets them."""
    return getattr(getattr(model, "meta", None), "scoring", None)


def _scoring_faults(model: BaseModel) -> list[Problem]:
    """What the manifest's ``scoring`` is refused for, refused in the data's ``meta.scoring`` too, by path."""
    options = _data_scoring(model)
    if options is None:
        return []
    return [Problem(format_path((*SCORING_FIELD.split("."), *where)), "评分规则有误：" + message)
            for where, message in scoring_problems(options)]


def _profile(chain: TemplateChain, model: BaseModel) -> ScoringProfile:
    """The chain's profile under the data's own options: the checks and the figures use the same one."""
    return chain.scoring_with(_data_scoring(model), SCORING_FIELD)


DOC_NUMBER_IN_SHELL = "发文字号只印在县级模板的红头外壳中（外壳里写 {{ data.meta.doc_number }}，见 templates/三亚市）"


def _left_out(
    kind: Kind, target: Kind, derivation: Derivation | None, model: BaseModel, chain: TemplateChain, outline: str | None
) -> list[Problem]:
    """Warnings for the filled fields the document will not print (the data's own paths)."""
    if derivation is not None:
        omissions, document = derivation.leaves_out, f"由{kind.label}数据生成的{target.label}"
    else:
        chosen = kind.outline(outline or getattr(getattr(model, "meta", None), "outline", None))
        omissions = chosen.leaves_out if chosen else ()
        document = f"{kind.label}的 {chosen.name} 提纲" if chosen and len(kind.outlines) > 1 else kind.label
    kept = omission_warnings(model, omissions, document)
    general = list(target.leaves_out)
    if derivation is None and "doc_number" in type(getattr(model, "meta", None)).model_fields:
        shell = find_shell([*(f.path for f in chain.folders), BUILTIN_TEMPLATES], target.folder)
        if shell is None or not shell_mentions(shell, "meta.doc_number"):
            general.append(Omission("meta.doc_number", DOC_NUMBER_IN_SHELL))
    return kept + omission_warnings(model, general, target.label)


def _target(kind: Kind, as_kind: str | None) -> tuple[Kind, Derivation | None, Problem | None]:
    if as_kind is None or as_kind == kind.name:
        return kind, None, None
    target = KINDS.get(as_kind)
    if target is None:
        return kind, None, Problem("kind", f"未知的报告类型“{as_kind}”，应为以下之一：{kinds_text()}")
    derivation = target.derived_from.get(kind.name)
    if derivation is None:
        able = [k.name for k in KINDS.values() if kind.name in k.derived_from] or ["（无）"]
        return kind, None, Problem(
            "kind", f"{kind.name}（{kind.label}）的数据不能生成{target.name}（{target.label}）；可生成：{'、'.join(able)}")
    return target, derivation, None


class _Parsed(NamedTuple):
    """What parsing gave: the model — or two, see ``_parsed`` — (none when it cannot be built), the problems
    of parsing it, and the chapters it was built without some item of."""

    models: tuple[BaseModel, ...]
    problems: list[Problem]
    touched: set[str]


def _parsed(kind: Kind, data: Mapping[str, Any]) -> _Parsed:
    """The data as the kind's model; when it has wrong values, the rest of it, so that the checks still run.

    An unknown field stops nothing else: the data is parsed again without the
    unknown fields, so the consistency checks still run and every problem of
    the file is listed at once, the unknown fields among them. So does a wrong
    value inside a list item (an indicator's ``op``): the item is left out of
    the second parse, and the checks of its chapter are dropped (``_checked_apart``).
    A wrong or missing value outside any list (``meta.date``) cannot be left
    out: it is replaced by a stand-in, twice, by two values far apart, and only
    what the checks find with both is kept.
    """
    try:
        return _Parsed((kind.model.model_validate(dict(data)),), [], set())
    except ValidationError as exc:
        problems = problems_from(exc)
        removed, placed, items = [], [], set()
        for error in exc.errors():
            location = _removable(error["loc"], error["type"])
            stand_ins = None if location is not None else _stand_ins(kind.model, error["loc"])
            if location is None and stand_ins is None:
                return _Parsed((), problems, set())
            if location is None:
                placed.append((error["loc"], stand_ins))
                continue
            removed.append(location)
            if location and error["type"] != "extra_forbidden":
                items.add(str(location[0]))
        try:
            reduced = _without(data, sorted(set(removed), key=_removal_order))
            sides = (0, 1) if placed else (0,)
            models = tuple(kind.model.model_validate(_with(reduced, placed, side)) for side in sides)
            return _Parsed(models, problems, items)
        except (ValidationError, LookupError, TypeError):
            return _Parsed((), problems, set())


def _removable(location: tuple[int | str, ...], kind: str) -> tuple[int | str, ...] | None:
    """What to leave out so the rest can be checked: an unknown field itself, else the list item holding the
    wrong value; None when the value is not inside a list item (a required date of meta, say)."""
    if kind == "extra_forbidden":
        return location
    last_item = max((i for i, part in enumerate(location) if isinstance(part, int)), default=None)
    return None if last_item is None else location[: last_item + 1]


def _removal_order(location: tuple[int | str, ...]) -> tuple[Any, ...]:
    """Later items first, so that leaving one out does not move the others of its list."""
    return tuple((0, -part) if isinstance(part, int) else (1, part) for part in location)


@lru_cache(maxsize=8)
def _schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema()


def _stand_ins(model: type[BaseModel], location: tuple[int | str, ...]) -> tuple[Any, Any] | None:
    """Two valid values, far apart, for the scalar field at ``location`` (outside any list); None for any
    other field (a whole chapter, a list) or when its type offers no two values."""
    schema = _schema(model)
    definitions = schema.get("$defs", {})
    node: dict[str, Any] | None = schema
    for key in location:
        node = _object(node, definitions)
        if node is None or not isinstance(key, str) or key not in node.get("properties", {}):
            return None
        node = node["properties"][key]
    return _extremes(node, definitions) if node is not None else None


def _object(node: dict[str, Any] | None, definitions: dict[str, Any]) -> dict[str, Any] | None:
    """The schema of the object ``node`` stands for (through a reference, or the one member of a union that is
    an object), else None."""
    if node is None:
        return None
    if "$ref" in node:
        return _object(definitions.get(node["$ref"].rsplit("/", 1)[-1]), definitions)
    if "properties" in node:
        return node
    objects = [found for member in node.get("anyOf", ()) if (found := _object(member, definitions)) is not None]
    return objects[0] if len(objects) == 1 else None


_DAYS = ("1900-01-01", "2199-12-31")
_TEXTS = ("甲", "乙")


def _extremes(node: dict[str, Any], definitions: dict[str, Any]) -> tuple[Any, Any] | None:
    """The first and last choice, the least and the greatest number, the earliest and the latest day."""
    if "$ref" in node or "properties" in node:
        return None
    choices = node.get("enum", ())
    if len(choices) >= 2:
        return choices[0], choices[-1]
    kind = node.get("type")
    if kind == "boolean":
        return False, True
    if kind in ("integer", "number") and not choices:
        least = node.get("minimum", node.get("exclusiveMinimum", -1) + 1)
        greatest = node.get("maximum", node.get("exclusiveMaximum", least + 1_000_001) - 1)
        return (least, greatest) if least < greatest else None
    if kind == "string" and not choices:
        return _DAYS if node.get("format") == "date" else _TEXTS
    for member in node.get("anyOf", ()):
        if member.get("type") != "null" and (found := _extremes(member, definitions)) is not None:
            return found
    return None


def _with(data: Any, placed: list[tuple[tuple[int | str, ...], tuple[Any, Any]]], side: int) -> Any:
    """A copy of ``data`` with each stand-in of ``side`` at its place."""
    for location, stand_ins in placed:
        data = _set(data, location, stand_ins[side])
    return data


def _set(value: Any, location: tuple[int | str, ...], new: Any) -> Any:
    head, rest = location[0], location[1:]
    copy: Any = dict(value)
    copy[head] = _set(value[head], rest, new) if rest else new
    return copy


def _checked_apart(kind: Kind, parsed: _Parsed, chain: TemplateChain) -> list[Problem]:
    """The parse's problems, then the checks' findings that the file has whatever its wrong values were.

    A chapter built without some item would be checked without it (a weight
    total short by that item's weight), which is no problem of the file, so
    its checks are dropped; a finding that changes with the stand-ins of a
    wrong value (a weight total under ``execution_scored``) depends on that
    value, which the file does not give, so it is dropped too.
    """
    profile = _profile(chain, parsed.models[0])  # the stand-ins of a wrong value lie outside meta.scoring
    first, *others = (kind.check(model, profile) for model in parsed.models)
    return parsed.problems + [p for p in first if _chapter(p.path) not in parsed.touched
                              and all(p in other for other in others)]


def _chapter(path: str) -> str:
    return path.split(".", 1)[0].split("[", 1)[0]


def _without(data: Any, locations: list[tuple[int | str, ...]]) -> Any:
    """A copy of ``data`` without the values at ``locations``; only the containers on the way are copied."""
    for location in locations:
        data = _removed(data, location)
    return data


def _removed(value: Any, location: tuple[int | str, ...]) -> Any:
    head, rest = location[0], location[1:]
    copy: Any = dict(value) if isinstance(value, Mapping) else list(value)
    if rest:
        copy[head] = _removed(value[head], rest)
    else:
        del copy[head]
    return copy


def _checked(kind: Kind, data: Mapping[str, Any], chain: TemplateChain) -> tuple[BaseModel | None, list[Problem]]:
    parsed = _parsed(kind, data)
    if not parsed.models:
        return None, parsed.problems
    return parsed.models[0], _checked_apart(kind, parsed, chain)


def _merged(first: list[Problem], second: list[Problem]) -> list[Problem]:
    """Both lists, each problem once (a derived kind re-checks what its source checked)."""
    return first + [p for p in second if p not in first]


def to_report(
    data: Mapping[str, Any], source: Path | None = None, as_kind: str | None = None, templates: Sequence[str | Path] = (),
    outline: str | None = None,
) -> Report:
    """Validate data or raise ``DataError`` listing every problem."""
    report, problems = find_problems(data, as_kind, templates, source, outline)
    if report is None:
        raise DataError(problems, str(source or ""))
    return replace(report, source=source) if source is not None else report
