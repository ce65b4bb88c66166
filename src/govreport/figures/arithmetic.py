"""The Decimal context every figure is computed and written in, whatever context the caller has set.

Data hold fewer than 16 whole digits and at most 6 places (models/common.py),
so a sum of all the numbers a data file can hold has fewer than 30 significant
digits. With 50 digits of precision no sum, difference or product is ever
rounded, a quotient keeps far more digits than any display needs, and
rounding for display (``quantize``) never runs out of digits. Division by zero
is guarded where a figure is defined; should one slip through, it raises
instead of giving Infinity.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from decimal import ROUND_HALF_UP, Context, DivisionByZero, InvalidOperation, Overflow, localcontext

PRECISION = 50

CONTEXT = Context(prec=PRECISION, rounding=ROUND_HALF_UP, traps=[InvalidOperation, DivisionByZero, Overflow])


def exact_arithmetic() -> AbstractContextManager[Context]:
    """Enter govreport's context for a whole stage (validation with its figures, rendering)."""
    return localcontext(CONTEXT)
