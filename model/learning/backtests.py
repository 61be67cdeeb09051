"""Backtest a vintage: where what happened falls in what the thesis expected.

A thesis written in one year gives distributions for quantities that later become known (the
market size, the company's share, the share price). The percentile of each realised value in the
old thesis' distribution says whether the thesis was centred (near 50%), too optimistic (low
percentiles) or too pessimistic (high ones). One company and one realised path prove little:
the table says so.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from model.errors import ParameterError, SettingsError, StatementError, ThesisModelError
from model.inputs.assembly.evidence import (
    Realised,
    load_realised,
    previous_vintage,
    thesis_realised,
)
from model.inputs.units import format_value
from model.results.results import SimulationResult
from model.results.weighting.observed import entry_unit_factor
from model.scenarios.evidence import central_result

if TYPE_CHECKING:
    from model.engine.draws.rng import SeedLike
    from model.inputs.assembly.thesis import Thesis

__all__ = [
    "CAVEAT",
    "Backtest",
    "backtest",
    "backtest_vintage",
    "central_result",
    "check_realised",
]

RealisedLike = Mapping[str, float] | Iterable[Realised] | str | os.PathLike[str]

CAVEAT = (
    "one company and one realised path: a percentile far from 50% is a prompt to look again, not "
    "proof that the thesis was wrong"
)


@dataclass(frozen=True)
class Backtest:
    """Realised values placed in a vintage's distributions."""

    scenario: str
    table: pd.DataFrame
    caveat: str = CAVEAT
    vintage: str = ""

    def summary(self) -> pd.DataFrame:
        """Per quantity: realised value, the vintage's p5/p50/p95 and the realised percentile."""
        return self.table.copy()

    to_frame = summary

    def __repr__(self) -> str:
        pct = ", ".join(f"{q}: {p:.0%}" for q, p in self.table["percentile"].items())
        return f"<Backtest {self.vintage or self.scenario}: {pct}>"

    def _repr_html_(self) -> str:
        import html

        return (
            f"<div><p>{html.escape(repr(self))}</p>"
            f"{self.table.to_html(float_format=format_value)}"
            f"<p><i>{html.escape(self.caveat)}</i></p></div>"
        )


def _realised_items(realised: Any, thesis: Any) -> list[Realised]:
    """The realised values as :class:`Realised` entries; anything else is refused by name."""
    if isinstance(realised, str | os.PathLike):
        return list(load_realised(realised, thesis))
    if isinstance(realised, Mapping):
        items = []
        for q, v in realised.items():
            # A number each: text, true/false or a nested mapping is no realised value.
            ok = isinstance(v, int | float | np.integer | np.floating) and not isinstance(
                v, bool | np.bool_
            )
            if not (isinstance(q, str) and ok and math.isfinite(float(v))):
                raise ParameterError(
                    f"realised: {q!r} needs a finite number (what happened), got {v!r:.80}"
                )
            items.append(Realised(q, q, float(v)))
        return items
    if not isinstance(realised, Iterable):
        raise ParameterError(
            "realised values are a mapping {quantity: value}, Realised entries or a file, got "
            f"{type(realised).__name__}"
        )
    items = list(realised)
    for item in items:
        if not isinstance(item, Realised):
            raise ParameterError(
                f"realised: expected Realised entries, got {type(item).__name__} {item!r:.80}"
            )
    return items


def _quantity_label(result: SimulationResult, quantity: str) -> str:
    """Words for an unlabelled realised value: ``revenue[2025]`` is "Revenue, 2025", by the
    line's own label, so a table or chart shows words where a reader expects them ("FY2025"
    when the fiscal year ends on another day than 31 December, as every other table names it);
    any other expression stays as written."""
    from model.charts.text import output_label
    from model.results.analysis import fiscal_year_text, year_end_of

    match = re.fullmatch(r"\s*([A-Za-z_]\w*)\s*\[\s*(\d{4})\s*\]\s*", quantity)
    if match is None or match.group(1) not in result.outputs:
        return ""
    year = fiscal_year_text(int(match.group(2)), year_end_of(result))
    return f"{output_label(result, match.group(1))}, {year}"


def _realised_paths(result: SimulationResult, item: Realised) -> tuple[np.ndarray, float]:
    """A realised entry's quantity on every path where it is defined, in the entry's unit,
    and the factor to that unit; what the run cannot evaluate (an unknown name, a per-year
    quantity without its year, a unit that does not convert) is refused at the entry's line."""
    from model.results.statements import evaluate_statement

    where = f"{item.where}: realised.{item.name}: " if item.where else ""
    try:
        ev = evaluate_statement(result, item.quantity)
    except ThesisModelError as exc:
        raise StatementError(f"{where}{exc}") from None
    x = np.asarray(ev.values, dtype=float)
    if x.shape != (result.n_paths,):
        raise StatementError(
            f"{where}{item.quantity!r} must give one value per path (add a [year])"
        )
    x = x[~np.asarray(ev.undefined, dtype=bool) & np.isfinite(x)]
    # Compared in the unit the entry states the value in (EUR bn against a model in EUR m).
    what = f"{item.where}: realised.{item.name}" if item.where else f"realised.{item.name}"
    factor = entry_unit_factor(result, item.quantity, item.unit, what)
    return x * factor, factor


def check_realised(vintage: Thesis, realised: Iterable[Realised]) -> None:
    """Refuse, at its line, a realised entry that a backtest of ``vintage`` would refuse.

    ``thesis validate`` calls this with the vintage a thesis names as ``previous:`` and the
    thesis' ``realised:`` entries: each quantity is evaluated as :func:`backtest` evaluates
    it, on the vintage's deterministic central path (one path) rather than a run.

    Raises
    ------
    StatementError
        As :func:`backtest` would for the entry.
    """
    items = list(realised)
    if not items:
        return
    central = central_result(vintage)
    for item in items:
        _realised_paths(central, item)


def backtest(result: SimulationResult | Thesis | str | os.PathLike[str],
             realised: RealisedLike | None = None, **run: Any) -> Backtest:  # fmt: skip
    """Percentile of each realised value in a run's distribution of the same quantity.

    Parameters
    ----------
    result : SimulationResult, Thesis or path
        A run of the old vintage; or a thesis, handed to :func:`backtest_vintage` with
        ``**run``.
    realised : mapping, Realised items or path
        Quantity (expression with a year, e.g. ``"share_cloud_alibaba[2024]"``) -> what
        happened, in the quantity's unit; or :class:`Realised` entries; or a file with a
        ``realised:`` section.

    Returns
    -------
    Backtest
        One row per quantity (its label, unit, the realised value, the vintage's p5, p50 and
        p95, and ``percentile``: the mid-rank share of paths below the realised value, ties
        counting half, so a value below every path gives 0 and above every path 1), with the
        source of each realised value.

    Raises
    ------
    StatementError
        A quantity the run cannot evaluate (unknown name, no year), naming the entry.
    """
    if not isinstance(result, SimulationResult):
        return backtest_vintage(result, realised, **run)
    if realised is None:
        raise ParameterError("backtest: give the realised values")
    if result.n_paths < 2:  # one path has no distribution to place a value in
        raise SettingsError(
            f"a backtest needs a run of at least 2 paths (got {result.n_paths}); run the old "
            "vintage with more paths (20,000 by default)"
        )
    rows = []
    for item in _realised_items(realised, result.thesis):
        where = f"{item.where}: realised.{item.name}: " if item.where else ""
        x, _ = _realised_paths(result, item)
        if x.size == 0:
            raise StatementError(f"{where}{item.quantity!r} is undefined on every path")
        value = item.value
        below = np.count_nonzero(x < value) + 0.5 * np.count_nonzero(x == value)
        p5, p50, p95 = np.quantile(x, [0.05, 0.5, 0.95])
        rows.append(
            {
                "quantity": item.quantity,
                "label": item.label or _quantity_label(result, item.quantity),
                "unit": item.unit or _quantity_unit(result, item.quantity),
                "realised": float(value),
                "p5": p5,
                "p50": p50,
                "p95": p95,
                "percentile": below / x.size,
                "source": item.source,
            }
        )
    if not rows:
        raise ParameterError("backtest: no realised values")
    label = getattr(getattr(result.thesis, "path", None), "stem", "") or result.scenario
    return Backtest(result.scenario, pd.DataFrame(rows).set_index("quantity"), vintage=label)


def _quantity_unit(result: SimulationResult, quantity: str) -> str:
    """The unit of a realised quantity given without one: its expression's (a ratio of two
    amounts is a pure number, not the first line's money), ``""`` for a pure number."""
    from model.inputs.expressions.expr import compile_expression
    from model.results.statements import _parse_units

    try:
        compiled = compile_expression(quantity)
        unit = str(compiled.unit(_parse_units(result.units, compiled.names, quantity)))
    except ThesisModelError:
        return str(result.units.get(quantity.split("[")[0].strip(), ""))
    return "" if unit == "1" else unit


def backtest_vintage(
    thesis: Thesis | str | os.PathLike[str],
    realised: RealisedLike | None = None,
    *,
    scenario: str = "base",
    n_paths: int = 20_000,
    seed: SeedLike = 2025,
    **options: Any,
) -> Backtest:
    """Backtest a vintage: simulate it and place the realised values in its distributions.

    Parameters
    ----------
    thesis : Thesis or path
        With ``realised`` given: the old vintage itself. Without: the *newer* thesis, whose
        ``previous:`` key names the old vintage and whose ``realised:`` section lists what
        happened.
    realised : mapping, Realised items or path, optional
    scenario, n_paths, seed, **options
        The run of the old vintage (as for :func:`model.simulate`).

    Returns
    -------
    Backtest

    Raises
    ------
    ParameterError
        No realised values given and the thesis names no previous vintage or no realised values.
    """
    from model.scenarios import load, simulate

    th = load(thesis)
    old: Any = th
    if realised is None:
        found = thesis_realised(th)
        previous = previous_vintage(th)
        if not found or previous is None:
            if previous is None and not found:
                lacks = "has no 'previous:' vintage and no 'realised:' section"
            elif previous is None:
                lacks = "has a 'realised:' section but no 'previous:' vintage (the older file)"
            else:
                lacks = "names its previous vintage but has no 'realised:' section"
            name = Path(th.path).name if getattr(th, "path", None) else "the thesis"
            raise ParameterError(
                f"{name}: a backtest needs realised values, and this thesis {lacks}: give a "
                "file with a 'realised:' section (--realised FILE on the command line, "
                "realised= in Python), or add what it lacks"
            )
        old, realised = previous, found
    options.setdefault("progress", False)
    run = simulate(old, scenario=scenario, n_paths=n_paths, seed=seed, **options)
    return backtest(run, realised)
