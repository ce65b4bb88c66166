"""Data read from a workbook, remembering the cell each field path came from (no openpyxl needed to use it)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..errors import Problem

_LAST_PART = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")


class WorkbookData(dict):
    """Plain data read from a workbook, with the cell (or sheet and row) each field path came from."""

    def __init__(self, data: dict[str, Any], cells: dict[str, str], choices: dict[str, tuple[str, ...]]) -> None:
        super().__init__(data)
        self.cells = cells
        self.choices = choices  # cell → the drop-down's options

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
        return path
