"""House style for the charts: palette, scenario looks, figure creation, footnotes, PNG saving.

Every chart in :mod:`model.charts` goes through the helpers here so that all of them share
one look: titles that state what the chart shows, units on every axis, a footnote naming the thesis
file, the scenario and the run settings, and colours that survive greyscale printing and colour
blindness (the Okabe-Ito palette, always paired with a second cue: a line style, a hatch or a
marker). A scenario's look is fixed by its name (:func:`scenario_style`), so "bear" is the same
vermillion, dash-dot and hatch in every chart. What the charts *say* (labels, number formats,
footnotes) lives in :mod:`model.charts.text`, the palette and the scenario looks in
:mod:`model.charts.base.palette`; both are re-exported here.

Nothing here changes matplotlib's global state: the style is a dict applied with
:func:`matplotlib.rc_context` inside each chart function and again while saving, and figures are
created as bare :class:`matplotlib.figure.Figure` objects (not through pyplot), so they are never
shown, never registered with a GUI and are freed as soon as the caller drops them.
"""

from __future__ import annotations

import contextlib
import io
import os
import textwrap
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, cast

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from model._files import atomic_write_bytes, path_argument
from model.charts.base.cells import fit_cell
from model.charts.base.fitting import (  # noqa: F401 (re-exported for the charts)
    Refit,
    dense_notes,
    legend_off_lines,
    ranked_rows,
)
from model.charts.base.options import ChartOptionError, choice, name_list, whole  # noqa: F401
from model.charts.base.palette import (  # noqa: F401 (re-exported: the charts' colours live there)
    BAND_COLORS,
    COLORS,
    HATCHES,
    INK,
    LINESTYLES,
    MARK_STYLES,
    MARKERS,
    OKABE_ITO,
    PRICE_COLOR,
    SCENARIO_STYLES,
    lighten,
    scenario_style,
)
from model.charts.base.placing import (  # noqa: F401 (re-exported)
    MAX_NAMED,
    fit_along,
    legend_gap,
    more_text,
    named_first,
    spread,
)
from model.charts.text import (  # noqa: F401 (re-exported: the charts' words live there)
    _thesis_segment_attr,
    axis_label,
    decimals_for,
    footnote_text,
    format_input,
    format_number,
    format_price,
    format_probability,
    format_range,
    format_value,
    format_values,
    humanize,
    in_sentence,
    is_fraction_unit,
    output_label,
    player_label,
    price_note,
    price_text,
    run_text,
    scenario_display,
    scenario_name,
    scenario_view,
    segment_label,
    segments_of,
    set_value_axis,
    short_source,
    source_title,
    thesis_context,
    thesis_file,
    thesis_name,
    unit_of,
    value_label,
    value_words,
    view_groups,
    with_view,
    wrap,
    year_words,
)
from model.errors import WriteError, WrongKindError, excerpt

__all__ = [
    "BAND_COLORS",
    "COLORS",
    "HATCHES",
    "LINESTYLES",
    "MARKERS",
    "OKABE_ITO",
    "STYLE",
    "ChartOptionError",
    "add_footnote",
    "axis_label",
    "footnote_text",
    "format_input",
    "format_value",
    "house_style",
    "humanize",
    "is_fraction_unit",
    "new_axes",
    "output_label",
    "price_text",
    "save_png",
    "scenario_display",
    "scenario_style",
    "segments_of",
    "set_value_axis",
    "thesis_file",
    "title_of",
]


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
#: Share of a chart's own figure height its y label may run along.
YLABEL_SHARE = 0.62


#: Colours of text, axes, ticks, legends and lines as matplotlib ships them: a chart's own figure
#: takes these rather than a style the caller set globally (``plt.style.use("dark_background")``
#: would write white titles on the house style's white figure). A caller's own axes keep theirs.
OWN_FIGURE_COLORS: Mapping[str, Any] = {
    k: v
    for k, v in mpl.rcParamsDefault.items()
    if (k.endswith("color") or k == "axes.prop_cycle") and k not in STYLE
}

_styled = threading.local()


@contextlib.contextmanager
def _house_style() -> Iterator[None]:
    depth = getattr(_styled, "depth", 0)
    _styled.depth = depth + 1
    try:
        with mpl.rc_context(cast(Any, dict(STYLE))):
            yield
    finally:
        _styled.depth = depth


def house_style() -> contextlib.AbstractContextManager[None]:
    """Context manager applying the house style (``with house_style(): ...``)."""
    return _house_style()


def new_axes(ax: Axes | None, figsize: tuple[float, float] = FIGSIZE) -> tuple[Figure, Axes, bool]:
    """Return ``(figure, axes, created)``: the caller's axes, or a new figure with one axes.

    New figures are bare :class:`~matplotlib.figure.Figure` objects with a constrained layout;
    they are not managed by pyplot, so they never pop up and never accumulate.

    Raises
    ------
    WrongKindError
        If ``ax`` is not an Axes, or is one of another projection than a plain 2-D one (3-D,
        polar, a map's).
    """
    if ax is not None:
        if not isinstance(ax, Axes):
            raise WrongKindError(
                f"ax must be matplotlib Axes (e.g. from fig.add_subplot()) or None for a new "
                f"figure, got {type(ax).__name__} {excerpt(repr(ax), 40)}"
            )
        projection = getattr(ax, "name", "rectilinear")
        if projection != "rectilinear":  # 3-D and polar axes take other arguments or mislead
            raise WrongKindError(
                f"ax must be a plain 2-D matplotlib Axes (fig.add_subplot() without a "
                f"projection), got {type(ax).__name__} with projection {projection!r}"
            )
        return cast(Figure, ax.get_figure(root=True)), ax, False
    if getattr(_styled, "depth", 0):
        # Inside house_style(), whose rc_context restores every setting on leaving: the
        # chart's own figure is drawn in the house colours, whatever style the caller set.
        mpl.rcParams.update(cast(Any, OWN_FIGURE_COLORS))
    fig = Figure(figsize=figsize, dpi=100)
    fig.set_layout_engine(HouseLayout(figsize, h_pad=0.08, w_pad=0.08))
    return fig, fig.add_subplot(), True


class HouseLayout(ConstrainedLayoutEngine):
    """The constrained layout of a chart's own figure, which also refits the headline and the
    footnote when the caller resizes the figure (``set_size_inches`` before saving): they are
    wrapped for the width they were written at, and would otherwise run off a narrower one."""

    def __init__(self, size: tuple[float, float] = FIGSIZE, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.headline: tuple[str, float] | None = None  # the text, the width it was fitted to
        self.footnote: tuple[Any, str, tuple[float, float]] | None = None  # artist, text, size
        self.refit = Refit(size)  # category labels, axis labels and legends at a new size

    def execute(self, fig: Any) -> Any:
        width, height = (float(v) for v in fig.get_size_inches())
        sup = getattr(fig, "_suptitle", None)
        if self.headline is not None and sup is not None and self.headline[1] != width:
            sup.set_text(headline(self.headline[0], width, fig.dpi))
            self.headline = (self.headline[0], width)
        if self.footnote is not None and self.footnote[2] != (width, height):
            _fit_footnote(fig, self.footnote[0], self.footnote[1])
        self.refit.remember(fig)
        self.refit.restore()
        if not self.refit.resized(fig):
            return super().execute(fig)
        # Laid out at the new size first (with labels no wider than it allows), so the rows'
        # pitch and the legend's reach are known.
        self.refit.fit(fig, rows=False)
        done = super().execute(fig)
        # Ranked rows left out make the plot taller (their labels no longer crowd it), which
        # may give room to one or two more; a legend moved above the plot moves the plot: a
        # second pass fits them to that layout.
        for _ in range(2 if self.refit.ranked or self.refit.clear else 1):
            if not self.refit.fit(fig):
                break
            done = super().execute(fig)
        return done


def add_footnote(fig: Figure, text: str) -> None:
    """Write ``text`` under the plot and reserve room for it in the constrained layout."""
    note = fig.text(
        0.01, 0.008, "", fontsize=FOOTNOTE_SIZE, color="#555555", ha="left", va="bottom",
        linespacing=1.3,
    )  # fmt: skip
    _fit_footnote(fig, note, text)


def _fit_footnote(fig: Figure, note: Any, text: str) -> None:
    """Wrap the footnote ``text`` into ``note`` for the figure's size, and reserve its room."""
    # Wrap to the figure width (about 16 characters per inch at this size) so long scenario
    # labels never run off the edge.
    width = max(60, int(fig.get_figwidth() * 16))
    note.set_text(
        "\n".join(
            textwrap.fill(line, width, break_on_hyphens=False) or line for line in text.split("\n")
        )
    )
    lines = note.get_text().count("\n") + 1
    height_in = fig.get_figheight()
    # Room in figure-fraction for the lines at FOOTNOTE_SIZE pt, the gap under them (0.008 of
    # the height, which grows with tall figures) and a small margin.
    frac = min(0.3, (lines * FOOTNOTE_SIZE * 1.35 + 8) / 72.0 / height_in + 0.008)
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(rect=(0.0, frac, 1.0, 1.0 - frac))
    if isinstance(engine, HouseLayout):
        engine.footnote = (note, text, (float(fig.get_figwidth()), float(height_in)))


def set_title(ax: Axes, text: str, created: bool, *, pad: float | None = None) -> None:
    """Set the headline, wrapped so it never runs off the figure.

    On a figure the chart made itself the headline is a left-aligned figure title (it lines up
    with the footnote and does not move with the width of the tick labels); on the caller's own
    axes it is the axes title, so subplots keep their own headlines. ``pad`` (points) lifts an
    axes title over a label the chart wrote just above the plot.
    """
    if not isinstance(text, str):  # a chart's title= of the wrong kind, named as such
        raise ChartOptionError(f"title must be text, got {type(text).__name__} {text!r:.60}")
    fig = cast(Figure, ax.get_figure(root=True))
    if created:
        # Ten characters an inch suits words; a headline of digits in bold is wider, so the
        # wrapped lines are measured and wrapped narrower until they fit left of the edge.
        fig.suptitle(
            headline(text, fig.get_figwidth(), fig.dpi),
            x=0.01,
            ha="left",
            fontsize=STYLE["axes.titlesize"],
            fontweight="bold",
        )
        engine = fig.get_layout_engine()
        if isinstance(engine, HouseLayout):
            engine.headline = (text, float(fig.get_figwidth()))
    else:
        width = fig.get_figwidth() * ax.get_position().width
        ax.set_title(wrap(text, max(30, int(width * 10.0))), pad=pad)


def legend_clearance(ax: Axes, created: bool) -> float | None:
    """Points to lift an axes title over a legend placed in a band above the plot.

    None on a figure the chart made (its headline is the figure's title, above everything);
    on the caller's axes the title would otherwise be drawn on the legend.
    """
    legend = ax.get_legend()
    if created or legend is None:
        return None
    from matplotlib.backends.backend_agg import RendererAgg

    fig = cast(Figure, ax.get_figure(root=True))
    width, height = fig.get_size_inches() * fig.dpi
    box = legend.get_window_extent(RendererAgg(int(width), int(height), fig.dpi))
    return (float(box.height) + legend_gap(ax)) * 72.0 / fig.dpi + 6.0


def headline(text: str, fig_width: float, dpi: float = 100.0) -> str:
    """``text`` wrapped as the headline of a figure ``fig_width`` inches wide: at ten
    characters an inch, or narrower until every line, measured in the bold title font, fits
    left of the figure's edge (never below 20 characters a line)."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(1, 1, dpi)
    font = FontProperties(size=STYLE["axes.titlesize"], weight="bold")
    room = fig_width * dpi * 0.99
    chars = max(40, int(fig_width * 10.0))
    wrapped = wrap(text, chars)
    while (
        chars > 20
        and max(
            renderer.get_text_width_height_descent(line, font, ismath=False)[0]
            for line in wrapped.split("\n")
        )
        > room
    ):
        chars -= 2
        wrapped = wrap(text, chars)
    return wrapped


def title_of(fig: Figure) -> str:
    """The headline of a chart made by this package (figure title, else the first axes title)."""
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text():
        return sup.get_text()
    if not fig.axes:
        return ""
    ax = fig.axes[0]
    return ax.get_title(loc="left") or ax.get_title()


def zero_baseline(ax: Axes) -> None:
    """Draw the zero line and keep zero in view without freezing the y limits.

    Unlike ``set_ylim(bottom=0)`` this leaves autoscaling on, so axes that share y (two
    scenarios side by side) still fit every panel's data; the sticky edge stops the margin from
    pushing the axis below zero.
    """
    line = ax.axhline(0.0, color=INK, linewidth=0.8, zorder=1.5, gid="zero")
    line.sticky_edges.y.append(0.0)


def finish(
    fig: Figure, created: bool, footnote: bool | None, text: str, ax: Axes | None = None
) -> Figure:
    """Add the footnote when wanted (default: only on figures the chart created itself); on a
    caller's subplot ``ax``, fit the chart's text to its cell (:func:`.review.fit_cell`)."""
    if ax is not None:
        fit_cell(ax, created)
        if created:
            # A long y label (a segment's own name) runs along the plot, which the headline
            # and the footnote leave about two thirds of the figure's height.
            fit_along(ax.yaxis.label, YLABEL_SHARE * float(fig.bbox.height))
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
    """Render through Agg whatever backend the figure came from (inline, Qt, ...), with the
    process's text caches (:mod:`model.charts.base.agg`: the same pixels, less CPU time)."""
    from model.charts.base.agg import HouseCanvas

    old = fig.canvas
    HouseCanvas(fig)
    try:
        yield
    finally:
        fig.set_canvas(old)


#: Resolutions a chart is saved at: 600 dpi is print quality, and a default figure there is
#: 6,000 x 3,360 pixels (80 MB while it is drawn); beyond, memory runs out before the file.
MIN_DPI, MAX_DPI = 20, 600


def save_png(fig: Figure, path: str | os.PathLike[str], dpi: int = 150) -> Path:
    """Save ``fig`` as a PNG, byte-identical for identical inputs, atomically.

    No time stamp and no software version go into the PNG metadata, so re-running a report with
    the same seed produces the same bytes (charts can be diffed and cached). The chart is
    rendered in memory first and then written atomically, so a reader never sees a
    half-written chart and a failed render leaves no file behind.

    Your files are safe: an existing file is replaced only if this toolkit wrote it and it has
    not changed since (the folder's ``.thesis-files.json`` records the hash of every chart saved
    there, as for ``thesis sources --csv``). Saving a chart again under its name (a notebook run
    twice) replaces it; a file of yours, or the thesis itself, is never written over.

    Parameters
    ----------
    fig : Figure
        The figure to save.
    path : str or PathLike
        Target file, named ``*.png`` (in any case); its folder is created when missing.
    dpi : int, default 150
        Resolution in dots per inch.

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    ExportError
        A file this toolkit did not write (or that changed since) is at ``path``, or ``path``
        is a folder.
    SettingsError
        If ``path`` does not end in ``.png`` (nothing is written).
    WrongKindError
        If ``fig`` is not a matplotlib Figure (nothing is written, no folder is made).
    WriteError
        If the folder cannot be made or the file cannot be written (naming the target file).
    """
    if not isinstance(fig, Figure):
        # An Axes, a path given first or a displayed Image are the usual slips in a notebook:
        # caught here, before a folder is made, rather than deep inside the rendering.
        hint = "; pass ax.figure" if isinstance(fig, Axes) else ""
        if isinstance(fig, str | os.PathLike) and isinstance(path, Figure):
            hint = "; the figure comes first: save_png(fig, path)"
        raise WrongKindError(
            f"save_png needs a matplotlib Figure (what every chart function returns), "
            f"got {type(fig).__name__}{hint}"
        )
    return _save(fig, path_argument(path, "chart file", suffix=".png"), dpi, owned=True)


def save_new_png(fig: Figure, path: str | os.PathLike[str], dpi: int = 150) -> Path:
    """:func:`save_png` into a folder the toolkit is filling itself (an export's staging folder
    or a new output folder): an atomic write, with no record of the file beside it."""
    return _save(fig, Path(path), dpi, owned=False)


def _save(fig: Figure, target: Path, dpi: int, *, owned: bool) -> Path:
    dpi = whole(dpi, "dpi", MIN_DPI, MAX_DPI)  # before a batch queues it for later
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError.wrap(target, exc) from exc
    queue = getattr(_batch, "jobs", None)
    if queue is not None:  # inside batch_rendering(): written when the batch ends
        queue.append((fig, target, dpi))
        _batch.owned.append(owned)
        return target
    return _write_png(target, render_png(fig, dpi), owned)


def _write_png(target: Path, data: bytes, owned: bool) -> Path:
    if not owned:
        return atomic_write_bytes(target, data)
    from model._folders import write_owned_file

    write_owned_file(target, data)
    return target


_batch = threading.local()
#: The figures of the batch being rendered by forked processes (inherited, never pickled).
_FORKED: list[tuple[Figure, Path, int]] = []


@contextlib.contextmanager
def batch_rendering(processes: int | None = None) -> Iterator[None]:
    """Render every chart :func:`save_png` is given inside the block when the block ends.

    Rendering (rasterising text, lines and patches with Agg) is most of the time of a report's
    charts and each chart is independent, so the batch is rendered by ``processes`` forked
    processes (default: one per core), which inherit the figures instead of receiving them
    pickled. Each PNG is byte-identical to a one-by-one rendering: the same code draws the same
    figure. Where forking is not safe or not available (not Linux, other threads running, a
    single chart or core), the batch is rendered in this process.

    Files are written (atomically) only when the whole block succeeded.
    """
    if getattr(_batch, "jobs", None) is not None:  # nested: the outer batch renders
        yield
        return
    jobs: list[tuple[Figure, Path, int]] = []
    owned: list[bool] = []
    _batch.jobs, _batch.owned = jobs, owned
    try:
        yield
    finally:
        del _batch.jobs, _batch.owned
    rendered = _render_all(jobs, processes)
    for (_, target, _), data, own in zip(jobs, rendered, owned, strict=True):
        _write_png(target, data, own)


def _render_forked(index: int) -> bytes:
    return render_png(_FORKED[index][0], _FORKED[index][2])


def _render_all(jobs: list[tuple[Figure, Path, int]], processes: int | None) -> list[bytes]:
    from model._forks import fork_ok, forked_map
    from model.engine.execution.backends import default_workers

    n = min(processes or default_workers(), len(jobs))
    if n < 2 or not fork_ok():
        return [render_png(fig, dpi) for fig, _, dpi in jobs]
    _FORKED[:] = jobs
    try:
        return forked_map(_render_forked, len(jobs), n)
    finally:
        _FORKED.clear()


def render_png(fig: Figure, dpi: int = 150) -> bytes:
    """The PNG bytes :func:`save_png` writes, rendered with one draw of the figure.

    ``savefig`` on a figure with a layout engine draws it twice: once, with drawing disabled,
    to run the engine, then for real. Here the engine runs on its own at the output resolution,
    then the figure is drawn once with no engine at all (``"none"`` would leave a placeholder
    engine, for which ``savefig`` still makes its disabled draw), which is what the second draw
    of ``savefig`` does: the same layout and the same pixels. Measured, this saves the disabled
    draw (about 6% of a chart): the layout's text extents and the rasterisation are the cost,
    which :func:`batch_rendering` spreads over the cores instead.
    """
    dpi = whole(dpi, "dpi", MIN_DPI, MAX_DPI)
    buffer = io.BytesIO()
    with house_style(), _agg_canvas(fig):
        engine = fig.get_layout_engine()
        if engine is None or not fig.axes:
            fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
            return buffer.getvalue()
        old_dpi = fig.dpi
        try:
            fig.dpi = dpi
            engine.execute(fig)
        finally:
            fig.dpi = old_dpi
        with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
            fig.set_layout_engine(None)  # None under these settings: no engine
        try:
            fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        finally:
            fig.set_layout_engine(engine)
    return buffer.getvalue()
