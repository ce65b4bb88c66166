"""The tools for county template folders, above rendering: ``govreport templates init``, ``list`` and ``check``.

The chain itself — manifests, resolution, the loader and the check of county
files that rendering runs before using them — is ``govreport.chain``, below
rendering. These tools read the built-in templates (the catalogue of blocks
and sentence macros), render a shell to see that it works, and estimate what a
template will cost (costs.py) against rendering's bounds.
"""
