"""四舍五入 on Decimal — the only rounding a govreport document uses."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .arithmetic import CONTEXT

HUNDRED = Decimal(100)


def round_half_up(value: Decimal, digits: int = 2) -> Decimal:
    """Round half away from zero to ``digits`` places: 2.675 → 2.68 (not 2.67), in govreport's context."""
    return value.quantize(Decimal(1).scaleb(-digits, CONTEXT), rounding=ROUND_HALF_UP, context=CONTEXT)


def ratio(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part ÷ whole`` as a percentage, unrounded; None when the whole is zero."""
    if whole == 0:
        return None
    return part * HUNDRED / whole
