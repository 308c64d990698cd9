"""A rate as the office reads it, "58%": the same whole number that Excel shows for the rate
stored in a "0%" cell, so the printed summary, the exported workbook and the dashboard agree.

Excel rounds a half away from zero on the decimal number it displays (15 significant digits):
23 of 40 (0.575) is "58%", 1 of 8 (0.125) "13%". Python's ``f"{x * 100:.0f}"`` rounds the binary
value half to even: 0.575 * 100 is 57.49999999999999 there, printed "57%", and 12.5 "12%".
Kept apart from the reports so the dashboard can use it without importing them."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def percent_text(value: float | None) -> str:
    """``value`` (0.575) as a whole percentage ("58%"); "—" for no rate (nothing was due)."""
    if value is None:
        return "—"
    shown = Decimal(f"{value * 100:.12g}")  # the decimal number Excel would display
    return f"{shown.quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"
