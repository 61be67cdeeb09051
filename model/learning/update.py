"""Update a thesis on evidence: simulate (or take a run), condition, and re-run if too few paths.

:func:`condition` is the thesis-level entry: given a thesis (or a finished run) and evidence (a
file, a mapping or observations) it returns the conditioned result. When the evidence leaves
fewer effective paths than asked for, it can re-simulate with more paths from the same seed
(``resimulate=True``): the larger run contains the smaller one's random numbers block by block,
so the answer only gets more precise, and the same call always gives the same result.
"""

from __future__ import annotations

import math
import numbers
import os
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model.errors import ParameterError, SettingsError, warn
from model.inputs.assembly.evidence import Observation, load_evidence, thesis_evidence
from model.results.condition import (
    DEFAULT_MIN_ESS,
    ConditionedResult,
    LowEffectiveSampleWarning,
    check_min_ess,
)
from model.results.condition import condition as condition_result
from model.results.results import SimulationResult
from model.scenarios.evidence import check_evidence

if TYPE_CHECKING:
    from model.inputs.assembly.thesis import Thesis

__all__ = ["MAX_PATHS", "check_evidence", "condition"]

#: A re-simulation never goes beyond this many paths.
MAX_PATHS = 2_000_000

EvidenceLike = str | os.PathLike[str] | Observation | Iterable[Observation] | Mapping[str, Any]


def _observations(evidence: Any, thesis: Thesis) -> Any:
    if evidence is None:
        own = thesis_evidence(thesis)
        if not own:
            raise ParameterError(
                f"{Path(thesis.path).name} has no evidence: section; give an evidence file "
                "(--evidence FILE) or add the section to the thesis"
            )
        return own
    if isinstance(evidence, str | os.PathLike):
        return load_evidence(Path(evidence), thesis)
    return evidence


def condition(
    thesis_or_result: Thesis | str | os.PathLike[str] | SimulationResult,
    evidence: EvidenceLike | None = None,
    *,
    scenario: str = "base",
    n_paths: int = 20_000,
    seed: int | None = 2025,
    min_ess: float = DEFAULT_MIN_ESS,
    resimulate: bool = False,
    max_paths: int = MAX_PATHS,
    **options: Any,
) -> ConditionedResult:
    """Condition a thesis (or a finished run) on evidence.

    Parameters
    ----------
    thesis_or_result : Thesis, path or SimulationResult
        A run is conditioned as it is; a thesis is simulated first (``scenario``, ``n_paths``,
        ``seed`` and ``**options`` as for :func:`model.simulate`, inputs kept).
    evidence : path, Observation(s) or mapping, optional
        An evidence file (checked against the thesis' sources), observations, or an
        ``evidence:`` mapping; by default the thesis file's own ``evidence:`` section.
    min_ess : float
        Effective sample size wanted, at least 1 (as ``thesis update --min-ess``; 1 asks for
        no note, since every conditioned run keeps at least one effective path).
    resimulate : bool
        When the effective sample size is below ``min_ess``, run again with enough paths
        (estimated from the ratio of paths to effective paths, at most ``max_paths``).

    Returns
    -------
    ConditionedResult
    """
    from model.scenarios import load, simulate

    min_ess = check_min_ess(min_ess)  # before the run, not after minutes of it
    if isinstance(thesis_or_result, SimulationResult):
        run = thesis_or_result
        return condition_result(run, _observations(evidence, run.thesis), min_ess=min_ess)
    thesis = load(thesis_or_result)
    observations = _observations(evidence, thesis)
    options.setdefault("progress", False)
    options["keep_inputs"] = True
    for what, value in (("n_paths", n_paths), ("max_paths", max_paths)):
        # int() would run 1,000.7 paths as 1,000 and True as one path, and let text fail later
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
            raise SettingsError(f"{what} must be a positive integer (got {value!r})")
    paths = int(n_paths)
    while True:
        run = simulate(thesis, scenario=scenario, n_paths=paths, seed=seed, **options)
        # Recorded, not ignored: only the low-sample advice depends on the path count; any
        # other warning (evidence far from every path) is re-issued for the final run.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out = condition_result(run, observations, min_ess=min_ess)
        if not out.low_ess or not resimulate or paths >= max_paths:
            break
        if out.ess <= 1:
            raise ParameterError(
                "the evidence leaves about one effective path: it contradicts the thesis; "
                "check the observation's value, sd and units before adding paths"
            )
        paths = min(max_paths, int(math.ceil(1.2 * paths * min_ess / out.ess / 1000) * 1000))
    for w in caught:
        if str(w.message) != out.advice():
            warn(str(w.message), w.category)
    if out.low_ess:
        warn(out.advice(), LowEffectiveSampleWarning)
    return out
