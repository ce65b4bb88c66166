"""Data workbooks (.xlsx): the documented sheet layout, reading one as data, writing one from data.

``layout`` says which sheet and column holds each field; ``read`` turns a
workbook into the plain data a JSON file gives (remembering cells for
messages); ``write`` produces the empty template and the workbook of an
existing data file.
"""

from .layout import LAYOUTS, Layout
from .read import WorkbookData, read_workbook
from .write import write_workbook

__all__ = ["LAYOUTS", "Layout", "WorkbookData", "read_workbook", "write_workbook"]
