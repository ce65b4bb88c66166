"""County template folders as rendering uses them: manifests, the resolution chain, the loader, the shell.

A chain is the list of folders searched before the built-in templates,
county first, then its parents (city, province), then the built-in set.
This is the mechanism, below rendering; the county files are checked here
before they are used (overrides.py). The tools for a folder's author
(``govreport templates init/list/check``) sit above rendering, in
``govreport.templatetools``.
"""

from .manifest import LayoutOptions, Manifest, ScoringOptions
from .resolve import ENV_VARIABLE, Folder, TemplateChain, resolve_chain

__all__ = ["ENV_VARIABLE", "Folder", "LayoutOptions", "Manifest", "ScoringOptions", "TemplateChain", "resolve_chain"]
