"""人民币大写 — the canonical uppercase amount of docs/figures.md “写法”."""

from __future__ import annotations

from decimal import Decimal

from ..figures.rounding import round_half_up

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("", "拾", "佰", "仟")
SECTIONS = ("", "万", "亿", "万亿")


def _integer(n: int) -> str:
    """Uppercase of a whole number of yuan, one 零 per run of inner zeros."""
    text = str(n)
    length = len(text)
    out: list[str] = []
    zero_pending = False
    for i, ch in enumerate(text):
        position = length - 1 - i
        digit = int(ch)
        if digit == 0:
            zero_pending = bool(out)
        else:
            if zero_pending:
                out.append("零")
                zero_pending = False
            out.append(DIGITS[digit] + PLACES[position % 4])
        if position % 4 == 0 and position > 0 and int(text[max(0, i - 3) : i + 1]):
            out.append(SECTIONS[position // 4])
    return "".join(out)


def rmb_upper(value: Decimal | int | str) -> str:
    """12345.67 → 壹万贰仟叁佰肆拾伍元陆角柒分; 120000 → 壹拾贰万元整; 0.08 → 捌分."""
    value = round_half_up(Decimal(value), 2)
    sign = "负" if value < 0 else ""
    fen_total = int(abs(value) * 100)
    yuan, rest = divmod(fen_total, 100)
    jiao, fen = divmod(rest, 10)
    if yuan == 0 and rest == 0:
        return "零元整"
    text = _integer(yuan) + "元" if yuan else ""
    if jiao:
        if yuan and yuan % 10 == 0:
            text += "零"
        text += DIGITS[jiao] + "角" + (DIGITS[fen] + "分" if fen else "整")
    elif fen:
        text += ("零" if yuan else "") + DIGITS[fen] + "分"
    else:
        text += "整"
    return sign + text
