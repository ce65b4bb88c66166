"""Stage 7 (optional) — convert: DOCX → PDF through LibreOffice, many files per start, with the CJK font aliases.

Fonts are named, not embedded, in a DOCX; the shipped fontconfig file maps the
official face names (仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体, 宋体) to
installed open CJK faces, so the PDF is set in the intended styles. Starting
LibreOffice costs about a second, so a batch hands it many files at once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

from .errors import GovreportError

FONTS_CONF = Path(str(files("govreport") / "fonts" / "fonts.conf"))
INSTALL_HINT = (
    "未找到 LibreOffice（soffice），无法生成 PDF。Debian/Ubuntu 可执行："
    "apt-get install libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai fonts-liberation2"
)
SECONDS_PER_FILE = 60
FILES_PER_START = 40


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise GovreportError(INSTALL_HINT)
    return found


def font_environment() -> dict[str, str]:
    """The process environment with the shipped font aliases in force."""
    return {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}


def convert_files(sources: Sequence[Path], outdir: Path) -> dict[Path, Path]:
    """Convert DOCX files to PDF in ``outdir`` with one LibreOffice start; returns each source that
    converted with its PDF (a source missing from the result did not convert)."""
    program = soffice()
    if not sources:
        return {}
    with tempfile.TemporaryDirectory(prefix="govreport-lo-") as profile:
        command = [
            program, f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(outdir), *map(str, sources),
        ]
        timeout = 30 + SECONDS_PER_FILE * len(sources)
        try:
            subprocess.run(command, env=font_environment(), capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise GovreportError(f"LibreOffice 转换 PDF 超时（{timeout} 秒）") from None
    results = {source: outdir / f"{source.stem}.pdf" for source in sources}
    return {source: pdf for source, pdf in results.items() if pdf.is_file() and pdf.stat().st_size > 0}


def docx_to_pdf(docx: bytes) -> bytes:
    """Convert DOCX bytes to PDF bytes in a private LibreOffice profile (safe to run in parallel)."""
    with tempfile.TemporaryDirectory(prefix="govreport-pdf-") as work:
        source = Path(work) / "report.docx"
        source.write_bytes(docx)
        converted = convert_files([source], Path(work))
        if source not in converted:
            raise GovreportError("LibreOffice 未能把文档转换为 PDF")
        return converted[source].read_bytes()
