"""Numbers written for people: significant digits, grouped thousands, counts with their noun.

Plain figures with no unit; :func:`model.inputs.units.format_quantity` adds the unit.
"""

from __future__ import annotations

import math

__all__ = [
    "LARGE",
    "format_fixed",
    "format_number",
    "format_value",
    "large_text",
    "plural",
    "quantile_text",
]

#: From this magnitude on a figure is written in scientific notation, a few significant digits
#: (``4.473e+97``): a float holds 15 significant decimal digits for sure (C's ``DBL_DIG``), so
#: the digits of a larger figure written out in full are floating-point noise past the 15th,
#: not a size anyone reads (and 1e300 would fill a screen); money in units or billions, share
#: counts and percentages of any company stay far below it.
LARGE = 1e15


def large_text(value: float, digits: int = 4, *, sign: bool = False) -> str | None:
    """``value`` in scientific notation with ``digits`` significant digits when it is finite
    and :data:`LARGE` or more in magnitude (``"1e+72"``, ``"-4.473e+97"``); else None, for the
    caller's own format.

    Examples
    --------
    >>> large_text(4.4731e97), large_text(-1e72, sign=True), large_text(123.0)
    ('4.473e+97', '-1e+72', None)
    """
    if not math.isfinite(value) or abs(value) < LARGE:
        return None
    return f"{value:{'+' if sign else ''}.{digits}g}"


def format_fixed(
    value: float, decimals: int = 0, *, grouped: bool = True, sign: bool = False
) -> str:
    """``value`` with ``decimals`` decimals, thousands grouped (``f"{value:,.0f}"``), below
    :data:`LARGE`; beyond, scientific (:func:`large_text`).

    Examples
    --------
    >>> format_fixed(123456.7), format_fixed(1e72 + 1.4e56), format_fixed(12.345, 1, sign=True)
    ('123,457', '1e+72', '+12.3')
    """
    big = large_text(value, sign=sign)
    if big is not None:
        return big
    return f"{value:{'+' if sign else ''}{',' if grouped else ''}.{decimals}f}"


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
    big = large_text(value, digits)
    if big is not None:
        return big
    magnitude = abs(value)
    if magnitude >= 10 ** (digits - 1):
        # Every whole digit is significant here; rounding them away would misstate the size.
        return f"{value:,.0f}" if magnitude >= 1e4 else f"{value:.0f}"
    return f"{value:.{digits}g}"


def format_value(value: float, sign: bool = False) -> str:
    """A figure for a table or a sentence: four significant digits, grouped thousands.

    From 10,000 up the whole number is written (``23,150``, never ``2.315e+04``: a share
    priced in yen or won is no rarer than one priced in dollars), up to :data:`LARGE`; beyond,
    the figure is scientific (``1e+308``).

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
    big = large_text(value, sign=sign)
    if big is not None:
        return big
    plus = "+" if sign else ""
    return f"{value:{plus},.4g}" if abs(value) < 1e4 else f"{value:{plus},.0f}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and ``word`` agreeing: ``"1 path"``, ``"20,000 paths"``."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def quantile_text(level: float) -> str:
    """A quantile level as people read it: ``10%`` for 0.1, ``2.5%`` for 0.025, ``0.01%``.

    Rounded to whole percents, 0.025 would read as 2% and 0.0001 as 0%, a quantile the
    tornado did not use. One function, so the tornado's repr, printout and chart word its
    levels alike.
    """
    return f"{round(float(level) * 100.0, 6):g}%"
