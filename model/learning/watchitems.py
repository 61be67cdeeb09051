"""The watch list's items and the list itself (:mod:`model.learning.watchlist` makes them):
each observable with what its outcomes do to the median value, and how they read."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from model.inputs.units import format_value, plural
from model.results.analysis import fiscal_year_text

__all__ = ["WatchItem", "WatchList"]


#: A year subscript of an expression: ``[2026]``.
_YEAR_SUBSCRIPT = re.compile(r"\[\s*(\d{4})\s*\]")


@dataclass(frozen=True)
class WatchItem:
    """One observable and what its outcomes do to the median value.

    Attributes
    ----------
    quantity : str
        The observable (an expression of the thesis language with a year).
    label, unit : str
    binary : bool
        An event (happened or not) rather than a continuous quantity.
    outcomes : tuple of str
        Outcome names (``"below p20"``, ``"p20-p40"``, ..., or ``"not happened"``/``"happened"``);
        ``"at or below p20"`` and ``"at or above p80"`` when values pile up at the cut.
    probs, medians : tuple of float
        Share of paths and median value in each outcome.
    counts : tuple of int
        Paths in each outcome.
    spread : float
        ``sqrt(sum p (median_outcome - median)**2)``, in the value's unit.
    """

    quantity: str
    label: str
    unit: str
    binary: bool
    outcomes: tuple[str, ...]
    probs: tuple[float, ...]
    medians: tuple[float, ...]
    counts: tuple[int, ...]
    spread: float
    low_cut: float = math.nan
    high_cut: float = math.nan
    #: The spread that a quantity unrelated to the value stays below in 95% of runs of this
    #: size: a spread no larger is within sampling noise.
    noise: float = math.nan
    #: Month and day the thesis' years end: a year ending in March is named FY2027.
    year_end: str = "12-31"

    @property
    def within_noise(self) -> bool:
        """True when the spread is no larger than sampling noise alone would give."""
        return bool(self.spread <= self.noise)

    @property
    def observed_year(self) -> int | None:
        """The year observed: of ``event:name@year``, or the one year the quantity subscripts
        (``revenue[2026]``); None when it names no year or several."""
        if self.quantity.startswith("event:"):
            year = self.quantity.partition("@")[2].strip()
            return int(year) if year.isdigit() else None
        years = {int(y) for y in _YEAR_SUBSCRIPT.findall(self.quantity)}
        return years.pop() if len(years) == 1 else None

    def when(self) -> str:
        """`` for 2026`` (an event: `` by 2026``; a year ending in March: `` for FY2026``)
        after the label; empty when the text shown already says the year (the quantity itself,
        or a label naming it)."""
        year = self.observed_year
        if year is None or not self.label or str(year) in self.label:
            return ""
        name = fiscal_year_text(year, self.year_end)
        return f" by {name}" if self.binary else f" for {name}"


@dataclass(frozen=True)
class WatchList:
    """Observables ranked by how much knowing them would move the median value."""

    output: str
    year: int
    unit: str
    median: float
    items: tuple[WatchItem, ...]
    n_paths: int
    #: False for an output with one value per path (today's value): it has no year to show.
    per_year: bool = True
    year_end: str = "12-31"

    @property
    def heading(self) -> str:
        """The output watched: ``value_per_share[2030]``, or ``value_today`` (no year)."""
        return f"{self.output}[{self.year}]" if self.per_year else self.output

    @property
    def observed_years(self) -> tuple[int, ...]:
        """The years the items observe, in order (``year`` is the output's, not these)."""
        return tuple(sorted({y for it in self.items if (y := it.observed_year) is not None}))

    @property
    def observed(self) -> str:
        """The years observed in words: ``2025 (events by 2026)``, ``FY2026``, ``events by
        2026``; empty when no item names a year."""

        def names(binary: bool) -> str:
            years = sorted(
                {y for it in self.items if it.binary is binary and (y := it.observed_year)}
            )
            return ", ".join(fiscal_year_text(y, self.year_end) for y in years)

        figures, events = names(False), names(True)
        if not events:
            return figures
        return f"{figures} (events by {events})" if figures else f"events by {events}"

    def summary(self) -> pd.DataFrame:
        """One row per observable, largest spread first.

        Columns: ``label``, ``observed_year`` (the year the quantity is of, or the event
        happens by; empty for a quantity naming none), ``unit``, ``spread``, ``noise`` (the
        spread sampling alone stays
        below in 95% of runs: a spread no larger is noise), ``if_low`` (median value if the quantity
        comes in below its 20th percentile, at or below when values pile up there, or if the
        event does not happen), ``low_cut``, ``if_high`` (above the 80th percentile, at or above
        when values pile up there, or the event happens), ``high_cut``.
        """
        rows = []
        for it in self.items:
            rows.append(
                {
                    "quantity": it.quantity,
                    "label": it.label,
                    "observed_year": it.observed_year,
                    "unit": it.unit,
                    "spread": it.spread,
                    "noise": it.noise,
                    "if_low": it.medians[0],
                    "low_cut": it.low_cut,
                    "if_high": it.medians[-1],
                    "high_cut": it.high_cut,
                }
            )
        table = pd.DataFrame(rows).set_index("quantity")
        table["observed_year"] = table["observed_year"].astype("Int64")
        return table

    def to_frame(self) -> pd.DataFrame:
        """Every outcome of every observable: probability, paths and median value."""
        rows = [
            {
                "quantity": it.quantity,
                "outcome": o,
                "prob": p,
                "paths": c,
                "median_value": m,
            }
            for it in self.items
            for o, p, c, m in zip(it.outcomes, it.probs, it.counts, it.medians, strict=True)
        ]
        return pd.DataFrame(rows).set_index(["quantity", "outcome"])

    @property
    def measure(self) -> str:
        """What the medians are of, in words: ``median value today`` (today's value has no year
        of its own), ``median <output>`` for another one-value output, else ``median <output>
        in <year>``."""
        if self.output == "value_today":
            return "median value today"
        if not self.per_year:
            return f"median {self.output}"
        return f"median {self.output} in {fiscal_year_text(self.year, self.year_end)}"

    def sentences(self) -> list[str]:
        """The table in words: "if X comes in below ..., the median value becomes ..."."""
        from model.inputs.units import format_quantity

        def money(v: float) -> str:
            return format_quantity(v, self.unit, grouped=True) if self.unit else format_value(v)

        what = f"the {self.measure}"
        out = []
        for it in self.items:
            name, when = it.label or it.quantity, it.when()
            if it.binary:
                # Quoted: an event's label may be a clause ("The regulator grants the licence").
                text = (
                    f"if \u201c{name}\u201d happens{when}, {what} becomes {money(it.medians[-1])} "
                    f"(if not, {money(it.medians[0])})"
                )
            else:
                low = format_quantity(it.low_cut, it.unit or None, grouped=True)
                high = format_quantity(it.high_cut, it.unit or None, grouped=True)
                below = "at or below" if it.outcomes[0].startswith("at or") else "below"
                above = "at or above" if it.outcomes[-1].startswith("at or") else "above"
                text = (
                    f"if {name}{when} comes in {below} {low} (its 20th percentile), {what} "
                    f"becomes {money(it.medians[0])}; {above} {high} (its 80th), "
                    f"{money(it.medians[-1])}"
                )
            if it.within_noise:
                # Otherwise read as a fact worth waiting for: the medians differ by chance.
                text += (
                    f" - within sampling noise (spread {money(it.spread)}, noise "
                    f"{money(it.noise)}): knowing it tells little"
                )
            out.append(text)
        return out

    def __repr__(self) -> str:
        from model.inputs.units import format_quantity

        def money(v: float) -> str:  # a return's fractions as percentages: 2.256%, not 0.02256 %
            return format_quantity(v, self.unit, grouped=True) if self.unit else format_value(v)

        top = ", ".join(f"{i.quantity} (spread {money(i.spread)})" for i in self.items[:3])
        return (
            f"<WatchList {self.heading} median {money(self.median)}: "
            f"{plural(len(self.items), 'observable')}; top: {top}>"
        )

    def _repr_html_(self) -> str:
        import html

        table = self.summary().to_html(float_format=format_value)
        return f"<div><p>{html.escape(repr(self))}</p>{table}</div>"
