"""The words of the sensitivity charts: an input's tick label (its thesis label, else its name
made readable, and what kind of input it is), its values at the ends of its bars, the size of a
swing and the legend entries of the low and high bars.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from typing import Any, cast

import pandas as pd
from matplotlib.axes import Axes

from model.charts.base.numbers import format_input, format_value, is_fraction_unit
from model.charts.base.palette import INK
from model.inputs.figures import quantile_text
from model.valuation.finance.dates import fiscal_year_text
from model.valuation.roles import humanize

__all__ = [
    "bar_end_label",
    "end_texts",
    "input_labels",
    "is_yes_no",
    "legend_texts",
    "short_label",
    "shown_label",
    "swing_text",
]


def _wrap(text: str, width: int = 34) -> str:
    return textwrap.fill(str(text), width, break_on_hyphens=False)


#: What the tick label adds for inputs that are not plain variables.
_KIND_WORDS = {"event": "event", "shocks": "yearly shocks"}


def input_labels(frame: pd.DataFrame, year_end: str = "12-31") -> list[str]:
    """Wrapped tick labels of the inputs (their thesis label, else their name, and kind); an
    event's year is named as the thesis' years are (``FY2028`` when they end on ``year_end``,
    another day than 31 December)."""
    out = []
    for row in frame.to_dict("records"):
        # Events and unlabelled inputs carry their snake_case name as label: make it readable.
        text = shown_label(row)
        kind = _KIND_WORDS.get(str(row.get("kind", "")))
        if str(row.get("kind", "")) == "event" and "central_event_year" in row:
            central = row.get("central_event_year")
            text += (
                " (event; not in the central case)"
                if central is None or pd.isna(central)
                else " (event; in the central case from "
                f"{fiscal_year_text(int(central), year_end)})"
            )
        elif kind and kind.split()[-1].rstrip("s") not in text.lower():
            text += f" ({kind})"
        out.append(_wrap(text, 42))
    return out


def short_label(text: str, room: int) -> str:
    """An input's label for a title: without a closing parenthesis, and at most ``room``
    characters (cut at a word, with an ellipsis)."""
    text = str(text)
    while True:
        shorter = re.sub(r"\s*\([^()]*\)\s*$", "", text)
        if shorter == text or not shorter:
            break
        text = shorter
    if len(text) <= room:
        return text
    cut = text[: max(room - 1, 1)].rsplit(" ", 1)[0]
    return cut.rstrip(",;: ") + "\u2026"


def shown_label(row: Any) -> str:
    """An input's label as its tick label shows it: the thesis label, else its name made
    readable (an unlabelled input carries its name as label, which the title quoted raw)."""
    label, name = row["label"], str(row["input"])
    if label == f"{name} (shocks)":  # an unlabelled process: its name, readable, and the kind
        return f"{humanize(name)} (shocks)"
    return str(label) if label and label != name else humanize(name)


def is_yes_no(result: Any, name: str, low: float, high: float, unit: str) -> bool:
    """True for a yes/no input: a bernoulli assumption, or a unitless 0/1 swing."""
    thesis = getattr(result, "thesis", None)
    assumption = (getattr(thesis, "assumptions", None) or {}).get(name)
    family = getattr(getattr(assumption, "dist", None), "family", None)
    if family is not None:
        return str(family) == "bernoulli"
    return unit.strip() in {"", "1"} and {float(low), float(high)} <= {0.0, 1.0}


def bar_end_label(
    ax: Axes,
    base: float,
    width: float,
    y: float,
    text: str,
    color: str,
    span: float,
    gid: str,
    *,
    side: float,
    at_centre: bool = False,
) -> None:
    """Write ``text`` at the end of a bar, on ``side`` (+1 right, -1 left) of its anchor.

    Outside the bar, or inside a long bar when the text is long (outside a long bar it would
    run past the axes into the input labels). ``at_centre`` anchors the text at the centre line
    instead of the bar's end (for a bar of zero length, or the shorter of two bars on the same
    side, whose end is hidden).
    """
    inside = len(text) > 8 and abs(width) > 0.3 * span and not at_centre
    direction = -side if inside else side
    ax.annotate(
        text,
        (base if at_centre else base + width, y),
        xytext=(4 * direction, 0),
        textcoords="offset points",
        ha="left" if direction > 0 else "right",
        va="center",
        fontsize=8,
        color="white" if inside else INK,
        gid=gid,
        fontweight="bold" if inside else "normal",
        bbox={"boxstyle": "square,pad=0.1", "facecolor": color, "edgecolor": "none"}
        if inside
        else None,
    )


def end_texts(result: Any, row: Mapping[str, Any], year_end: str = "12-31") -> tuple[str, str]:
    """What the input is at the low and the high end of its bars.

    An event's bars say whether it happens; the "happens" end names the year it starts in
    (``FY2028`` for a thesis whose years end on ``year_end``, not 31 December), since the
    tornado puts it in one year (the legend says what the ends mean).
    """
    if str(row.get("kind", "")) == "event":
        year = row.get("event_year")
        known = year is not None and not pd.isna(year)
        when = fiscal_year_text(int(cast(float, year)), year_end) if known else ""
        return "never", f"from {when}" if known else "happens"
    low, high, unit = float(row["low_value"]), float(row["high_value"]), str(row["unit"])
    yes_no = is_yes_no(result, str(row["input"]), low, high, unit)
    return (format_input(low, unit, yes_no=yes_no), format_input(high, unit, yes_no=yes_no))


def swing_text(swing: float, unit: str, decimals: int) -> str:
    """The size of a swing: a difference of percentages reads in points."""
    text = format_value(abs(float(swing)), unit, decimals)
    return text.removesuffix("%") + " pp" if is_fraction_unit(unit) else text


def legend_texts(lo_q: float, hi_q: float, *, variables: bool, events: bool) -> tuple[str, str]:
    """Legend entries of the low and high bars: a quantile is only claimed for variables.

    The levels read as the tornado used them (``2.5%``, not a rounded ``2%``), as its repr says.
    """
    low, high = quantile_text(lo_q), quantile_text(hi_q)
    if not events:
        return f"Input at its {low} quantile", f"Input at its {high} quantile"
    if not variables:
        return "Event never happens", "Event happens (from the year shown)"
    return (
        f"Variable at its {low} quantile; event never happens",
        f"Variable at its {high} quantile; event happens (from the year shown)",
    )
