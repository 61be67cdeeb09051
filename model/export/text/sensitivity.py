"""The sensitivity results as terminal text: the tornado's largest swings, the rank
correlations and the Sobol' indices, as ``thesis sensitivity`` and ``summary.txt`` print them.

Numbers are rounded for reading (fractions as percentages); the exports hold every number in
full. :mod:`model.export.console` re-exports every function here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from model.inputs.units import plural
from model.results.analysis import fiscal_year_text
from model.results.values import pct
from model.sensitivities.results import FactorKind, display_unit, display_value
from model.sensitivities.shown import quantile_text

if TYPE_CHECKING:
    from model.sensitivities.results import (
        RankCorrelationResult,
        SobolResult,
        TornadoResult,
    )

__all__ = ["print_ranks", "print_sensitivity", "print_sobol", "print_tornado"]


def _decimals(values: Iterable[float]) -> int:
    """Decimals that give the largest of ``values`` four significant digits (shared by a table)."""
    largest = max((abs(v) for v in values if math.isfinite(v)), default=0.0)
    if largest == 0.0:
        return 1
    return min(6, max(0, 3 - math.floor(math.log10(largest))))


def print_tornado(
    tornado: TornadoResult,
    out: TextIO,
    *,
    unit: str = "",
    top: int = 5,
    year_end: str | None = None,
) -> None:
    """The inputs with the largest one-at-a-time swing of the output, largest first.

    Parameters
    ----------
    tornado : TornadoResult
        From :func:`model.sensitivities.tornado`.
    out : text stream
        Where to write.
    unit : str
        Unit of the output, for the heading (default: the tornado's own).
    top : int
        Number of inputs printed.
    """
    table = tornado.summary(top)
    if not len(table):
        return
    bars = tornado.bars[: len(table)]
    lo, hi = tornado.low_quantile, tornado.high_quantile
    unit = unit or display_unit(tornado.output_unit)
    unit_text = f" ({unit})" if unit else ""
    # Tables keep fractions; printed, a share or percentage output reads as percentages.
    scale = display_value(1.0, tornado.output_unit)
    table = table.assign(
        output_at_low=table["output_at_low"] * scale,
        output_at_high=table["output_at_high"] * scale,
        swing=table["swing"] * scale,
    )
    centre = display_value(tornado.central_value, tornado.output_unit)
    numbers = [centre, *table["output_at_low"], *table["output_at_high"]]
    d = _decimals(numbers)
    at = _in_year(tornado.year, year_end)
    what = tornado.output
    if what == "value_today_by_year" and at:
        # Today's value of holding to a year end, not a value "in" that year.
        what, at = "today's value of holding to", at.removeprefix(" in")
    print(f"Top {len(table)} drivers of {what}{at}{unit_text}:", file=out)
    print(
        f"  one input at a time, the others central: a variable from its {quantile_text(lo)} "
        f"to its {quantile_text(hi)} quantile,\n  an event from not happening to happening",
        file=out,
    )
    # Next to a table of today's values, a year-end value must say it is not discounted.
    bases = {"value_per_share": " (year-end value, not discounted)",
             "value_today_by_year": " (value today, at the cost of equity)"}  # fmt: skip
    basis = bases.get(tornado.output, "")
    print(f"  central case (deterministic): {centre:,.{d}f}{basis}", file=out)
    width = max(len(name) for name in table["input"])
    points = " pp" if unit == "%" else ""  # a difference of percentages is in points
    rows = zip(table.itertuples(index=False), bars, strict=True)
    for rank, (row, bar) in enumerate(rows, start=1):
        when = ""
        if bar.kind == FactorKind.EVENT:
            year = (
                f" from {fiscal_year_text(bar.event_year, year_end or '12-31')}"
                if bar.event_year is not None
                else ""
            )
            when = f"   happens{year} vs not"
            central = getattr(bar, "central_event_year", None)
            if central is not None and central != bar.event_year:
                # The central case's own timing differs: its value lies outside this bar.
                fy = fiscal_year_text(central, year_end or "12-31")
                when += f" (the central case has it from {fy})"
        elif bar.whole_range:
            when = "   lowest vs highest value"
        print(
            f"  {rank}. {row.input:<{width}}  {row.output_at_low:>9,.{d}f} -> "
            f"{row.output_at_high:>9,.{d}f}   swing {row.swing:+,.{d}f}{points}{when}",
            file=out,
        )


def _in_year(year: int | None, year_end: str | None = None) -> str:
    """ " in <year>" for a per-year output; nothing for one without years (today's value).

    A fiscal year not ending on 31 December (``year_end`` ``"06-30"``) is named by its end,
    " in FY2031 (2031-06-30)", as the run's headings name it: a bare year reads as a calendar
    year."""
    if year is None:
        return ""
    return f" in {fiscal_year_text(year, year_end or '12-31', date=True)}"


def _short(text: str, width: int = 48) -> str:
    """A label cut to ``width`` characters (the exports keep it whole)."""
    return text if len(text) <= width else text[: width - 3] + "..."


def print_ranks(
    ranks: RankCorrelationResult, out: TextIO, *, top: int = 12, year_end: str | None = None
) -> None:
    """Spearman correlations with their interval and share of the summed rho², strongest first."""
    unit = f" ({ranks.output_unit})" if ranks.output_unit else ""
    print(f"Rank correlation with {ranks.output}{_in_year(ranks.year, year_end)}{unit}, "
          f"{plural(ranks.n_paths, 'path')}:", file=out)  # fmt: skip
    entries = ranks.entries[:top]
    width = max((len(e.input) for e in entries), default=5)
    level = f"{ranks.conf_level:.0%}"
    print(f"  {'':>3} {'input':<{width}}  {'rho':>6}  {level + ' interval':>16}  "
          f"{'share':>6}  label", file=out)  # fmt: skip
    for i, e in enumerate(entries, start=1):
        interval = f"[{e.rho_low:+.2f}, {e.rho_high:+.2f}]"
        print(f"  {i:>3} {e.input:<{width}}  {e.rho:>+6.2f}  {interval:>16}  "
              f"{pct(e.contribution):>6}  {_short(e.label or e.input)}", file=out)  # fmt: skip
    print("  share: of the summed rho² of every input analysed", file=out)
    if ranks.dropped:
        print(f"  note: {ranks.dropped_text()}", file=out)


def print_sobol(
    sobol: SobolResult, out: TextIO, *, top: int = 12, year_end: str | None = None
) -> None:
    """First-order and total Sobol' indices as percentages of the variance, largest first."""
    unit = f" ({sobol.output_unit})" if sobol.output_unit else ""
    print(f"Sobol' indices of {sobol.output}{_in_year(sobol.year, year_end)}{unit}, "
          f"{sobol.n_evaluations:,} model evaluations:", file=out)  # fmt: skip
    entries = sobol.entries[:top]
    width = max((len(e.input) for e in entries), default=5)
    print(f"  {'':>3} {'input':<{width}}  {'S1 (alone)':>16}  {'ST (in total)':>16}  label",
          file=out)  # fmt: skip
    for i, e in enumerate(entries, start=1):
        s1 = f"{pct(e.S1)} ± {pct(e.S1_conf)}"
        st = f"{pct(e.ST)} ± {pct(e.ST_conf)}"
        print(f"  {i:>3} {e.input:<{width}}  {s1:>16}  {st:>16}  {_short(e.label or e.input)}",
              file=out)  # fmt: skip
    print(f"  shares of the variance, ± half-widths of {sobol.conf_level:.0%} intervals", file=out)
    for note in sobol.notes:
        print(f"  note: {note}", file=out)


def print_sensitivity(
    found: Any, out: TextIO, *, top: int = 12, year_end: str | None = None
) -> None:
    """Any sensitivity result, formatted for people (fractions as percentages); ``year_end``
    the thesis' fiscal year end (``"06-30"``), to name a year by its end date."""
    from model.sensitivities.results import RankCorrelationResult, SobolResult

    if isinstance(found, SobolResult):
        print_sobol(found, out, top=top, year_end=year_end)
    elif isinstance(found, RankCorrelationResult):
        print_ranks(found, out, top=top, year_end=year_end)
    else:
        print_tornado(found, out, top=top, year_end=year_end)
