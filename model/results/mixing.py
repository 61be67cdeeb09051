"""Blending: scenarios mixed path by path into one probability-weighted distribution.

Each path index goes to exactly one scenario, ``round(weight * n)`` paths each (largest
remainders), in a random order drawn from the run's seed; the blended path ``i`` is path ``i``
of its scenario. The mixing needs only the results of one :func:`model.scenarios.compare` call,
so :meth:`ComparisonResult.blend <model.results.comparison.ComparisonResult.blend>` and
:func:`model.scenarios.blend` share it.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeAlias

import numpy as np

from model.errors import SettingsError, WeightsError, WrongKindError
from model.results.comparison import ComparisonResult
from model.results.results import SimulationResult
from model.results.values import check_weights, thesis_weights

if TYPE_CHECKING:
    from model.inputs.assembly.thesis import Thesis

    #: A loaded thesis, or the path of its file.
    ThesisLike: TypeAlias = Thesis | str | os.PathLike[str]

BASE = "base"
#: Appended to the root's spawn key for the stream that orders a blend's paths. The engine's
#: keys append a hashed name plus a block number (five words); a two-word suffix can never equal
#: one, so the blend never reuses a variable's random numbers.
_BLEND_KEY = (0x0B1E4D, 0)


# ---------------------------------------------------------------------- thesis helpers


def load(thesis: ThesisLike) -> Thesis:
    """A Thesis from a Thesis or the path of its file (loaded as the base scenario)."""
    if isinstance(thesis, str | os.PathLike):
        from model.inputs.assembly.thesis import load_thesis

        return load_thesis(thesis)
    if not hasattr(thesis, "to_spec"):
        # A result where its thesis belongs is the likeliest slip in a notebook: name the way
        # back rather than a class path.
        hint = ""
        if isinstance(thesis, SimulationResult | ComparisonResult):
            hint = "; pass the thesis it was run from (model.load_thesis(path)), not a result"
        raise WrongKindError(
            f"expected a thesis (from model.load_thesis) or the path of a thesis file, "
            f"got {type(thesis).__name__}{hint}"
        )
    return thesis


def scenario_names(thesis: ThesisLike) -> tuple[str, ...]:
    """Every scenario of a thesis: ``"base"`` first, then its overlays in file order."""
    loaded = load(thesis)
    names = [str(n) for n in (getattr(loaded, "scenarios", None) or {})]
    return (BASE, *[n for n in names if n != BASE])


# ---------------------------------------------------------------------- blend


def blend_comparison(
    comparison: ComparisonResult, weights: Mapping[str, float] | None = None
) -> SimulationResult:
    """The blend of a comparison's scenarios (the thesis' ``weights:`` by default).

    See :func:`model.scenarios.blend`; the comparison must hold every weighted scenario.
    """
    thesis = comparison.thesis
    chosen = check_weights(
        thesis_weights(thesis) if weights is None else weights, scenario_names(thesis)
    )
    missing = [name for name, w in chosen.items() if w > 0 and name not in comparison.results]
    if missing:
        raise WeightsError(
            f"the comparison lacks weighted scenarios {missing}; run compare() with them"
        )
    return mix(comparison, chosen)


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


def mix(comparison: ComparisonResult, weights: Mapping[str, float]) -> SimulationResult:
    used = {name: w for name, w in weights.items() if w > 0}
    parts = {name: comparison[name] for name in used}
    first = next(iter(parts.values()))
    n = first.n_paths
    if first.seed_entropy is None:
        # The path order is drawn from the run's seed; inventing one would make the blend look
        # reproducible when it is not.
        raise SettingsError("cannot blend results that do not record the seed they were run with")
    run_id = (n, first.years, first.seed_entropy, first.seed_spawn_key)
    for name, result in parts.items():
        # Path i of every part must be the same draw: same size, horizon and seed.
        if (result.n_paths, result.years, result.seed_entropy, result.seed_spawn_key) != run_id:
            raise SettingsError(
                f"cannot blend {name!r}: its paths, years or seed differ from the other "
                "scenarios'; blend results of one compare() call"
            )
    key = (*first.seed_spawn_key, *_BLEND_KEY)
    rng = np.random.default_rng(np.random.SeedSequence(first.seed_entropy, spawn_key=key))
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
            # The first scenario's paths are in place already: the others are written over it.
            arr = np.array(pieces[next(iter(pieces))], copy=True)
            for scen, piece in list(pieces.items())[1:]:
                arr[masks[scen]] = piece[masks[scen]]
            out[name] = arr
        return out

    return SimulationResult(
        thesis=comparison.thesis,
        scenario="blend",
        scenario_label="Probability-weighted blend of "
        + ", ".join(f"{k} {w:.0%}" for k, w in used.items()),
        years=first.years,
        outputs=mixed(lambda r: r.outputs),
        inputs=mixed(lambda r: r.inputs),
        units=first.units,
        price=first.price,
        currency=first.currency,
        n_paths=n,
        seed_entropy=first.seed_entropy,
        seed_spawn_key=first.seed_spawn_key,
        method=first.method,
        backend=first.backend,
        chunk_size=first.chunk_size,
        # The engine counts invalid paths per run, not per path, so report them per scenario.
        invalid={f"{s}:{k}": int(c) for s, r in parts.items() for k, c in r.invalid.items()},
        marks=first.marks,
        # Streamed outputs: summaries of different paths cannot be mixed path by path.
        not_kept=tuple(sorted(set().union(*(r.streamed for r in parts.values())))),
        path_scenarios=labels,
        weights=dict(weights),
        roles=first.roles,
    )
