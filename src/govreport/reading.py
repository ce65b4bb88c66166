"""Stage 1 — load: read a data file (JSON, YAML or an Excel workbook) into plain Python data.

Numbers with a fraction become ``Decimal`` straight from their text, so 0.1
stays 0.1 and no float ever enters a computation. A workbook's data
remembers the cell of each value, so later problems name the cell.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Problem, format_path
from .messages import yaml_reason
from .nesting import REPEATED_KEY, BoundedLoader, YamlRefused, may_nest_too_deep, scan, too_deep
from .validation import NAMED_PLAN, NamedPlan, PlannedData

JSON_SUFFIXES = {".json"}
YAML_SUFFIXES = {".yaml", ".yml"}
XLSX_SUFFIXES = {".xlsx"}
DATA_SUFFIXES = (".json", ".yaml", ".yml", ".xlsx")  # what render, batch and convert take
MAX_DATA_BYTES = 50 * 1024 * 1024


def read_data(path: str | Path, plans: bool = True) -> dict[str, Any]:
    """Read a data file; every way it can fail becomes a ``DataError`` in Chinese.

    A work summary that names the plan it answers (``meta.plan``, relative to
    the summary's folder) is read with that plan: the data carries the plan's
    plain data, or why it could not be read, for ``validate`` to check. The
    plan must lie in the summary's folder or below it; ``plans=False`` (a
    server reading an upload) reads none, and validation says so.
    """
    path = Path(path)
    data = _read_file(path)
    return _with_plan(data, path) if plans else data


def _read_file(path: Path) -> dict[str, Any]:
    suffix = path.suffix.lower()
    if suffix not in JSON_SUFFIXES | YAML_SUFFIXES | XLSX_SUFFIXES:
        raise DataError(
            [Problem("", f"不支持的文件类型“{path.suffix or '无扩展名'}”，请使用 .json、.yaml、.yml 或 .xlsx")],
            str(path),
        )
    try:
        if path.stat().st_size > MAX_DATA_BYTES:
            raise DataError([Problem("", "数据文件超过 50 MB，不像是一个项目的数据")], str(path))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem("", "找不到数据文件")], str(path)) from None
    except OSError as exc:
        raise DataError([Problem("", f"无法读取数据文件（{exc.strerror}）")], str(path)) from None
    if suffix in XLSX_SUFFIXES:
        from .workbook.read import read_workbook

        return read_workbook(raw, str(path), keep_going=True)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = Problem("", f"文件不是 UTF-8 编码（第 {exc.start + 1} 个字节处），请另存为 UTF-8")
        raise DataError([problem], str(path)) from None
    data = parse_json(text, str(path)) if suffix in JSON_SUFFIXES else parse_yaml(text, str(path))
    if not isinstance(data, dict):
        raise DataError([Problem("", "数据文件的最外层应为对象（键值对），例如 {\"kind\": …}")], str(path))
    return data


def _with_plan(data: dict[str, Any], path: Path) -> dict[str, Any]:
    meta = data.get("meta")
    named = meta.get("plan") if data.get("kind") == "work_summary" and isinstance(meta, dict) else None
    if not isinstance(named, str) or not named.strip():
        return data
    folder = path.parent.resolve()
    plan_path = path.parent / named.strip()
    try:
        if Path(named.strip()).is_absolute() or not plan_path.resolve().is_relative_to(folder):
            raise DataError([Problem("", "计划文件须放在本数据文件所在的文件夹或其下级文件夹中，"
                                         "按相对路径填写（不能是绝对路径，也不能用 .. 或链接指到别处）")], named)
        if not plan_path.is_file():
            reason = "不是普通文件" if plan_path.exists() else "找不到数据文件"
            raise DataError([Problem("", reason)], str(plan_path))
        named_plan = NamedPlan(plan_path, _read_file(plan_path), [])
    except DataError as exc:
        named_plan = NamedPlan(plan_path, None, exc.problems)
    carrier = data if hasattr(data, "__dict__") else PlannedData(data)
    setattr(carrier, NAMED_PLAN, named_plan)
    return carrier


def parse_json(text: str, source: str = "") -> Any:
    """Parse JSON text, fractions as Decimal; syntax errors name line and column, a cut-off file what it leaves open."""
    if may_nest_too_deep(text) and (found := scan(text)).too_deep:
        raise DataError([too_deep(found.path(), found.line, found.column)], source)
    try:
        data = json.loads(text, parse_float=Decimal, parse_int=_integer, object_pairs_hook=_Object)
    except json.JSONDecodeError as exc:
        raise DataError([_json_problem(text, exc)], source) from None
    repeated = list(_repeated_keys(data))
    if repeated:
        raise DataError(repeated, source)
    return data


class _Object(dict):
    """A JSON object that remembers the keys it was given twice: the second value would silently replace the first."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        seen: set[str] = set()
        self.repeated = [key for key, _ in pairs if key in seen or seen.add(key)]


def _repeated_keys(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[Problem]:
    if isinstance(node, dict):
        for key in getattr(node, "repeated", ()):
            yield Problem(format_path((*path, key)), "同一处写了两次，" + REPEATED_KEY)
        for key, value in node.items():
            yield from _repeated_keys(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _repeated_keys(value, (*path, i))





def _integer(text: str) -> int | Decimal:
    """Python refuses to read an integer of thousands of digits; as a Decimal it reaches validation, which names it."""
    return int(text) if len(text) < 100 else Decimal(text)


CUT_OFF = "（可能少写了结尾的括号或引号，或文件没有保存完整、复制时被截断）"


def _json_problem(text: str, exc: json.JSONDecodeError) -> Problem:
    content_end = len(text.rstrip())
    if not content_end:
        return Problem("", "数据文件是空的")
    unterminated = exc.msg.startswith("Unterminated string")
    if exc.pos < content_end and not unterminated:
        return Problem("", f"JSON 格式错误：第 {exc.lineno} 行第 {exc.colno} 列，{_json_reason(exc.msg)}")
    end = scan(text, content_end)
    return Problem(end.path(), f"JSON 格式错误：文件在第 {end.line} 行第 {end.column} 列提前结束，此处尚未写完，"
                               f"结尾缺少 {end.closers()}{CUT_OFF}")


def _json_reason(msg: str) -> str:
    reasons = {
        "Expecting ',' delimiter": "缺少逗号",
        "Expecting ':' delimiter": "缺少冒号",
        "Expecting value": "缺少取值或有多余的逗号",
        "Expecting property name enclosed in double quotes": "键名须用英文双引号括起，或有多余的逗号",
        "Unterminated string starting at": "字符串缺少结束引号",
        "Extra data": "数据结束后还有多余内容",
        "Invalid control character at": "字符串中有不允许的控制字符",
    }
    return reasons.get(msg, f"无法解析（{msg}）")


def parse_yaml(text: str, source: str = "") -> Any:
    """Parse YAML safely (no object construction), fractions as Decimal."""
    try:
        return yaml.load(text, Loader=BoundedLoader)
    except YamlRefused as exc:
        raise DataError([exc.problem], source) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        if mark and ("<stream end>" in str(exc.problem) or "end of stream" in str(exc.problem)):
            ended = f"YAML 格式错误：文件在第 {mark.line + 1} 行第 {mark.column + 1} 列提前结束，此处的括号或引号尚未闭合"
            raise DataError([Problem("", ended + CUT_OFF)], source) from None
        raise DataError([Problem("", f"YAML 格式错误：{yaml_reason(exc)}")], source) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem("", f"YAML 格式错误：{yaml_reason(exc)}")], source) from None
