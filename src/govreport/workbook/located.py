"""Data read from a workbook, remembering the cell each field path came from (no openpyxl needed to use it)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..errors import Problem

_LAST_PART = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")
_CELL = re.compile(r"^(.+)!(?:[A-Z]+(\d+)|第(\d+)行$)")


def _row(where: str) -> str:
    """``工作数据!E3`` and ``工作数据!第3行`` → ``工作数据!3``; a place that is not a cell stands for itself."""
    match = _CELL.match(where)
    return f"{match.group(1)}!{match.group(2) or match.group(3)}" if match else where


class WorkbookData(dict):
    """Plain data read from a workbook, with the cell (or sheet and row) each field path came from."""

    def __init__(self, data: dict[str, Any], cells: dict[str, str], choices: dict[str, tuple[str, ...]],
                 unread: list[Problem] | None = None) -> None:
        super().__init__(data)
        self.cells = cells
        self.choices = choices  # cell → the drop-down's options
        self.unread = unread or []  # cells whose values could not be read (left out of the data), by cell

    def with_unread(self, problems: list[Problem]) -> list[Problem]:
        """The cells that could not be read, then the other problems (located). A problem in the row of an
        unreadable cell is left out: it follows from the value left out (a 分项 cell that cannot be read
        leaves its metric without a number) and is named again, if it stands, once the cell is put right."""
        rows = {_row(p.path) for p in self.unread}
        located = [self.located(p) for p in problems]
        return [*self.unread, *(p for p in located if _row(p.path) not in rows)]

    def located(self, problem: Problem) -> Problem:
        """The problem named by cell; a value outside a drop-down is answered with the drop-down's options."""
        where = self.locate(problem.path)
        message = problem.message
        if where in self.choices and message.startswith("取值无效，应为以下之一："):
            shown = message[message.find("，实际为"):] if "，实际为" in message else ""
            message = f"取值无效，请从下拉列表中选择：{'、'.join(self.choices[where])}{shown}"
        elif where.endswith("”表") and message == "缺少必填字段":
            message = "至少需要填写一行"
        return replace(problem, path=where, message=message)

    def locate(self, path: str) -> str:
        """The cell of ``path``, or of the nearest record or list holding it; the path itself when none."""
        probe = path
        while probe:
            if probe in self.cells:
                return self.cells[probe]
            trimmed = _LAST_PART.sub("", probe)
            if trimmed == probe:
                break
            probe = trimmed
        # a group (meta.region) is where its first field was read
        inner = next((cell for field, cell in self.cells.items() if field.startswith((path + ".", path + "["))), None)
        return inner or path
