"""Template failures become ``TemplateFault``s that name the file and line, never tracebacks.

``template_fault`` is the one translation of a template's failure into a
message, whether a report's text templates failed (``template_guard``) or a
DOCX form's parts (compiled.py). A guarded step runs on the budget of its
report (bounds.py): the content and the document of one report together may
cost at most that much.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from ..chain.loader import BUILTIN_TEMPLATES, relative
from ..errors import GovreportError, TemplateFault
from ..messages import jinja_reason
from .bounds import SandboxRefusal, metered

# Errors a template's own expressions can raise (1/0, "a" + 1, [].pop()…), in words a template's author can act on.
_RUNTIME_ERRORS: tuple[tuple[type[BaseException], str], ...] = (
    (RecursionError, "嵌套过深（宏、块、包含的调用，或括号、语句本身），已停止"),
    (MemoryError, "内存不足，已停止（是否生成了过大的数据？）"),
    (ZeroDivisionError, "除数为零"),
    (ArithmeticError, "数值运算无效或超出范围"),
    (LookupError, "下标或键不存在"),
    (TypeError, "运算对象的类型不对（如文字与数字相加，或调用了不能调用的值）"),
    (ValueError, "数值或参数无效"),
    (AttributeError, "对象没有这个属性或方法（如把空值或文字传给了 doc.section、doc.table、doc.figures）"),
)
RUNTIME_ERRORS = tuple(kind for kind, _ in _RUNTIME_ERRORS)
EXHAUSTION = (RecursionError, MemoryError)  # also while a template is parsed or compiled, before any of it runs


def shown(filename: str) -> str:
    """A template file as a user knows it: built-in ones by their name, others relative to here."""
    path = Path(filename)
    if path.is_relative_to(BUILTIN_TEMPLATES):
        return f"内置模板 {path.relative_to(BUILTIN_TEMPLATES).as_posix()}"
    return str(relative(path))


def _where(exc: BaseException, name: str) -> str:
    """``模板 X 第 N 行``: the innermost template frame of the failure (Jinja puts them in the traceback)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return f"模板 {shown(frame.filename)} 第 {frame.lineno} 行"
    return f"模板 {name}"


def refusal(exc: SecurityError) -> str:
    """What the sandbox refused, in Chinese (its own refusals say so; any other is named generally)."""
    return str(exc) if isinstance(exc, SandboxRefusal) else "模板使用了沙箱不允许的写法"


def runtime_error(exc: BaseException) -> str:
    return next(text for kind, text in _RUNTIME_ERRORS if isinstance(exc, kind))


def from_template(exc: BaseException) -> bool:
    """Whether the error was raised while template code ran (Jinja names those frames after the template)."""
    return any(frame.filename.endswith(".j2") or frame.filename == "<template>"
               for frame in traceback.extract_tb(exc.__traceback__))


def template_fault(exc: Exception, place: str) -> TemplateFault | None:
    """What went wrong in a template, after ``place`` (which template, where in it); None when the error is
    not the template's doing and must not be hidden."""
    if isinstance(exc, TemplateNotFound):
        return TemplateFault(exc.message if exc.message and exc.message != exc.name else f"找不到模板“{exc.name}”")
    if isinstance(exc, TemplateSyntaxError):
        return TemplateFault(f"{place}语法错误：{jinja_reason(exc.message or '')}")
    if isinstance(exc, SecurityError):
        return TemplateFault(f"{place}被沙箱拒绝：{refusal(exc)}")
    if isinstance(exc, UndefinedError):
        return TemplateFault(f"{place}使用了不存在的变量：{exc.message}")
    if isinstance(exc, TemplateError):
        return TemplateFault(f"{place}渲染失败：{exc}")
    if isinstance(exc, RUNTIME_ERRORS) and (from_template(exc) or isinstance(exc, EXHAUSTION)):
        return TemplateFault(f"{place}运算出错：{runtime_error(exc)}")
    return None


def _place(exc: Exception, name: str) -> str:
    """Where a failure of the text template ``name`` (or of one it uses) happened."""
    if isinstance(exc, TemplateSyntaxError):
        return f"模板 {shown(exc.filename) if exc.filename else name} 第 {exc.lineno} 行"
    return _where(exc, name)


@contextmanager
def template_guard(name: str) -> Iterator[None]:
    try:
        with metered():
            yield
    except GovreportError:
        raise
    except Exception as exc:
        fault = template_fault(exc, _place(exc, name))
        if fault is None:
            raise
        raise fault from None
