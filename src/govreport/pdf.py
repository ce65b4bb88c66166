"""Stage 7 (optional) — convert: DOCX → PDF through LibreOffice, many files per start, with the CJK font aliases.

Fonts are named, not embedded, in a DOCX; the shipped fontconfig file maps the
official face names (仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体, 宋体) to
installed open CJK faces, so the PDF is set in the intended styles. Starting
LibreOffice costs about a second, so a batch hands it many files at once.
LibreOffice runs in a process group of its own that is ended whatever happens,
within a time limit that grows with the documents.
"""

from __future__ import annotations

import math
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

from .errors import GovreportError
from .ooxml import unpacked_size
from .write import reason

FONTS_CONF = Path(str(files("govreport") / "fonts" / "fonts.conf"))
INSTALL_HINT = (
    "未找到 LibreOffice（soffice），无法生成 PDF。Debian/Ubuntu 可执行："
    "apt-get install libreoffice-writer-nogui fonts-noto-cjk fonts-lxgw-wenkai fonts-liberation2"
)
FILES_PER_START = 40
# How long LibreOffice may take: a start, then each file by its unpacked size. Measured: about 7 s a megabyte of
# unpacked DOCX (a report with 5,000 indicators, 18 MB unpacked: 110 to 122 s); the limit allows four times that.
START_SECONDS = 30
FILE_SECONDS = 60
SECONDS_PER_MB = 30
GRACE_SECONDS = 5  # between asking LibreOffice to stop and killing it
NOT_CONVERTED = "LibreOffice 未能把文档转换为 PDF（它结束了，但没有写出 PDF 文件），未生成 PDF"


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise GovreportError(INSTALL_HINT)
    return found


def font_environment() -> dict[str, str]:
    """The process environment with the shipped font aliases in force."""
    return {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}


def unpacked_megabytes(docx: Path) -> float:
    """The size of a DOCX's unpacked parts, which is what LibreOffice's time follows (not the compressed size)."""
    try:
        size = unpacked_size(docx)
    except (OSError, zipfile.BadZipFile):
        size = docx.stat().st_size if docx.is_file() else 0
    return size / 1_000_000


def time_limit(sources: Sequence[Path]) -> int:
    """Seconds one LibreOffice start may take for ``sources``: START_SECONDS, and for each file FILE_SECONDS
    plus SECONDS_PER_MB for each megabyte of its unpacked parts."""
    per_file = sum(FILE_SECONDS + SECONDS_PER_MB * unpacked_megabytes(source) for source in sources)
    return math.ceil(START_SECONDS + per_file)


def _run_to_end(command: list[str], limit: float) -> int | None:
    """Run ``command`` in a process group of its own; its exit code, or None when it ran past ``limit`` seconds.

    ``soffice`` is a launcher that starts ``soffice.bin``, which would keep running (and still write its
    PDFs) after the launcher alone is killed. So the whole group is ended, whatever happens here: asked to
    stop, then killed after GRACE_SECONDS.
    """
    try:
        process = subprocess.Popen(command, env=font_environment(), stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise GovreportError(f"无法启动 LibreOffice（{command[0]}）：{reason(exc)}") from None
    try:
        return process.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        return None
    finally:
        end_group(process)


def end_group(process: subprocess.Popen[bytes]) -> None:
    """Stop every process left in the group ``process`` leads, and reap the leader."""
    for signal_number, wait in ((signal.SIGTERM, GRACE_SECONDS), (signal.SIGKILL, None)):
        try:
            os.killpg(process.pid, signal_number)
        except ProcessLookupError:
            break  # nothing left
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
    process.wait()


def convert_files(sources: Sequence[Path], outdir: Path) -> dict[Path, Path]:
    """Convert DOCX files to PDF in ``outdir`` with one LibreOffice start; returns each source that
    converted with its PDF (a source missing from the result did not convert).

    No LibreOffice process outlives the call. When it runs past ``time_limit``, it is stopped, any PDF it
    left in ``outdir`` for these sources is removed, and the error says how long it was given.
    """
    program = soffice()
    if not sources:
        return {}
    results = {source: outdir / f"{source.stem}.pdf" for source in sources}
    limit = time_limit(sources)
    with tempfile.TemporaryDirectory(prefix="govreport-lo-") as profile:
        command = [
            program, f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(outdir), *map(str, sources),
        ]
        if _run_to_end(command, limit) is None:
            for pdf in results.values():
                pdf.unlink(missing_ok=True)
            raise GovreportError(f"PDF 转换超时（已等待 {limit} 秒），已停止 LibreOffice，未生成 PDF；"
                                 "可稍后在机器空闲时重试，或先生成 DOCX 再用 Word、WPS 另存为 PDF")
    return {source: pdf for source, pdf in results.items() if pdf.is_file() and pdf.stat().st_size > 0}


def docx_to_pdf(docx: bytes) -> bytes:
    """Convert DOCX bytes to PDF bytes in a private LibreOffice profile (safe to run in parallel)."""
    with tempfile.TemporaryDirectory(prefix="govreport-pdf-") as work:
        source = Path(work) / "report.docx"
        source.write_bytes(docx)
        converted = convert_files([source], Path(work))
        if source not in converted:
            raise GovreportError(NOT_CONVERTED)
        return converted[source].read_bytes()
