"""The one exception of the package layer; callers translate it into their own (a template or a data error)."""

from __future__ import annotations


class PackageFault(ValueError):
    """Why a package is refused, and the part concerned ("" for the package as a whole); ``reason`` is for a clerk.

    A part refused for its markup comes with every part (``parts``), so a caller can say where the part belongs.
    """

    def __init__(self, part: str, reason: str, parts: dict[str, bytes] | None = None) -> None:
        super().__init__(f"{part}：{reason}" if part else reason)
        self.part = part
        self.reason = reason
        self.parts = parts or {}
