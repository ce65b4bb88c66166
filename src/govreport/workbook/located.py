"""Data read from a workbook, remembering the cell each field path came from (no openpyxl needed to use it)."""

from __future__ import annotations

import re
from typing import Any

_LAST_PART = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")


class WorkbookData(dict):
    """Plain data read from a workbook, with the cell (or sheet and row) each field path came from."""

    def __init__(self, data: dict[str, Any], cells: dict[str, str]) -> None:
        super().__init__(data)
        self.cells = cells

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
