"""Packages read: from outside (a county's DOCX shell, a caller's form, a clerk's workbook) only once known safe.

A package is refused before any reader sees it when it is not a readable zip,
lacks a part it needs, has more parts than any document needs, unpacks to more
than ``MAX_UNPACKED`` (by the sizes its directory declares and by the bytes
actually inflated), declares a DTD in any part (external entities, billion
laughs), or has an XML part that is not well-formed (a part cut short). The
checked bytes of every part are returned, so nothing is inflated or trusted twice.
A package of our own making is read as it is (``entries``).
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

from .fault import PackageFault
from .parser import CHUNK, check_markup

MAX_UNPACKED = 50 * 1024 * 1024
MAX_PARTS = 10_000
_UNREADABLE = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError)


def read_package(data: bytes, noun: str, required: Iterable[str] = ()) -> dict[str, bytes]:
    """Every part of the package by name, once all of it is checked; otherwise a ``PackageFault``.

    ``noun`` names what the package should be (“Excel 工作簿”) in the reason a clerk reads.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = [info for info in package.infolist() if not info.is_dir()]
            if len(infos) > MAX_PARTS:
                raise PackageFault("", f"含有 {len(infos)} 个部分，超过 {MAX_PARTS} 个，不像是一份正常的 {noun}")
            names = {info.filename for info in infos}
            for name in required:
                if name not in names:
                    raise PackageFault("", f"不是有效的 {noun}（缺少 {name}）")
            if sum(info.file_size for info in infos) > MAX_UNPACKED:
                raise PackageFault(max(infos, key=lambda i: i.file_size).filename, _too_big())
            unpacked = 0
            inflated = []
            for info in infos:
                content, unpacked = _inflated(package, info, unpacked)
                inflated.append((info.filename, content))
    except PackageFault:
        raise
    except RuntimeError:  # encrypted, or a compression method zipfile lacks
        raise PackageFault("", f"不是有效的 {noun}（已加密或压缩方式不受支持）") from None
    except _UNREADABLE:
        raise PackageFault("", f"不是有效的 {noun}（文件不完整或已损坏）") from None
    parts = dict(inflated)
    for name, content in inflated:  # a name given twice: each copy is checked
        try:
            check_markup(name, content)
        except PackageFault as fault:
            raise PackageFault(fault.part, fault.reason, parts) from None
    return parts


def _too_big() -> str:
    return f"解压后超过 {MAX_UNPACKED >> 20} MB，不像是一份正常的文件，已拒绝"


def _inflated(package: zipfile.ZipFile, info: zipfile.ZipInfo, unpacked: int) -> tuple[bytes, int]:
    """The part's bytes, counted as they are inflated so a directory that understates a size changes nothing."""
    chunks = []
    with package.open(info) as member:
        while chunk := member.read(CHUNK):
            unpacked += len(chunk)
            if unpacked > MAX_UNPACKED:
                raise PackageFault(info.filename, _too_big())
            chunks.append(chunk)
    return b"".join(chunks), unpacked


def unpacked_size(package: bytes | Path) -> int:
    """The bytes a package unpacks to by its directory: for a writer to keep within what ``read_package`` takes,
    and for LibreOffice's time limit, which follows the unpacked size (a file is read from disk as it is)."""
    with zipfile.ZipFile(io.BytesIO(package) if isinstance(package, bytes) else package) as source:
        return sum(info.file_size for info in source.infolist())


def entries(content: bytes) -> list[tuple[str, bytes]]:
    """The files of a package of our own making, in its order."""
    with zipfile.ZipFile(io.BytesIO(content)) as source:
        return [(info.filename, source.read(info)) for info in source.infolist() if not info.is_dir()]
