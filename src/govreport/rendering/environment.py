"""One sandboxed Jinja environment per template chain carries all template configuration.

Text templates (``*.j2``) produce plain strings; DOCX XML, compiled from a
string, is autoescaped, so ``& < >`` in data come out as written. Data is only
ever passed as values, never compiled as template source.

The sandbox is Jinja's, with bounds (bounds.py) on what a template may cost:
the operators that can build huge values are intercepted, ``range`` and
``lipsum`` are bounded, every call is a counted step whose nesting is limited,
and the compiled code of every template counts its loop iterations and the
characters it writes. All the templates of one report run within one budget.
"""

from __future__ import annotations

from functools import lru_cache, update_wrapper
from pathlib import Path
from types import BuiltinMethodType, MethodType
from typing import TYPE_CHECKING, Any

from jinja2 import FileSystemBytecodeCache, StrictUndefined, Template, nodes, pass_context, select_autoescape
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, Undefined
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

from ..chain.loader import BUILTIN_TEMPLATES, ChainLoader
from ..errors import Problem
from ..format.filters import FILTERS
from .bounds import (
    BOUNDED_FILTERS,
    MAX_OUTPUT,
    MAX_SIZE,
    Counted,
    SandboxRefusal,
    active,
    bounded_lipsum,
    bounded_range,
    check_format_string,
    check_growth,
    check_operation,
    checked_arguments,
    metered,
    size_message,
    weight,
)
from .cache import bytecode_cache

if TYPE_CHECKING:
    from .compiled import CompiledDocx

_METHODS = (MethodType, BuiltinMethodType)
# Compiled code here is not plain Jinja's (it counts loops and output), so it is cached under names of its own.
_CACHE_PATTERN = "__jinja2_metered1_%s.cache"

# Filters the compiler adds (a template cannot name them: "@" is not part of a name). They take the
# context they do not use so that Jinja's optimizer never runs them once at compile time on a constant
# (``{% include %}``'s depth and a template's literal text would then go uncounted).
_STEPS, _WRITTEN, _JOINED, _ENTER, _LEAVE = "@steps", "@written", "@joined", "@enter", "@leave"


@pass_context
def _steps(context: Context, iterable: Any) -> Any:
    """A loop's iterable, each item a step of the budget."""
    budget = active()
    return iterable if budget is None else Counted(iterable, budget)


@pass_context
def _written(context: Context, value: Any, literal: int = 0) -> Any:
    """A value about to be written, with the template text around it, counted as output."""
    budget = active()
    if budget is not None:
        if isinstance(value, str):
            budget.write(literal + len(value))
        elif isinstance(value, (list, tuple, dict, set, frozenset)):
            budget.write(literal + weight(value, MAX_OUTPUT))
        else:
            budget.write(literal)
    return value


@pass_context
def _joined(context: Context, text: Any) -> Any:
    """The result of ``~``, refused beyond ``MAX_SIZE`` characters."""
    if isinstance(text, str) and len(text) > MAX_SIZE:
        raise SandboxRefusal(size_message("拼接（~）", len(text)))
    return text


@pass_context
def _enter(context: Context, _: Any = None) -> str:
    """Before an include or import: one level deeper."""
    budget = active()
    if budget is not None:
        budget.enter()
    return ""


@pass_context
def _leave(context: Context, _: Any = None) -> str:
    """After an include or import: one level back."""
    budget = active()
    if budget is not None:
        budget.leave()
    return ""


def _text_length(args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """Characters of the texts a call hands over (to the document collector, say)."""
    length = 0
    for value in args:
        if isinstance(value, str):
            length += len(value)
    for value in kwargs.values():
        if isinstance(value, str):
            length += len(value)
    return length


_METERS = {_STEPS: _steps, _WRITTEN: _written, _JOINED: _joined, _ENTER: _enter, _LEAVE: _leave}


def _meter(name: str, node: nodes.Expr, *args: int) -> nodes.Filter:
    return nodes.Filter(node, name, [nodes.Const(a) for a in args], [], None, None, lineno=node.lineno)


def _statement(name: str, node: nodes.Stmt) -> nodes.ExprStmt:
    return nodes.ExprStmt(_meter(name, nodes.Const(None, lineno=node.lineno)), lineno=node.lineno)


class _Metering(NodeTransformer):
    """The template's tree with its loops, concatenations, output and nesting routed through the meters."""

    def visit_For(self, node: nodes.For) -> nodes.For:
        self.generic_visit(node)
        node.iter = _meter(_STEPS, node.iter)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Filter:
        return _meter(_JOINED, self.generic_visit(node))

    def visit_Output(self, node: nodes.Output) -> nodes.Output:
        self.generic_visit(node)
        literal = sum(len(child.data) for child in node.nodes if isinstance(child, nodes.TemplateData))
        metered_nodes: list[nodes.Expr] = []
        for child in node.nodes:
            if not isinstance(child, nodes.TemplateData):
                child, literal = _meter(_WRITTEN, child, literal), 0
            metered_nodes.append(child)
        if literal:
            metered_nodes.append(_meter(_WRITTEN, nodes.Const("", lineno=node.lineno), literal))
        node.nodes = metered_nodes
        return node

    def _nested(self, node: nodes.Stmt) -> list[nodes.Node]:
        return [_statement(_ENTER, node), node, _statement(_LEAVE, node)]

    visit_Include = visit_Import = visit_FromImport = _nested


class MeteredCodeGenerator(CodeGenerator):
    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        _Metering().visit(node)
        node.set_environment(self.environment)
        super().visit_Template(node, frame)


class MeteredTemplate(Template):
    """A template that renders within a budget: the one open around it, else its own."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        with metered():
            return super().render(*args, **kwargs)

    def make_module(self, vars: dict[str, Any] | None = None, shared: bool = False, locals: Any = None) -> Any:
        with metered():
            return super().make_module(vars, shared, locals)


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox with a bounded cost: no value, loop, nesting, output or render time without a limit."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = MeteredCodeGenerator
    template_class = MeteredTemplate

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.update(range=bounded_range, lipsum=bounded_lipsum)
        self.filters.update(BOUNDED_FILTERS)
        self.filters.update(_METERS)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        check_operation(operator, left, right)
        budget = active()
        if budget is not None:
            budget.step()
        return self.binop_table[operator](left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # Jinja's signature
        if not __self.is_safe_callable(__obj):
            raise SandboxRefusal(f"不能调用“{getattr(__obj, '__name__', type(__obj).__name__)}”：它不对模板开放")
        owner = getattr(__obj, "__self__", None)  # the value whose method this is
        if isinstance(owner, (str, bytes, int)):
            args = checked_arguments(__obj, owner, args, kwargs)
        budget = active()
        if budget is None:
            result = __context.call(__obj, *args, **kwargs)
        else:
            budget.step()
            budget.write(_text_length(args, kwargs))
            budget.enter()
            try:
                result = __context.call(__obj, *args, **kwargs)
            finally:
                budget.leave()
        if isinstance(owner, (list, dict, set)):
            check_growth(__obj, owner)
        return result

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        return self.undefined(
            f"不能访问 {type(obj).__name__} 对象的属性“{attribute}”：以下划线开头的属性和 Python 内部对象不对模板开放",
            name=attribute, obj=obj, exc=SandboxRefusal,
        )

    def wrap_str_format(self, value: Any) -> Any:
        """``str.format``, sandboxed by Jinja, and bounded in the widths it may pad to."""
        if not isinstance(value, _METHODS) or value.__name__ not in ("format", "format_map"):
            return None  # the common case, decided without Jinja's own check
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text, by_name = value.__self__, value.__name__ == "format_map"

        def bounded(*args: Any, **kwargs: Any) -> str:
            mapping = args[0] if by_name and args and isinstance(args[0], dict) else kwargs
            check_format_string(text, (*args, *mapping.values()))
            return wrapped(*args, **kwargs)

        return update_wrapper(bounded, value)


class ReportEnvironment(BoundedSandbox):
    """The sandbox, plus what is worked out once per chain: compiled DOCX templates and the county files' checks."""

    loader: ChainLoader

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.compiled: dict[tuple[Any, ...], CompiledDocx] = {}  # by kind, shell version and chain options
        self.checked: dict[tuple[Any, ...], list[Problem]] = {}  # county-file problems by file versions


@lru_cache(maxsize=16)
def environment(folders: tuple[Path, ...] = ()) -> ReportEnvironment:
    """The environment over ``folders`` (county first) and then the built-in templates, once per process."""
    cache = bytecode_cache()
    if isinstance(cache, FileSystemBytecodeCache):
        cache.pattern = _CACHE_PATTERN
    env = ReportEnvironment(
        loader=ChainLoader([*folders, BUILTIN_TEMPLATES]),
        undefined=StrictUndefined,
        autoescape=select_autoescape(
            enabled_extensions=("xml", "html.j2"), default_for_string=True, default=False
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
        bytecode_cache=cache,
    )
    env.filters.update(FILTERS)
    return env
