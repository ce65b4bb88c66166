"""A county template folder uploaded as a .zip, when the operator allows it (``govreport serve --allow-template-upload``).

The archive is read cautiously before anything is written: a bounded size,
a bounded number of files, only the files a county folder holds
(manifest.yaml, ``*.j2``, ``*.docx``, README.md), no absolute paths, no
``..``, no links or other special entries. It is unpacked into a fresh folder
of the server's temporary folder, used as the first folder of the chain for
one request and removed afterwards. Its manifest's ``parent`` may name one of
the configured folders by name, or nothing; the chain's own checks (sandbox,
costs, shells, links) apply as to any folder.
"""

from __future__ import annotations

import io
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

import yaml

from ..chain.manifest import MANIFEST, read_manifest
from ..errors import GovreportError
from .responses import ApiError

MEGABYTE = 1024 * 1024
MAX_ZIP = 5 * MEGABYTE  # the archive as uploaded
MAX_UNPACKED = 20 * MEGABYTE  # all its files unpacked
MAX_FILES = 32
NAMES = {MANIFEST, "README.md"}
SUFFIXES = (".j2", ".docx")
NOT_ALLOWED = ("服务器管理员没有允许上传县级模板；请从服务器已配置的县级模板目录中选用（见 /api/v1/templates），"
               "或请管理员用 govreport serve --allow-template-upload 启动服务")
REFUSED = "上传的县级模板压缩包已拒绝："
BROKEN = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError, OSError)


def unpack(content: bytes, home: Path, configured: dict[str, Path]) -> Path:
    """The archive unpacked into a fresh folder under ``home``; an ``ApiError`` (nothing left on disk) otherwise."""
    if len(content) > MAX_ZIP:
        raise ApiError(413, f"{REFUSED}压缩包超过 {MAX_ZIP // MEGABYTE} MB")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = _checked(archive)
    except BROKEN:
        raise ApiError(400, f"{REFUSED}不是有效的 .zip 文件") from None
    base = home / "template-uploads"
    base.mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="upload-", dir=base))
    try:
        _write(archive, entries, folder)
        _rewrite_parent(folder, configured)
    except BROKEN:
        remove(folder)
        raise ApiError(400, f"{REFUSED}压缩包已损坏，无法解压") from None
    except BaseException:
        remove(folder)
        raise
    return folder


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def _checked(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The files to write, by their path inside the county folder (a single top folder around it is dropped)."""
    files: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in archive.infolist():
        name = info.filename
        mode = info.external_attr >> 16
        if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
            raise ApiError(400, f"{REFUSED}其中的“{name}”是绝对路径或含反斜杠，只能是模板目录内的相对路径")
        parts = PurePosixPath(name).parts
        if any(part in ("..", ".") for part in parts) or any(ord(ch) < 32 for ch in name):
            raise ApiError(400, f"{REFUSED}其中的“{name}”含有“..”等指向目录之外的写法")
        if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):  # links, devices, pipes
            raise ApiError(400, f"{REFUSED}其中的“{name}”是链接或特殊文件，只能包含普通文件")
        if info.flag_bits & 0x1:
            raise ApiError(400, f"{REFUSED}其中的“{name}”已加密，请上传未加密的压缩包")
        if info.is_dir():
            continue
        if parts[-1] not in NAMES and not parts[-1].lower().endswith(SUFFIXES):
            raise ApiError(400, f"{REFUSED}其中的“{name}”不是县级模板目录中的文件"
                                f"（只能有 manifest.yaml、*.j2、*.docx、README.md）")
        total += info.file_size
        if len(files) >= MAX_FILES:
            raise ApiError(400, f"{REFUSED}文件超过 {MAX_FILES} 个")
        if total > MAX_UNPACKED:
            raise ApiError(413, f"{REFUSED}解压后超过 {MAX_UNPACKED // MEGABYTE} MB")
        if name in files:
            raise ApiError(400, f"{REFUSED}其中的“{name}”出现了两次")
        files[name] = info
    return _without_top_folder(files)


def _without_top_folder(files: dict[str, zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    if MANIFEST in files:
        return files
    tops = {PurePosixPath(name).parts[0] for name in files}
    inner = {name.split("/", 1)[1]: info for name, info in files.items() if "/" in name}
    if len(tops) == 1 and len(inner) == len(files) and MANIFEST in inner:
        return inner
    raise ApiError(400, f"{REFUSED}最上层没有 {MANIFEST}；请把县级模板目录本身（或其中的文件）打包上传")


def _write(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], folder: Path) -> None:
    """Each file written with no more bytes than its entry declares (zipfile stops there and checks the CRC)."""
    for name, info in entries.items():
        target = folder.joinpath(*PurePosixPath(name).parts)
        if not target.resolve().is_relative_to(folder.resolve()):
            raise ApiError(400, f"{REFUSED}其中的“{name}”指向目录之外")
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(info) as source, target.open("xb") as out:
            out.write(source.read(info.file_size))


def _rewrite_parent(folder: Path, configured: dict[str, Path]) -> None:
    """The manifest checked; its ``parent`` (a configured folder's name, or nothing) pointed at that folder."""
    try:
        manifest = read_manifest(folder)
    except GovreportError as exc:
        text = str(exc).replace(str(folder / MANIFEST), MANIFEST).replace(str(folder), "上传的模板目录")
        raise ApiError(400, REFUSED + text) from None
    if manifest.parent is None:
        return
    if manifest.parent not in configured:
        available = "、".join(configured) or "（服务器没有配置县级模板目录）"
        raise ApiError(400, f"{REFUSED}{MANIFEST} 的 parent 只能写服务器已配置的县级模板目录名（{available}）或不写；"
                            f"“{manifest.parent}”不是其中之一")
    path = folder / MANIFEST
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["parent"] = str(configured[manifest.parent])
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
