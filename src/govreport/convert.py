"""Stage 7 (optional) — convert: DOCX → PDF through LibreOffice, with the CJK font aliases.

Fonts are named, not embedded, in a DOCX; the shipped fontconfig file maps the
official face names (仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体, 宋体) to
installed open CJK faces, so the PDF is set in the intended styles.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from importlib.resources import files
from pathlib import Path

from .errors import GovreportError

FONTS_CONF = Path(str(files("govreport") / "fonts" / "fonts.conf"))
INSTALL_HINT = (
    "未找到 LibreOffice（soffice），无法生成 PDF。Debian/Ubuntu 可执行："
    "apt-get install libreoffice-writer fonts-noto-cjk fonts-arphic-ukai fonts-liberation2"
)


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise GovreportError(INSTALL_HINT)
    return found


def docx_to_pdf(docx: bytes, timeout: float = 180) -> bytes:
    """Convert DOCX bytes to PDF bytes in a private LibreOffice profile (safe to run in parallel)."""
    program = soffice()
    with tempfile.TemporaryDirectory(prefix="govreport-pdf-") as work:
        folder = Path(work)
        source = folder / "report.docx"
        source.write_bytes(docx)
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
        command = [
            program, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source),
        ]
        try:
            subprocess.run(command, env=env, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise GovreportError(f"LibreOffice 转换 PDF 超时（{timeout:.0f} 秒）") from None
        result = folder / "report.pdf"
        if not result.exists():
            raise GovreportError("LibreOffice 未能把文档转换为 PDF")
        return result.read_bytes()
