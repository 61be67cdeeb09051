"""Run a thesis: one scenario, several side by side, or a probability-weighted blend.

This is the glue between the three layers: the thesis file (:mod:`model.inputs`) becomes an
engine specification and a valuation model (:mod:`model.valuation`), the engine
(:mod:`model.engine`) samples it, and the per-path outputs come back as a
:class:`~model.report.results.SimulationResult` that remembers where it came from.

Common random numbers
---------------------
:func:`compare` runs every scenario with the same seed. The engine derives each variable's
random numbers from the seed and the variable's *name*, so an assumption two scenarios share is
drawn identically on every path and the path-by-path difference of two scenarios reflects their
assumptions, not sampling noise.

Blending
--------
:func:`blend` mixes scenarios by the thesis' ``weights:``. Each path index is given to exactly
one scenario, ``round(weight * n)`` paths each (largest remainders), in a random order drawn from
the run's seed; the blended path ``i`` is path ``i`` of its scenario. Because each path index is
used once, the paths of the blend are independent draws of the mixture, and because the counts
are fixed rather than random the blend's sampling error is at most the usual ``sd / sqrt(n)``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from model.errors import EngineError
from model.report.comparison import ComparisonResult, check_weights, thesis_weights
from model.report.errors import UnknownScenarioError, WeightsError
from model.report.marks import thesis_marks
from model.report.results import SimulationResult

__all__ = ["DEFAULT_PATHS", "blend", "compare", "scenario_names", "simulate", "views"]

#: Paths per scenario unless asked otherwise: p5/p95 to about 1 % of their value.
DEFAULT_PATHS = 20_000
BASE = "base"
#: Spawn key of the stream that orders a blend's paths. The engine's keys are a hashed name plus
#: a block number (five words); a two-word key can never equal one, so the blend never reuses a
#: variable's random numbers.
_BLEND_KEY = (0x0B1E4D, 0)

ThesisLike = Any  # a Thesis, or a path to a thesis file


# ---------------------------------------------------------------------- thesis helpers


def _load(thesis: ThesisLike) -> Any:
    """A Thesis from a Thesis or a path (loaded as the base scenario)."""
    if isinstance(thesis, str | os.PathLike):
        from model.inputs.thesis import load_thesis

        return load_thesis(thesis)
    if not hasattr(thesis, "to_spec"):
        raise EngineError(f"expected a thesis or a path to a thesis file, got {type(thesis)!r}")
    return thesis


def scenario_names(thesis: ThesisLike) -> tuple[str, ...]:
    """Every scenario of a thesis: ``"base"`` first, then its overlays in file order."""
    loaded = _load(thesis)
    names = [str(n) for n in (getattr(loaded, "scenarios", None) or {})]
    return (BASE, *[n for n in names if n != BASE])


def _scenario_label(thesis: Any, name: str) -> str:
    scenarios = getattr(thesis, "scenarios", None) or {}
    entry = scenarios.get(name) if isinstance(scenarios, Mapping) else None
    label = getattr(entry, "label", None) if entry is not None else None
    if isinstance(entry, Mapping):
        label = entry.get("label")
    if label:
        return str(label)
    return "Base case" if name == BASE else name


def _apply(thesis: Any, scenario: str) -> Any:
    """The thesis with ``scenario`` applied; unknown names raise with a did-you-mean."""
    names = scenario_names(thesis)
    if scenario not in names:
        raise UnknownScenarioError(scenario, names)
    current = getattr(thesis, "scenario", None) or BASE
    if scenario == current:
        return thesis
    return thesis.with_scenario(scenario)


# ---------------------------------------------------------------------- run settings


def normalise_seed(seed: int | np.random.SeedSequence | None) -> int:
    """The root entropy for a run: the given integer, or fresh entropy when ``seed`` is None.

    Fixing it here (rather than letting each run draw its own) is what lets :func:`compare`
    hand the same random numbers to every scenario, and lets a result report the seed that
    repeats it.
    """
    if seed is None:
        return int(np.random.SeedSequence().entropy)
    if isinstance(seed, np.random.SeedSequence):
        if seed.spawn_key:
            raise EngineError("pass a root SeedSequence (without a spawn key) or an integer seed")
        return int(seed.entropy)
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise EngineError(f"seed must be a non-negative integer or None (got {seed!r})")
    return int(seed)


def _check_paths(n_paths: int) -> int:
    if isinstance(n_paths, bool) or not isinstance(n_paths, int | np.integer) or n_paths < 1:
        raise EngineError(f"n_paths must be a positive integer (got {n_paths!r})")
    return int(n_paths)


def _enum_value(value: Any) -> str:
    return str(getattr(value, "value", value))


# ---------------------------------------------------------------------- simulate


def _model_for(thesis: Any) -> Any:
    from model.valuation import SegmentModel

    return SegmentModel.from_thesis(thesis)


def simulate(
    thesis: ThesisLike,
    scenario: str = BASE,
    n_paths: int = DEFAULT_PATHS,
    seed: int | np.random.SeedSequence | None = None,
    method: str = "mc",
    backend: str = "local",
    keep_inputs: bool = True,
    progress: bool | None = None,
    client: Any = None,
    scheduler: str | None = None,
    chunk_size: int | None = None,
) -> SimulationResult:
    """Simulate one scenario of a thesis.

    Parameters
    ----------
    thesis : Thesis or path
        The thesis, or the path of its file.
    scenario : str
        ``"base"`` or the name of one of the thesis' scenarios.
    n_paths : int
        Number of Monte Carlo paths.
    seed : int, SeedSequence or None
        Root seed. None draws fresh entropy, which the result records in ``seed_entropy``.
    method : {"mc", "lhs", "sobol"}
        Sampling design.
    backend : {"local", "parallel", "dask"}
        Where the chunks run (``"dask"`` needs ``client`` or ``scheduler``).
    keep_inputs : bool
        Keep the sampled inputs in the result (needed to query assumptions in statements and for
        sensitivity analysis; costs memory).
    progress : bool, optional
        Show the engine's progress bar; None shows it for runs expected to take more than a
        couple of seconds.
    client, scheduler : optional
        A dask client or a scheduler address for the ``"dask"`` backend.
    chunk_size : int, optional
        Paths per chunk; the engine's default when None.

    Returns
    -------
    SimulationResult

    Raises
    ------
    UnknownScenarioError
        If the scenario does not exist (with the closest names).
    EngineError
        For bad run settings or a failed run.
    """
    base = _load(thesis)
    applied = _apply(base, scenario)
    return _run(
        applied,
        scenario,
        n_paths=_check_paths(n_paths),
        entropy=normalise_seed(seed),
        method=method,
        backend=backend,
        keep_inputs=keep_inputs,
        progress=progress,
        client=client,
        scheduler=scheduler,
        chunk_size=chunk_size,
    )


def _run(
    thesis: Any, scenario: str, *, n_paths: int, entropy: int, **settings: Any
) -> SimulationResult:
    from model.engine import run as engine_run

    spec = thesis.to_spec()
    model = _model_for(thesis)
    keep_inputs = bool(settings.pop("keep_inputs"))
    run = engine_run(spec, model, n_paths, seed=entropy, keep_inputs=keep_inputs, **settings)
    outputs = {k: v for k, v in run.outputs.items() if not k.startswith("_")}
    units = dict(getattr(thesis, "units", None) or {})
    units.update(model.output_units)
    return SimulationResult(
        thesis=thesis,
        scenario=scenario,
        scenario_label=_scenario_label(thesis, scenario),
        years=tuple(run.years or spec.years),
        outputs=outputs,
        inputs=dict(run.inputs) if keep_inputs else {},
        units=units,
        price=float(_price_value(thesis)),
        currency=str(getattr(thesis, "currency", "")),
        n_paths=int(run.n_valid),
        seed_entropy=int(run.seed_entropy),
        method=_enum_value(run.method),
        backend=_enum_value(run.backend),
        chunk_size=int(run.chunk_size),
        invalid=dict(run.invalid),
        marks=thesis_marks(thesis, outputs, units),
        mean_se=_batch_mean_se(run, outputs),
    )


def _batch_mean_se(run: Any, outputs: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """The engine's batch-means errors of the mean, where it has them (LHS and Sobol runs).

    For those designs the paths are not independent and ``sd / sqrt(n)`` overstates the error;
    the engine measures it from the spread of independent block means instead.
    """
    out = {}
    for name, summary in run.summaries.items():
        if name in outputs and summary.se_method == "batch-means":
            out[name] = np.atleast_1d(np.asarray(summary.se, dtype=float))
    return out


def _price_value(thesis: Any) -> float:
    price = getattr(thesis, "price", math.nan)
    return float(getattr(price, "value", price))


# ---------------------------------------------------------------------- compare / views


def compare(
    thesis: ThesisLike,
    scenarios: Sequence[str] | None = None,
    n_paths: int = DEFAULT_PATHS,
    seed: int | np.random.SeedSequence | None = None,
    method: str = "mc",
    backend: str = "local",
    keep_inputs: bool = True,
    progress: bool | None = None,
    client: Any = None,
    scheduler: str | None = None,
    chunk_size: int | None = None,
) -> ComparisonResult:
    """Simulate several scenarios with common random numbers.

    Parameters
    ----------
    thesis : Thesis or path
        The thesis, or the path of its file.
    scenarios : sequence of str, optional
        Scenario names (``"base"`` included if wanted); every scenario by default.
    n_paths, seed, method, backend, keep_inputs, progress, client, scheduler, chunk_size
        As for :func:`simulate`; one seed serves every scenario.

    Returns
    -------
    ComparisonResult
        Scenarios in the order given.

    Raises
    ------
    UnknownScenarioError
        If a scenario does not exist (checked before anything runs).
    """
    base = _load(thesis)
    names = list(scenario_names(base) if scenarios is None else scenarios)
    if isinstance(scenarios, str):
        raise EngineError("scenarios must be a list of names, not one string")
    known = scenario_names(base)
    for name in names:
        if name not in known:
            raise UnknownScenarioError(name, known)
    if not names:
        raise EngineError("compare needs at least one scenario")
    if len(set(names)) != len(names):
        raise EngineError(f"scenarios repeat: {names}")
    n = _check_paths(n_paths)
    entropy = normalise_seed(seed)
    results = {}
    for name in names:
        results[name] = _run(
            _apply(base, name),
            name,
            n_paths=n,
            entropy=entropy,
            method=method,
            backend=backend,
            keep_inputs=keep_inputs,
            progress=progress,
            client=client,
            scheduler=scheduler,
            chunk_size=chunk_size,
        )
    return ComparisonResult(results, thesis=base)


def view_scenarios(thesis: ThesisLike, views: Iterable[str] = ("2022", "2025")) -> list[str]:
    """Scenarios tagged with one of ``views`` (their ``view:``), grouped by view in that order."""
    base = _load(thesis)
    wanted = [str(v) for v in views]
    scenarios = getattr(base, "scenarios", None) or {}
    tagged: dict[str, list[str]] = {v: [] for v in wanted}
    for name, entry in scenarios.items():
        tag = entry.get("view") if isinstance(entry, Mapping) else getattr(entry, "view", None)
        if tag is not None and str(tag) in tagged:
            tagged[str(tag)].append(str(name))
    return [name for v in wanted for name in tagged[v]]


def views(
    thesis: ThesisLike,
    views: Iterable[str] = ("2022", "2025"),
    *,
    include_base: bool = True,
    **settings: Any,
) -> ComparisonResult:
    """The article views side by side: :func:`compare` on the scenarios tagged with ``views``.

    Parameters
    ----------
    thesis : Thesis or path
        The thesis.
    views : iterable of str
        View tags, e.g. ``("2022", "2025")``.
    include_base : bool
        Put the base case first as the reference (the file itself carries no view tag).
    **settings
        Run settings as for :func:`compare`.

    Returns
    -------
    ComparisonResult

    Raises
    ------
    UnknownScenarioError
        If no scenario carries one of the tags.
    """
    base = _load(thesis)
    wanted = tuple(views)
    names = view_scenarios(base, wanted)
    if not names:
        raise UnknownScenarioError(f"view {' or '.join(map(str, wanted))}", scenario_names(base))
    if include_base and BASE not in names:
        names.insert(0, BASE)
    return compare(base, names, **settings)


# ---------------------------------------------------------------------- blend


def _allocation(weights: Mapping[str, float], n: int) -> dict[str, int]:
    """Path counts proportional to the weights, summing to ``n`` (largest remainders)."""
    exact = {name: w * n for name, w in weights.items()}
    counts = {name: math.floor(x) for name, x in exact.items()}
    short = n - sum(counts.values())
    # Ties go to the earlier scenario so the allocation does not depend on dict hashing.
    order = sorted(exact, key=lambda k: (-(exact[k] - counts[k]), list(exact).index(k)))
    for name in order[:short]:
        counts[name] += 1
    return counts


def blend(
    thesis_or_comparison: ThesisLike | ComparisonResult,
    weights: Mapping[str, float] | None = None,
    **settings: Any,
) -> SimulationResult:
    """A probability-weighted mixture of scenarios as one distribution.

    Parameters
    ----------
    thesis_or_comparison : Thesis, path or ComparisonResult
        A thesis (the weighted scenarios are run with :func:`compare` and ``settings``) or a
        comparison that already holds every weighted scenario.
    weights : Mapping[str, float], optional
        Scenario -> weight, summing to 1; the thesis' ``weights:`` by default.
    **settings
        Run settings as for :func:`compare` (only with a thesis).

    Returns
    -------
    SimulationResult
        ``scenario="blend"``; ``path_scenarios`` says which scenario each path came from and
        ``weights`` the weights used.

    Raises
    ------
    WeightsError
        If the weights do not sum to 1, are out of [0, 1], name unknown scenarios, or a
        comparison lacks a weighted scenario.
    """
    if isinstance(thesis_or_comparison, ComparisonResult):
        if settings:
            raise EngineError("run settings apply only when blending a thesis, not a comparison")
        comparison = thesis_or_comparison
        thesis = comparison.thesis
        chosen = check_weights(
            thesis_weights(thesis) if weights is None else weights, scenario_names(thesis)
        )
        missing = [name for name, w in chosen.items() if w > 0 and name not in comparison.results]
        if missing:
            raise WeightsError(
                f"the comparison lacks weighted scenarios {missing}; run compare() with them"
            )
    else:
        thesis = _load(thesis_or_comparison)
        chosen = check_weights(
            thesis_weights(thesis) if weights is None else weights, scenario_names(thesis)
        )
        comparison = compare(thesis, [n for n, w in chosen.items() if w > 0], **settings)
    return _mix(comparison, chosen)


def _mix(comparison: ComparisonResult, weights: Mapping[str, float]) -> SimulationResult:
    used = {name: w for name, w in weights.items() if w > 0}
    parts = {name: comparison[name] for name in used}
    first = next(iter(parts.values()))
    n = first.n_paths
    entropy = first.seed_entropy
    for name, result in parts.items():
        # Path i of every part must be the same draw: same size, horizon and seed.
        if (result.n_paths, result.years, result.seed_entropy) != (n, first.years, entropy):
            raise EngineError(
                f"cannot blend {name!r}: its paths, years or seed differ from the other "
                "scenarios'; blend results of one compare() call"
            )
    rng = np.random.default_rng(np.random.SeedSequence(entropy or 0, spawn_key=_BLEND_KEY))
    counts = _allocation(used, n)
    labels = rng.permutation(np.repeat(np.array(list(counts)), list(counts.values())))

    masks = {scen: labels == scen for scen in parts}

    def mixed(get: Callable[[SimulationResult], Mapping[str, np.ndarray]]) -> dict[str, np.ndarray]:
        names = set.intersection(*(set(get(r)) for r in parts.values()))
        out = {}
        for name in sorted(names):
            pieces = {scen: np.asarray(get(r)[name]) for scen, r in parts.items()}
            if len({p.shape for p in pieces.values()}) > 1:
                # An event can make an assumption per-year in one scenario and leave it static
                # in another; the static one is the same value in every year.
                n_years = len(first.years)
                pieces = {
                    s: p if p.ndim == 2 else np.repeat(p[:, None], n_years, axis=1)
                    for s, p in pieces.items()
                }
            arr = np.array(pieces[next(iter(pieces))], copy=True)
            for scen, piece in pieces.items():
                arr[masks[scen]] = piece[masks[scen]]
            out[name] = arr
        return out

    return SimulationResult(
        thesis=comparison.thesis,
        scenario="blend",
        scenario_label="Probability-weighted blend of "
        + ", ".join(f"{k} {w:.0%}" for k, w in weights.items()),
        years=first.years,
        outputs=mixed(lambda r: r.outputs),
        inputs=mixed(lambda r: r.inputs),
        units=first.units,
        price=first.price,
        currency=first.currency,
        n_paths=n,
        seed_entropy=entropy,
        method=first.method,
        backend=first.backend,
        chunk_size=first.chunk_size,
        # The engine counts invalid paths per run, not per path, so report them per scenario.
        invalid={f"{s}:{k}": int(c) for s, r in parts.items() for k, c in r.invalid.items()},
        marks=first.marks,
        path_scenarios=labels,
        weights=dict(weights),
    )
