"""What a check reports: the kind of defect, where it is, an excerpt, what is wrong, and any mechanical fix."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = {
    "placeholder": "占位符未填",
    "figures": "数字前后矛盾",
    "points": "百分点",
    "layout": "版式（GB/T 9704）",
    "numbering": "标题编号",
    "date": "日期",
    "docnumber": "发文字号",
}


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KINDS
    where: str
    excerpt: str
    message: str
    fix: tuple[str, str] | None = None  # (text as found, text to write) when the fix is mechanical

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "kind_label": KINDS[self.kind], "where": self.where, "excerpt": self.excerpt,
                "message": self.message, "fix": list(self.fix) if self.fix else None}


def excerpt(text: str, start: int, end: int, around: int = 18) -> str:
    """The match with a little context either side, marked with ‹ ›."""
    left = max(0, start - around)
    right = min(len(text), end + around)
    before = ("…" if left else "") + text[left:start]
    return before + "‹" + text[start:end] + "›" + text[end:right] + ("…" if right < len(text) else "")
