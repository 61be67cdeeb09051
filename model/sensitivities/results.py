"""Result types of the sensitivity analyses (see :mod:`model.sensitivities`).

Frozen dataclasses, one entry per input, sorted most important first. Each result has

* ``.to_frame()``: every entry with raw numbers (fractions stay fractions), for files;
* ``.summary(top=10)``: the top entries for people: readable labels, a rank, numbers kept
  numeric. Like every table of the toolkit, shares, percentages and Sobol' indices stay
  fractions (0.1487 for 14.87%, with the unit saying so); they become percentages only where
  they are printed (the ``repr``, the notebook view, the command line, the charts);
* a short ``repr`` (the headline and the top three entries);
* ``output_unit``: the unit of the analysed output (charts read it when present).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from model.inputs.units import plural
from model.sensitivities.origin import Origin
from model.sensitivities.shown import (
    Shown,
    display_unit,
    display_value,
    entries_frame,
    headline,
    number_text,
    numbers_text,
    points_text,
    quantile_text,
    ranked_frame,
    readable,
    top_entries,
)

__all__ = [
    "FactorKind",
    "PathSummary",
    "RankCorrelationResult",
    "RankEntry",
    "SensitivityMethod",
    "SobolEntry",
    "SobolResult",
    "TornadoBar",
    "TornadoResult",
    "display_unit",
    "display_value",
]

# Columns of the tables (one string each keeps them on a line).
_TORNADO_COLUMNS = (
    "input label unit low_value high_value output_at_low output_at_high swing central_value kind "
    "event_year central_event_year"
).split()
_TORNADO_SUMMARY = (
    "input label unit low high output_at_low output_at_high swing change_at_low change_at_high"
).split()
_RANK_COLUMNS = "input label unit rho rho_low rho_high contribution kind".split()
_RANK_SUMMARY = "input label kind unit rho rho_low rho_high contribution".split()
_SOBOL_COLUMNS = "input S1 S1_conf ST ST_conf label unit kind".split()
_SOBOL_SUMMARY = "input label kind unit S1 S1_conf ST ST_conf".split()


class SensitivityMethod(StrEnum):
    """How :func:`sensitivity` ranks the assumptions."""

    TORNADO = "tornado"
    RANK = "rank"
    SOBOL = "sobol"


class PathSummary(StrEnum):
    """How a per-year input (process shocks, event counts) becomes one number per path.

    ``MEAN`` averages the path up to the analysed year: a growth process acts on the exit-year
    value through every year, not only the last, and an early event weighs more than a late
    one. ``AT_YEAR`` takes the value in that year.
    """

    MEAN = "mean"
    AT_YEAR = "at_year"


class FactorKind(StrEnum):
    """What a sensitivity input is."""

    #: A static variable: one value per path.
    VARIABLE = "variable"
    #: An event: its occurrences.
    EVENT = "event"
    #: A process's yearly shocks (analysed as one group).
    SHOCKS = "shocks"
    #: Anything else a run kept (a derived quantity, or an input without a spec).
    OTHER = "other"


# --------------------------------------------------------------------------------------------
# Tornado
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TornadoBar:
    """One input's swing.

    Attributes
    ----------
    input, label, unit : str
        Input name, its human label and its unit.
    low_value, high_value : float
        A variable's low and high quantiles (p10 and p90 by default). For an event, its
        occurrences: 0 (does not happen) and 1 (happens, from ``event_year`` on).
    output_at_low, output_at_high : float
        The output with this input at ``low_value`` / ``high_value``, the others central.
    kind : FactorKind or str
        ``"variable"`` or ``"event"``.
    event_year : int or None
        For an event: the calendar year of its occurrence in the "happens" case.
    central_event_year : int or None
        For an event: the year it first happens in the central case (its median timing), or
        None when it does not happen there. When it does, "does not happen" moves the output
        the other way from "happens".
    whole_range : bool
        A discrete variable swung from its lowest value to its highest, as its low and high
        quantiles coincide.
    """

    input: str
    label: str
    unit: str
    low_value: float
    high_value: float
    output_at_low: float
    output_at_high: float
    kind: FactorKind | str = FactorKind.VARIABLE
    event_year: int | None = None
    central_event_year: int | None = None
    whole_range: bool = False

    @property
    def swing(self) -> float:
        """``output_at_high - output_at_low``; negative when the output falls as the input rises
        (for an event: when the event lowers the output)."""
        return self.output_at_high - self.output_at_low

    def readable_label(self) -> str:
        """Label for people; an event's says when it happens in its "happens" case."""
        text = readable(self.input, self.label)
        if self.kind == FactorKind.EVENT:
            when = f" from {self.event_year}" if self.event_year is not None else ""
            text += f" (event: happens{when} vs not)"
        return text


@dataclass(frozen=True)
class TornadoResult(Shown):
    """One-at-a-time swings of the inputs, largest ``|swing|`` first.

    Attributes
    ----------
    output : str
        The output analysed.
    year : int or None
        The year analysed (None for a model without years; for an output of shape (n,) it is
        informational).
    central_value : float
        The output in the deterministic central case: every variable at its central value,
        processes without shocks, events at their deterministic-mode (median) timing. It is
        *not* the median of a Monte Carlo run (skewed inputs, events and shocks move that).
    bars : tuple of TornadoBar
        Sorted by decreasing ``|swing|`` (ties keep the spec order).
    low_quantile, high_quantile : float
        The quantiles each variable was swung between.
    output_unit : str
        Unit of the output ("" when not known).
    notes : tuple of str
        What the tornado leaves out or approximates.
    year_end : str
        Month and day the thesis' years end (``"03-31"``): the year reads FY2030 when not
        ``"12-31"``.
    origin : Origin or None
        The thesis and scenario analysed (set by :func:`model.sensitivity`), so that a
        workbook of another thesis or scenario refuses the result.
    """

    _HTML: ClassVar[str] = "tornado_html"

    output: str
    year: int | None
    central_value: float
    bars: tuple[TornadoBar, ...]
    low_quantile: float = 0.1
    high_quantile: float = 0.9
    output_unit: str = ""
    notes: tuple[str, ...] = ()
    year_end: str = "12-31"
    origin: Origin | None = field(default=None, compare=False, repr=False)

    @property
    def base(self) -> float:
        """Same as :attr:`central_value` (the name older readers use)."""
        return self.central_value

    @property
    def ranking(self) -> tuple[str, ...]:
        """Input names, most important first."""
        return tuple(b.input for b in self.bars)

    def to_frame(self) -> pd.DataFrame:
        """One row per input, sorted by ``|swing|``, raw numbers.

        Returns
        -------
        DataFrame
            Columns input (the name), label (readable, as in :meth:`summary`), unit,
            low_value, high_value, output_at_low, output_at_high, swing, central_value, kind,
            event_year, central_event_year. ``central_value`` is the deterministic central
            case (see the class notes). The event years are empty for variables (and
            ``central_event_year`` for events absent from the central case).
        """
        rows = [
            (b.input, readable(b.input, b.label), b.unit, b.low_value, b.high_value,
             b.output_at_low, b.output_at_high, b.swing, self.central_value, str(b.kind),
             b.event_year, b.central_event_year)
            for b in self.bars
        ]  # fmt: skip
        frame = pd.DataFrame(rows, columns=_TORNADO_COLUMNS)
        for column in ("event_year", "central_event_year"):
            frame[column] = frame[column].astype("Int64")
        return frame

    def summary(self, top: int | None = 10) -> pd.DataFrame:
        """The largest swings, for people.

        Parameters
        ----------
        top : int or None
            Rows (None: all).

        Returns
        -------
        DataFrame
            Index ``rank`` (1 = largest swing); columns input, label (readable; an event's
            says when it happens), unit (of the input; ``occurrences`` for events), low, high
            (the input's values: :meth:`to_frame`'s and ``tornado.csv``'s ``low_value`` and
            ``high_value``), output_at_low, output_at_high, swing, change_at_low,
            change_at_high (the output's change from the central case), all in their own
            units (fractions stay fractions). ``attrs`` holds output, year, output_unit and
            central_value; the column axis is named after the central case.
        """
        bars = top_entries(self.bars, top)
        out_unit = self.output_unit
        centre = self.central_value
        rows = []
        for b in bars:
            is_event = b.kind == FactorKind.EVENT
            unit = "occurrences" if is_event else b.unit
            low, high = b.low_value, b.high_value
            at_low, at_high = b.output_at_low, b.output_at_high
            rows.append((b.input, b.readable_label(), unit, low, high, at_low, at_high,
                         at_high - at_low, at_low - centre, at_high - centre))  # fmt: skip
        return ranked_frame(rows, _TORNADO_SUMMARY, self._attrs(central_value=self.central_value),
                      f"central case {number_text(self.central_value, out_unit)}")  # fmt: skip

    def __repr__(self) -> str:
        head = (
            f"TornadoResult: {headline(self.output, self.year, self.output_unit, self.year_end)}, "
            f"{plural(len(self.bars), 'input')} one at a time (variables at their "
            f"{quantile_text(self.low_quantile)} / {quantile_text(self.high_quantile)} "
            "quantiles, events happen or not)"
        )
        central = (
            f"  central case (deterministic, not the Monte Carlo median): "
            f"{number_text(self.central_value, self.output_unit)}"
        )
        unit = self.output_unit
        return self._listing(
            [head, central],
            self.bars,
            lambda b: "{}: {} -> {} (swing {})".format(
                b.readable_label(), *_tornado_numbers(b, unit)
            ),
        )


def _tornado_numbers(bar: TornadoBar, unit: str) -> list[str]:
    """A bar's output at low and high and its swing, the swing of a percentage in points."""
    low, high, swing = numbers_text([bar.output_at_low, bar.output_at_high, bar.swing], unit)
    return [low, high, points_text(swing)]


# --------------------------------------------------------------------------------------------
# Rank correlation
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankEntry:
    """One input's rank correlation with the output.

    Attributes
    ----------
    input, label, unit : str
    rho : float
        Spearman rank correlation with the output.
    rho_low, rho_high : float
        Confidence interval of ``rho`` (Fisher z with the Fieller-Hartley-Pearson variance
        ``1.06 / (n - 3)``).
    contribution : float
        ``rho**2`` over the sum of ``rho**2`` of all analysed inputs (a fraction).
    kind : FactorKind or str
        ``"variable"``, ``"event"``, ``"shocks"`` (a process reduced to its shocks) or
        ``"other"``.
    """

    input: str
    label: str
    unit: str
    rho: float
    rho_low: float
    rho_high: float
    contribution: float
    kind: FactorKind | str = FactorKind.VARIABLE


@dataclass(frozen=True)
class RankCorrelationResult(Shown):
    """Rank correlations and contributions to variance, largest ``|rho|`` first.

    Attributes
    ----------
    output : str
    year : int or None
    n_paths : int
        Paths with a finite output (an input's own non-finite paths are also left out of its
        correlation).
    conf_level : float
    entries : tuple of RankEntry
    dropped : tuple of str
        Inputs left out because they do not vary in the run.
    seed_entropy : int, tuple of int or None
        Root seed entropy of the analysed run, when it reports one.
    output_unit : str
        Unit of the output ("" when not known).
    seed_spawn_key : tuple of int
        Spawn key of the run's root seed (empty for a plain seed).
    year_end : str
        Month and day the thesis' years end (``"03-31"``): the year reads FY2030 when not
        ``"12-31"``.
    origin : Origin or None
        The thesis and scenario analysed (set by :func:`model.sensitivity`), so that a
        workbook of another thesis or scenario refuses the result.
    """

    _HTML: ClassVar[str] = "rank_html"

    output: str
    year: int | None
    n_paths: int
    conf_level: float
    entries: tuple[RankEntry, ...]
    dropped: tuple[str, ...] = ()
    seed_entropy: Any = None
    output_unit: str = ""
    seed_spawn_key: tuple[int, ...] = ()
    year_end: str = "12-31"
    origin: Origin | None = field(default=None, compare=False, repr=False)

    @property
    def ranking(self) -> tuple[str, ...]:
        """Input names, most important first."""
        return tuple(e.input for e in self.entries)

    def dropped_text(self) -> str:
        """What was left out and why, in words (empty when nothing was)."""
        if not self.dropped:
            return ""
        verb = "does" if len(self.dropped) == 1 else "do"
        return f"{', '.join(self.dropped)} {verb} not vary in the run: left out"

    def to_frame(self) -> pd.DataFrame:
        """One row per input, raw numbers.

        Returns
        -------
        DataFrame
            Columns input (the name), label (readable), unit, rho, rho_low, rho_high,
            contribution (a fraction), kind.
        """
        return entries_frame(self.entries, _RANK_COLUMNS)

    def summary(self, top: int | None = 10) -> pd.DataFrame:
        """The strongest correlations, for people.

        Parameters
        ----------
        top : int or None
            Rows (None: all).

        Returns
        -------
        DataFrame
            Index ``rank``; columns input, label (readable; a process's shocks say so), kind,
            unit (of the input), rho, rho_low, rho_high, and contribution (the share of the
            summed ``rho**2``, a fraction). ``attrs`` holds output, year,
            output_unit and n_paths.
        """
        entries = top_entries(self.entries, top)
        rows = [
            (e.input, readable(e.input, e.label), str(e.kind), e.unit, e.rho,
             e.rho_low, e.rho_high, e.contribution)
            for e in entries
        ]  # fmt: skip
        return ranked_frame(rows, _RANK_SUMMARY, self._attrs(n_paths=self.n_paths),
                      f"Spearman rho over {plural(self.n_paths, 'path')}")  # fmt: skip

    def __repr__(self) -> str:
        head = (
            "RankCorrelationResult: "
            f"{headline(self.output, self.year, self.output_unit, self.year_end)}, "
            f"{plural(len(self.entries), 'input')} over {plural(self.n_paths, 'path')} "
            "(Spearman rho, share of summed rho^2)"
        )
        # Said: the shares are of the inputs analysed, and one asked for may be missing.
        notes = [f"  ({self.dropped_text()})"] if self.dropped else []
        return self._listing(
            [head, *notes],
            self.entries,
            lambda e: (
                f"{readable(e.input, e.label)}: rho {e.rho:+.2f} "
                f"[{e.rho_low:+.2f}, {e.rho_high:+.2f}], {e.contribution:.0%}"
            ),
        )


# --------------------------------------------------------------------------------------------
# Sobol'
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SobolEntry:
    """One input's Sobol' indices with the half-widths of their confidence intervals.

    ``S1``, ``ST`` and their ``_conf`` half-widths are fractions of the output's variance.
    ``kind`` is ``"variable"``, ``"event"`` or ``"shocks"`` (a process's yearly shocks as one
    group).
    """

    input: str
    label: str
    unit: str
    S1: float
    S1_conf: float
    ST: float
    ST_conf: float
    kind: FactorKind | str = FactorKind.VARIABLE


@dataclass(frozen=True)
class SobolResult(Shown):
    """First-order and total Sobol' indices, largest ``ST`` first.

    Attributes
    ----------
    output : str
    year : int or None
    n_base : int
        Base sample size ``N``; the model ran ``n_evaluations = N * (k + 2)`` times for ``k``
        inputs (a group of columns counts once).
    n_evaluations : int
    conf_level : float
        Level of the bootstrap intervals; ``S1_conf`` is the half-width, so the interval is
        ``S1 ± S1_conf``.
    seed_entropy : int or tuple of int
        Root entropy; with ``seed_spawn_key`` it rebuilds the root seed (:meth:`seed`), which
        reproduces the result exactly. An int seed gives that int here.
    entries : tuple of SobolEntry
    seed_spawn_key : tuple of int
    output_unit : str
        Unit of the output ("" when not known).
    notes : tuple of str
        What the indices leave out or approximate.
    year_end : str
        Month and day the thesis' years end (``"03-31"``): the year reads FY2030 when not
        ``"12-31"``.
    origin : Origin or None
        The thesis and scenario analysed (set by :func:`model.sensitivity`), so that a
        workbook of another thesis or scenario refuses the result.
    """

    _HTML: ClassVar[str] = "sobol_html"

    output: str
    year: int | None
    n_base: int
    n_evaluations: int
    conf_level: float
    seed_entropy: Any
    entries: tuple[SobolEntry, ...]
    seed_spawn_key: tuple[int, ...] = ()
    output_unit: str = ""
    notes: tuple[str, ...] = ()
    year_end: str = "12-31"
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def seed(self) -> np.random.SeedSequence:
        """The root seed; pass it as ``seed`` to reproduce the result."""
        entropy = self.seed_entropy
        entropy = list(entropy) if isinstance(entropy, tuple) else entropy
        return np.random.SeedSequence(entropy, spawn_key=self.seed_spawn_key)

    @property
    def ranking(self) -> tuple[str, ...]:
        """Input names, most important (by total index) first."""
        return tuple(e.input for e in self.entries)

    @property
    def interaction_share(self) -> float:
        """``1 - sum(S1)``: the variance share due to interactions (about 0 if additive)."""
        return 1.0 - float(sum(e.S1 for e in self.entries))

    def to_frame(self) -> pd.DataFrame:
        """One row per input, raw numbers (indices as fractions of the variance).

        Returns
        -------
        DataFrame
            Columns input (the name), S1, S1_conf, ST, ST_conf, label (readable), unit, kind.
        """
        return entries_frame(self.entries, _SOBOL_COLUMNS)

    def summary(self, top: int | None = 10) -> pd.DataFrame:
        """The largest total effects, for people, as fractions of the output's variance.

        Parameters
        ----------
        top : int or None
            Rows (None: all).

        Returns
        -------
        DataFrame
            Index ``rank``; columns input, label (readable), kind, unit (of the input),
            S1, S1_conf, ST, ST_conf (fractions of the variance, as in :meth:`to_frame`; the
            ``_conf`` columns are half-widths at ``conf_level``). ``attrs`` holds output, year,
            output_unit, n_base, conf_level and notes.
        """
        entries = top_entries(self.entries, top)
        rows = [
            (e.input, readable(e.input, e.label), str(e.kind), e.unit,
             e.S1, e.S1_conf, e.ST, e.ST_conf)
            for e in entries
        ]  # fmt: skip
        attrs = self._attrs(n_base=self.n_base, conf_level=self.conf_level, notes=self.notes)
        return ranked_frame(rows, _SOBOL_SUMMARY, attrs,
                      f"share of variance, ± {self.conf_level:.0%} half-widths")  # fmt: skip

    def __repr__(self) -> str:
        head = (
            f"SobolResult: {headline(self.output, self.year, self.output_unit, self.year_end)}, "
            f"{plural(len(self.entries), 'input')}, "
            f"{plural(self.n_evaluations, 'model evaluation')} "
            f"(S1 alone / ST with interactions, share of variance)"
        )
        return self._listing(
            [head],
            self.entries,
            lambda e: (
                f"{readable(e.input, e.label)}: S1 {e.S1:.0%} ± "
                f"{e.S1_conf:.0%}, ST {e.ST:.0%} ± {e.ST_conf:.0%}"
            ),
        )
