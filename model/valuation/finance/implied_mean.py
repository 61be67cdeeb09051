"""Implied expectations on the mean of simulated paths, not the central path alone.

The central case of :func:`~model.valuation.finance.implied.implied` holds every other input at
its central value and every event at its median timing. For a thesis whose value hangs on a
binary event (a trial read-out, a licence decision) that path takes one branch only: an event
with a 40% chance never happens on it, one with 60% always does. The price, though, pays for the
expected value over both branches. The *mean* basis solves instead::

    mean over n paths of target(x*, other inputs drawn) = price

with the assumption held at ``x`` on every path and every other input drawn from its own
distribution by the same seed at every ``x`` (common random numbers). The mean is then a smooth
function of ``x`` whose noise does not move from one ``x`` to the next, so the root finder sees
a deterministic function; its Monte Carlo error is stated as a standard error of the mean at the
root and, by the delta method, of the implied value itself (``se(mean) / |d mean / dx|``).

An assumption the thesis correlates with others keeps that dependence: at each ``x`` the others
are drawn from their distribution *given* the assumption at ``x`` under the Gaussian copula the
engine correlates by (its normal score held at ``ndtri(F(x))``, each other score moved by its
correlation with it; see :mod:`model.engine.execution.holding`), from the same underlying draws
at every ``x``. The mean, its standard error and the slope are then those of the conditional
distribution. A discrete assumption (its value fixes no single score) and the Iman-Conover
method (a rearrangement of whole blocks, with no draw given a value) are refused when
correlated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np

from model.errors import EngineError, ResourceLimitError, ThesisModelError
from model.valuation.finance.implied_checks import ImpliedError

__all__ = ["DEFAULT_MEAN_PATHS", "MIN_MEAN_PATHS", "ImpliedBasis", "MeanTarget"]

#: Paths of each mean when none are given: a value per share's mean is then known to about
#: 1.6% of its spread, and a 41-point search stays within seconds.
DEFAULT_MEAN_PATHS = 4_000
#: Fewest paths of a mean: below this its standard error (and the slope's) says little.
MIN_MEAN_PATHS = 100


class ImpliedBasis(StrEnum):
    """What must equal the price: the central path's target, or its mean over paths."""

    CENTRAL = "central"
    MEAN = "mean"


def check_mean_memory(spec: Any, fn: Callable[[Any], Any], n_paths: int) -> None:
    """Refuse, before anything is drawn, a mean whose paths cannot fit in memory together.

    A mean evaluates the model on all its paths at once (no chunks), so the engine's working
    set of a chunk, estimated for a chunk of ``n_paths``, is what it needs.

    Raises
    ------
    ResourceLimitError
        Saying how much memory the paths need, how much is available and how many fit.
    """
    from model.engine.execution.limits import estimate_memory, format_bytes

    est = estimate_memory(
        spec, fn, n_paths, keep=frozenset(), keep_inputs=frozenset(), chunk=n_paths
    )
    if est.fits:
        return
    each = est.per_path + est.fixed / n_paths
    fit = int((est.available or 0) // each)
    raise ResourceLimitError(
        f"the mean basis evaluates its {n_paths:,} paths at once, which needs about "
        f"{format_bytes(est.total)} of memory ({format_bytes(each)} a path), but about "
        f"{format_bytes(est.available or 0)} is available: at most {fit:,} paths fit; "
        "give fewer paths (--paths, n_paths=)"
    )


@dataclass
class MeanTarget:
    """The target's mean over ``n_paths`` common-random-number paths, per assumption value.

    Parameters
    ----------
    spec : ModelSpec
    fn : callable
        The model function (as for :func:`model.engine.run`).
    solve_for : str
        The static assumption held at each value.
    pick : callable
        ``pick(outputs) -> ndarray (n_paths,)``: the target (in its year) from a run's outputs.
    n_paths : int
    seed : SeedSequence
        One root for every evaluation, so each ``x`` sees the same draws of the others.
    why : list of str
        Filled with the first reason a value searched has no mean (the model's error there, or
        how many paths have no value), for the search's messages.
    label : callable
        ``label(x)``: a value searched as the messages write it.
    """

    spec: Any
    fn: Callable[[Any], Any]
    solve_for: str
    pick: Callable[[Any], np.ndarray]
    n_paths: int
    seed: np.random.SeedSequence
    why: list[str] = field(default_factory=list)
    label: Callable[[float], str] = "{:.4g}".format

    def __post_init__(self) -> None:
        from model.engine.execution.runner import sample_holding

        check_mean_memory(self.spec, self.fn, self.n_paths)
        try:
            self._inputs_at = sample_holding(
                self.spec, self.n_paths, self.solve_for, seed=self.seed
            )
        except EngineError as exc:
            raise ImpliedError(
                f"the mean basis cannot hold {self.solve_for!r}: {exc}; or use the central basis"
            ) from None
        self._se: dict[float, float] = {}

    def one(self, x: float) -> float:
        """The mean at ``x`` (NaN where the model has no value there)."""
        from model.engine.execution.chunks import split_outputs

        n = self.n_paths
        try:
            with np.errstate(all="ignore"):
                raw = self.fn(self._inputs_at(x))
            outputs, _ = split_outputs(raw, n, self.spec.n_years)
            y = np.asarray(self.pick(outputs), dtype=np.float64)
        except ThesisModelError as exc:
            self._note(x, str(exc))
            return float("nan")
        bad = int(np.count_nonzero(~np.isfinite(y)))
        if bad:
            # As a run refuses an output without a value: no mean over the paths that have one.
            self._note(x, f"the target has no value on {bad:,} of {n:,} paths")
            return float("nan")
        self._se[float(x)] = float(np.std(y, ddof=1) / np.sqrt(n)) if n > 1 else 0.0
        return float(np.mean(y))

    def _note(self, x: float, reason: str) -> None:
        if not self.why:
            self.why.append(f"at {self.label(x)}: {reason}")

    def __call__(self, xs: np.ndarray) -> np.ndarray:
        """The mean at each value of ``xs``, shape ``(len(xs),)``."""
        return np.array([self.one(float(x)) for x in np.ravel(xs)])

    def root_se(self, x: float, bounds: tuple[float, float]) -> tuple[float, float]:
        """Standard errors at the root ``x``: of the mean there, and of ``x`` (delta method).

        The slope is a central difference over a thousandth of the range searched, on the same
        draws, so it carries none of the mean's sampling noise.
        """
        se_mean = self._se.get(float(x))
        if se_mean is None:
            self.one(x)
            se_mean = self._se.get(float(x), float("nan"))
        h = 1e-3 * (bounds[1] - bounds[0])
        lo, hi = max(bounds[0], x - h), min(bounds[1], x + h)
        slope = (self.one(hi) - self.one(lo)) / (hi - lo) if hi > lo else float("nan")
        se_x = se_mean / abs(slope) if np.isfinite(slope) and slope != 0 else float("nan")
        return se_mean, se_x
