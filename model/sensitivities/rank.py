"""Rank correlation and contribution to variance from a Monte Carlo run's kept inputs.

Costs no extra model evaluation: the run already holds, per path, the inputs it drew and the
outputs they gave. For each input, Spearman's rank correlation with the output; the
*contribution to variance* is ``rho_i**2 / sum_j rho_j**2`` (the normalisation spreadsheet risk
tools use). For an additive model with independent inputs it approximates the first-order Sobol'
index (exactly so for a linear response with Pearson instead of rank correlation).

Each input's own randomness
---------------------------
The arrays a run keeps mix sources of randomness: an event's target holds the variable's draw
*after* the event changed it, a process path holds its trend (a static variable) plus its
shocks, and a derived quantity is a function of other inputs. Correlating those arrays as they
are would credit the same variance to several inputs (the crackdown event *and* the multiple it
cuts). With the run's :class:`~model.engine.spec.ModelSpec` (given, or rebuilt from the
result's thesis) each input is reduced to its own randomness first:

* a static variable: its draw before any event, i.e. its year-0 value (events start in year 1);
* a process: its shocks, i.e. the path with the events' effects undone, minus the zero-shock
  path its static parameters give on that path;
* an event: its occurrence count;
* derived quantities and fixed values are left out (unless asked for by name).

Per-year arrays then become one number per path by :class:`PathSummary`.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import numpy as np
from scipy import special

from model.engine.draws.distributions import Fixed
from model.engine.execution.processes import process_paths
from model.engine.spec import EffectOp, ModelSpec
from model.engine.summaries.stats import sum_of_products
from model.errors import (
    RESULT,
    EngineError,
    FlatOutputError,
    SettingsError,
    ThesisModelError,
    UnknownNameError,
    UnknownOutputError,
    WrongKindError,
    choose,
    expect,
)
from model.results.values import check_kept, unkept_outputs
from model.sensitivities.eval import (
    label_unit,
    output_year,
    select_output,
    thesis_labels,
)
from model.sensitivities.results import (
    FactorKind,
    PathSummary,
    RankCorrelationResult,
    RankEntry,
)

__all__ = ["MIN_RANK_PATHS", "check_run_of", "own_randomness", "rank_correlation"]

#: Fewest paths with a value that a rank correlation is computed from (a report needs as many).
MIN_RANK_PATHS = 4

#: Label suffix of a process reduced to its shocks.
SHOCKS = " (shocks)"


def _thesis_words(thesis: Any) -> str:
    """A thesis as an analyst knows it: its name and file (``'Acme' (acme.yaml)``)."""
    path = thesis if isinstance(thesis, str | os.PathLike) else getattr(thesis, "path", None)
    name = None if isinstance(thesis, str | os.PathLike) else getattr(thesis, "name", None)
    file = Path(path).name if path is not None else ""
    if name and file:
        return f"{name!r} ({file})"
    return repr(name) if name else file or "another thesis"


def _same_thesis(given: Any, ran: Any) -> bool:
    """Whether ``given`` (a thesis or its file) is the thesis a run was simulated from.

    A loaded thesis is compared by the hash of its files, which every scenario of one thesis
    shares and an edited file changes. A file named by its path is the run's when it is the
    same file or holds the same text (a copy elsewhere); the run keeps the path it was loaded
    by, which may be relative to a working folder left since, so where that path leads to no
    file the two cannot be told apart. What cannot be told is taken as the same.
    """
    if given is ran or ran is None:
        return True
    if isinstance(given, str | os.PathLike):
        path = getattr(ran, "path", None)
        try:
            if path is None or os.path.samefile(given, path):
                return True
            if os.path.getsize(given) != os.path.getsize(path):
                return False  # (told apart without reading a file of any size)
            return bool(Path(given).read_bytes() == Path(path).read_bytes())
        except OSError:  # (either file gone or unreadable: nothing to tell them apart by)
            return True
    mine, theirs = getattr(given, "file_hash", None), getattr(ran, "file_hash", None)
    return mine is None or theirs is None or mine == theirs


def check_result_kind(result: Any) -> None:
    """Refuse as ``result=`` what is not a run: a conditioned result's weights would be
    ignored, and an object without a run's inputs and outputs would read as a run that kept
    no inputs.

    Raises
    ------
    WrongKindError
        Naming what was given and what to pass instead.
    """
    if result is None:
        return
    _refuse_comparison(result)
    if hasattr(result, "weights") and hasattr(result, "prior"):
        raise WrongKindError(
            "result must be a simulation result (from model.simulate), got a ConditionedResult: "
            "an analysis here would ignore its weights; pass its .resample(seed=...) for the "
            "posterior's equally weighted paths, or its .prior for the run as simulated"
        )
    if not (hasattr(result, "inputs") and hasattr(result, "outputs")):
        expect(result, RESULT, "result")


def _refuse_comparison(result: Any) -> None:
    scenarios = getattr(result, "scenarios", None)
    if scenarios is not None and hasattr(result, "results"):  # a ComparisonResult
        first = next(iter(scenarios), "base")
        raise SettingsError(
            f"result is a comparison of scenarios ({', '.join(scenarios)}), not one run; "
            f"pass one scenario's result, e.g. result=comparison[{first!r}]"
        )


def check_run_of(
    result: Any, thesis: Any = None, scenario: str | None = None, *, advice: str | None = None
) -> None:
    """Refuse a run that is not of ``thesis`` and ``scenario``, when they are given.

    An analysis given a run ranks that run's paths whatever the thesis and scenario named
    beside it, so a run of another thesis or scenario would be analysed and labelled as if it
    were of these. A workbook given an analysis checks it the same way.

    Parameters
    ----------
    result : SimulationResult or None
        The run (None: nothing to check).
    thesis : Thesis, path or Origin, optional
        The thesis the run must be of (anything with ``name``, ``path`` and ``file_hash``).
    scenario : str, optional
        The scenario the run must be of.
    advice : str, optional
        What to do instead, in place of the analysis' own advice (after the ``;``).

    Raises
    ------
    SettingsError
        Naming the thesis or scenario the run was simulated for, and the one asked for.
    """
    if result is None:
        return
    ran = getattr(result, "thesis", None)
    if thesis is not None and thesis is not result and not _same_thesis(thesis, ran):
        same_words = _thesis_words(thesis) == _thesis_words(ran)
        raise SettingsError(
            f"the result given was simulated from the thesis {_thesis_words(ran)}, not from "
            f"{_thesis_words(thesis)}"
            + (" (its files have changed since the run)" if same_words else "")
            + "; "
            + (advice or "pass a run of this thesis, or leave result out to simulate one")
        )
    ran_for = getattr(result, "scenario", None)
    if scenario is not None and ran_for is not None and scenario != ran_for:
        raise SettingsError(
            f"scenario={scenario!r}, but the result given was run for the scenario "
            f"{ran_for!r}; "
            + (
                advice
                or f"leave scenario out to analyse the result's own, or pass a run of {scenario!r}"
            )
        )


def _spec_of(result: Any, spec: ModelSpec | None) -> ModelSpec | None:
    """The run's spec: the one given, else rebuilt from the result's thesis, else None.

    Raises
    ------
    EngineError
        The thesis no longer gives a spec. Going on without it would correlate the kept arrays
        as they are and credit the same variance to several inputs, a different analysis, so
        the caller must choose it (``decompose=False``) or pass the spec.
    """
    if spec is not None:
        return spec
    thesis = getattr(result, "thesis", None)
    if thesis is None or not hasattr(thesis, "to_spec"):
        return None
    try:
        return thesis.to_spec()
    except ThesisModelError as exc:
        raise EngineError(
            "cannot rebuild the run's model spec from its thesis to reduce each input to its own "
            f"randomness ({exc}); pass spec=... or decompose=False"
        ) from exc


def _static(ref: str | float, kept: Mapping[str, np.ndarray]) -> np.ndarray | float | None:
    """A number, or a static variable's pre-event draw per path (None if not kept)."""
    if not isinstance(ref, str):
        return float(ref)
    if ref not in kept:
        return None
    arr = np.asarray(kept[ref], dtype=float)
    return arr[:, 0] if arr.ndim == 2 else arr


def _undo_events(
    name: str, path: np.ndarray, spec: ModelSpec, kept: Mapping[str, np.ndarray]
) -> np.ndarray | None:
    """The per-year array ``path`` with every event's effect on ``name`` removed.

    Inverts the engine's effects (see :mod:`model.engine.execution.events`) in reverse order of
    application, from the kept occurrence counts. None when a count or an effect size was not
    kept. A multiplicative effect of size 0 cannot be undone; those paths become NaN and drop
    out of this input's correlation.
    """
    out = np.array(path, dtype=float)
    for ev in reversed(spec.events):
        effects = [e for e in ev.effects if e.target == name]
        if not effects:
            continue
        if ev.name not in kept:
            return None
        counts = np.asarray(kept[ev.name], dtype=float)
        for eff in reversed(effects):
            by = _static(eff.by, kept)
            if by is None:
                return None
            by = np.asarray(by, dtype=float)
            by = by[:, None] if by.ndim == 1 else by
            with np.errstate(divide="ignore", invalid="ignore"):
                if eff.op is EffectOp.ADD:
                    out -= by * (counts if ev.repeatable else (counts > 0))
                elif ev.repeatable:
                    out /= np.power(by, counts)
                else:
                    out /= np.where(counts > 0, by, 1.0)
    return out


def own_randomness(
    name: str, kept: Mapping[str, np.ndarray], spec: ModelSpec | None
) -> tuple[np.ndarray, bool]:
    """An input reduced to its own source of randomness (see the module docstring).

    Parameters
    ----------
    name : str
        A kept input.
    kept : Mapping[str, ndarray]
        The run's kept inputs, (n,) or (n, n_years).
    spec : ModelSpec or None
        Without a spec the kept array is returned unchanged.

    Returns
    -------
    values : ndarray, shape (n,) or (n, n_years)
    is_shocks : bool
        True when a process was reduced to its shocks.
    """
    arr = np.asarray(kept[name])
    if spec is None or arr.dtype.kind not in "biuf":
        return arr, False
    arr = arr.astype(float)
    if name in spec.variable_names:
        return (arr[:, 0] if arr.ndim == 2 else arr), False
    process = next((p for p in spec.processes if p.name == name), None)
    if process is None or arr.ndim != 2:
        return arr, False
    refs = [_static(r, kept) for r in (process.start, process.mean, process.shock_sd)]
    undone = _undo_events(name, arr, spec, kept)
    if undone is None or any(r is None for r in refs):
        return arr, False
    n, n_years = arr.shape
    start, mean, shock_sd = cast("list[np.ndarray | float]", refs)  # none is None (above)
    trend = process_paths(start, mean, shock_sd, process.reversion, None, n_years, n)
    return undone - trend, True


def _per_path(arr: np.ndarray, idx: int, summary: PathSummary, n: int) -> np.ndarray | None:
    """An input as one number per path (None if it is not numeric per-path data)."""
    arr = np.asarray(arr)
    if arr.dtype.kind not in "biuf" or arr.shape[:1] != (n,) or arr.ndim not in (1, 2):
        return None
    arr = arr.astype(float)
    if arr.ndim == 1:
        return arr
    if summary is PathSummary.AT_YEAR:
        return arr[:, idx]
    # The mean up to the analysed year: a growth path acts on that year through every year.
    return arr[:, : idx + 1].mean(axis=1)


def _rankdata(x: np.ndarray) -> np.ndarray:
    """Ranks 1..n of a 1-D sample, ties given their average rank (``scipy.stats.rankdata``).

    Ranks are whole or half numbers, so they are exact: the same values whatever the method.
    Here rather than scipy's because ``scipy.stats`` alone takes about a second to import.
    A value's rank depends only on its tie group (values that compare equal, -0.0 with 0.0),
    which every sort finds alike, so the quicker unstable sort gives the same ranks; a NaN is
    a group of its own ranked by position, so with NaNs the stable sort is kept.
    """
    order = np.argsort(x, kind="stable" if np.isnan(x).any() else "quicksort")
    ordered = x[order]
    new = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    group = np.cumsum(new)  # 1-based tie group of each sorted value
    edges = np.concatenate((np.flatnonzero(new), [x.size]))  # where each group starts (+ end)
    ranks = np.empty(x.size, dtype=float)
    ranks[order] = 0.5 * (edges[group] + edges[group - 1] + 1)
    return ranks


def _centred_ranks(x: np.ndarray) -> np.ndarray:
    return _rankdata(x) - (x.size + 1) / 2.0


def _spearman(x: np.ndarray, y: np.ndarray, ry: np.ndarray | None = None) -> float:
    """Spearman's rho: Pearson correlation of the (tie-averaged) ranks. Shapes (n,), (n,).

    ``ry``: the centred ranks of ``y`` when already known (one output against many inputs).
    """
    rx = _centred_ranks(x)
    ry = _centred_ranks(y) if ry is None else ry
    rho = sum_of_products(rx, ry) / math.sqrt(sum_of_products(rx, rx) * sum_of_products(ry, ry))
    return min(max(rho, -1.0), 1.0)


#: Why a run without its inputs cannot be ranked, and what to do.
NOT_KEPT = "the run kept no inputs; simulate again with keep_inputs=True"


def _default_inputs(
    kept: Mapping[str, np.ndarray],
    spec: ModelSpec | None,
    result: Any,
    exclude: Sequence[str],
    include_derived: bool,
) -> list[str]:
    skip = set(exclude)
    if spec is not None:
        # Fixed values cannot matter; listing them as "dropped" would only be noise.
        skip |= {v.name for v in spec.variables if isinstance(v.dist, Fixed)}
        if not include_derived:
            skip |= {d.name for d in spec.derived}
    if not include_derived:
        skip |= set(getattr(getattr(result, "thesis", None), "derived_order", ()) or ())
    return [k for k in kept if not k.startswith("_") and k not in skip]


def rank_correlation(
    result: Any,
    output: str = "value_per_share",
    year: int | None = None,
    *,
    inputs: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    include_derived: bool = False,
    decompose: bool = True,
    spec: ModelSpec | None = None,
    path_summary: PathSummary | str = PathSummary.MEAN,
    conf_level: float = 0.95,
    labels: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
) -> RankCorrelationResult:
    """Spearman rank correlation of each kept input with an output, and contribution to variance.

    Parameters
    ----------
    result : SimulationResult or RunResult
        A run that kept its inputs: anything with ``.inputs`` and ``.outputs`` (mappings of
        per-path arrays, (n,) or (n, n_years)) and ``.years``; labels, units and the spec are
        read from ``.thesis`` when present.
    output : str
        Output name.
    year : int, optional
        Calendar year of the output; default the exit year.
    inputs : sequence of str, optional
        Inputs to analyse. Default: every kept input that carries randomness of its own
        (uncertain static variables, processes, events), without derived quantities.
    exclude : sequence of str
        Inputs to leave out of the default set.
    include_derived : bool
        Keep derived quantities in the default set. Off by default: a derived quantity is a
        function of other inputs, so it would take a share of their credit and the
        contributions would count the same variance twice.
    decompose : bool
        Reduce each input to its own randomness (module docstring); needs a spec. False
        correlates the kept arrays as they are.
    spec : ModelSpec, optional
        The run's spec; default rebuilt from ``result.thesis``.
    path_summary : PathSummary or str
        How per-year inputs become one number per path.
    conf_level : float
        Level of the intervals on ``rho``.
    labels, units : Mapping[str, str], optional
        Override the labels and units read from the thesis.

    Returns
    -------
    RankCorrelationResult

    Raises
    ------
    ThesisModelError
        No kept inputs, an unknown output or input (with a did-you-mean hint), an output the
        run streamed (``keep=``) rather than kept per path, a year off the horizon, or an
        output that does not vary.

    Notes
    -----
    Each input's correlation uses the paths where both it and the output are finite, so an
    input missing on some paths does not thin out the others. The contribution to variance is
    exact only for an additive model with independent inputs and a linear (not merely
    monotone) response; with correlated inputs each one also gets credit for the others it
    moves with.
    """
    summary = choose(PathSummary, path_summary, "path summary")
    if not 0.0 < conf_level < 1.0:
        raise SettingsError(f"conf_level must be in (0, 1), got {conf_level}")
    _refuse_comparison(result)
    kept = dict(getattr(result, "inputs", None) or {})
    if not kept:
        raise SettingsError(NOT_KEPT)
    years = tuple(getattr(result, "years", ()) or ())
    outputs = result.outputs
    if output not in outputs:
        # A streamed output exists: say how to keep its paths, as result.paths() does.
        check_kept(result, output)
        known = [*outputs, *unkept_outputs(result)]
        raise UnknownOutputError(output, [k for k in known if not k.startswith("_")])
    idx, at = output_year(years, output, np.ndim(outputs[output]) == 2, year)
    n = len(np.asarray(outputs[output]))
    y = select_output(outputs, output, idx, n)
    run_spec = _spec_of(result, spec) if decompose else None

    if inputs is None:
        names = _default_inputs(kept, run_spec, result, exclude, include_derived)
    else:
        names = [inputs] if isinstance(inputs, str) else list(inputs)
        public = [k for k in kept if not k.startswith("_")]
        for name in names:
            if name not in kept:
                raise UnknownNameError("input", name, public)

    finite_y = np.isfinite(y)
    if finite_y.sum() < MIN_RANK_PATHS:  # too few to rank, which says nothing of whether it varies
        raise SettingsError(
            f"rank correlation needs at least {MIN_RANK_PATHS} paths with a value of {output!r} "
            f"(got {int(finite_y.sum())} of {y.size}); run more paths"
        )
    if np.ptp(y[finite_y]) == 0:
        raise FlatOutputError(output, at)
    z = float(special.ndtri(0.5 + conf_level / 2.0))
    ry_all = _centred_ranks(y[finite_y])  # the output's ranks, when an input leaves no gap
    rows: list[tuple[str, float, float, float, bool]] = []
    dropped: list[str] = []
    for name in names:
        values, is_shocks = own_randomness(name, kept, run_spec)
        col = _per_path(values, idx, summary, n)
        if col is None:
            if inputs is not None:
                raise SettingsError(f"input {name!r} is not numeric per-path data")
            continue
        ok = finite_y & np.isfinite(col)
        if ok.sum() < MIN_RANK_PATHS or np.ptp(col[ok]) == 0:
            dropped.append(name)
            continue
        whole = bool(ok.sum() == finite_y.sum())
        rho = _spearman(col[ok], y[ok], ry_all if whole else None)
        # Fisher z with the Fieller-Hartley-Pearson variance of Spearman's rho, 1.06 / (n - 3);
        # the clip keeps arctanh finite when |rho| = 1.
        fz = math.atanh(min(max(rho, -1 + 1e-15), 1 - 1e-15))
        half = z * math.sqrt(1.06 / (int(ok.sum()) - 3))
        # The interval holds rho itself: at |rho| = 1 the clip above would end it just short.
        low, high = min(math.tanh(fz - half), rho), max(math.tanh(fz + half), rho)
        rows.append((name, rho, low, high, is_shocks))
    if not rows:
        if inputs is not None:  # the inputs asked for, not the run, are at fault
            raise SettingsError(
                f"no input listed varies across the run ({', '.join(dropped)}); list inputs "
                "that are uncertain in it"
            )
        assumptions = getattr(getattr(result, "thesis", None), "assumptions", None) or {}
        if set(assumptions) - set(kept):  # keep_inputs=False: only the scorecard's were kept
            raise SettingsError(NOT_KEPT.replace("no inputs", "only its scorecard's inputs"))
        raise EngineError("no analysed input varies across the run")

    th_labels, th_units = thesis_labels(getattr(result, "thesis", None))
    th_labels.update(labels or {})
    th_units.update(units or {})
    total = math.fsum(r[1] ** 2 for r in rows)
    entries = []
    for name, rho, lo, hi, is_shocks in rows:
        label, unit = label_unit(name, th_labels, th_units)
        share = rho**2 / total if total > 0 else 0.0
        kind = FactorKind.SHOCKS if is_shocks else _kind(name, run_spec)
        entries.append(
            RankEntry(name, label + (SHOCKS if is_shocks else ""), unit, rho, lo, hi, share, kind)
        )
    # Stable: equal |rho| keep the kept-input order.
    entries.sort(key=lambda e: -abs(e.rho))
    entropy = getattr(result, "seed_entropy", None)
    if isinstance(entropy, list):
        entropy = tuple(entropy)  # a SeedSequence may hold list entropy; results are frozen
    spawn_key = tuple(int(k) for k in getattr(result, "seed_spawn_key", ()) or ())
    out_unit = str((getattr(result, "units", None) or {}).get(output, ""))
    return RankCorrelationResult(
        output=output,
        year=at,
        n_paths=int(finite_y.sum()),
        conf_level=conf_level,
        entries=tuple(entries),
        dropped=tuple(dropped),
        seed_entropy=entropy,
        output_unit=out_unit,
        seed_spawn_key=spawn_key,
    )


def _kind(name: str, spec: ModelSpec | None) -> FactorKind:
    """What a kept input is, from the run's spec (OTHER without one)."""
    if spec is None:
        return FactorKind.OTHER
    if name in spec.variable_names:
        return FactorKind.VARIABLE
    if any(e.name == name for e in spec.events):
        return FactorKind.EVENT
    return FactorKind.OTHER
