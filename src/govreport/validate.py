"""Stage 2 — validate: plain data → a ``Report``, or every problem at once.

Order: the kind first (it selects the model), then the model (types, required
and unknown fields), then the consistency checks, which need typed data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import DataError, Problem
from .kinds import KINDS, kinds_text
from .messages import problems_from
from .report import Report


def find_problems(data: Mapping[str, Any]) -> tuple[Report | None, list[Problem]]:
    """Validate data; return the report (None if any error) and all problems found."""
    kind_name = data.get("kind")
    if kind_name is None:
        return None, [Problem("kind", f"缺少报告类型，应为以下之一：{kinds_text()}")]
    kind = KINDS.get(kind_name) if isinstance(kind_name, str) else None
    if kind is None:
        return None, [Problem("kind", f"未知的报告类型“{kind_name}”，应为以下之一：{kinds_text()}")]
    try:
        model = kind.model.model_validate(dict(data))
    except ValidationError as exc:
        return None, problems_from(exc)
    problems = kind.check(model)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Report(kind, model, kind.compute(model), tuple(problems)), problems


def to_report(data: Mapping[str, Any], source: Path | None = None) -> Report:
    """Validate data or raise ``DataError`` listing every problem."""
    report, problems = find_problems(data)
    if report is None:
        raise DataError(problems, str(source or ""))
    return replace(report, source=source) if source is not None else report
