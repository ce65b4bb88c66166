"""A work summary's 下一步工作打算 as next year's 工作计划: the next cycle starts from data, not from a Word file.

Each item of ``plans`` becomes a task: a paragraph is a task whose title is
the paragraph itself (printed as a sentence, as a heading-only section is),
a titled section a task with its paragraphs, figures, table and sub-sections.
The office, its region and date style carry over; the year is the next one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .body import Section
from .work_summary import WorkSummary

SUMMARY_WORD, PLAN_WORD = "工作总结", "工作计划"


def next_plan(summary: WorkSummary, templates: list[str]) -> dict[str, Any]:
    """The data of next year's work plan (kind ``work_plan``), its ``meta.templates`` given relative to where it
    will be written; the summary's date stands as the plan's date until the clerk changes it."""
    meta = summary.meta
    year = meta.year + 1
    plan_meta: dict[str, Any] = {
        "organization": meta.organization, "year": year, "date": meta.date,
        "start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31),
    }
    if "date_style" in meta.model_fields_set:
        plan_meta["date_style"] = meta.date_style
    if title := _next_title(meta.title, meta.year):
        plan_meta["title"] = title
    if meta.signature:
        plan_meta["signature"] = meta.signature
    if meta.region is not None:
        plan_meta["region"] = meta.region.model_dump(exclude_unset=True)
    if templates:
        plan_meta["templates"] = templates
    return {"kind": "work_plan", "meta": plan_meta, "tasks": [task for item in summary.plans for task in _tasks(item)]}


def _next_title(title: str | None, year: int) -> str | None:
    """丁字口社区2024年健康教育工作总结 → 丁字口社区2025年健康教育工作计划; any other title is left to the default."""
    if title is None or not title.endswith(SUMMARY_WORD) or f"{year}年" not in title:
        return None
    return title.replace(f"{year}年", f"{year + 1}年", 1).removesuffix(SUMMARY_WORD) + PLAN_WORD


def _tasks(item: str | Section) -> list[dict[str, Any]]:
    """The tasks an item of 下一步工作打算 becomes: a paragraph one titled task, a section itself; an untitled group
    takes no level, so its own content is one task and its sub-sections tasks beside it."""
    if isinstance(item, str):
        return [{"title": item.rstrip("。")}]
    if item.title is not None:
        return [item.model_dump(mode="python", exclude_unset=True)]
    own = item.model_dump(mode="python", exclude_unset=True, exclude={"sections"})
    return [*([own] if own else []), *(task for sub in item.sections for task in _tasks(sub))]
