"""Numbers written the way people write them, for every report format.

Rounding can turn a small negative number into "-0" or "-0.0", which reads as a fault; a
whole number typed as 3 and stored as 3.0 reads as "3". One place decides both.
"""

from __future__ import annotations

from decimal import Decimal


def fixed(value: float, places: int = 0, *, sign: bool = False) -> str:
    """``value`` rounded to ``places`` decimals, never "-0" or "-0.0".

    With ``sign`` a positive value gets a "+" (a change: "+12"); zero gets none.
    """
    text = f"{value:.{places}f}"
    if float(text) == 0:
        return f"{0:.{places}f}"
    return f"+{text}" if sign and value > 0 else text


def trimmed(value: Decimal | float, places: int = 1) -> str:
    """A quantity a person entered, without trailing zeros: 3.0 -> "3", 2.50 -> "2.5".

    Rounded to at most ``places`` decimals first; never "-0".
    """
    text = fixed(float(value), places)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text
