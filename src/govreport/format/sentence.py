"""How a line of text ends as a sentence: a heading that stands alone reads as one (seeds/003's （七）)."""

from __future__ import annotations

SENTENCE_ENDS = ("。", "！", "？", "…", "”", "』")


def as_sentence(text: str) -> str:
    """``text`` closed with 。 unless it already ends a sentence; trailing ，；： become 。."""
    text = text.rstrip()
    if not text or text.endswith(SENTENCE_ENDS):
        return text
    return text.rstrip("，,；;：:、") + "。"


def quoted(text: str) -> str:
    """A name in double quotes; quotes inside it become single ones (“救助资金‘一站式’结算率”)."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"
