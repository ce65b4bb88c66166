"""Stage 6 — write: atomically, so a failed run never leaves a half-written or clobbered file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError


def write_atomic(path: str | Path, content: bytes) -> Path:
    """Write to a temporary file beside ``path``, flush it to disk, then rename over it."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"输出目录不存在：{folder}")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"无法在 {folder} 中写入文件（{exc.strerror}）") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"无法写入 {path}（{exc.strerror}）") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
