"""Click's own texts in Chinese: its checks of paths, choices and numbers, and its answers to a wrong command line.

The help screens are Chinese (``cli.ChineseHelp``). Without this module a
folder given as the data file, a misspelt option or a missing argument would
still be answered in click's English ("Error: Invalid value for …", "Try … for
help"). Parameter types give their refusals in Chinese; the root command's
``main`` prints every usage error as 用法 / 帮助 / 错误 lines and exits with 2.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from typing import Any

import click

# Usage errors that carry only click's English sentence (no structured fields), and what to say instead.
_PLAIN_MESSAGES = (
    (re.compile(r"Got unexpected extra arguments? \((?P<args>.*)\)", re.S), "多余的参数：{args}"),
    (re.compile(r"No such command '(?P<name>.*)'\.", re.S), "没有命令“{name}”"),
    (re.compile(r"Missing command\.?"), "缺少命令"),
)


class PathType(click.Path):
    """``click.Path`` whose refusals (a folder where a file belongs, or the other way round) are in Chinese."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        name = os.fsdecode(value)
        try:
            mode = os.stat(name).st_mode
        except OSError:
            if self.exists:
                self.fail(f"{name} 不存在", param, ctx)
            return self.coerce_path_result(value)
        if not self.dir_okay and stat.S_ISDIR(mode):
            self.fail(f"{name} 是文件夹，这里应为文件", param, ctx)
        if not self.file_okay and not stat.S_ISDIR(mode):
            self.fail(f"{name} {'是文件' if stat.S_ISREG(mode) else '不是文件夹'}，这里应为文件夹", param, ctx)
        if self.readable and not os.access(name, os.R_OK):
            self.fail(f"{name} 没有读取权限", param, ctx)
        return super().convert(value, param, ctx)


class ChoiceType(click.Choice):
    """``click.Choice`` that names the accepted values in Chinese."""

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        return f"“{value}”不是可用的取值，应为：{'、'.join(map(str, self.choices))}"


class CountRange(click.IntRange):
    """A whole number between ``min`` and ``max`` (both included), refused in Chinese."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.fail(f"“{value}”不是整数", param, ctx)
        if (self.min is not None and number < self.min) or (self.max is not None and number > self.max):
            self.fail(f"{number} 超出范围，应为 {self.min}～{self.max} 之间的整数", param, ctx)
        return super().convert(number, param, ctx)


def _name(param: click.Parameter | None, hint: Any = None) -> str:
    """How an option or argument is named in a message: -o/--output, or the argument's Chinese metavar."""
    if isinstance(param, click.Option):
        return "/".join(param.opts)
    if param is not None:
        return f"“{param.metavar or param.name}”"
    return str(hint or "参数")


def _possibilities(exc: click.UsageError) -> str:
    close = getattr(exc, "possibilities", None)
    return f"；是否想写 {'、'.join(sorted(close))}？" if close else ""


def usage_message(exc: click.UsageError) -> str:
    """The Chinese sentence for one of click's usage errors."""
    if isinstance(exc, click.MissingParameter):
        what = "参数" if isinstance(exc.param, click.Argument) else "选项"
        return f"缺少{what} {_name(exc.param, exc.param_hint)}"
    if isinstance(exc, click.BadParameter):
        return f"{_name(exc.param, exc.param_hint)} 的取值无效：{exc.message}"
    if isinstance(exc, click.NoSuchOption):
        return f"没有选项 {exc.option_name}{_possibilities(exc)}"
    if isinstance(exc, click.BadOptionUsage):
        if "does not take a value" in exc.message:
            return f"选项 {exc.option_name} 不带取值，不能写成 {exc.option_name}=…"
        return f"选项 {exc.option_name} 后面缺少取值"
    for pattern, chinese in _PLAIN_MESSAGES:
        if found := pattern.fullmatch(exc.message.strip()):
            return chinese.format(**found.groupdict()) + _possibilities(exc)
    return f"命令行有误（{exc.message}）"


def show_usage_error(exc: click.UsageError) -> None:
    """用法, where to find help, and the error — the lines click prints in English."""
    if isinstance(exc, getattr(click.exceptions, "NoArgsIsHelpError", ())):
        exc.show()  # a command group run without a command: its (Chinese) help screen
        return
    ctx = exc.ctx
    if ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        if ctx.help_option_names:
            click.echo(f"帮助：{ctx.command_path} {ctx.help_option_names[0]}", err=True)
        click.echo(err=True)
    click.secho(f"错误：{usage_message(exc)}", fg="red", err=True)


class ChineseErrors:
    """The root command's ``main``: click's error handling, with its texts in Chinese."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)  # type: ignore[misc]
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)  # type: ignore[misc]
        except click.UsageError as exc:
            show_usage_error(exc)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.secho(f"错误：{exc.format_message()}", fg="red", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("已中止。", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)
