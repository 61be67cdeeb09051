"""The house palette: colours that survive greyscale printing and colour blindness, each paired
with a second cue (a line style, a hatch or a marker), the inks of prices and marks, and the
look of a scenario, fixed by its name.

:mod:`model.charts.style` re-exports all of it; the charts read it from there.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from typing import Any, cast

import matplotlib as mpl
import numpy as np

__all__ = [
    "BAND_COLORS",
    "COLORS",
    "HATCHES",
    "INK",
    "LINESTYLES",
    "MARKERS",
    "MARK_STYLES",
    "OKABE_ITO",
    "PRICE_COLOR",
    "SCENARIO_STYLES",
    "lighten",
    "scenario_style",
]


#: Okabe-Ito palette (Okabe & Ito 2008), ordered so neighbours differ in lightness as well as hue.
OKABE_ITO: Mapping[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "grey": "#666666",
    "yellow": "#F0E442",
}
#: Series colours. Black is kept out: it is reserved for the thesis price and sourced marks.
COLORS: tuple[str, ...] = tuple(OKABE_ITO.values())
#: Paired with COLORS index by index so a series is recognisable without colour.
LINESTYLES: tuple[Any, ...] = (
    "-",
    "--",
    "-.",
    ":",
    (0, (5, 1)),
    (0, (3, 1, 1, 1)),
    (0, (1, 1)),
    (0, (6, 2, 1, 2, 1, 2)),
)
HATCHES: tuple[str, ...] = ("", "///", "...", "xxx", "\\\\\\", "ooo", "---", "+++")
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*")

#: Ink for annotations, reference lines (price) and sourced marks.
INK = "#222222"
#: The price is black and solid in every chart: it never clashes with a series colour and stays
#: the darkest line in greyscale.
PRICE_COLOR = "#000000"
#: Styles of the percentile marks of one distribution (p5, median, p95). Neutral inks, so they
#: are never mistaken for a scenario (scenarios own the palette's hues).
MARK_STYLES: tuple[dict[str, Any], ...] = (
    {"color": "#555555", "linestyle": "--"},
    {"color": "#00466E", "linestyle": "-."},
    {"color": "#555555", "linestyle": ":"},
)


def lighten(color: str, weight: float) -> str:
    """Blend ``color`` towards white; ``weight`` = share of white (0 keeps the colour)."""
    rgb = np.array(mpl.colors.to_rgb(color))
    mixed = rgb + (1.0 - rgb) * weight
    return mpl.colors.to_hex(cast(Any, mixed))


#: Fan-chart bands, outer (p5-p95) to inner (p25-p75), then the median line. Built from one hue
#: with increasing darkness so the order of the bands reads in greyscale too.
BAND_COLORS: tuple[str, str, str] = (
    lighten(OKABE_ITO["blue"], 0.78),
    lighten(OKABE_ITO["blue"], 0.45),
    "#00466E",
)

#: Fixed look of the scenarios the theses use, so one scenario looks the same in every chart
#: (colour, line style, hatch, marker): bull green, bear vermillion, stress tests in the
#: remaining hues, the 2022 view grey.
SCENARIO_STYLES: Mapping[str, tuple[str, Any, str, str]] = {
    "base": (OKABE_ITO["blue"], "-", "", "o"),
    "bull": (OKABE_ITO["green"], "--", "///", "^"),
    "bear": (OKABE_ITO["vermillion"], "-.", "\\\\\\", "v"),
    "crackdown_redux": (OKABE_ITO["purple"], ":", "xxx", "X"),
    "chip_controls": (OKABE_ITO["sky"], (0, (5, 1)), "...", "s"),
    "competition": (OKABE_ITO["orange"], (0, (3, 1, 1, 1)), "ooo", "D"),
    "view_2022": (OKABE_ITO["grey"], (0, (1, 1)), "---", "P"),
}


def scenario_style(name: str) -> dict[str, Any]:
    """Colour, line style, hatch and marker of a scenario, fixed by its name.

    Scenarios without a fixed look get one from a checksum of the name (not Python's salted
    ``hash``), so they too keep their look from chart to chart and from run to run.
    """
    fixed = SCENARIO_STYLES.get(str(name))
    if fixed is None:
        # Yellow first: it is the one hue the named scenarios leave free.
        hues = (OKABE_ITO["yellow"], *COLORS[:-1])
        k = zlib.crc32(str(name).encode("utf-8"))
        fixed = (
            hues[k % len(hues)],
            LINESTYLES[(k // 8) % len(LINESTYLES)],
            HATCHES[(k // 64) % len(HATCHES)],
            MARKERS[(k // 512) % len(MARKERS)],
        )
    color, linestyle, hatch, marker = fixed
    return {"color": color, "linestyle": linestyle, "hatch": hatch, "marker": marker}
