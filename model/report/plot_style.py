"""House style for the charts: palette, labels, footnotes, figure creation and PNG saving.

Every chart in :mod:`model.report.plots` goes through the helpers here so that all of them share
one look: titles that state what the chart shows, units on every axis, a footnote naming the thesis
file, the scenario and the run settings, and colours that survive greyscale printing and colour
blindness (the Okabe-Ito palette, always paired with a second cue: a line style, a hatch or a
marker).

Nothing here changes matplotlib's global state: the style is a dict applied with
:func:`matplotlib.rc_context` inside each chart function and again while saving, and figures are
created as bare :class:`matplotlib.figure.Figure` objects (not through pyplot), so they are never
shown, never registered with a GUI and are freed as soon as the caller drops them.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.ticker import FuncFormatter

__all__ = [
    "BAND_COLORS",
    "COLORS",
    "HATCHES",
    "LINESTYLES",
    "MARKERS",
    "OKABE_ITO",
    "STYLE",
    "add_footnote",
    "axis_label",
    "footnote_text",
    "format_value",
    "house_style",
    "humanize",
    "is_fraction_unit",
    "new_axes",
    "output_label",
    "save_png",
    "segments_of",
    "set_value_axis",
    "title_of",
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
#: Series colours. Black is kept out: it is reserved for the current price and sourced marks.
COLORS: tuple[str, ...] = tuple(OKABE_ITO.values())
#: Paired with COLORS index by index so a series is recognisable without colour.
LINESTYLES: tuple[Any, ...] = (
    "-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1)), (0, (1, 1)), (0, (6, 2, 1, 2, 1, 2)),
)
HATCHES: tuple[str, ...] = ("", "///", "...", "xxx", "\\\\\\", "ooo", "---", "+++")
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*")

#: Ink for annotations, reference lines (price) and sourced marks.
INK = "#222222"
#: The current price is black and solid in every chart: it never clashes with a series colour
#: and stays the darkest line in greyscale.
PRICE_COLOR = "#000000"
#: Styles of the three reference marks of a distribution (low / central / high: p5, median, p95
#: or bear, base, bull medians).
MARK_STYLES: tuple[dict[str, Any], ...] = (
    {"color": OKABE_ITO["orange"], "linestyle": "--"},
    {"color": "#00466E", "linestyle": "-."},
    {"color": OKABE_ITO["green"], "linestyle": ":"},
)


def lighten(color: str, weight: float) -> str:
    """Blend ``color`` towards white; ``weight`` = share of white (0 keeps the colour)."""
    rgb = np.array(mpl.colors.to_rgb(color))
    mixed = rgb + (1.0 - rgb) * weight
    return mpl.colors.to_hex(mixed)


#: Fan-chart bands, outer (p5-p95) to inner (p25-p75), then the median line. Built from one hue
#: with increasing darkness so the order of the bands reads in greyscale too.
BAND_COLORS: tuple[str, str, str] = (
    lighten(OKABE_ITO["blue"], 0.78),
    lighten(OKABE_ITO["blue"], 0.45),
    "#00466E",
)

#: rc settings applied inside every chart function and while saving.
STYLE: Mapping[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "lines.linewidth": 1.8,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "hatch.linewidth": 0.6,
    # Plain numbers on axes: an offset like "+1.2e2" confuses readers of a deck.
    "axes.formatter.useoffset": False,
    "svg.hashsalt": "thesis-model",
    # Labels come from thesis files ("$7.3bn to $24bn"): dollar signs are text, not mathtext.
    "text.parse_math": False,
}

#: Default figure size in inches: 16:9-ish, readable in a slide at 150 dpi (1500 x 840 px).
FIGSIZE: tuple[float, float] = (10.0, 5.6)
FOOTNOTE_SIZE = 7.5


def house_style() -> contextlib.AbstractContextManager[None]:
    """Context manager applying the house style (``with house_style(): ...``)."""
    return mpl.rc_context(dict(STYLE))


def new_axes(ax: Axes | None, figsize: tuple[float, float] = FIGSIZE) -> tuple[Figure, Axes, bool]:
    """Return ``(figure, axes, created)``: the caller's axes, or a new figure with one axes.

    New figures are bare :class:`~matplotlib.figure.Figure` objects with a constrained layout;
    they are not managed by pyplot, so they never pop up and never accumulate.
    """
    if ax is not None:
        return ax.figure, ax, False
    fig = Figure(figsize=figsize, dpi=100)
    fig.set_layout_engine(ConstrainedLayoutEngine(h_pad=0.08, w_pad=0.08))
    return fig, fig.add_subplot(), True


# -- units and labels ---------------------------------------------------------------------------

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


def format_number(value: float) -> str:
    """A number as an analyst writes it: 12,346 / 177.6 / 16.1 / 9.32 / 0.358.

    Precision falls with magnitude, trailing zeros go, and scientific notation never appears.
    """
    if not np.isfinite(value):
        return "n/a"
    size = abs(value)
    if size >= 1000:
        return f"{value:,.0f}"
    if size >= 10:
        text = f"{value:.1f}"
    elif size >= 1:
        text = f"{value:.2f}"
    else:
        return f"{value:.3g}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_value(value: float, unit: str | None) -> str:
    """Format a number with its unit: ``"129.5 HKD"``, ``"35.8%"``, ``"85 USD bn"``."""
    unit = (unit or "").strip()
    if not np.isfinite(value):
        return "n/a"
    if is_fraction_unit(unit):
        text = f"{value * 100:.1f}".rstrip("0").rstrip(".")
        return f"{'0' if text in ('-0', '') else text}%"
    text = format_number(value)
    if unit in {"", "1"}:
        return text
    if unit == "x":
        return f"{text}x"
    if unit.endswith("/share"):
        return f"{text} {unit[: -len('/share')]}"
    return f"{text} {unit}"


def set_value_axis(ax: Axes, unit: str | None, axis: str = "y") -> None:
    """Format a value axis for ``unit``: percentages for fractions, thousands separators else."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    if is_fraction_unit(unit):
        # "40%" rather than "40.0%"; decimals only where the ticks need them ("2.5%").
        target.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v * 100:,.4g}%"))
    else:
        target.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.6g}"))


# Words that read better upper-cased when output names are turned into labels.
_ACRONYMS = {"ai": "AI", "pe": "P/E", "dcf": "DCF", "sotp": "SOTP", "fcf": "FCF", "us": "US"}


def humanize(name: str) -> str:
    """``"ai_cloud"`` -> ``"AI cloud"``; the fallback when the thesis gives no label."""
    words = [_ACRONYMS.get(w, w) for w in name.split("_") if w]
    if not words:
        return name
    first = words[0]
    words[0] = first if first.isupper() or "/" in first else first[:1].upper() + first[1:]
    return " ".join(words)


def segment_label(result: Any, segment: str) -> str:
    """Label of a model segment, from the thesis when it has one."""
    label = _thesis_segment_attr(result, segment, "label")
    if not label:
        return humanize(segment)
    label = str(label)
    # A long label's trailing explanation ("Cloud ex AI (China cloud market net of AI cloud)")
    # belongs in the thesis file, not in every title and axis label.
    head = re.sub(r"\s*\([^()]*\)\s*$", "", label)
    return head if len(label) > 24 and head else label


def _thesis_segment_attr(result: Any, segment: str, attr: str) -> Any:
    """Read ``<thesis model section>.segments[segment].<attr>`` when the thesis has it, else None.

    The model section may be a mapping (as in the file) or an object with attributes.
    """
    thesis = getattr(result, "thesis", None)
    model = getattr(thesis, "model_section", None) or getattr(thesis, "model", None)
    segments = getattr(model, "segments", None)
    if isinstance(model, Mapping):
        segments = model.get("segments")
    if not isinstance(segments, Mapping) or segment not in segments:
        return None
    seg = segments[segment]
    return seg.get(attr) if isinstance(seg, Mapping) else getattr(seg, attr, None)


def segments_of(result: Any) -> list[str]:
    """Segment names (longest first, for prefix parsing of output names).

    A segment is a ``market_<seg>`` output with a matching ``revenue_<seg>``; this leaves out
    other market outputs such as ``market_<seg>_gross``.
    """
    outputs = result.outputs
    names = [k[len("market_"):] for k in outputs
             if k.startswith("market_") and f"revenue_{k[len('market_'):]}" in outputs]
    return sorted(names, key=lambda s: (-len(s), s))


def output_label(result: Any, name: str) -> str:
    """Readable label of an output name, using segment labels from the thesis when present."""
    fixed = {
        "revenue_cloud_total": "Total cloud revenue",
        "revenue_total": "Group revenue",
        "value_per_share": "Value per share",
        "return_annual": "Annual return",
        "exit_pe": "Exit P/E",
        "earnings": "Earnings",
        "fcf": "Free cash flow",
    }
    if name in fixed:
        return fixed[name]
    if name.startswith("market_") and name.endswith("_gross"):
        seg = name[len("market_"):-len("_gross")]
        if seg in segments_of(result):
            # A segment net of another: its gross market is the two together.
            other = _thesis_segment_attr(result, seg, "net_of")
            if other:
                return f"{segment_label(result, seg)} + {segment_label(result, str(other))} market"
            return f"{segment_label(result, seg)} market (gross)"
    for prefix, template in (("market_", "{} market"), ("revenue_", "{} revenue"),
                             ("margin_", "{} operating margin")):
        if name.startswith(prefix) and name[len(prefix):] in segments_of(result):
            return template.format(segment_label(result, name[len(prefix):]))
    if name.startswith("share_"):
        for seg in segments_of(result):
            if name.startswith(f"share_{seg}_"):
                player = name[len(f"share_{seg}_"):]
                return f"{humanize(player)} share of {segment_label(result, seg).lower()}"
    return humanize(name)


def unit_of(result: Any, name: str) -> str:
    """Unit of an output ("" when the result does not say)."""
    units = getattr(result, "units", None) or {}
    return str(units.get(name, ""))


# -- footnotes ----------------------------------------------------------------------------------

def thesis_file(result: Any) -> str:
    """Name of the thesis file behind a result, for footnotes (best effort, never raises)."""
    thesis = getattr(result, "thesis", None)
    for attr in ("path", "file", "source_path", "filename"):
        value = getattr(thesis, attr, None)
        if value:
            path = Path(str(value))
            # Show the path from the repository's assumptions folder when there is one: the
            # absolute path of the analyst's checkout means nothing in a deck.
            parts = path.parts
            if "assumptions" in parts:
                return "/".join(parts[parts.index("assumptions"):])
            return path.name
    name = getattr(thesis, "name", None)
    return str(name) if name else "thesis"


def run_text(result: Any) -> str:
    """``"20,000 paths, mc, seed 1234"`` for one result."""
    bits = [f"{int(result.n_paths):,} paths"]
    method = getattr(result, "method", None)
    if method:
        bits.append(str(getattr(method, "value", method)))
    seed = getattr(result, "seed_entropy", None)
    if seed is not None:
        bits.append(f"seed {seed}")
    return ", ".join(bits)


def footnote_text(result: Any, extra: str | None = None) -> str:
    """Footnote naming the thesis file, the scenario(s) and the run settings."""
    results = getattr(result, "results", None)
    if isinstance(results, Mapping) and results:
        first = next(iter(results.values()))
        names = ", ".join(results)
        text = (f"Thesis: {thesis_file(first)}  |  scenarios: {names}  |  {run_text(first)} each, "
                "common random numbers")
    else:
        label = getattr(result, "scenario_label", "") or ""
        scen = result.scenario + (f" ({label})" if label and label != result.scenario else "")
        text = f"Thesis: {thesis_file(result)}  |  scenario: {scen}  |  {run_text(result)}"
    return text + (f"\n{extra}" if extra else "")


def add_footnote(fig: Figure, text: str) -> None:
    """Write ``text`` under the plot and reserve room for it in the constrained layout."""
    # Wrap to the figure width (about 16 characters per inch at this size) so long scenario
    # labels never run off the edge.
    width = max(60, int(fig.get_figwidth() * 16))
    text = "\n".join(textwrap.fill(line, width, break_on_hyphens=False) or line
                     for line in text.split("\n"))
    lines = text.count("\n") + 1
    height_in = fig.get_figheight()
    # Room in figure-fraction for the lines at FOOTNOTE_SIZE pt, plus a small margin.
    frac = min(0.3, (lines * FOOTNOTE_SIZE * 1.35 + 6) / 72.0 / height_in)
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(rect=(0.0, frac, 1.0, 1.0 - frac))
    fig.text(0.01, 0.008, text, fontsize=FOOTNOTE_SIZE, color="#555555", ha="left", va="bottom",
             linespacing=1.3)


def format_range(low: float, high: float, unit: str | None) -> str:
    """``"75.1-130 USD bn"``: a range with the unit written once."""
    lo, hi = format_value(low, unit), format_value(high, unit)
    unit_text = hi[len(format_number(high)):] if not is_fraction_unit(unit) else ""
    if unit_text and lo.endswith(unit_text):
        lo = lo[: -len(unit_text)]
    return f"{lo} to {hi}"


def set_title(ax: Axes, text: str, created: bool) -> None:
    """Set the headline, wrapped so it never runs off the figure.

    On a figure the chart made itself the headline is a left-aligned figure title (it lines up
    with the footnote and does not move with the width of the tick labels); on the caller's own
    axes it is the axes title, so subplots keep their own headlines.
    """
    fig = ax.figure
    if created:
        fig.suptitle(wrap(text, max(40, int(fig.get_figwidth() * 10.0))), x=0.01, ha="left",
                     fontsize=STYLE["axes.titlesize"], fontweight="bold")
    else:
        width = fig.get_figwidth() * ax.get_position().width
        ax.set_title(wrap(text, max(30, int(width * 10.0))))


def wrap(text: str, width: int) -> str:
    """Wrap ``text`` at ``width`` characters, never between a number and its unit."""
    glued = re.sub(r"(\d) (?=[A-Za-z%])", "\\1\x00", text)
    return textwrap.fill(glued, width, break_on_hyphens=False).replace("\x00", " ")


def title_of(fig: Figure) -> str:
    """The headline of a chart made by this package (figure title, else the first axes title)."""
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text():
        return sup.get_text()
    if not fig.axes:
        return ""
    ax = fig.axes[0]
    return ax.get_title(loc="left") or ax.get_title()


def scenario_name(result: Any) -> str:
    """Short scenario name for titles: ``"crackdown_redux"`` -> ``"crackdown redux"``."""
    return " ".join(_ACRONYMS.get(w, w) for w in str(result.scenario).split("_") if w)


def zero_baseline(ax: Axes) -> None:
    """Draw the zero line and keep zero in view without freezing the y limits.

    Unlike ``set_ylim(bottom=0)`` this leaves autoscaling on, so axes that share y (two
    scenarios side by side) still fit every panel's data; the sticky edge stops the margin from
    pushing the axis below zero.
    """
    line = ax.axhline(0.0, color=INK, linewidth=0.8, zorder=1.5, gid="zero")
    line.sticky_edges.y.append(0.0)


def finish(fig: Figure, created: bool, footnote: bool | None, text: str) -> Figure:
    """Add the footnote when wanted (default: only on figures the chart created itself)."""
    if footnote or (footnote is None and created):
        add_footnote(fig, text)
    return fig


def series_style(i: int) -> dict[str, Any]:
    """Colour, line style and marker of the ``i``-th series (cycled)."""
    return {
        "color": COLORS[i % len(COLORS)],
        "linestyle": LINESTYLES[i % len(LINESTYLES)],
        "marker": MARKERS[i % len(MARKERS)],
    }


# -- saving -------------------------------------------------------------------------------------

@contextlib.contextmanager
def _agg_canvas(fig: Figure) -> Iterator[None]:
    """Render through Agg whatever backend the figure came from (inline, Qt, ...)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    old = fig.canvas
    FigureCanvasAgg(fig)
    try:
        yield
    finally:
        fig.set_canvas(old)


def save_png(fig: Figure, path: str | os.PathLike[str], dpi: int = 150) -> Path:
    """Save ``fig`` as a PNG, byte-identical for identical inputs, atomically.

    No time stamp and no software version go into the PNG metadata, so re-running a report with
    the same seed produces the same bytes (charts can be diffed and cached). The file is written
    to a temporary name in the target folder and moved into place, so a reader never sees a
    half-written chart.

    Parameters
    ----------
    fig : Figure
        The figure to save.
    path : str or PathLike
        Target file; its folder is created when missing.
    dpi : int, default 150
        Resolution in dots per inch.

    Returns
    -------
    Path
        The path written.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # A unique hidden name next to the target (same file system, so os.replace is atomic),
    # opened with the usual 0o666-minus-umask permissions rather than mkstemp's private 0o600.
    tmp = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle, house_style(), _agg_canvas(fig):
            fig.savefig(handle, format="png", dpi=dpi, metadata={"Software": None})
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def short_source(source: Any) -> str:
    """Short text for a source reference (a seed file name, or a source object with ``doc``)."""
    if source is None:
        return ""
    doc = getattr(source, "doc", None)
    if isinstance(source, Mapping):
        doc = source.get("doc")
    text = str(doc if doc else source)
    return text if len(text) <= 40 else text[:37] + "..."
