"""Stage 6 — write: atomically, and only where writing cannot destroy something else.

A report is written to a temporary file beside its target, then renamed over
it, so a failed run never leaves a half-written or clobbered file. The rename
would just as readily replace a device node, a pipe or a read-only file, so
those are refused first: the target must be a new path or a writable regular
file. A symbolic link is refused too, rather than followed — writing through it
would replace a file elsewhere, and replacing it would quietly cut the link.
Root ignores permission bits, so a file or folder with no write bit at all
counts as read-only whoever runs govreport.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from .errors import OutputError

_REASONS = {
    errno.EACCES: "没有写入权限",
    errno.EPERM: "不允许写入",
    errno.EROFS: "所在磁盘是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EXDEV: "临时文件与目标不在同一磁盘上",
    errno.ENOEXEC: "不是可以运行的程序",
}


def reason(exc: OSError) -> str:
    """Why the system refused, in Chinese (the system's own text is English)."""
    return _REASONS.get(exc.errno or 0, f"系统错误 {errno.errorcode.get(exc.errno or 0, exc.errno)}")


def _read_only(path: Path, mode: int) -> bool:
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK)


def _writable_folder(folder: Path) -> None:
    """Refuse a read-only folder, for one output and for a batch's alike."""
    if _read_only(folder, folder.stat().st_mode):
        raise OutputError(f"输出目录 {folder} 是只读的，无法在其中写入文件")


def check_target(path: str | Path) -> Path:
    """Refuse a target that is not a new path or a writable regular file in a writable folder."""
    path = Path(path)
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"无法写入 {path}：{reason(exc)}") from None
    if mode is not None:
        if stat.S_ISLNK(mode):
            raise OutputError(f"{path} 是符号链接，未写入；请直接指定要生成的文件")
        if stat.S_ISDIR(mode):
            raise OutputError(f"{path} 是文件夹，不能作为输出文件；请写出文件名，如 {path / '报告.docx'}")
        if not stat.S_ISREG(mode):
            raise OutputError(f"{path} 不是普通文件（是设备、管道或套接字），未写入；请换一个输出文件")
        if _read_only(path, mode):
            raise OutputError(f"{path} 是只读文件，未覆盖；确需覆盖请先取消只读，或换一个输出文件")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"输出目录不存在：{folder}")
    _writable_folder(folder)
    return path


def output_folder(folder: str | Path) -> Path:
    """A folder to write many outputs into, created when missing; refused when it is a file or read-only."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{folder} 是文件，不能作为输出目录；请指定一个文件夹") from None
    except OSError as exc:
        raise OutputError(f"无法建立输出目录 {folder}：{reason(exc)}") from None
    _writable_folder(folder)
    return folder


def write_atomic(path: str | Path, content: bytes) -> Path:
    """Write to a temporary file beside ``path``, flush it to disk, then rename over it."""
    path = check_target(path)
    folder = path.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"无法在 {folder} 中写入文件：{reason(exc)}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"无法写入 {path}：{reason(exc)}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
