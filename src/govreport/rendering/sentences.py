"""The sentence book ``say``: the shared and each kind's ``sentences.j2`` macros, a county's replacing them by name.

Macros cannot be overridden by template inheritance, so the book is built in
layers: the built-in macros first, then each folder's, most specific last.
Every macro sees the render variables and ``say`` itself, so a county's
sentence may call any other sentence, overridden or not.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from jinja2.runtime import Macro

from ..chain.loader import sentence_books
from .environment import ReportEnvironment


def sentence_book(env: ReportEnvironment, folder: str, variables: dict[str, Any]) -> SimpleNamespace:
    book = SimpleNamespace()
    seen = {**variables, "say": book}
    for name in sentence_books(folder):
        for index in reversed(range(len(env.loader.layers))):
            found = env.loader.locate(name, index)
            if found is None or found[0] != index:
                continue
            module = env.get_template(f"@{index}/{name}").make_module(seen)
            for key, value in vars(module).items():
                if isinstance(value, Macro):
                    setattr(book, key, value)
    return book
