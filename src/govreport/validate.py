"""Stage 2 — validate: plain data → a ``Report``, or every problem at once.

Order: the kind first (it selects the model), then the model (types, required
and unknown fields), then the consistency checks, which need typed data.
Data of one kind can be rendered as another compatible kind (a performance
evaluation as a self-evaluation form): it is validated as what it is, then
derived, and problems of the derived data name the fields of the user's file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import DataError, Problem
from .kinds import KINDS, Derivation, Kind, kinds_text
from .messages import problems_from
from .report import Report


def find_problems(data: Mapping[str, Any], as_kind: str | None = None) -> tuple[Report | None, list[Problem]]:
    """Validate data; return the report (None if any error) and all problems found."""
    kind_name = data.get("kind")
    if kind_name is None:
        return None, [Problem("kind", f"缺少报告类型，应为以下之一：{kinds_text()}")]
    kind = KINDS.get(kind_name) if isinstance(kind_name, str) else None
    if kind is None:
        return None, [Problem("kind", f"未知的报告类型“{kind_name}”，应为以下之一：{kinds_text()}")]
    target, derivation, refusal = _target(kind, as_kind)
    if refusal:
        return None, [refusal]
    model, problems = _checked(kind, data)
    if model is None or any(p.severity == "error" for p in problems):
        return None, problems
    if derivation is not None:
        derived, more = _checked(target, derivation.convert(model))
        problems = _merged(problems, [replace(p, path=derivation.source_path(p.path)) for p in more])
        if derived is None or any(p.severity == "error" for p in problems):
            return None, problems
        model = derived
    return Report(target, model, target.compute(model), tuple(problems)), problems


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


def _checked(kind: Kind, data: Mapping[str, Any]) -> tuple[BaseModel | None, list[Problem]]:
    try:
        model = kind.model.model_validate(dict(data))
    except ValidationError as exc:
        return None, problems_from(exc)
    return model, kind.check(model)


def _merged(first: list[Problem], second: list[Problem]) -> list[Problem]:
    """Both lists, each problem once (a derived kind re-checks what its source checked)."""
    return first + [p for p in second if p not in first]


def to_report(data: Mapping[str, Any], source: Path | None = None, as_kind: str | None = None) -> Report:
    """Validate data or raise ``DataError`` listing every problem."""
    report, problems = find_problems(data, as_kind)
    if report is None:
        raise DataError(problems, str(source or ""))
    return replace(report, source=source) if source is not None else report
