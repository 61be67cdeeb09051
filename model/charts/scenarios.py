"""Scenarios side by side: one output's distribution per scenario, grouped by article view."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any, cast

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from model.charts import lines
from model.charts import style as st
from model.charts.base.fitting import cut_lines
from model.charts.value import (
    _TODAY,
    final_values,
    fit_axis,
    has_price,
    legend_with_note,
    upside,
    value_year,
)
from model.errors import COMPARISON, UnknownScenarioError, expect

__all__ = ["CompareKind", "scenario_comparison"]

#: The scenarios a crowded chart does not name one by one: light, behind the named ones.
MORE_COLOR = "#BBBBBB"


class CompareKind(str, Enum):  # noqa: UP042
    """How :func:`scenario_comparison` draws the scenarios."""

    BOX = "box"
    VIOLIN = "violin"
    CDF = "cdf"


def scenario_comparison(
    comparison: Any,
    output: str | None = None,
    ax: Axes | None = None,
    *,
    kind: CompareKind | str = CompareKind.BOX,
    year: int | None = None,
    scenarios: Sequence[str] | None = None,
    by_view: bool | None = None,
    title: str | None = None,
    footnote: bool | None = None,
) -> Figure:
    """Scenarios side by side: the distribution of one output per scenario.

    Boxes show the 25th-75th percentiles with the median, whiskers the 5th-95th percentiles
    (no outliers drawn; the mean is a white diamond). Violins show the full density; CDFs overlay
    the cumulative distributions. Value per share is drawn against the thesis price, returns
    against zero. Each scenario has the same colour, hatch and line style in every chart.
    Past eight scenarios the CDFs name eight in the legend (the base case, the lowest and the
    highest median, then the first in order) and draw the others as thin grey lines counted in
    one last entry, so the legend stays on the figure however many scenarios are compared.
    Boxes and violins take a row each on a figure that grows with them up to ten inches; past
    that the rows share it, labels and notes one line each at 7 points or more, and when even
    that is too large every k-th row is labelled (the footnote says so).

    Parameters
    ----------
    comparison : ComparisonResult
        The scenarios (common random numbers make their differences meaningful path by path).
    output : str, optional
        Output to compare, e.g. ``"return_annual"``; by default the value per share (the line
        with that role).
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted.
    kind : {"box", "violin", "cdf"}, default "box"
        Chart type.
    year : int, optional
        Year of a per-year output (default: the exit year).
    scenarios : sequence of str, optional
        Scenarios to show, in order (default: all, in the comparison's order); not empty.
    by_view : bool, optional
        Group the scenarios by the view they belong to (their ``view`` tag), with a
        heading per view. Default: when the scenarios come in blocks of views, as
        :func:`model.views` returns them.
    title : str, optional
        Replaces the default title.
    footnote : bool, optional
        Add the thesis/scenario/run footnote; by default only on a figure made here.

    Returns
    -------
    Figure

    Raises
    ------
    ChartOptionError
        For an unknown ``kind``, or an empty ``scenarios`` list.
    UnknownScenarioError
        For a scenario the comparison does not have.
    """
    expect(comparison, COMPARISON)
    kind = st.choice(CompareKind, kind, "scenario_comparison kind")
    output = output if output is not None else lines.value_line(comparison)
    results = comparison.results
    names = st.name_list(scenarios, "scenarios", empty=False) or list(
        getattr(comparison, "scenarios", None) or results
    )
    for n in names:
        if n not in results:
            raise UnknownScenarioError(n, results)
    groups = st.view_groups(comparison, names, by_view)
    if groups:
        names = [n for _, members in groups for n in members]
    first = results[names[0]]
    unit = st.unit_of(first, output)
    vyear = value_year(first, output, year)
    data = {}
    for n in names:
        v = final_values(results[n], output, year)
        data[n] = v[np.isfinite(v)]
    medians = {n: float(np.median(v)) for n, v in data.items()}
    price = float(first.price) if has_price(first, output) else None
    with st.house_style():
        fig, ax, created = st.new_axes(ax, figsize=_compare_size(len(names), groups, kind))
        cut = ""
        if kind is CompareKind.CDF:
            lo, hi, cut = fit_axis(data, [price] if price is not None else [], unit)
            _cdf_lines(ax, comparison, names, data, groups is not None, medians)
        else:
            # A year-end value against today's price is no upside (value_distribution says
            # the same): P(> price) is given on today's value, where the run states one.
            today = output == _TODAY or _TODAY not in getattr(first, "outputs", {})
            upside_price = price if today else None
            lo, hi = _bodies(ax, comparison, names, data, groups, kind, unit, price, upside_price)
            if created:
                cut = _fit_rows(ax, names, len(names) + 0.8 * len(groups or ()))
        # The value is on the x axis for every kind, so the reference is always vertical.
        if price is not None:
            ax.axvline(
                price, color=st.PRICE_COLOR, linewidth=2.4, gid="price", label=st.price_text(first)
            )
        elif st.is_fraction_unit(unit):
            ax.axvline(0.0, color=st.INK, linewidth=1, gid="zero")
            # Break-even is the reference: returns all above (or below) zero left its line
            # off the axis, drawn past the plot's edge.
            if not lo < 0.0 < hi:
                pad = 0.04 * (max(hi, 0.0) - min(lo, 0.0))
                lo, hi = min(lo, -pad), max(hi, pad)
        ax.set_xlabel(st.value_label(first, output, vyear))
        st.set_value_axis(ax, unit, axis="x")
        ax.set_xlim(lo, hi)
        if kind is CompareKind.CDF:
            # Beside the plot, on a subplot too: the curves cross it and leave no free corner.
            legend_with_note(ax, cut, width=36, beside=True, labelspacing=0.8)
        elif price is not None:
            # One line needs no legend: its name sits above it, outside the plot.
            _label_above(ax, price, st.price_text(first), "price_label")
        lo_n = min(medians, key=medians.__getitem__)
        hi_n = max(medians, key=medians.__getitem__)
        lo_text, hi_text = st.format_values([medians[lo_n], medians[hi_n]], unit)
        what = "view" if groups else "scenario"
        st.set_title(
            ax,
            title
            or (
                f"{st.value_words(first, output, vyear)} by {what}: medians from "
                f"{lo_text} ({st.in_sentence(st.humanize(lo_n))}) to {hi_text} "
                f"({st.in_sentence(st.humanize(hi_n))})"
            ),
            created,
            # On the caller's axes the title sits on the plot's top edge, where the price's
            # label is: lift it over that label (9-point text 4 points up, and a gap).
            pad=None if created or kind is CompareKind.CDF or price is None else 20.0,
        )
        notes = [
            f"{st.price_note(first)}." if price is not None and st.price_note(first) else "",
            "Boxes: 25th-75th percentiles and median; whiskers: 5th-95th "
            f"percentiles; diamond: {_mean_words(output)}."
            if kind is CompareKind.BOX
            else "",
            cut if kind is not CompareKind.CDF else "",
        ]
        extra = "\n".join(n for n in notes if n) or None
        return st.finish(fig, created, footnote, st.footnote_text(comparison, extra), ax=ax)


def _label_above(ax: Axes, x: float, text: str, gid: str) -> None:
    """Write ``text`` just above the plot area at data position ``x`` (never over the data)."""
    lo, hi = ax.get_xlim()
    frac = (x - lo) / (hi - lo) if hi > lo else 0.5
    # Near an edge the label grows inwards so it stays over the plot.
    ha = "left" if frac < 0.2 else "right" if frac > 0.8 else "center"
    ax.annotate(
        text,
        (x, 1.0),
        xycoords=ax.get_xaxis_transform(),
        xytext=(0, 4),
        textcoords="offset points",
        ha=ha,
        va="bottom",
        fontsize=9,
        color=st.INK,
        gid=gid,
        annotation_clip=False,
    )


#: Tallest a box or violin chart grows (inches): a portrait page's chart. Past the scenarios
#: that fit there at 0.62 inch a row, the rows share it (see :func:`_fit_rows`).
MAX_HEIGHT = 10.0
#: Room (inches) of a box or violin chart's own figure that is not rows: headline, axis, note.
FRAME = 1.6
#: Smallest font (points) of a row's label and note before rows share labels.
MIN_ROW_FONT = 7.0


def _compare_size(n: int, groups: list | None, kind: CompareKind) -> tuple[float, float]:
    """A taller figure when many rows (and view headings) need room, up to :data:`MAX_HEIGHT`."""
    if kind is CompareKind.CDF:
        return st.FIGSIZE
    rows = n + 0.8 * len(groups or ())
    return st.FIGSIZE[0], min(MAX_HEIGHT, max(st.FIGSIZE[1], FRAME + 0.62 * rows))


def _fit_rows(ax: Axes, names: list[str], rows: float) -> str:
    """Fit the rows' labels and notes of a box or violin chart of its own figure to the pitch
    the figure's capped height leaves them; returns a footnote line when labels are thinned.

    Two lines a row while they fit; then one (labels cut with an ellipsis, a note's two parts
    on one line); then a smaller font, down to :data:`MIN_ROW_FONT`; past that every k-th row
    is labelled (the top one first), since smaller text would not be read.
    """
    fig = cast(Figure, ax.get_figure(root=True))
    pitch = (fig.get_figheight() - FRAME) * 72.0 / max(rows, 1.0)  # points a row
    labels = ax.get_yticklabels()[: len(names)]
    size = float(labels[0].get_fontsize()) if labels else 9.0
    notes = [t for n in names for t in ax.texts if t.get_gid() == f"note_{n}"]
    if pitch >= 2 * size * 1.4:
        return ""
    font = min(size, max(MIN_ROW_FONT, pitch / 1.4))
    step = max(1, int(np.ceil(MIN_ROW_FONT * 1.4 / pitch)))
    texts = [t.get_text() for t in ax.get_yticklabels()]
    texts[: len(names)] = [
        cut_lines(text, 30, 1) if i % step == 0 else ""
        for i, text in enumerate(texts[: len(names)])
    ]
    ax.set_yticks(list(ax.get_yticks()), texts)
    for label in ax.get_yticklabels():
        label.set_fontsize(font)  # view headings keep their weight
    for i, note in enumerate(notes):
        shown = i % step == 0
        note.set_text(note.get_text().replace("\n", ", "))
        note.set_fontsize(min(float(note.get_fontsize()), font))
        note.set_visible(shown)
    if step == 1:
        return ""
    return (
        f"{len(names)} scenarios: every {step} rows one is labelled, from the top "
        "(a label each would be too small to read)."
    )


def _cdf_lines(
    ax: Axes,
    comparison: Any,
    names: list[str],
    data: Mapping[str, np.ndarray],
    views: bool,
    medians: Mapping[str, float],
) -> None:
    named = st.named_first(names, [medians[n] for n in names])
    rest = [n for n in names if n not in named]
    for n in rest:
        # Past a legend's worth of scenarios the others are thin grey lines under one entry,
        # drawn first so the named ones stay on top.
        x = np.sort(data[n])
        ax.step(
            x,
            np.arange(1, x.size + 1) / x.size,
            where="post",
            color=MORE_COLOR,
            linewidth=0.8,
            gid=f"cdf_{n}",
            label="_nolegend_",
        )
    for i, n in enumerate(named):
        x = np.sort(data[n])
        style = st.scenario_style(n)
        label = st.scenario_display(comparison.results[n], n)
        # Sparse markers, staggered per scenario, tell the lines apart in greyscale where two
        # dash patterns look alike.
        ax.step(
            x,
            np.arange(1, x.size + 1) / x.size,
            where="post",
            color=style["color"],
            linestyle=style["linestyle"],
            linewidth=1.8,
            gid=f"cdf_{n}",
            marker=style["marker"],
            markersize=5,
            markeredgecolor=st.INK,
            markeredgewidth=0.4,
            markevery=(0.03 + 0.017 * i, 0.14),
            label=textwrap.fill(
                st.with_view(comparison, n, label) if views else label, 32, break_on_hyphens=False
            ),
        )
    if rest:
        ax.plot([], [], color=MORE_COLOR, linewidth=0.8, label=st.more_text(len(rest)))
    ax.set_ylim(0, 1.02)
    ax.set_ylabel("Share of paths at or below the value (%)")
    st.set_value_axis(ax, "share", axis="y")


def _bodies(
    ax: Axes,
    comparison: Any,
    names: list[str],
    data: Mapping[str, np.ndarray],
    groups: list | None,
    kind: CompareKind,
    unit: str,
    price: float | None,
    upside_price: float | None,
) -> tuple[float, float]:
    """Boxes or violins, one row per scenario (first at the top), with view headings, and
    P(> price) beside each when ``upside_price`` is given.

    Returns the x limits that show every box and whisker (every violin), the means and the
    price.
    """
    pos, heads = _rows(names, groups)
    if kind is CompareKind.BOX:
        stats = [_box_stats(data[n], n) for n in names]
        art = ax.bxp(
            stats,
            positions=pos,
            orientation="horizontal",
            patch_artist=True,
            showfliers=False,
            showmeans=True,
            widths=0.55,
            meanprops={
                "marker": "D",
                "markerfacecolor": "white",
                "markeredgecolor": st.INK,
                "markersize": 5,
            },
            medianprops={"color": st.INK, "linewidth": 2},
        )
        bodies = art["boxes"]
    else:
        stats = []
        art = ax.violinplot(
            [data[n] for n in names],
            positions=pos,
            orientation="horizontal",
            showmedians=True,
            widths=0.8,
            quantiles=[[0.05, 0.95]] * len(names),
        )
        bodies = art["bodies"]
        for key in ("cmedians", "cmins", "cmaxes", "cbars", "cquantiles"):
            if key in art:
                art[key].set_color(st.INK)
                art[key].set_linewidth(1.0)
    for body, n in zip(bodies, names, strict=True):
        style = st.scenario_style(n)
        # Lightened fills keep the median line and the hatching readable.
        body.set_facecolor(st.lighten(style["color"], 0.3))
        body.set_alpha(1.0)
        body.set_edgecolor(st.INK)
        body.set_hatch(style["hatch"])
        body.set_gid(f"body_{n}")
    ticks = [
        textwrap.fill(st.scenario_display(comparison.results[n], n), 30, break_on_hyphens=False)
        for n in names
    ]
    ax.set_yticks([*pos, *(y for y, _, _ in heads)])
    ax.set_yticklabels([*ticks, *(h for _, h, _ in heads)])
    for label in ax.get_yticklabels()[len(names) :]:
        label.set_fontweight("bold")
    for i, (y, _, n_rows) in enumerate(heads):
        # Light bands behind alternate view groups tie each heading to its rows.
        if i % 2 == 0:
            ax.axhspan(
                y - n_rows - 0.35,
                y + 0.4,
                color="#F2F2F2",
                zorder=0,
                linewidth=0,
                gid=f"view_band_{i}",
            )
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    meds = st.format_values([float(np.median(data[n])) for n in names], unit)
    for p, n, med in zip(pos, names, meds, strict=True):
        text = f"median {med}"
        if upside_price is not None:
            text += f"\nP(> price) {st.format_probability(upside(data[n], upside_price)[0])}"
        # A column right of the plot, one note per row: never on a box, a whisker or the price.
        ax.annotate(
            text,
            (1.0, p),
            xycoords=("axes fraction", "data"),
            xytext=(8, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=8.5,
            color=st.INK,
            gid=f"note_{n}",
            annotation_clip=False,
        )
    # The axis covers what is drawn: whiskers (or a violin's whole range), means, the price.
    if kind is CompareKind.BOX:
        ends = [s for b in stats for s in (b["whislo"], b["whishi"], b["mean"])]
    else:
        ends = [float(np.min(data[n])) for n in names] + [float(np.max(data[n])) for n in names]
    ends += [price] if price is not None else []
    lo, hi = min(ends), max(ends)
    pad = 0.04 * (hi - lo or 1.0)
    return lo - pad, hi + pad


def _mean_words(output: str) -> str:
    """What a box's diamond is: for a return a year, not the expected return a year."""
    if output in ("return_annual", "return_dated"):
        # The tables' expected return a year annualises the mean total return; the mean of
        # the paths' annual returns drawn here differs from it, most for a binary outcome.
        return "mean of the paths' returns a year, not the expected return a year"
    return "mean"


def _rows(names: list[str], groups: list | None) -> tuple[np.ndarray, list[tuple[float, str, int]]]:
    """Row positions counting down from the top, and (position, text, rows) of each heading."""
    if not groups:
        return np.arange(len(names))[::-1].astype(float), []
    y = 0.0
    pos: list[float] = []
    heads: list[tuple[float, str, int]] = []
    for heading, members in groups:
        heads.append((y, heading, len(members)))
        pos.extend(y - 0.85 - k for k in range(len(members)))
        y -= len(members) + 1.05
    return np.asarray(pos), heads


def _box_stats(values: np.ndarray, name: str) -> dict[str, Any]:
    p5, q1, med, q3, p95 = np.quantile(values, [0.05, 0.25, 0.5, 0.75, 0.95])
    return {
        "label": name,
        "med": med,
        "q1": q1,
        "q3": q3,
        "whislo": p5,
        "whishi": p95,
        "mean": float(np.mean(values)),
        "fliers": np.empty(0),
    }
