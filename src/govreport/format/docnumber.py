"""发文字号: 代字〔2026〕3号 with 六角括号, full year, no 第, no zero padding."""

from __future__ import annotations

import re

_DOC_NUMBER = re.compile(
    r"^\s*(?P<code>.+?)\s*[〔\[【（(［]\s*(?P<year>\d{4})\s*[〕\]】）)］]\s*第?\s*0*(?P<serial>\d+)\s*号\s*$"
)


def normalise_doc_number(text: str) -> str | None:
    """三民发[2026]第03号 → 三民发〔2026〕3号; None when it is not a 文号 at all."""
    match = _DOC_NUMBER.match(text)
    if not match:
        return None
    return f"{match['code']}〔{match['year']}〕{int(match['serial'])}号"
