"""Data workbooks (.xlsx): the documented sheet layout, reading one as data, writing one from data.

``layout`` says which sheet and column holds each field; ``read`` turns a
workbook into the plain data a JSON file gives, as ``located.WorkbookData``
(remembering cells for messages); ``write`` produces the empty template and
the workbook of an existing data file. openpyxl is imported by ``read`` and
``write`` only, so JSON and YAML users never load it.
"""
