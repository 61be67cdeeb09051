"""What the price implies: the implied value of an assumption against the thesis' distribution.

One chart for :func:`model.implied`'s result: the density of the assumption as the thesis states
it, the thesis' central value, and the value at which the central case's target (today's value
per share by default) equals the price, with the share of the distribution below it. A second
scale shows the target across the range searched, crossing the price at the implied value.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from model.charts import style as st
from model.errors import IMPLIED, expect
from model.valuation.finance.implied import percentile_text, share_text

__all__ = ["implied_value"]


def _density(dist: Any, lo: float, hi: float, n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """A density of ``dist`` on ``[lo, hi]`` from its CDF (works for every family)."""
    x = np.linspace(lo, hi, n)
    cdf = np.asarray(dist.cdf(x), dtype=float)
    return x, np.gradient(cdf, x)


def _legend_above(ax: Any, handles: list[Any], labels: list[str]) -> None:
    """The legend in a band above the plot: the density fills the axes from side to side and
    the vertical lines may stand anywhere, so no corner inside is free of data."""
    ax.legend(
        handles,
        labels,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.01),
        borderaxespad=0.0,
        fontsize="small",
        ncols=2,
    )


def implied_value(
    result: Any,
    ax: Any = None,
    *,
    footnote: bool | None = None,
    show_target: bool = True,
) -> Figure:
    """Chart the implied value of an assumption against its distribution.

    Parameters
    ----------
    result : ImpliedResult
        From :func:`model.implied`.
    ax : matplotlib Axes, optional
        Draw into it; otherwise a new figure.
    footnote : bool, optional
        Add the footnote (default: on a figure made here).
    show_target : bool
        Draw the target across the range on a second scale.

    Returns
    -------
    matplotlib.figure.Figure
    """
    expect(result, IMPLIED)
    with st.house_style():
        fig, ax, created = st.new_axes(ax)
        xs, ys = (np.asarray(a, dtype=float) for a in result.grid)
        lo = min(float(xs.min()), result.value)
        hi = max(float(xs.max()), result.value)
        pad = 0.03 * (hi - lo)
        name, unit = result.assumption, result.unit
        if result.dist is not None:
            x, dens = _density(result.dist, lo - pad, hi + pad)
            ax.fill_between(x, dens, color=st.lighten(st.COLORS[0], 0.6), lw=0, zorder=1)
            ax.plot(x, dens, color=st.COLORS[0], lw=1.5, label=f"{name}: the thesis' distribution")
            below = x <= result.value
            ax.fill_between(x[below], dens[below], color=st.COLORS[0], alpha=0.35, lw=0, zorder=1)
            ax.set_ylabel("density")
        ax.axvline(
            result.central,
            color=st.INK,
            ls="--",
            lw=1.2,
            label=f"thesis central {result.fmt(result.central)}",
        )
        ax.axvline(
            result.value,
            color=st.COLORS[1],
            lw=2.0,
            label=f"implied by {result.equals_label}: {result.fmt(result.value)} "
            f"({share_text(result.quantile)} of the distribution below)",
        )
        if unit in ("%", "share"):
            ax.xaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_xlabel(name if unit in ("%", "share", "") else f"{name} ({unit})")
        mean_paths = getattr(result, "paths", 0) if getattr(result, "se", None) else 0
        case = f"mean of {mean_paths:,} paths" if mean_paths else "central case"
        if show_target:
            # A result made before the target's unit was recorded has none: plain numbers.
            target_unit = getattr(result, "target_unit", "")
            tw = ax.twinx()
            ok = np.isfinite(ys)
            tw.plot(xs[ok], ys[ok], color=st.COLORS[2], lw=1.5, label=f"{result.target} ({case})")
            tw.axhline(
                result.equals,
                color=st.COLORS[2],
                ls=":",
                lw=1.2,
                label=f"{result.equals_label}: {st.format_value(result.equals, target_unit)}",
            )
            tw.set_ylabel(st.axis_label(f"{result.target}, {case}", target_unit))
            tw.grid(False)
            handles, labels = ax.get_legend_handles_labels()
            h2, l2 = tw.get_legend_handles_labels()
            _legend_above(ax, handles + h2, labels + l2)
        else:
            _legend_above(ax, *ax.get_legend_handles_labels())
        st.set_title(
            ax,
            f"What {result.equals_label} implies for {name}",
            created,
            pad=st.legend_clearance(ax, created),
        )
        how = (
            f"Mean of {mean_paths:,} paths: every other assumption drawn from its distribution, "
            "the same draws at every value searched."
            if mean_paths
            else "Central case: every other assumption at its central value."
        )
        text = (
            f"Scenario {result.scenario}. {'The mean of ' if mean_paths else ''}{result.target} "
            f"equals {st.format_value(result.equals, getattr(result, 'target_unit', ''))} when "
            f"{name} = {result.fmt(result.value)}; the thesis' central value is "
            f"{result.fmt(result.central)}. {how} Range searched "
            f"{result.fmt(result.bounds[0])} .. {result.fmt(result.bounds[1])}."
        )
        if result.price_percentile is not None:
            pct = result.price_percentile
            text += f" The price sits {percentile_text(pct)} of {result.target}."
        return st.finish(fig, created, footnote, text, ax=ax)
