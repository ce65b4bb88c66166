"""The GB/T 9704 layout profile (``templates/gbt9704.yaml``): page, margins, fonts and sizes, closing, page number.

Read at run time by everything that lays out or checks a page — the DOCX
templates' builder, the closing's indents, the tables' widths, the Excel form,
the HTML preview and the proofreader — so that changing the profile changes
them all.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

PROFILE = "gbt9704.yaml"
TWIPS_PER_MM = 1440 / 25.4


@lru_cache(maxsize=1)
def profile() -> dict[str, Any]:
    """The profile as YAML gives it: lengths in twips, sizes in points."""
    import yaml  # only where a page is laid out

    return yaml.safe_load((files("govreport") / "templates" / PROFILE).read_text(encoding="utf-8"))


def millimetres(twips: int) -> int:
    """A length of the profile in whole millimetres, as messages and style sheets write it (2098 → 37)."""
    return round(twips / TWIPS_PER_MM)
