"""Work on templates kept on disk between runs, so a cold start does not redo it.

Compiling the templates is most of a single report's time; the compiled code
depends only on the template source, the Jinja and the Python version
(Jinja's bytecode cache). The DOCX template prepared for a chain and its
parts rewritten for Jinja depend only on their inputs too, and are stored
under a hash of them. The cache lives in ``$GOVREPORT_CACHE`` or the user's
cache folder (``~/.cache/govreport/<version>``); ``GOVREPORT_CACHE=`` (empty)
turns it off, and a folder that cannot be written simply means no cache.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, Template

from ..version import __version__

CACHE_VARIABLE = "GOVREPORT_CACHE"


def cache_folder() -> Path | None:
    """The writable cache folder, or None when caching is off or impossible."""
    chosen = os.environ.get(CACHE_VARIABLE)
    if chosen == "":
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govreport"
    folder = Path(chosen) if chosen else base / __version__
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def bytecode_cache() -> BytecodeCache | None:
    folder = cache_folder()
    return FileSystemBytecodeCache(str(folder)) if folder is not None else None


def digest(*parts: bytes | str) -> str:
    """A name for what ``parts`` determine."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode() if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


def stored(name: str, build: Callable[[], bytes], valid: Callable[[bytes], bool] = lambda data: True) -> bytes:
    """``build()``, kept in the cache folder under ``name`` (written atomically; an unusable copy is rebuilt)."""
    folder = cache_folder()
    if folder is None:
        return build()
    path = folder / name
    try:
        data = path.read_bytes()
        if valid(data):
            return data
    except OSError:
        pass
    data = build()
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        pass
    return data


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
