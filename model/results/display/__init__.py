"""How results show themselves: short ``repr`` texts and the HTML a notebook renders.

Every public result type has a one-line (or few-line) ``__repr__`` and a ``_repr_html_``
built from the helpers here: numbers rounded to what their standard error supports
(:func:`with_se`), small HTML tables (:func:`html_table`) and a tiny inline value histogram
drawn as SVG (:func:`svg_histogram`). SVG rather than a PNG from matplotlib: it needs no
plotting library, renders at any zoom, costs a few kilobytes and is byte-identical for
identical inputs. The HTML is self-contained (no scripts, no external styles), so it also
survives being saved in a notebook and exported.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

import numpy as np

from model.inputs.figures import LARGE, large_text

__all__ = [
    "decimals_for",
    "fmt_number",
    "fmt_percent",
    "html_block",
    "html_table",
    "pct_with_se",
    "svg_histogram",
    "with_se",
]

#: Bins of the inline histogram.
HIST_BINS = 36
#: Share of paths cut off at each end of the inline histogram's axis (said under the chart).
HIST_TAIL = 0.005
#: Pixels above the bars of a small histogram for the price's label.
LABEL_BAND = 13
#: Units whose values are fractions shown as percentages.
FRACTION_UNITS = frozenset({"%", "share"})


# ---------------------------------------------------------------------- numbers


def decimals_for(se: float, *, digits: int = 1) -> int:
    """Decimals that show a standard error's first ``digits`` significant digits.

    A value is shown to the decimal of its error's first significant digit: 0.8531 with an
    error of 0.0015 is 0.853; 198.24 with an error of 0.95 is 198.2.
    """
    if not (math.isfinite(se) and se > 0):
        return -1
    return max(0, digits - 1 - math.floor(math.log10(abs(se))))


def _sig(x: float, digits: int = 4) -> str:
    """``x`` with ``digits`` significant digits, thousands grouped, no exponent below 1e15."""
    if x == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(x)))
    decimals = max(0, digits - 1 - magnitude)
    return f"{x:,.{decimals}f}"


def fmt_number(x: float, *, digits: int = 4) -> str:
    """A number for people: up to four significant digits (no trailing zeros), thousands
    grouped, ``n/a`` if not finite."""
    if x is None or not math.isfinite(float(x)):
        return "n/a"
    big = large_text(float(x), digits)
    if big is not None:
        return big
    text = _sig(float(x), digits)
    return text.rstrip("0").rstrip(".") if "." in text else text


def with_se(x: float, se: float, *, scale: float = 1.0, suffix: str = "") -> str:
    """``"198.2 ± 0.95"``: the value to its error's first significant digit, the error to two.

    Parameters
    ----------
    x, se : float
        Estimate and standard error.
    scale : float
        Factor applied to both before formatting (100 for percentages).
    suffix : str
        Appended to both numbers (``"%"``).
    """
    if x is None or not math.isfinite(float(x)):
        return "n/a"
    value, error = float(x) * scale, float(se) * scale if se is not None else math.nan
    if not math.isfinite(error):
        return f"{fmt_number(value)}{suffix}"
    if abs(value) >= LARGE or abs(error) >= LARGE:
        # Decimals to the error's digit would write out every noisy digit of the value.
        return f"{fmt_number(value)}{suffix} ± {fmt_number(error, digits=2)}{suffix}"
    # An error at floating-point noise (an output the same on every path, summed in another
    # order) is none: 589.1 ± 0, not 589.1153824273814 ± 0.00000000000079.
    if error == 0 or abs(error) <= 1e-12 * abs(value):
        return f"{fmt_number(value)}{suffix} ± 0{suffix}"
    d = decimals_for(error)
    d_se = decimals_for(error, digits=2)
    return f"{value:,.{d}f}{suffix} ± {error:,.{d_se}f}{suffix}"


def fmt_same(values: Sequence[float], *, digits: int = 4) -> list[str]:
    """Numbers shown side by side with one number of decimals: ``digits`` significant digits
    of the largest (``95.5``, ``201.0``, ``294.9``, not ``95.53`` beside ``294.9``)."""
    finite = [abs(float(v)) for v in values if v is not None and math.isfinite(float(v))]
    largest = max(finite, default=0.0)
    if largest >= LARGE:  # one number of decimals would write out the largest's noise
        return [fmt_number(float(v)) if v is not None else "n/a" for v in values]
    decimals = 2 if largest == 0 else max(0, digits - 1 - math.floor(math.log10(largest)))
    return [f"{float(v):,.{decimals}f}" if v is not None and math.isfinite(float(v)) else "n/a"
            for v in values]  # fmt: skip


def fmt_percent(x: float, *, decimals: int = 1) -> str:
    """A fraction as a percentage (``0.853`` -> ``"85.3%"``); small ones keep a digit."""
    if x is None or not math.isfinite(float(x)):
        return "n/a"
    points = float(x) * 100.0
    big = large_text(points)
    if big is not None:
        return f"{big}%"
    if points != 0 and abs(points) < 0.1:
        return f"{points:.2g}%"
    return f"{points:.{decimals}f}%"


def fmt_probability(p: float) -> str:
    """A probability as a percentage that never rounds a possibility to certainty.

    ``0.9998`` reads ``">99.9%"``: ``"100.0%"`` would say every path holds the claim when two
    in ten thousand do not (small ones keep a digit already: ``0.0002`` is ``"0.02%"``).
    """
    if p is not None and math.isfinite(float(p)) and 0.999 < float(p) < 1.0:
        return ">99.9%"
    return fmt_percent(p)


def pct_with_se(p: float, se: float) -> str:
    """A probability and its error as percentages: ``"85.3% ± 0.15%"``."""
    return with_se(p, se, scale=100.0, suffix="%")


def prob_text(p: float, se: float, n: float | None = None) -> str:
    """:func:`pct_with_se`, except a probability counted at 0 or 1 of ``n`` (effective) paths:
    its error is 0, no certainty, so it shows its 95% bound, ``"0% (< 0.015%, 95% bound)"``."""
    from model.results.values import bound_text

    bound = bound_text(float(p), n) if p is not None and math.isfinite(float(p)) else None
    return pct_with_se(p, se) if bound is None else f"{fmt_percent(p)} ({bound})"


def in_unit(x: float, unit: str) -> str:
    """A value in its unit: fractions as percentages, others with the unit after them."""
    if unit in FRACTION_UNITS:
        return fmt_percent(x)
    text = fmt_number(x)
    return f"{text} {unit}" if unit and unit != "1" and text != "n/a" else text


def with_se_unit(x: float, se: float, unit: str) -> str:
    """:func:`with_se` in a unit (fractions as percentages)."""
    if unit in FRACTION_UNITS:
        return pct_with_se(x, se)
    text = with_se(x, se)
    return f"{text} {unit}" if unit and unit != "1" and text != "n/a" else text


# ---------------------------------------------------------------------- HTML

_STYLE = (
    "font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:12px;"
    "line-height:1.35;max-width:60em"
)
_TABLE = "border-collapse:collapse;margin:4px 0 8px 0;font-size:12px"
_TH = "text-align:{align};padding:2px 8px;border-bottom:1px solid #999;font-weight:600"
_TD = "text-align:{align};padding:1px 8px;border-bottom:1px solid #e4e4e4"
# Numbers (right-aligned cells) never wrap: "85.3% ± 0.15%" stays on one line.
_NOWRAP = ";white-space:nowrap"


def esc(text: Any) -> str:
    """Text escaped for HTML."""
    return html.escape(str(text), quote=True)


def html_table(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    align: Sequence[str] | None = None,
    caption: str = "",
    raw: Sequence[bool] | None = None,
) -> str:
    """A small HTML table; cells are escaped unless their column is marked ``raw``.

    Parameters
    ----------
    header : sequence of str
        Column headings.
    rows : iterable of sequences
        Cell values (converted with ``str``).
    align : sequence of str, optional
        ``"left"`` or ``"right"`` per column; the first column left, the others right by
        default.
    caption : str
        A caption above the table (escaped).
    raw : sequence of bool, optional
        Columns whose cells are trusted HTML (inline SVG bars).
    """
    n = len(header)
    align = list(align) if align is not None else ["left", *["right"] * (n - 1)]
    raw = list(raw) if raw is not None else [False] * n
    parts = [f'<table style="{_TABLE}">']
    if caption:
        parts.append(f'<caption style="text-align:left;font-weight:600">{esc(caption)}</caption>')
    pairs = zip(header, align, strict=True)
    heads = "".join(f'<th style="{_TH.format(align=a)}">{esc(h)}</th>' for h, a in pairs)
    parts.append(f"<thead><tr>{heads}</tr></thead><tbody>")
    for row in rows:
        cells = "".join(
            f'<td style="{_TD.format(align=a)}{_NOWRAP if a == "right" else ""}">'
            f"{c if r else esc(c)}</td>"
            for c, a, r in zip(row, align, raw, strict=True)
        )
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def html_block(title: str, *parts: str, note: str = "") -> str:
    """A result's HTML: a bold title line, then the parts, then a muted note."""
    body = "".join(parts)
    foot = f'<div style="color:#666">{esc(note)}</div>' if note else ""
    head = f'<div style="font-weight:600">{esc(title)}</div>'
    return f'<div style="{_STYLE}">{head}{body}{foot}</div>'


def html_line(text: str) -> str:
    """One escaped line of text."""
    return f"<div>{esc(text)}</div>"


def html_details(summary: str, content: str) -> str:
    """A collapsed section (``<details>``) with an escaped summary line."""
    return f"<details><summary>{esc(summary)}</summary>{content}</details>"


# ---------------------------------------------------------------------- inline charts


def _axis_label(x: float) -> str:
    return fmt_number(x, digits=3)


def svg_histogram(
    values: np.ndarray,
    *,
    marker: float | None = None,
    marker_label: str = "",
    unit: str = "",
    width: int = 320,
    height: int = 72,
    bins: int = HIST_BINS,
    limits: tuple[float, float] | None = None,
    labels: bool = True,
) -> str:
    """A tiny histogram of a sample as inline SVG, with an optional vertical marker (a price).

    The axis spans the sample's 0.5th to 99.5th percentile (widened to include the marker);
    how many paths fall outside is written under the chart, so nothing is cut silently.

    Parameters
    ----------
    values : ndarray, shape (n,)
        The sample; non-finite values are left out (and counted in the note).
    marker : float, optional
        Drawn as a red vertical line (for example the share price).
    marker_label : str
        Its label, e.g. ``"price 129.5"``.
    unit : str
        Unit of the values, for the axis note (fractions are shown as percentages).
    width, height : int
        Size in pixels of the bars' area (the labels add a line below).
    bins : int
        Number of bars.
    limits : (float, float), optional
        The axis, for histograms that must share one (a column of sparklines); paths outside
        are counted in the note.
    labels : bool
        Write the axis ends and the note below the bars (False for a sparkline).

    Returns
    -------
    str
        An ``<svg>`` element; empty when no value is finite.
    """
    x = np.asarray(values, dtype=float).ravel()
    finite = x[np.isfinite(x)]
    if not finite.size:
        return ""
    if limits is None:
        lo, hi = (float(v) for v in np.quantile(finite, [HIST_TAIL, 1.0 - HIST_TAIL]))
    else:
        lo, hi = (float(v) for v in limits)
    if marker is not None and math.isfinite(marker):
        lo, hi = min(lo, marker), max(hi, marker)
    if hi <= lo:
        pad = abs(lo) * 0.05 or 1.0
        lo, hi = lo - pad, hi + pad
    counts, _ = np.histogram(finite, bins=bins, range=(lo, hi))
    outside = int(finite.size - counts.sum()) + int(x.size - finite.size)
    top = max(int(counts.max()), 1)
    bw = width / bins
    shown = marker is not None and math.isfinite(marker)
    # The price usually sits near the mode: its label gets a band of its own above the bars.
    band = LABEL_BAND if shown and marker_label and labels else 0
    base = band + height  # the bars' baseline
    full = base + 14 if labels else base + 1
    pieces = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{full}" '
        f'viewBox="0 0 {width} {full}" role="img">'
    ]
    for i, c in enumerate(counts):
        if c == 0:
            continue
        h = (height - 2) * c / top
        pieces.append(
            f'<rect x="{i * bw:.2f}" y="{base - h:.2f}" width="{max(bw - 1, 0.5):.2f}" '
            f'height="{h:.2f}" fill="#4c72b0"/>'
        )
    pieces.append(f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="#999"/>')
    scale = 100.0 if unit in FRACTION_UNITS else 1.0
    suffix = "%" if unit in FRACTION_UNITS else ""
    if shown:
        mx = (cast(float, marker) - lo) / (hi - lo) * width
        pieces.append(
            f'<line x1="{mx:.2f}" y1="0" x2="{mx:.2f}" y2="{base}" stroke="#c44e52" '
            'stroke-width="1.5"/>'
        )
        if band:
            anchor = "end" if mx > width / 2 else "start"
            dx = -3 if anchor == "end" else 3
            pieces.append(
                f'<text x="{mx + dx:.2f}" y="{band - 3}" font-size="10" fill="#c44e52" '
                f'text-anchor="{anchor}">{esc(marker_label)}</text>'
            )
    if not labels:
        pieces.append("</svg>")
        return "".join(pieces)
    label_y = base + 11
    pieces.append(
        f'<text x="0" y="{label_y}" font-size="10" fill="#444">'
        f"{esc(_axis_label(lo * scale) + suffix)}</text>"
    )
    pieces.append(
        f'<text x="{width}" y="{label_y}" font-size="10" fill="#444" text-anchor="end">'
        f"{esc(_axis_label(hi * scale) + suffix)}</text>"
    )
    if outside:
        pieces.append(
            f'<text x="{width / 2:.0f}" y="{label_y}" font-size="10" fill="#666" '
            f'text-anchor="middle">{outside:,} paths outside the axis</text>'
        )
    pieces.append("</svg>")
    return "".join(pieces)


def svg_bar(value: float, *, scale: float, width: int = 90, height: int = 10) -> str:
    """A small horizontal bar for a table cell: ``value / scale`` of ``width``, signed.

    Negative values grow leftwards from the middle when ``scale`` spans both signs; here the
    bar is drawn from the left for values >= 0 and in a second colour for negative ones.
    """
    if not (math.isfinite(value) and scale > 0):
        return ""
    w = min(abs(value) / scale, 1.0) * width
    colour = "#4c72b0" if value >= 0 else "#c44e52"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
        f'<rect x="0" y="1" width="{w:.2f}" height="{height - 2}" fill="{colour}"/></svg>'
    )


def mapping_text(items: Mapping[str, Any]) -> str:
    """``"a=1, b=2"`` for a short repr."""
    return ", ".join(f"{k}={v}" for k, v in items.items())
