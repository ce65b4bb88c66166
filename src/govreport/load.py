"""Stage 1 — load: read a data file (JSON, YAML or an Excel workbook) into plain Python data.

Numbers with a fraction become ``Decimal`` straight from their text, so 0.1
stays 0.1 and no float ever enters a computation. A workbook's data
remembers the cell of each value, so later problems name the cell.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Problem

JSON_SUFFIXES = {".json"}
YAML_SUFFIXES = {".yaml", ".yml"}
XLSX_SUFFIXES = {".xlsx"}
DATA_SUFFIXES = (".json", ".yaml", ".yml", ".xlsx")  # what render, batch and convert take
MAX_DATA_BYTES = 50 * 1024 * 1024


def read_data(path: str | Path) -> dict[str, Any]:
    """Read a data file; every way it can fail becomes a ``DataError`` in Chinese."""
    path = Path(path)
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

        return read_workbook(raw, str(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = Problem("", f"文件不是 UTF-8 编码（第 {exc.start + 1} 个字节处），请另存为 UTF-8")
        raise DataError([problem], str(path)) from None
    data = parse_json(text, str(path)) if suffix in JSON_SUFFIXES else parse_yaml(text, str(path))
    if not isinstance(data, dict):
        raise DataError([Problem("", "数据文件的最外层应为对象（键值对），例如 {\"kind\": …}")], str(path))
    return data


def parse_json(text: str, source: str = "") -> Any:
    """Parse JSON text, fractions as Decimal; syntax errors name line and column."""
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        problem = Problem("", f"JSON 格式错误：第 {exc.lineno} 行第 {exc.colno} 列，{_json_reason(exc.msg)}")
        raise DataError([problem], source) from None


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


class _DecimalLoader(yaml.SafeLoader):
    """A safe YAML loader that reads floats as Decimal from their text."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal | str:
    text = loader.construct_scalar(node)
    try:
        return Decimal(text.replace("_", ""))
    except InvalidOperation:  # .inf, .nan: left as text so validation names the field
        return text


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def parse_yaml(text: str, source: str = "") -> Any:
    """Parse YAML safely (no object construction), fractions as Decimal."""
    try:
        return yaml.load(text, Loader=_DecimalLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列，" if mark else ""
        raise DataError([Problem("", f"YAML 格式错误：{where}{exc.problem}")], source) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem("", f"YAML 格式错误：{exc}")], source) from None
