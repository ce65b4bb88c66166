"""Template failures become ``TemplateFault``s that name the file and line, never tracebacks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from ..errors import TemplateFault


@contextmanager
def template_guard(name: str) -> Iterator[None]:
    try:
        yield
    except TemplateNotFound as exc:
        raise TemplateFault(f"找不到模板“{exc.name}”") from None
    except TemplateSyntaxError as exc:
        raise TemplateFault(f"模板 {exc.filename or name} 第 {exc.lineno} 行语法错误：{exc.message}") from None
    except SecurityError as exc:
        raise TemplateFault(f"模板 {name} 试图执行不安全的操作，已被沙箱拒绝：{exc}") from None
    except UndefinedError as exc:
        raise TemplateFault(f"模板 {name} 使用了不存在的变量：{exc.message}") from None
    except TemplateError as exc:
        raise TemplateFault(f"模板 {name} 渲染失败：{exc}") from None
