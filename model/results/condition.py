"""Conditioning a simulation on evidence: importance weights, weighted summaries, effective size.

A thesis is a prior over the company's future. When a new fact arrives ("cloud revenue grew 34%
in 2025") the paths that agree with it become more plausible than those that do not. This module
reweights the paths of a finished run by the likelihood of the evidence (self-normalised
importance sampling): no path is simulated again, so conditioning costs one evaluation of each
observation per path.

Observations
------------
Each :class:`Observation` names a quantity in the thesis expression language (an output or a kept
input, optionally ``name[year]``, or any expression of them, e.g. ``revenue[2025] /
revenue[2024] - 1``) and how it was observed:

``normal``
    the quantity was measured as ``value`` with a normal measurement error of standard
    deviation ``sd``: likelihood ``exp(-(x - value)**2 / (2 sd**2))``;
``range``
    the quantity lies between ``low`` and ``high`` (either may be open): likelihood 1 inside, 0
    outside;
``bound``
    shorthand for a one-sided range (``low`` or ``high`` alone).

Weighted statistics and their standard errors
---------------------------------------------
With normalised weights ``w`` (summing to 1), the effective sample size is
``ess = 1 / sum(w**2)``. The weighted mean is ``m = sum(w x)`` with the delta-method standard
error of a self-normalised importance-sampling estimate, ``sqrt(sum(w**2 (x - m)**2))``, which
for equal weights is the usual ``sd / sqrt(n)``. A probability is the weighted mean of an
indicator. The weighted sd has the reliability-weights correction and a weighted quantile
interpolates between the paths placed at the midpoints of their cumulative weights, so that
evidence that carries no information leaves the summary as it was (``ddof=1``, numpy's
percentiles); a quantile's error maps the standard error of the probability at the quantile
through the local slope of that function (the spacing of the quantiles at ``p ± se_p``), so it
grows as the weights concentrate.
These errors assume independent paths; for Latin hypercube and Sobol' runs they are conservative.
For a blend, whose scenarios have fixed numbers of paths, they are stratified by scenario
(:mod:`model.results.summary`, Weighted samples).

Why not a library: the weighting is a few lines of numpy, and the statistics must follow the
project's expression language, units and result types; PyMC or ArviZ would bring a sampler and
data model that a finished Monte Carlo run does not need.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from model.errors import (
    ParameterError,
    SettingsError,
    StatementError,
    ThesisModelError,
    ThesisModelWarning,
    warn,
)
from model.inputs.assembly.evidence import Observation, ObservationKind, observation_from_mapping
from model.inputs.units import plural
from model.results.summary import describe
from model.results.values import Probability
from model.results.weighting.observed import at_entry, quantity_values
from model.results.weighting.weighted import (
    effective_sample_size,
    weighted_describe,
    weighted_mean,
)

if TYPE_CHECKING:
    from model.results.results import SimulationResult

__all__ = [
    "DEFAULT_MIN_ESS",
    "ConditionedResult",
    "LowEffectiveSampleWarning",
    "Observation",
    "ObservationKind",
    "check_min_ess",
    "condition",
    "weighted_describe",
]

#: Below this effective sample size a conditioned result warns that its figures are noisy.
DEFAULT_MIN_ESS = 1_000


def check_min_ess(min_ess: Any) -> float:
    """``min_ess`` as a float: a finite number of effective paths, at least 1.

    The rule of ``thesis update --min-ess``. Every conditioned run keeps at least one effective
    path (Kish's ``(sum w)**2 / sum(w**2)`` is 1 or more), so a floor below 1 asks for nothing
    a floor of 1 does not: it is refused rather than read as a request.

    Raises
    ------
    SettingsError
        NaN compares false with every effective sample size and infinity asks for endless
        paths: both, like a count below 1 or text, are refused before any run.
    """
    if (
        isinstance(min_ess, bool)
        or not isinstance(min_ess, int | float | np.integer | np.floating)
        or not math.isfinite(min_ess)
        or min_ess < 1
    ):
        raise SettingsError(
            f"min_ess must be a finite number of effective paths, at least 1 (got {min_ess!r})"
        )
    return float(min_ess)


#: The median alone, for tables that compare centres.
_MEDIAN: tuple[tuple[str, float], ...] = (("p50", 0.50),)


class LowEffectiveSampleWarning(ThesisModelWarning):
    """The evidence leaves too few effective paths for precise figures."""


#: Measurement errors beyond which a normal observation's likelihood is zero in floating point
#: (``exp(-z**2 / 2)`` underflows): no path is compatible with it, as outside a range.
Z_ZERO = math.sqrt(-2.0 * math.log(np.finfo(float).tiny))
#: Measurement errors beyond which the nearest path is said to be far from the observation:
#: the posterior then rests on the paths least far from it, not on paths that agree with it.
Z_FAR = 6.0


def _check_distance(obs: Observation, x: np.ndarray, ll: np.ndarray) -> None:
    """Refuse a normal observation no path comes near; warn when the nearest path is far.

    Weights are normalised by their largest value, so an observation equally far from every
    path (a quantity the thesis holds fixed, observed at another value) would otherwise leave
    every weight as it was and the posterior equal to the prior, without a word.
    """
    if not np.isfinite(ll).any():
        undefined = not np.isfinite(x).any()
        raise ThesisModelError(
            f"evidence.{obs.name}: the observation is incompatible with every simulated path: "
            + (
                f"{obs.quantity!r} has no value on any path (a division by zero, or a "
                "function outside its domain)"
                if undefined
                else f"every path lies outside {obs.describe()}"
            )
        )
    if obs.kind is not ObservationKind.NORMAL:
        return
    best = int(np.argmax(ll))
    z = math.sqrt(max(-2.0 * float(ll[best]), 0.0))
    if z <= Z_FAR:
        return
    seen = f"{obs.value:.6g} ± {obs.sd:.3g}"
    shown = seen if obs.quantity == obs.name else f"{obs.quantity} = {seen}"
    where = f"evidence.{obs.name}: the observation {shown}"
    if z > Z_ZERO:
        raise ThesisModelError(
            f"{where} is incompatible with every simulated path: the nearest ({x[best]:.6g}) "
            f"lies {z:,.0f} measurement sds away, where the likelihood is zero; check the "
            "quantity's unit and year, or widen the sd"
        )
    warn(
        f"{where}: the nearest simulated path ({x[best]:.6g}) lies {z:.1f} measurement sds "
        "away, so the thesis did not foresee it; the posterior leans on the paths least far "
        "from it; check the quantity's unit and year, or widen the sd",
        LowEffectiveSampleWarning,
    )


def _normalise(log_w: np.ndarray) -> np.ndarray:
    top = np.max(log_w)
    if not np.isfinite(top):
        raise ThesisModelError(
            "the evidence is incompatible with every simulated path (zero likelihood "
            "everywhere): widen the measurement sd or range, or check the quantity's units"
        )
    w = np.exp(log_w - top)
    return w / w.sum()


@dataclass(frozen=True, eq=False)
class ConditionedResult:
    """A simulation reweighted by evidence: the posterior of the thesis given the facts.

    Attributes
    ----------
    prior : SimulationResult
        The run that was conditioned (its paths are not changed).
    evidence : tuple of Observation
        The observations, in order.
    weights : ndarray, shape (n_paths,)
        Normalised importance weights (sum 1); read-only.
    log_likelihood : Mapping[str, ndarray]
        Per-observation log-likelihood on every path.
    min_ess : float
        Effective sample size below which the result warns.
    """

    prior: SimulationResult
    evidence: tuple[Observation, ...]
    weights: np.ndarray
    log_likelihood: Mapping[str, np.ndarray] = field(default_factory=dict)
    min_ess: float = DEFAULT_MIN_ESS
    # tables already computed (a report writes each twice: as a file and in its page)
    _tables: dict[tuple[Any, ...], pd.DataFrame] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def ess(self) -> float:
        """Effective sample size of the weights (``n_paths`` when the evidence is uninformative)."""
        return effective_sample_size(self.weights)

    @property
    def n_paths(self) -> int:
        return self.prior.n_paths

    @property
    def years(self) -> tuple[int, ...]:
        return self.prior.years

    @property
    def low_ess(self) -> bool:
        """True when the effective sample size is below ``min_ess``."""
        return self.ess < self.min_ess

    def advice(self) -> str:
        """What to do when the effective sample size is low (empty when it is not)."""
        if not self.low_ess:
            return ""
        ratio = self.n_paths / max(self.ess, 1.0)
        needed = int(math.ceil(self.min_ess * ratio / 1000.0) * 1000)
        return (
            f"the evidence leaves {self.ess:,.0f} effective paths of {self.n_paths:,} (below "
            f"{self.min_ess:,.0f}): re-simulate with about {needed:,} paths "
            f"(model.condition(thesis, evidence, n_paths={needed})), or use .resample() for "
            "charts only"
        )

    def _column(self, name: str, year: int | None) -> np.ndarray:
        # One value a path has no year: the same values whatever year the table is of.
        return self.prior.final(name, year if self.prior.array(name).ndim == 2 else None)

    def summary(
        self, outputs: str | Sequence[str] | None = None, year: int | None = None
    ) -> pd.DataFrame:
        """Weighted summary of outputs per year: the posterior, with standard errors.

        Parameters
        ----------
        outputs : str or sequence of str, optional
            Which outputs (or kept inputs); all outputs by default.
        year : int, optional
            Only the rows of this horizon year (every year by default), by the rule of
            :meth:`SimulationResult.summary`: an output with one value a path has only the exit
            year; named, it takes no other year; left to the default of every output, it is
            left out of another year's table.

        Returns
        -------
        DataFrame
            Index ``(output, year)``; columns ``unit``, ``n``, ``ess``, ``mean``, ``sd``,
            ``p5`` .. ``p95`` and their ``*_se``.

        Raises
        ------
        HorizonError
            If ``year`` is outside the horizon.
        SettingsError
            If ``year`` is another year than the exit year for a named output with one value a
            path.
        """
        if year is not None:
            return self.prior.rows_of_year(self.summary(outputs), outputs, year)
        names = self.prior._names(outputs)
        strata = self.prior.path_scenarios  # a blend's: stratified errors
        rows: list[dict[str, Any]] = []
        index: list[tuple[str, int]] = []
        for name in names:
            arr = self.prior.array(name)
            cols = [arr] if arr.ndim == 1 else [arr[:, j] for j in range(arr.shape[1])]
            years = [self.prior.exit_year] if arr.ndim == 1 else list(self.years)
            for year, col in zip(years, cols, strict=True):
                row: dict[str, Any] = {"unit": self.prior.units.get(name, "")}
                row.update(weighted_describe(col, self.weights, strata=strata))
                rows.append(row)
                index.append((name, year))
        table = pd.DataFrame(rows, index=pd.MultiIndex.from_tuples(index, names=["output", "year"]))
        table["n"] = table["n"].astype(int)
        return table

    def prob(self, statement: str) -> Probability:
        """Posterior probability of a statement, with its importance-sampling standard error.

        Returns
        -------
        Probability
            As :meth:`SimulationResult.prob`: ``n`` counts the paths on which the statement is
            defined, ``n_undefined`` the others (left out, their weight too); ``ess`` is the
            effective sample size of the weights on the defined paths, which its text shows.
        """
        truth, undefined = self.prior._truth(statement)
        w = np.where(undefined, 0.0, self.weights)
        total = w.sum()
        if total <= 0:
            raise StatementError(f"{statement!r} is undefined on every weighted path")
        w = w / total
        p, se = weighted_mean(truth.astype(float), w, self.prior.path_scenarios)
        if np.count_nonzero(w) < 2:  # one path: no error to estimate (0 would say exact)
            se = math.nan
        n_undefined = int(np.count_nonzero(undefined))
        # Kish's effective sample of the weights used: a weighted share is only as precise
        # as that many independent paths, not as all of them.
        ess = effective_sample_size(w)
        return Probability(statement, p, se, truth.size - n_undefined, n_undefined, ess=ess)

    def compare(
        self, outputs: str | Sequence[str] | None = None, year: int | None = None
    ) -> pd.DataFrame:
        """Prior against posterior: mean and median of each output in one year.

        Returns
        -------
        DataFrame
            Index ``output``; columns ``unit``, ``year`` (NA for an output with one value per
            path, which has no year), ``prior_mean``, ``posterior_mean``, ``posterior_mean_se``,
            ``prior_p50``, ``posterior_p50``, ``posterior_p50_se``, ``change_p50``.
        """
        # The model year itself (2027 for 2027.0 or "2027"): the table's year column holds it.
        year = self.prior._resolve_year(year)
        names = self.prior._names(outputs)
        key = ("compare", tuple(names), year)
        if key not in self._tables:
            self._tables[key] = self._compare(names, year)
        return self._tables[key].copy()

    def _compare(self, names: Sequence[str], year: int) -> pd.DataFrame:
        strata = self.prior.path_scenarios
        rows = {}
        for name in names:
            col = self._column(name, year)
            post = weighted_describe(col, self.weights, _MEDIAN, spread=False, strata=strata)
            prior = self._prior_row(name, year)
            rows[name] = {
                "unit": self.prior.units.get(name, ""),
                "year": year if self.prior.array(name).ndim == 2 else None,  # one value: none
                "prior_mean": prior["mean"],
                "posterior_mean": post["mean"],
                "posterior_mean_se": post["mean_se"],
                "prior_p50": prior["p50"],
                "posterior_p50": post["p50"],
                "posterior_p50_se": post["p50_se"],
                "change_p50": post["p50"] - prior["p50"],
            }
        table = pd.DataFrame.from_dict(rows, orient="index")
        table.index.name = "output"
        return table.astype({"year": "Int64"}) if rows else table

    def _prior_row(self, name: str, year: int) -> pd.Series:
        """The run's own summary of an output in ``year`` (its one row for an output with one
        value a path): the prior's figures are those of its summary, not a weighted sum."""
        rows = self.prior.summary(name).loc[name]
        return rows.loc[year] if self.prior.array(name).ndim == 2 else rows.iloc[0]

    def evidence_table(self) -> pd.DataFrame:
        """One row per observation: what was observed, prior and posterior of the quantity."""
        key = ("evidence",)
        if key not in self._tables:
            self._tables[key] = self._evidence_table()
        return self._tables[key].copy()

    def _evidence_table(self) -> pd.DataFrame:
        strata = self.prior.path_scenarios
        rows = []
        for obs in self.evidence:
            x = quantity_values(self.prior, obs)
            post = weighted_describe(x, self.weights, _MEDIAN, strata=strata)
            prior = describe(x, self.prior.method, strata)  # as the run's own summary does
            rows.append(
                {
                    "name": obs.name,
                    "observed": obs.describe(),
                    "prior_p50": prior["p50"],
                    "posterior_p50": post["p50"],
                    "prior_sd": prior["sd"],
                    "posterior_sd": post["sd"],
                    "source": obs.source,
                }
            )
        return pd.DataFrame(rows).set_index("name")

    def resample(self, seed: int | np.random.SeedSequence | None = None) -> SimulationResult:
        """An equally weighted result drawn from the posterior, for every chart and table.

        Systematic resampling: ``n_paths`` paths chosen in proportion to their weights with one
        uniform offset drawn from a child of the prior run's seed (or of ``seed``), so the same
        run and evidence always give the same resampled result. Paths with large weights appear
        several times; the resampled result has no more information than ``ess`` paths.

        Its figures are the posterior's, but its standard errors count its ``n_paths`` paths as
        independent, so they are smaller than the posterior's by about ``sqrt(n_paths / ess)``:
        read errors from this conditioned result (:meth:`summary`, :meth:`prob`), and the
        resampled one for charts and per-path tables.
        """
        from model.engine.draws.rng import handle_seed

        root = handle_seed(seed) if seed is not None else self.prior.seed()
        child = root.spawn(1)[0] if seed is None else root
        rng = np.random.default_rng(child)
        n = self.n_paths
        positions = (rng.random() + np.arange(n)) / n
        cw = np.cumsum(self.weights)
        cw[-1] = 1.0
        index = np.searchsorted(cw, positions, side="left")
        outputs = {k: np.asarray(v)[index] for k, v in self.prior.outputs.items()}
        inputs = {k: np.asarray(v)[index] for k, v in self.prior.inputs.items()}
        scenario = f"{self.prior.scenario} | evidence"
        label = f"{self.prior.scenario_label} given {plural(len(self.evidence), 'observation')}"
        # Resampling makes each scenario's count of paths random, so a blend's paths are no
        # longer fixed strata: its errors must not be the stratified ones (they would be too small).
        return replace(
            self.prior,
            scenario=scenario,
            scenario_label=label,
            outputs=outputs,
            inputs=inputs,
            path_scenarios=None,
            # A streamed output has no paths to resample: its summary is the prior's.
            streamed={},
            not_kept=(*self.prior.not_kept, *self.prior.streamed),
        )

    def __repr__(self) -> str:
        from model.results.display.views import conditioned_repr

        return conditioned_repr(self)

    def _repr_html_(self) -> str:
        from model.results.display.views import conditioned_html

        return conditioned_html(self)


def _as_observations(
    evidence: Observation | Iterable[Observation] | Mapping[str, Any],
) -> tuple[Observation, ...]:
    if isinstance(evidence, Observation):
        return (evidence,)
    if isinstance(evidence, Mapping):
        return tuple(observation_from_mapping(k, v) for k, v in evidence.items())
    if not isinstance(evidence, Iterable):
        raise ParameterError(
            f"evidence must be Observation objects or a mapping, not {type(evidence).__name__}"
        )
    out = tuple(evidence)
    for item in out:
        if not isinstance(item, Observation):
            raise ParameterError(
                f"evidence must be Observation objects or a mapping, not {type(item).__name__}"
            )
    if not out:
        raise ParameterError("no evidence given")
    return out


def condition(
    result: SimulationResult,
    evidence: Observation | Iterable[Observation] | Mapping[str, Any],
    *,
    min_ess: float = DEFAULT_MIN_ESS,
) -> ConditionedResult:
    """Reweight the paths of a result by the likelihood of the evidence.

    Parameters
    ----------
    result : SimulationResult
        A finished run. Observed inputs must have been kept (``keep_inputs=True``) unless they
        are outputs.
    evidence : Observation, iterable of Observation, or mapping
        The observations (a mapping is read as an ``evidence:`` section).
    min_ess : float
        Warn (``LowEffectiveSampleWarning``) when the effective sample size falls below this.

    Returns
    -------
    ConditionedResult

    Raises
    ------
    SettingsError
        A ``min_ess`` that is not a finite number of at least 1.
    ThesisModelError
        If no path is compatible with the evidence.
    """
    min_ess = check_min_ess(min_ess)
    observations = _as_observations(evidence)
    names = [o.name for o in observations]
    if len(set(names)) != len(names):
        raise ParameterError(f"observation names repeat: {names}")
    log_w = np.zeros(result.n_paths)
    per_obs: dict[str, np.ndarray] = {}
    for obs in observations:
        try:
            x = quantity_values(result, obs)
            ll = obs.log_likelihood(x)
            _check_distance(obs, np.asarray(x, dtype=float), ll)
        except ThesisModelError as exc:
            raise at_entry(obs, exc) from None
        ll.flags.writeable = False
        per_obs[obs.name] = ll
        log_w = log_w + ll
    weights = _normalise(log_w)
    weights.flags.writeable = False
    out = ConditionedResult(result, observations, weights, MappingProxyType(per_obs), min_ess)
    if out.low_ess:
        warn(out.advice(), LowEffectiveSampleWarning)
    return out
