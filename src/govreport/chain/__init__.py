"""County template folders: manifests, the resolution chain, the loader and the tools that check them.

A chain is the list of folders searched before the built-in templates,
county first, then its parents (city, province), then the built-in set.
"""

from .manifest import LayoutOptions, Manifest, ScoringOptions
from .resolve import ENV_VARIABLE, Folder, TemplateChain, resolve_chain

__all__ = ["ENV_VARIABLE", "Folder", "LayoutOptions", "Manifest", "ScoringOptions", "TemplateChain", "resolve_chain"]
