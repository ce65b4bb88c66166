"""Compiled templates kept on disk between runs (Jinja's bytecode cache), so a cold start does not recompile.

Compiling the templates is most of a single report's time; the compiled code
depends only on the template source, the Jinja and the Python version. The
cache lives in ``$GOVREPORT_CACHE`` or the user's cache folder
(``~/.cache/govreport``); ``GOVREPORT_CACHE=`` (empty) turns it off, and a
folder that cannot be written simply means no cache.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, Template

from ..version import __version__

CACHE_VARIABLE = "GOVREPORT_CACHE"


def bytecode_cache() -> BytecodeCache | None:
    chosen = os.environ.get(CACHE_VARIABLE)
    if chosen == "":
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govreport"
    folder = Path(chosen) if chosen else base / __version__
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


def from_source(env: Environment, source: str) -> Template:
    """``env.from_string(source)``, its compiled code taken from (or put into) the environment's cache."""
    cache = env.bytecode_cache
    if cache is None:
        return env.from_string(source)
    name = "string:" + hashlib.sha256(source.encode()).hexdigest()
    bucket = cache.get_bucket(env, name, None, source)
    if bucket.code is None:
        bucket.code = env.compile(source)  # unnamed, as from_string: autoescape follows default_for_string
        cache.set_bucket(bucket)
    return env.template_class.from_code(env, bucket.code, env.make_globals(None))
