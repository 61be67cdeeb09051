"""What the sensitivity results show in a notebook (``_repr_html_``).

Tables of the largest effects with small inline bars, built with :mod:`model.results.display`;
fractions (shares of variance, contributions) are printed as percentages here and only here.
"""

from __future__ import annotations

from typing import Any

from model.inputs.units import plural
from model.results.display import (
    FRACTION_UNITS,
    fmt_percent,
    fmt_same,
    html_block,
    html_line,
    html_table,
    svg_bar,
)
from model.sensitivities.shown import headline, number_text, quantile_text

__all__ = ["rank_html", "sobol_html", "tornado_html"]

#: Rows of a sensitivity table shown in a notebook.
TOP = 10


def _where(result: Any) -> str:
    return headline(result.output, result.year, result.output_unit, result.year_end)


def tornado_html(result: Any) -> str:
    bars = result.bars[:TOP]
    scale = max((abs(b.swing) for b in bars), default=0.0)
    unit = result.output_unit
    pct = unit in FRACTION_UNITS
    factor = 100.0 if pct else 1.0
    numbers = [v * factor for b in bars for v in (b.output_at_low, b.output_at_high, b.swing)]
    shown = iter(fmt_same(numbers))
    rows = [(i, b.readable_label(), next(shown), next(shown), next(shown),
             svg_bar(b.swing, scale=scale)) for i, b in enumerate(bars, start=1)]  # fmt: skip
    shown_unit = "%" if pct else unit
    suffix = f" ({shown_unit})" if shown_unit else ""
    swing = "swing (pp)" if pct else "swing"  # a difference of percentages: points
    header = ["", "input", f"output at low{suffix}", f"output at high{suffix}", swing, ""]
    # Worded as the repr and the summary's heading word it, to the same digits.
    centre = number_text(result.central_value, unit)
    levels = f"{quantile_text(result.low_quantile)} / {quantile_text(result.high_quantile)}"
    note = (f"One input at a time, the others central: variables at their {levels} quantiles, "
            f"events happen or not. Central case (deterministic): {centre}.")  # fmt: skip
    more = len(result.bars) - len(bars)
    extra = html_line(f"... {more} more: .summary(top=None)") if more > 0 else ""
    table = html_table(header, rows, align=["right", "left", "right", "right", "right", "left"],
                       raw=[False] * 5 + [True])  # fmt: skip
    return html_block(f"Tornado: {_where(result)}", table, extra, note=note)


def rank_html(result: Any) -> str:
    entries = result.entries[:TOP]
    rows = [(i, e.label or e.input, f"{e.rho:+.2f}", f"[{e.rho_low:+.2f}, {e.rho_high:+.2f}]",
             fmt_percent(e.contribution), svg_bar(e.rho, scale=1.0))
            for i, e in enumerate(entries, start=1)]  # fmt: skip
    header = ["", "input", "rho", f"{result.conf_level:.0%} interval", "share of rho²", ""]
    more = len(result.entries) - len(entries)
    extra = html_line(f"... {more} more: .summary(top=None)") if more > 0 else ""
    table = html_table(header, rows, align=["right", "left", "right", "right", "right", "left"],
                       raw=[False] * 5 + [True])  # fmt: skip
    paths = plural(result.n_paths, "path")
    return html_block(f"Rank correlation: {_where(result)}, {paths}", table, extra)


def sobol_html(result: Any) -> str:
    entries = result.entries[:TOP]
    rows = [(i, e.label or e.input, f"{fmt_percent(e.S1)} ± {fmt_percent(e.S1_conf)}",
             f"{fmt_percent(e.ST)} ± {fmt_percent(e.ST_conf)}", svg_bar(e.ST, scale=1.0))
            for i, e in enumerate(entries, start=1)]  # fmt: skip
    header = ["", "input", "S1 (alone)", "ST (with interactions)", ""]
    more = len(result.entries) - len(entries)
    extra = html_line(f"... {more} more: .summary(top=None)") if more > 0 else ""
    note = (f"Shares of the output's variance, ± half-widths of {result.conf_level:.0%} "
            f"intervals; {result.n_evaluations:,} model evaluations. "
            + " ".join(f"{n[:1].upper()}{n[1:]}." for n in result.notes))  # fmt: skip
    table = html_table(header, rows, align=["right", "left", "right", "right", "left"],
                       raw=[False] * 4 + [True])  # fmt: skip
    return html_block(f"Sobol' indices: {_where(result)}", table, extra, note=note)
