"""Data workbooks (.xlsx): the documented sheet layout, reading one as data, writing one from data.

``layout`` says which sheet and column holds each field and how many rows a
sheet holds; ``source`` opens a workbook from outside only once its package
is checked and reads its sheets row by row within a budget; ``read`` turns it
into the plain data a JSON file gives, as ``located.WorkbookData``
(remembering cells for messages); ``write`` produces the empty template and
the workbook of an existing data file, refusing what would not read back.
openpyxl is imported by ``source`` and ``write`` only, so JSON and YAML users
never load it.
"""
