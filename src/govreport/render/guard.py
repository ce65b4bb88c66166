"""Template failures become ``TemplateFault``s that name the file and line, never tracebacks."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from ..chain.loader import relative
from ..errors import TemplateFault
from .environment import BUILTIN_TEMPLATES


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


@contextmanager
def template_guard(name: str) -> Iterator[None]:
    try:
        yield
    except TemplateNotFound as exc:
        message = exc.message if exc.message and exc.message != exc.name else f"找不到模板“{exc.name}”"
        raise TemplateFault(message) from None
    except TemplateSyntaxError as exc:
        where = shown(exc.filename) if exc.filename else name
        raise TemplateFault(f"模板 {where} 第 {exc.lineno} 行语法错误：{exc.message}") from None
    except SecurityError as exc:
        raise TemplateFault(f"{_where(exc, name)}试图访问 Python 内部对象，已被沙箱拒绝：{exc}") from None
    except UndefinedError as exc:
        raise TemplateFault(f"{_where(exc, name)}使用了不存在的变量：{exc.message}") from None
    except TemplateError as exc:
        raise TemplateFault(f"{_where(exc, name)}渲染失败：{exc}") from None
