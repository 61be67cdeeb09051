"""The ``--json`` output of ``thesis run``, ``compare``, ``sensitivity`` and the learning
commands (``update``, ``attribute``, ``watch``, ``backtest``).

One JSON document on stdout (nothing else goes there), for scripts and pipelines: the run's
settings, the headline against the price, the summary statistics, the scorecard, and where
the export was written. Tables are lists of records whose keys are the column names of the
Python API (``mean``, ``mean_se``, ``p50``, ``probability_se``, ...); shares, probabilities,
returns and Sobol' indices are fractions, as in the API. Missing numbers (NaN) are ``null``
and infinities are strings, so every JSON parser reads the document.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np
import pandas as pd

from model.results.analysis import has_returns
from model.results.export import YEAR_END_BASIS, basis_differences, difference_frame
from model.valuation.returns import finite_or_none, reward_to_risk_text

if TYPE_CHECKING:
    from model.results.comparison import ComparisonResult
    from model.results.results import SimulationResult

__all__ = [
    "attribution_settings",
    "comparison_json",
    "dump",
    "learning_json",
    "result_json",
    "sensitivity_json",
]

#: Version of the document's layout; it changes when a key changes meaning or goes away.
#: 2: compare's ``differences`` are on the headline's basis (``differences_basis``), and the
#: learning commands print one document with ``settings`` instead of a bare list of rows.
#: 3: ``expected_return`` (and its ``_se``) in ``returns`` is the mean total return over the
#: holding period annualised, no longer the mean of the paths' annualised returns; on the
#: year-end basis the returns and loss measures count the dividends received; sensitivity's run
#: settings (paths, base sample, seed, quantiles, confidence level) moved from the top level into
#: ``settings``, with the thesis' years, price and dates, as elsewhere.
FORMAT = 3


def plain(value: Any) -> Any:
    """A value JSON can hold: numpy scalars as numbers, NaN as None, tuples as lists."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return value if math.isfinite(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, Path):
        return str(value)
    if value is pd.NA:
        return None
    return str(value)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table as a list of records; index levels become keys (the table's dimensions)."""
    if any(name is not None for name in frame.index.names):
        frame = frame.reset_index()
    return [plain(dict(zip(frame.columns, row, strict=True)))
            for row in frame.itertuples(index=False, name=None)]  # fmt: skip


def _settings(result: Any) -> dict[str, Any]:
    """The settings of a run: a result, or (an attribution's many runs) one made of the same
    settings, with the thesis, its years and price (see :func:`attribution_settings`)."""
    entropy = result.seed_entropy
    return {
        "n_paths": result.n_paths,
        "method": result.method.value,
        "backend": result.backend.value,
        "seed_entropy": entropy if isinstance(entropy, int) else plain(entropy),
        "seed_spawn_key": list(result.seed_spawn_key),
        **_thesis_settings(getattr(result, "thesis", None), result.years, result.price,
                           result.currency),
    }  # fmt: skip


def _thesis_settings(thesis: Any, years: Any, price: Any, currency: Any) -> dict[str, Any]:
    """The thesis' side of the settings: its years, price and currency, and the dates the
    figures rest on (the valuation date, the price's, null when undated so the valuation
    date's, and the month and day each model year ends)."""
    as_of = getattr(thesis, "as_of", None)
    price_date = getattr(getattr(thesis, "price_info", None), "date", None)
    return {
        "years": list(years),
        "price": price,
        "currency": currency,
        "as_of": None if as_of is None else as_of.isoformat(),
        "price_date": None if price_date is None else price_date.isoformat(),
        "fiscal_year_end": str(getattr(thesis, "fiscal_year_end", None) or "12-31"),
    }


def _returns(result: SimulationResult, table: pd.DataFrame) -> list[dict[str, Any]]:
    """The returns records, each with its ``year`` and the date it ends (``year_end``; a
    comparison's rows, one per scenario, are all at the exit year)."""
    from model.valuation.finance import fiscal_year_end

    end = str(getattr(result.thesis, "fiscal_year_end", None) or "12-31")
    rows = records(table)
    for row in rows:
        year = int(row.get("year", result.exit_year))
        row["year_end"] = fiscal_year_end(year, end).isoformat()
    return rows


def _basis(result: SimulationResult) -> str | None:
    """What the returns' values are: ``value_today`` (discounted to the valuation date at the
    cost of equity, distributions included) or ``year_end`` (value per share at the year end,
    undiscounted)."""
    from model.results.analysis import today_basis

    if not has_returns(result):
        return None
    return "value_today" if today_basis(result) else "year_end"


def _thesis(thesis: Any) -> dict[str, Any]:
    return {
        "name": str(getattr(thesis, "name", "") or ""),
        "file": str(getattr(thesis, "path", "") or ""),
    }


def _legs(result: SimulationResult) -> dict[str, Any] | None:
    """The legs' implied exit multiples (median, by leg) and the console's FLAG lines."""
    from model.valuation.legs.consistency import leg_consistency

    check = leg_consistency(result)
    if check is None:
        return None
    table = check.multiples
    return {
        "implied_exit_multiples": {
            str(leg): {str(m): plain(table.at[leg, m]) for m in table.columns}
            for leg in table.index
        },
        # The medians of a multiple leave out the paths where it is undefined (a P/E on
        # losses): the share of paths they are taken over, as the console says it.
        "share_defined": {str(m): float(share) for m, share in check.share_defined.items()},
        "tolerance": float(check.tolerance),
        "flags": check.messages(),
    }


def result_json(result: SimulationResult, written: Path | None = None) -> dict[str, Any]:
    """``thesis run --json``: settings, returns per year, summary, scorecard, flagged paths."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "kind": "simulation",
        "thesis": _thesis(result.thesis),
        "scenario": result.scenario,
        "label": result.scenario_label,
        "settings": _settings(result),
        "exit_year": result.exit_year,
        "returns_basis": _basis(result),
        # least=1: a one-path run (one drawn path) has its values and null errors.
        "returns": (
            _returns(result, result.returns().table(least=1)) if has_returns(result) else []
        ),
        "summary": records(result.summary()),
        "scorecard": records(result.scorecard()),
        "flagged_paths": plain(dict(result.invalid)),
        "legs": _legs(result),
        "written": None if written is None else str(written),
    }
    if result.weights:
        doc["weights"] = plain(dict(result.weights))
    return doc


def comparison_json(comparison: ComparisonResult, written: Path | None = None) -> dict[str, Any]:
    """``thesis compare --json``: per scenario the returns, value per share, the scorecard."""
    from model.export.console import CASES
    from model.results.statements import view_tag

    first = comparison.first
    scenarios = []
    for name, result in comparison.results.items():
        scenarios.append({"scenario": name, "label": result.scenario_label,
                          "view": view_tag(comparison.thesis, name) or None,
                          "flagged_paths": plain(dict(result.invalid))})  # fmt: skip
    doc: dict[str, Any] = {
        "format": FORMAT,
        "kind": "comparison",
        "thesis": _thesis(comparison.thesis),
        "settings": _settings(first),
        "exit_year": first.exit_year,
        "scenarios": scenarios,
        "returns_basis": _basis(first),
        # The year as a list keeps it in each row, keyed as in run --json and returns.csv.
        "returns": (
            _returns(first, comparison.returns_table([first.exit_year]))
            if has_returns(first)
            else []
        ),
        "summary": records(comparison.summary_all()),
        "scorecard": records(comparison.scorecard_long()),
        "written": None if written is None else str(written),
    }
    # On the headline's value (today's, when the thesis states it), so a difference reads
    # against the figures above it; the undiscounted year-end ones beside them, as the
    # report's differences.csv and year_end_differences.csv hold them.
    found = basis_differences(comparison)
    if found:
        basis, *others = found
        doc["differences_basis"] = basis
        doc["differences"] = records(difference_frame(found[basis]))
        if YEAR_END_BASIS in others:
            doc["year_end_differences"] = records(difference_frame(found[YEAR_END_BASIS]))
    if has_returns(first) and set(CASES) <= set(comparison.scenarios):
        view = comparison.classic_view()
        doc["classic_view"] = {
            "year": view.year,
            "statistic": view.statistic.value,
            "weights_basis": view.weights_basis,
            "cases": records(view.table),
            "expected_value": plain(view.expected_value),
            "expected_return": plain(view.expected_return),
            "upside": plain(view.upside),
            "downside": plain(view.downside),
            # JSON has no Infinity: no downside is null, said in words beside it.
            "reward_to_risk": plain(finite_or_none(view.reward_to_risk)),
            "reward_to_risk_text": reward_to_risk_text(view.reward_to_risk),
        }
    return doc


def sensitivity_json(
    found: Any,
    thesis: Any,
    scenario: str,
    method: str,
    written: Path | None = None,
    run: Any = None,
) -> dict[str, Any]:
    """``thesis sensitivity --json``: the settings, every input's measures (fractions), notes.

    ``settings`` holds what the method was run with, as ``run --json``'s does: for ``rank``,
    ``run``'s settings key for key, then the method's own sizes (base sample and evaluations
    for Sobol', the quantiles of a tornado, the confidence level) and seed where it has them,
    and the value ranked: ``basis`` (``value_today`` or ``year_end``, null for another output)
    and ``basis_text`` (the same in words, with its dates).
    """
    from model.sensitivities.basis import basis_of, basis_text

    settings = (
        _settings(run)
        if run is not None
        else _thesis_settings(thesis, thesis.years, thesis.price, thesis.currency)
    )
    for key in ("n_paths", "n_base", "n_evaluations", "conf_level", "low_quantile",
                "high_quantile", "seed_entropy", "seed_spawn_key"):  # fmt: skip
        if hasattr(found, key):
            settings.setdefault(key, plain(getattr(found, key)))
    # The value ranked, as the report's sensitivity tables name it (None: another output).
    settings["basis"] = basis_of(found.output)
    settings["basis_text"] = basis_text(thesis, found.output, found.year)
    doc: dict[str, Any] = {
        "format": FORMAT,
        "kind": "sensitivity",
        "method": method,
        "thesis": _thesis(thesis),
        "scenario": scenario,
        "settings": settings,
        "output": found.output,
        "year": found.year,
        "output_unit": found.output_unit,
    }
    if hasattr(found, "central_value"):  # the tornado's centre: a figure, not a setting
        doc["central_value"] = plain(found.central_value)
    doc["entries"] = records(found.to_frame())
    doc["notes"] = list(getattr(found, "notes", ()) or ())
    doc["written"] = None if written is None else str(written)
    return doc


def attribution_settings(thesis: Any, n_paths: int, seed: int) -> dict[str, Any]:
    """The settings of an attribution's runs (each of ``n_paths`` paths from root ``seed``, the
    run settings otherwise the defaults), with the newer vintage's years, price and dates."""
    from types import SimpleNamespace

    from model.engine.draws.rng import handle_seed
    from model.scenarios.settings import RunSettings

    settings = RunSettings.of(None, n_paths=n_paths, seed=seed)
    root = handle_seed(settings.seed)
    return _settings(
        SimpleNamespace(
            thesis=thesis,
            n_paths=settings.n_paths,
            method=settings.method,
            backend=settings.backend,
            seed_entropy=root.entropy,
            seed_spawn_key=root.spawn_key,
            years=thesis.years,
            price=thesis.price,
            currency=thesis.currency,
        )
    )


def learning_json(
    kind: str,
    thesis: Any,
    settings: Mapping[str, Any] | Any,
    tables: Mapping[str, pd.DataFrame],
    written: Path | None = None,
    **facts: Any,
) -> dict[str, Any]:
    """``thesis update``, ``attribute``, ``watch`` or ``backtest --json``: the thesis, the run's
    settings and seed (``settings``: a result, or a block of :func:`attribution_settings`), the
    command's own ``facts`` (scenario, output, year, ...), then each table under the name of
    its CSV file in ``--out``."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "kind": kind,
        "thesis": _thesis(thesis),
        "settings": dict(settings) if isinstance(settings, Mapping) else _settings(settings),
    }
    doc.update(plain(facts))
    doc.update({name: records(table) for name, table in tables.items()})
    doc["written"] = None if written is None else str(written)
    return doc


def dump(doc: Mapping[str, Any], out: TextIO) -> None:
    """Write one JSON document and a newline (strict JSON: no NaN)."""
    out.write(json.dumps(plain(doc), indent=2, allow_nan=False, ensure_ascii=False))
    out.write("\n")
