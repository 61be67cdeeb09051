"""Numbers as the charts write them: units on axes, number formats, probabilities and ranges.

Fractions always read as percentages; numbers shown together share one precision; nothing is
ever written in scientific notation.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from model.inputs.currencies import WHOLE_UNIT_CURRENCIES, canonical_currency
from model.inputs.figures import format_fixed, large_text

__all__ = [
    "axis_label",
    "decimals_for",
    "format_input",
    "format_number",
    "format_price",
    "format_probability",
    "format_range",
    "format_value",
    "format_values",
    "is_fraction_unit",
    "number_tick",
    "percent_tick",
    "set_value_axis",
    "share_tick",
    "whole_tick",
    "year_tick",
]


def is_fraction_unit(unit: str | None) -> bool:
    """True for units stored as fractions and shown as percentages ("%" and "share")."""
    return (unit or "").strip() in {"%", "share"}


def axis_label(quantity: str, unit: str | None) -> str:
    """Axis label with its unit, e.g. ``"Revenue (USD bn)"`` or ``"Market share (%)"``."""
    unit = (unit or "").strip()
    if not unit or unit == "1":
        return quantity
    if is_fraction_unit(unit):
        return f"{quantity} (%)"
    if unit.endswith("/share"):
        return f"{quantity} ({unit[: -len('/share')]} per share)"
    if unit == "x":
        return f"{quantity} (x, multiple)"
    return f"{quantity} ({unit})"


def decimals_for(values: Sequence[float]) -> int:
    """Decimals for a set of numbers shown together, set by the smallest of them.

    A chart that writes "183.0 HKD" beside "199.9 HKD" (not "183 HKD"), or "4.22 to 12.90 USD
    bn", reads as one table: 0 decimals from 1,000, 1 from 10, 2 from 1, 3 below 1.
    """
    sizes = [abs(float(v)) for v in values if np.isfinite(v) and v != 0]
    if not sizes:
        return 1
    size = min(sizes)
    if size >= 1000:
        return 0
    if size >= 10:
        return 1
    return 2 if size >= 1 else 3


def format_number(value: float, decimals: int | None = None) -> str:
    """A number as an analyst writes it: 12,346 / 177.6 / 16.10 / 9.32 / 0.358.

    Precision falls with magnitude (or is the ``decimals`` given, so that numbers shown
    together share it); trailing zeros stay, so neighbours line up, and scientific notation
    never appears.
    """
    if not np.isfinite(value):
        return "n/a"
    big = large_text(float(value))
    if big is not None:
        return big
    if decimals is None:
        decimals = decimals_for([value])
    return f"{value:,.{decimals}f}"


def format_value(value: float, unit: str | None, decimals: int | None = None) -> str:
    """Format a number with its unit: ``"129.5 HKD"``, ``"35.8%"``, ``"85.0 USD bn"``.

    Fractions always read as percentages with one decimal; other numbers take ``decimals``
    (see :func:`decimals_for`) or a precision set by their size.
    """
    unit = (unit or "").strip()
    if not np.isfinite(value):
        return "n/a"
    if is_fraction_unit(unit):
        text = large_text(float(value) * 100.0) or f"{value * 100:.1f}"
        return f"{'0.0' if text == '-0.0' else text}%"
    text = format_number(value, decimals)
    if unit in {"", "1"}:
        return text
    if unit == "x":
        return f"{text}x"
    if unit.endswith("/share"):
        return f"{text} {unit[: -len('/share')]}"
    return f"{text} {unit}"


def format_price(value: float, unit: str | None) -> str:
    """A share price as quoted, with its unit: ``"900 TWD"``, ``"129.5 HKD"``, ``"4.20 USD"``,
    ``"1,250 TWD"``, ``"265,000 JPY"``.

    Whole units for a price of 1,000 or more and in a currency without a minor unit (yen, won),
    as the console prints them; below that the decimals it was quoted with, up to two (four
    below 1): 900 is not "900.0", 19.99 not "20", and cents stay in a price under 10 ("4.20").
    """
    if not np.isfinite(value):
        return "n/a"
    code = canonical_currency((unit or "").strip().split(" ")[0].split("/")[0])
    if abs(value) >= 1000 or code in WHOLE_UNIT_CURRENCIES:
        return format_value(value, unit, 0)
    most = 4 if abs(value) < 1 else 2
    tol = 1e-9 * max(1.0, abs(value))
    decimals = next((k for k in range(most + 1) if abs(round(value, k) - value) <= tol), most)
    if 1 <= abs(value) < 10 and decimals == 1:
        decimals = 2  # a price in cents: 4.20, not 4.2
    return format_value(value, unit, decimals)


def format_values(values: Sequence[float], unit: str | None) -> list[str]:
    """Several numbers with one precision (see :func:`decimals_for`), each with its unit."""
    decimals = decimals_for(values)
    return [format_value(v, unit, decimals) for v in values]


def format_probability(p: float, *, se: bool = False) -> str:
    """A probability as a whole percentage that never rounds to a false certainty.

    ``0.002`` reads "<1%" (not "0%", which would say it never happens), ``0.998`` ">99%";
    exactly 0 and 1 read "0%" and "100%". With ``se=True`` (a standard error or a half-width)
    small values keep one decimal ("0.3%") instead.
    """
    if not np.isfinite(p):
        return "n/a"
    if se:
        return f"{p * 100:.1f}%" if p < 0.095 else f"{p * 100:.0f}%"
    if p <= 0.0:
        return "0%"
    if p >= 1.0:
        return "100%"
    if p < 0.01:
        return "<1%"
    if p > 0.99:
        return ">99%"
    return f"{p * 100:.0f}%"


def format_input(value: float, unit: str | None, *, yes_no: bool = False) -> str:
    """An input's value as an analyst writes it, with a precision fixed by its unit.

    Fractions ("%", "share") as percentages with one decimal (0.1487 -> "14.9%"); years and
    money with one decimal ("5.0 years", "11.4 USD bn"); multiples with one decimal ("23.5x");
    counts as whole numbers; a yes/no input (a bernoulli draw) as "no" / "yes".
    """
    unit = (unit or "").strip()
    if not np.isfinite(value):
        return "n/a"
    if yes_no:
        return "yes" if value >= 0.5 else "no"
    if is_fraction_unit(unit):
        return f"{format_fixed(value * 100, 1)}%"
    # FX rates ("HKD/USD") need more than one decimal; prices per share are money.
    money = canonical_currency(unit.split(" ")[0].split("/")[0]) is not None and (
        "/" not in unit or unit.endswith("/share")
    )
    if unit == "years" or money or unit == "x":
        # Below 1, one decimal would round most of the number away (0.241 USD bn).
        text = format_fixed(value, 1) if abs(value) >= 1 or value == 0 else f"{value:.2g}"
        if unit == "x":
            return f"{text}x"
        return f"{text} {unit[: -len('/share')] if unit.endswith('/share') else unit}"
    if unit == "count":
        return format_fixed(value)
    return format_value(value, unit)


# Tick formatters are module-level functions, not lambdas, so a chart can be pickled.


def percent_tick(value: float, _pos: object = None) -> str:
    """A fraction's tick: "40%" rather than "40.0%"; decimals only where needed ("2.5%")."""
    return f"{value * 100:,.4g}%"


def number_tick(value: float, _pos: object = None) -> str:
    """A number's tick, thousands grouped: "12,500"."""
    return f"{value:,.6g}"


def whole_tick(value: float, _pos: object = None) -> str:
    """A whole number's tick, thousands grouped: "20,000"."""
    return f"{value:,.0f}"


def year_tick(value: float, _pos: object = None) -> str:
    """A year's tick, not grouped: "2030"."""
    return f"{value:.0f}"


def share_tick(value: float, _pos: object = None) -> str:
    """A share's tick as a whole percentage: "40%"."""
    return f"{value:.0%}"


def set_value_axis(ax: Axes, unit: str | None, axis: str = "y") -> None:
    """Format a value axis for ``unit``: percentages for fractions, thousands separators else."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    tick = percent_tick if is_fraction_unit(unit) else number_tick
    target.set_major_formatter(FuncFormatter(tick))


def format_range(low: float, high: float, unit: str | None, decimals: int | None = None) -> str:
    """``"75.1 to 130.0 USD bn"``: a range with one precision and the unit written once."""
    if decimals is None:
        decimals = decimals_for([low, high])
    lo, hi = format_value(low, unit, decimals), format_value(high, unit, decimals)
    unit_text = hi[len(format_number(high, decimals)) :] if not is_fraction_unit(unit) else ""
    if unit_text and lo.endswith(unit_text):
        lo = lo[: -len(unit_text)]
    return f"{lo} to {hi}"
