"""Numbers written for people: significant digits, grouped thousands, counts with their noun.

Plain figures with no unit; :func:`model.inputs.units.format_quantity` adds the unit.
"""

from __future__ import annotations

import math

__all__ = ["format_number", "format_value", "plural"]


def format_number(value: float, digits: int = 4) -> str:
    """A number for people: ``digits`` significant digits, no exponent for everyday sizes.

    Whole numbers of four digits or more are written in full (years stay ``2027``), with
    thousands separators from ``10,000`` up.

    Parameters
    ----------
    value : float
    digits : int
        Significant digits of numbers below ``10 ** (digits - 1)``.

    Returns
    -------
    str
        ``n/a`` for NaN, ``infinity`` for infinities.

    Examples
    --------
    >>> format_number(7.7758), format_number(2320.0), format_number(180000.0)
    ('7.776', '2320', '180,000')
    """
    if value != value:  # NaN
        return "n/a"
    if value in (float("inf"), float("-inf")):
        return "infinity" if value > 0 else "-infinity"
    magnitude = abs(value)
    if magnitude >= 1e15:
        # Past this, full digits say nothing a reader can use (and 1e300 would fill a screen).
        return f"{value:.{digits}g}"
    if magnitude >= 10 ** (digits - 1):
        # Every whole digit is significant here; rounding them away would misstate the size.
        return f"{value:,.0f}" if magnitude >= 1e4 else f"{value:.0f}"
    return f"{value:.{digits}g}"


def format_value(value: float, sign: bool = False) -> str:
    """A figure for a table or a sentence: four significant digits, grouped thousands.

    From 10,000 up the whole number is written (``23,150``, never ``2.315e+04``: a share
    priced in yen or won is no rarer than one priced in dollars), up to 1e15; beyond, the
    figure is scientific (``1e+308``).

    Parameters
    ----------
    value : float
    sign : bool
        Write ``+`` before positive figures (a change).

    Returns
    -------
    str
        ``n/a`` when not finite.

    Examples
    --------
    >>> format_value(145.25), format_value(23150.4), format_value(-1234.5, sign=True)
    ('145.2', '23,150', '-1,234')
    """
    if not math.isfinite(value):
        return "n/a"
    plus = "+" if sign else ""
    if abs(value) >= 1e15:  # no price or amount is written out this long (1e+308, not 309 digits)
        return f"{value:{plus}.4g}"
    return f"{value:{plus},.4g}" if abs(value) < 1e4 else f"{value:{plus},.0f}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and ``word`` agreeing: ``"1 path"``, ``"20,000 paths"``."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"
