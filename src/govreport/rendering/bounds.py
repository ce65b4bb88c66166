"""What a template may cost: the size of each value it builds, and per report its steps, output, nesting and time.

County templates come from outside. A template that asks for a billion
numbers, repeats a text ten billion times, calls a macro from itself or loops
for ever is stopped where it does so, with a message saying what was too
big, instead of exhausting the memory or the clock. The sandboxed
environment (environment.py) calls these checks from its hooks; all the
templates of one report (its content, then its document) run within one
``Budget``, so a template cannot spend the budget again in each step.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from time import monotonic
from typing import Any

from jinja2 import filters as jinja_filters
from jinja2 import pass_environment, pass_eval_context
from jinja2.exceptions import SecurityError
from jinja2.utils import generate_lorem_ipsum

MAX_SIZE = 100_000  # characters or items of one value a template builds (range, *, +, ~, join, widths)
MAX_DIGITS = 1_000  # decimal digits of an integer a template computes
MAX_STEPS = 1_000_000  # loop iterations, calls and operators per report
MAX_OUTPUT = 50_000_000  # characters a report's templates write or hand on; 5,000 indicators write 17 million
MAX_DEPTH = 50  # nesting of macro, block and loop calls and of included templates
MAX_SECONDS = 6  # time a report's templates run, all steps together; 5,000 indicators take under 2
LIPSUM_PARAGRAPHS, LIPSUM_WORDS = 100, 1_000
_MAX_BITS = int(MAX_DIGITS * 3.3219)  # log2(10)


class SandboxRefusal(SecurityError):
    """Something the sandbox does not let a template do; the message says what, in Chinese."""


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def range_message(count: int) -> str:
    return f"range 最多产生 {MAX_SIZE} 个数，这里要产生 {count} 个"


def size_message(what: str, size: int | None = None) -> str:
    """The size when it is known exactly, else only that it is too big (a nested value is not counted to the end)."""
    found = f"这里是 {size} 个" if size is not None else "这里超过了"
    return f"{what}的结果最多 {MAX_SIZE} 个字符或元素，{found}"


def width_message(what: str, width: int) -> str:
    return f"{what}的宽度或个数最多 {MAX_SIZE}，这里是 {width}"


def digits_message(what: str) -> str:
    return f"{what}的结果超过 {MAX_DIGITS} 位数字"


def lipsum_message() -> str:
    return (f"lipsum 最多生成 {LIPSUM_PARAGRAPHS} 段、每段最多 {LIPSUM_WORDS} 个词"
            "（参数依次为段数、是否 HTML、每段最少词数、最多词数，最少须小于最多）")


def recursion_message() -> str:
    return f"宏、块、循环的调用或模板的包含嵌套超过 {MAX_DEPTH} 层，已停止（是否有宏调用了自己？）"


def steps_message() -> str:
    return f"循环、调用和运算超过 {MAX_STEPS} 次，已停止（是否有过大的循环或嵌套循环？）"


def time_message() -> str:
    return f"渲染超过 {MAX_SECONDS} 秒，已停止（是否有过大的循环或过慢的运算？）"


class Budget:
    """What one report's templates have spent so far: steps, characters written, current nesting, and time.

    Its clock runs only while a template step runs (``metered``), so what
    happens between the steps (tables worked out, a document zipped) is not
    charged to the county's templates.
    """

    __slots__ = ("depth", "limit", "running", "spent", "started", "steps", "written")

    def __init__(self) -> None:
        self.steps = 0
        self.written = 0
        self.depth = 0
        self.limit: float = MAX_SECONDS
        self.spent = 0.0  # seconds of the steps that have ended
        self.started = 0.0  # when the step under way began
        self.running = 0  # steps under way, nested (a render within a render)

    def elapsed(self) -> float:
        """Seconds the templates have run, the step under way included."""
        return self.spent + (monotonic() - self.started if self.running else 0.0)

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise SandboxRefusal(steps_message())
        if self.running and self.spent + monotonic() - self.started > self.limit:
            raise SandboxRefusal(time_message())

    def write(self, characters: int) -> None:
        self.written += characters
        if self.written > MAX_OUTPUT:
            raise SandboxRefusal(f"生成的文字超过 {MAX_OUTPUT} 个字符，已停止（是否在循环中重复输出了大段文字？）")

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise SandboxRefusal(recursion_message())

    def leave(self) -> None:
        self.depth -= 1

    @contextmanager
    def run(self) -> Iterator[None]:
        """A step: the clock runs while it does (once, however deeply steps nest)."""
        if not self.running:
            self.started = monotonic()
        self.running += 1
        try:
            yield
        finally:
            self.running -= 1
            if not self.running:
                self.spent += monotonic() - self.started


_active: ContextVar[Budget | None] = ContextVar("govreport_template_budget", default=None)


active = _active.get  # the budget of the report under way, or None


@contextmanager
def report_budget() -> Iterator[Budget]:
    """One budget for all the steps of a report: the one already open (a caller measuring), else a new one.
    Its clock does not run here, only in the steps (``metered``)."""
    current = _active.get()
    if current is not None:
        yield current
        return
    budget = Budget()
    token = _active.set(budget)
    try:
        yield budget
    finally:
        _active.reset(token)


@contextmanager
def metered() -> Iterator[Budget]:
    """A step of a report, run on the report's budget; outside any report (a caller's own form), on its own."""
    with report_budget() as budget, budget.run():
        yield budget


class Counted:
    """An iterable whose every item is a step of the budget; sized when the original is."""

    __slots__ = ("_budget", "_iterable", "_iterator")

    def __init__(self, iterable: Iterable[Any], budget: Budget) -> None:
        self._iterable = iterable
        self._iterator = iter(iterable)
        self._budget = budget

    def __iter__(self) -> Counted:
        return self

    def __next__(self) -> Any:
        self._budget.step()
        return next(self._iterator)

    def __len__(self) -> int:
        return len(self._iterable)  # type: ignore[arg-type]  # TypeError when unsized, as LoopContext expects


def weight(value: Any, limit: int) -> int:
    """Characters and items of ``value`` and what it holds, counted until ``limit`` is passed (what str() would grow to)."""
    total, pending = 0, [value]
    while pending and total <= limit:
        item = pending.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += len(item) + 1
            pending.extend(item)
        elif isinstance(item, dict):
            total += len(item) + 1
            pending.extend(item.keys())
            pending.extend(item.values())
        else:
            total += 1
    return total


def bounded_range(*args: int) -> range:
    """``range``, refused beyond ``MAX_SIZE`` numbers."""
    count = range_length(*args)
    if count > MAX_SIZE:
        raise SandboxRefusal(range_message(count))
    return range(*args)


def lipsum_allowed(n: Any = 5, min: Any = 20, max: Any = 100) -> bool:  # Jinja's names
    """Whether ``lipsum(n, html, min, max)`` stays within ``LIPSUM_PARAGRAPHS`` paragraphs of ``LIPSUM_WORDS`` words."""
    return all(_is_integer(v) for v in (n, min, max)) and 0 <= n <= LIPSUM_PARAGRAPHS and 1 <= min < max <= LIPSUM_WORDS


def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja's placeholder text, refused beyond what ``lipsum_allowed`` allows."""
    if not lipsum_allowed(n, min, max):
        raise SandboxRefusal(lipsum_message())
    return generate_lorem_ipsum(n, html, min, max)


def range_length(*args: int) -> int:
    """How many numbers ``range(*args)`` holds, also when there are more than the machine can count."""
    numbers = range(*args)
    try:
        return len(numbers)
    except OverflowError:
        return (numbers.stop - numbers.start) // numbers.step


_SEQUENCES = (str, bytes, list, tuple)


def check_operation(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*``, ``**``, ``+`` and ``%`` whose result would be too big, before it is computed."""
    if operator == "*":
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, _SEQUENCES) and _is_integer(times) and len(sequence) * times > MAX_SIZE:
                raise SandboxRefusal(size_message("重复（*）", len(sequence) * times))
        if _is_integer(left) and _is_integer(right) and too_many_digits("*", left, right):
            raise SandboxRefusal(digits_message("乘法"))
    elif operator == "**":
        _check_power(left, right)
    elif operator == "+":
        if isinstance(left, _SEQUENCES) and isinstance(right, _SEQUENCES) and len(left) + len(right) > MAX_SIZE:
            raise SandboxRefusal(size_message("相加（+）", len(left) + len(right)))
    elif operator == "%" and isinstance(left, str):
        check_percent_format(left, right)


def _check_power(base: Any, exponent: Any) -> None:
    if _is_integer(base) and _is_integer(exponent) and too_many_digits("**", base, exponent):
        raise SandboxRefusal(digits_message("乘方（**）"))


def too_many_digits(operator: str, left: int, right: int) -> bool:
    """Whether the integer ``left * right`` or ``left ** right`` would run beyond ``MAX_DIGITS`` digits; one
    rule for rendering and for ``templates check``, so that both draw the line at the same number."""
    if operator == "**":
        return right > 0 and abs(left) > 1 and right * math.log2(abs(left)) > _MAX_BITS
    return operator == "*" and left.bit_length() + right.bit_length() > _MAX_BITS


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_NUMBER = re.compile(r"\d+")


def check_percent_format(text: str, values: Any) -> None:
    """``"%10d" % x`` and the ``format`` filter: widths and precisions of at most ``MAX_SIZE``."""
    for match in _PERCENT_SPEC.finditer(text):
        for width in match.groups():
            if width == "*":
                _check_numbers_among(values, "格式（%）")
            elif width and int(width) > MAX_SIZE:
                raise SandboxRefusal(width_message("格式（%）", int(width)))


def check_format_string(text: str, values: tuple[Any, ...]) -> None:
    """``"{:>10}".format(x)``: widths and precisions of at most ``MAX_SIZE``, also those given as arguments."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # str.format reports the malformed string itself
    for _, _, spec, _ in fields:
        if not spec:
            continue
        if "{" in spec:
            _check_numbers_among(values, "格式（format）")
        for number in _NUMBER.findall(spec):
            if int(number) > MAX_SIZE:
                raise SandboxRefusal(width_message("格式（format）", int(number)))


def _check_numbers_among(values: Any, what: str) -> None:
    items = values if isinstance(values, (tuple, list)) else [values]
    for value in items:
        if _is_integer(value) and value > MAX_SIZE:
            raise SandboxRefusal(width_message(what, value))


def _check_width(what: str, width: Any) -> None:
    size = len(width) if isinstance(width, str) else width
    if _is_integer(size) and size > MAX_SIZE:
        raise SandboxRefusal(width_message(what, size))


def _check_join(separator: Any, items: list[Any]) -> None:
    if weight(items, MAX_SIZE) + len(str(separator)) * len(items) > MAX_SIZE:
        raise SandboxRefusal(size_message("连接（join）"))


def _check_replace(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    text, old, new = str(text), str(old), str(new)
    found = text.count(old) if old else len(text) + 1
    if _is_integer(count) and count >= 0:
        found = min(found, count)
    size = len(text) + found * (len(new) - len(old))
    if size > MAX_SIZE:
        raise SandboxRefusal(size_message("替换（replace）", size))


# Methods of str, bytes and int whose result grows with an argument.
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "to_bytes"})
# Methods of list, dict and set that make them grow.
_GROWING_METHODS = frozenset({"append", "extend", "insert", "update", "setdefault", "add", "__setitem__"})


def checked_arguments(function: Any, owner: str | bytes | int, args: tuple[Any, ...],
                      kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """The arguments of a call of a method of ``owner``, after refusing one whose result would be too big."""
    name = getattr(function, "__name__", None)
    if name in _WIDTH_METHODS:
        for value in (*args, *kwargs.values()):
            _check_width(f"“{name}()”", value)
    elif name == "join" and len(args) == 1 and not isinstance(owner, int):
        items = args[0] if isinstance(args[0], (list, tuple)) else list(args[0])
        _check_join(owner, items)
        return (items,)
    elif name == "replace" and len(args) >= 2:
        _check_replace(owner, *args[:3])
    return args


def check_growth(function: Any, owner: list[Any] | dict[Any, Any] | set[Any]) -> None:
    """After a call of a method of ``owner``: a list, dict or set a template fills holds at most ``MAX_SIZE`` items."""
    if getattr(function, "__name__", None) in _GROWING_METHODS and len(owner) > MAX_SIZE:
        raise SandboxRefusal(size_message("列表或字典", len(owner)))


# Jinja's filters whose first argument is a width or a count the result grows with.
WIDTH_FILTERS = {"center": "width", "indent": "width", "wordwrap": "width", "batch": "linecount", "slice": "slices"}


def _bounded_filters() -> dict[str, Callable[..., Any]]:
    """Jinja's filters whose result grows with an argument, each refusing beyond ``MAX_SIZE`` first."""

    def center(value: Any, width: int = 80) -> str:
        _check_width("过滤器“center”", width)
        return jinja_filters.do_center(value, width)

    def indent(value: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
        _check_width("过滤器“indent”", width)
        return jinja_filters.do_indent(value, width, first, blank)

    @pass_environment
    def wordwrap(environment: Any, value: Any, width: int = 79, *args: Any, **kwargs: Any) -> str:
        _check_width("过滤器“wordwrap”", width)
        return jinja_filters.do_wordwrap(environment, value, width, *args, **kwargs)

    def batch(value: Any, linecount: int, fill_with: Any = None) -> Iterator[list[Any]]:
        _check_width("过滤器“batch”", linecount)
        return jinja_filters.do_batch(value, linecount, fill_with)

    def slice_(value: Any, slices: int, fill_with: Any = None) -> Iterator[list[Any]]:
        _check_width("过滤器“slice”", slices)
        return jinja_filters.sync_do_slice(value, slices, fill_with)

    @pass_eval_context
    def join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
        if attribute is not None:
            value = map(jinja_filters.make_attrgetter(eval_ctx.environment, attribute), value)
        items = list(value)
        _check_join(d, items)
        return jinja_filters.sync_do_join(eval_ctx, items, d)

    @pass_eval_context
    def replace(eval_ctx: Any, value: Any, old: str, new: str, count: int | None = None) -> str:
        _check_replace(value, old, new, -1 if count is None else count)
        return jinja_filters.do_replace(eval_ctx, value, old, new, count)

    def format_(value: Any, *args: Any, **kwargs: Any) -> str:
        check_percent_format(str(value), kwargs or args)
        return jinja_filters.do_format(value, *args, **kwargs)

    @pass_environment
    def sum_(environment: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
        if not isinstance(start, (int, float, Decimal)):
            raise SandboxRefusal("sum 只能对数字求和（start 须为数字）")
        return jinja_filters.sync_do_sum(environment, iterable, attribute, start)

    def printed(name: str, function: Callable[..., str]) -> Callable[..., str]:
        def bounded(value: Any, *args: Any) -> str:
            if not isinstance(value, str) and weight(value, MAX_SIZE) > MAX_SIZE:
                raise SandboxRefusal(size_message(name))
            return function(value, *args)
        return bounded

    @pass_eval_context
    def tojson(eval_ctx: Any, value: Any, indent: int | None = None) -> str:
        _check_width("过滤器“tojson”", indent)
        return printed("过滤器“tojson”", lambda v: jinja_filters.do_tojson(eval_ctx, v, indent))(value)

    return {"center": center, "indent": indent, "wordwrap": wordwrap, "batch": batch, "slice": slice_,
            "join": join, "replace": replace, "format": format_, "sum": sum_, "tojson": tojson,
            "string": printed("过滤器“string”", jinja_filters.soft_str),
            "pprint": printed("过滤器“pprint”", jinja_filters.do_pprint)}


BOUNDED_FILTERS = _bounded_filters()
