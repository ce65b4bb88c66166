"""The words and rule values of govreport, each defined once.

Models (their Literals and descriptions), figures, checks, table rows,
templates (through the figures, the context and the filters), the data
workbook and the command line all read them from here, so that a rule — the
预算执行率 row's 10 points, a rating's band, the “/” of a cell that does not
apply, a GB/T 9704 margin — cannot say one thing in one place and another
elsewhere (``tests/test_vocabulary.py`` fails on a copy).

It sits just above ``errors`` and imports nothing else of govreport:

- ``scoring``: the execution weight and full marks, ratings with their bands,
  grades, operators, the scoring options a county may choose;
- ``words``: “/”, money units, date styles, outlines, output formats;
- ``gbt9704``: the GB/T 9704 layout profile (``templates/gbt9704.yaml``), read at run time.
"""
