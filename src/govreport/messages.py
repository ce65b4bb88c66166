"""Pydantic's validation errors, re-worded in Chinese for the people who edit data files."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .errors import Problem, format_path

# Tags Pydantic adds to a location inside a union; the user's field path has none.
_UNION_TAGS = {"decimal", "constrained-str", "str", "int", "float", "bool", "paragraph", "section"}


_MESSAGES: dict[str, Callable[[dict[str, Any]], str]] = {
    "missing": lambda c: "缺少必填字段",
    "extra_forbidden": lambda c: "未知字段（请检查拼写；本报告类型没有这个字段）",
    "string_type": lambda c: "应为文字",
    "string_too_short": lambda c: "不能为空",
    "string_pattern_mismatch": lambda c: "含有不可见的控制字符，请删除后再试",
    "string_unicode": lambda c: "含有无效的字符（不成对的代理码位，多是表情符号被截断或转义写错），请删除后再试",
    "int_type": lambda c: "应为整数",
    "int_parsing": lambda c: "应为整数",
    "int_from_float": lambda c: "应为整数，不能有小数",
    "decimal_type": lambda c: "应为数字",
    "decimal_parsing": lambda c: "应为数字",
    "finite_number": lambda c: "应为有限的数字",
    "bool_type": lambda c: "应为 true 或 false",
    "bool_parsing": lambda c: "应为 true 或 false",
    "list_type": lambda c: "应为列表（用方括号 [ ] 括起）",
    "model_type": lambda c: "应为对象（用花括号 { } 括起）",
    "dict_type": lambda c: "应为对象（用花括号 { } 括起）",
    "too_short": lambda c: f"至少需要 {c.get('min_length', 1)} 项",
    "greater_than_equal": lambda c: "不能为负数" if str(c.get("ge")) == "0" else f"不能小于 {c.get('ge')}",
    "greater_than": lambda c: f"应大于 {c.get('gt')}",
    "less_than_equal": lambda c: f"不能大于 {c.get('le')}",
    "less_than": lambda c: f"应小于 {c.get('lt')}",
    "date_type": lambda c: "应为日期，格式如 2026-01-20",
    "date_parsing": lambda c: "不是有效日期，格式应如 2026-01-20",
    "date_from_datetime_parsing": lambda c: "不是有效日期（格式应如 2026-01-20，且月、日须真实存在）",
    "date_from_datetime_inexact": lambda c: "应为日期，不带时间",
}


def _literal(ctx: dict[str, Any]) -> str:
    options = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
    return f"取值无效，应为以下之一：{'、'.join(o.strip() for o in options.split(','))}"


def _one(error: ErrorDetails) -> Problem:
    loc = [part for part in error["loc"] if part not in _UNION_TAGS]
    kind = error["type"]
    ctx = dict(error.get("ctx") or {})
    if kind == "literal_error":
        message = _literal(ctx)
    elif kind in _MESSAGES:
        message = _MESSAGES[kind](ctx)
    elif kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
    else:
        message = f"取值无效（{error['msg']}）"
    if "input" in error and kind not in {"missing", "extra_forbidden", "model_type", "string_unicode"}:
        shown = error["input"]
        if isinstance(shown, str | int | Decimal) and len(str(shown)) <= 30:
            message += f"，实际为“{shown}”"
    return Problem(format_path(loc), message)


def problems_from(exc: ValidationError) -> list[Problem]:
    """One problem per field path, in the order Pydantic found them."""
    merged: dict[str, Problem] = {}
    for error in exc.errors():
        problem = _one(error)
        if problem.path in merged:  # the branches of a union: say what either accepts
            merged[problem.path] = Problem(problem.path, "应为数字或文字")
        else:
            merged[problem.path] = problem
    return list(merged.values())


YAML_REASONS = {  # PyYAML's problems, as a clerk reads them; any other is told by its place alone
    "expected <block end>, but found": "缩进不一致，或某行多了、少了空格",
    "mapping values are not allowed here": "冒号用错了位置（冒号后要有空格；文字里有冒号时请给整段加引号）",
    "found character '\\t' that cannot start any token": "用了制表符（Tab）缩进，请改用空格",
    "could not find expected ':'": "缺少冒号",
    "found unexpected end of stream": "引号或括号没有闭合",
    "expected ',' or ']', but got": "方括号 [ ] 没有闭合或缺少逗号",
    "expected ',' or '}', but got": "花括号 { } 没有闭合或缺少逗号",
    "found undefined alias": "用了未定义的别名（*）",
    "found duplicate anchor": "锚点（&）重复",
    "while scanning a quoted scalar": "引号没有闭合",
}


def yaml_reason(exc: Exception) -> str:
    """``第 3 行第 5 列，缩进不一致…``: where PyYAML stopped and why, in Chinese (its own text is English)."""
    mark = getattr(exc, "problem_mark", None)
    where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark is not None else "某处"
    text = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or exc}"
    reason = next((chinese for english, chinese in YAML_REASONS.items() if english in text), "写法不符合 YAML 格式")
    return f"{where}：{reason}"


JINJA_REASONS = (  # Jinja's syntax errors, as a county template's author reads them
    (re.compile(r"^unexpected '([^']+)', expected '([^']+)'$"), "多了或错放了“{0}”（这里应为“{1}”）"),
    (re.compile(r"^unexpected '(.+)'$"), "多了或错放了“{0}”"),
    (re.compile(r"^No filter named '(.+)'\.?.*$"), "没有名为“{0}”的过滤器（可用的见 govreport templates list）"),
    (re.compile(r"^No test named '(.+)'\.?.*$"), "没有名为“{0}”的判断（is 之后的名称）"),
    (re.compile(r"^block '(.+)' defined twice$"), "块“{0}”定义了两次"),
    (re.compile(r"^unexpected char (.+) at \d+$"), "字符 {0} 放错了位置（引号是否成对？）"),
    (re.compile(r"^Encountered unknown tag '(end\w+)'\. Jinja was looking for the following tags: (.+)\. "
                r"The innermost block that needs to be closed is '(\w+)'\.$"),
     "这里的 {{% {0} %}} 与前面未结束的 {{% {2} %}} 不配对"),
    (re.compile(r"^Encountered unknown tag '(end\w+)'\.$"), "{{% {0} %}} 前面没有与之配对的开始标签"),
    (re.compile(r"^Encountered unknown tag '(\w+)'.*$"), "未知的标签“{0}”"),
    (re.compile(r"^Unexpected end of template\. .*The innermost block that needs to be closed is '(\w+)'\.$"),
     "模板在 {{% {0} %}} 结束之前就完了（缺少 {{% end{0} %}}）"),
    (re.compile(r"^Unexpected end of template.*$"), "模板没有写完就结束了"),
    (re.compile(r"^[Ee]xpected an expression, got '(.+)'$"), "这里缺少表达式（变量、数值或文字）"),
    (re.compile(r"^expected token '(.+)', got '(.+)'$"), "“{1}”放错了位置，或前面缺少运算符、逗号或括号"),
)


JINJA_TOKENS = {"end of print statement": "}}", "end of statement block": "%}"}


def jinja_reason(message: str) -> str:
    """Jinja's syntax error in Chinese; one it does not know is named without its English text."""
    for pattern, chinese in JINJA_REASONS:
        if match := pattern.match(message.strip()):
            return chinese.format(*(JINJA_TOKENS.get(g, g) for g in match.groups()))
    return "模板标记的写法有误（请检查 {{ }} 和 {% %} 是否成对、标签是否拼写正确）"
