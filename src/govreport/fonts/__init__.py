"""Which faces a PDF was actually set in, and a warning when a Chinese face fell back to a Latin one.

A DOCX names its fonts (仿宋_GB2312…); the PDF holds the faces LibreOffice
found for them. When no CJK face is installed, fontconfig answers with a
Latin face and the Chinese text comes out in fallback glyphs or as boxes —
a document that looks wrong whatever the tests say.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache

from ..ooxml.fonts import east_asian_fonts
from ..pdf import font_environment

_BASE_FONT = re.compile(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([^\s/\[\]<>()]+)")
_CJK_FACE = re.compile(
    r"CJK|UKai|UMing|Kai|Song|Hei|Fang|Ming|WenQuanYi|WQY|Droid ?Sans ?Fallback|Source ?Han|SimSun|"
    r"Noto ?(Serif|Sans) ?(SC|TC|JP|KR)|[\u4e00-\u9fff]",
    re.IGNORECASE,
)


def is_cjk_face(name: str) -> bool:
    return bool(_CJK_FACE.search(name))


def pdf_faces(pdf: bytes) -> list[str]:
    """The faces a PDF embeds or names, subset prefixes dropped, in order of first use."""
    names = [m.group(1).decode("latin-1") for m in _BASE_FONT.finditer(pdf)]
    return list(dict.fromkeys(names))


@lru_cache(maxsize=64)
def resolved_face(name: str) -> str | None:
    """The installed face fontconfig gives for ``name`` under the shipped aliases (None without fc-match)."""
    program = shutil.which("fc-match")
    if program is None:
        return None
    result = subprocess.run([program, "-f", "%{family[0]}", name], env=font_environment(),
                            capture_output=True, text=True, timeout=30, check=False)
    return result.stdout.strip() or None


@dataclass(frozen=True)
class FontReport:
    faces: list[str]  # what the PDF uses
    substitutions: dict[str, str | None] = field(default_factory=dict)  # requested name → installed face
    warnings: list[str] = field(default_factory=list)


def font_report(pdf: bytes, docx: bytes | None = None) -> FontReport:
    faces = pdf_faces(pdf)
    requested = east_asian_fonts(docx) if docx is not None else []
    substitutions = {name: resolved_face(name) for name in requested if is_cjk_face(name)}
    warnings = [
        f"中文字体“{name}”回退为西文字体“{face}”，中文可能显示为方框或其他字体；请安装 fonts-noto-cjk 和 fonts-lxgw-wenkai"
        for name, face in substitutions.items()
        if face is not None and not is_cjk_face(face)
    ]
    if faces and not any(is_cjk_face(face) for face in faces):
        warnings.append(f"PDF 中没有使用任何中文字体（实际字体：{'、'.join(faces)}）；请安装 fonts-noto-cjk")
    return FontReport(faces, substitutions, warnings)
