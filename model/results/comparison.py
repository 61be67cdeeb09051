"""Several scenarios of one thesis, run with common random numbers, side by side.

Every scenario of a :class:`ComparisonResult` was run with the same seed, so an assumption that
two scenarios share was drawn identically on every path. The path-by-path difference of two
scenarios (:meth:`ComparisonResult.difference`) therefore moves only where their assumptions
differ, and its standard error is far smaller than that of two independent runs; a scenario
compared with itself differs by exactly zero. Every standard error of a mean comes from
:func:`model.results.summary.mean_se` (batch means for Latin hypercube and Sobol' runs).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from model.engine.summaries.reuse import first_equal
from model.errors import (
    EmptySampleError,
    SettingsError,
    UnknownScenarioError,
    choose,
)
from model.results import summary as stats
from model.results.analysis import VALUE, ReturnsView, check_kept, value_output, year_end_of
from model.results.compare.cases import CLASSIC_WEIGHTS as CLASSIC_WEIGHTS
from model.results.compare.cases import WEIGHTS_DEFAULT as WEIGHTS_DEFAULT
from model.results.compare.cases import WEIGHTS_GIVEN as WEIGHTS_GIVEN
from model.results.compare.cases import WEIGHTS_THESIS as WEIGHTS_THESIS
from model.results.compare.cases import CaseValue as CaseValue
from model.results.compare.cases import ClassicView as ClassicView
from model.results.compare.cases import Difference as Difference
from model.results.formats import Formats
from model.results.results import Probability, SimulationResult
from model.results.statements import held_to, scorecard_claims, unheld_year_problem
from model.results.values import check_weights, weight_value
from model.valuation.returns import scenario_view

if TYPE_CHECKING:
    import pandas as pd

    from model.inputs.assembly.thesis import Thesis


def _describe(result: SimulationResult, output: str, year: int | None) -> dict[str, Any]:
    """The summary statistics of ``output`` in ``year`` (the exit year by default) of one run:
    from its paths, or from the run's own summary when a ``keep=`` run streamed it."""
    if not isinstance(output, str) or output not in result.streamed:
        return stats.describe(result.final(output, year), result.method, result.path_scenarios)
    table = result.summary(output).loc[output]
    chosen = result._resolve_year(year)
    if chosen not in table.index:  # one value a path: its one row is of the exit year
        raise SettingsError(
            f"{output!r} has one value a path{held_to(output, result.exit_year)}, not one a "
            f"year: year={year!r} does not apply, leave it out"
        )
    return {c: table.at[chosen, c] for c in stats.COLUMNS}


def _kept(labels: np.ndarray | None, ok: np.ndarray) -> np.ndarray | None:
    return None if labels is None else np.asarray(labels)[ok]


def _pair_strata(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    """The stratum of each path of a paired difference: the scenario a blend on either side
    took it from (both, when both are blends), None without a blend. Each stratum has a fixed
    number of paths, so the difference's error is the stratified one (summary, Blends)."""
    if a is None or b is None:
        return b if a is None else a
    return np.char.add(np.char.add(np.asarray(a, dtype=str), "|"), np.asarray(b, dtype=str))


@dataclass(frozen=True, eq=False)
class ComparisonResult(Formats):
    """Results of several scenarios of one thesis, run with common random numbers.

    Attributes
    ----------
    results : Mapping[str, SimulationResult]
        Scenario -> result, in the order asked for.
    thesis : Thesis
        The thesis as loaded (before any scenario), for weights and the scorecard.
    """

    results: Mapping[str, SimulationResult]
    thesis: Thesis = None  # type: ignore[assignment]  # filled from the first result

    def __post_init__(self) -> None:
        results = dict(self.results)
        if not results:
            raise SettingsError("a comparison needs at least one scenario")
        object.__setattr__(self, "results", MappingProxyType(results))
        if self.thesis is None:
            object.__setattr__(self, "thesis", next(iter(results.values())).thesis)

    # ------------------------------------------------------------------ access

    @property
    def scenarios(self) -> tuple[str, ...]:
        """Scenario names, in order."""
        return tuple(self.results)

    @property
    def first(self) -> SimulationResult:
        """The first scenario's result (the reference for run settings)."""
        return next(iter(self.results.values()))

    @property
    def n_paths(self) -> int:
        """Paths per scenario."""
        return self.first.n_paths

    @property
    def seed_entropy(self) -> int | Sequence[int] | None:
        """The entropy of the root seed shared by every scenario."""
        return self.first.seed_entropy

    @property
    def seed_spawn_key(self) -> tuple[int, ...]:
        """The spawn key of the root seed shared by every scenario."""
        return self.first.seed_spawn_key

    def seed(self) -> np.random.SeedSequence:
        """The root seed shared by every scenario (see :meth:`SimulationResult.seed`)."""
        return self.first.seed()

    @property
    def years(self) -> tuple[int, ...]:
        """The thesis horizon."""
        return self.first.years

    @property
    def price(self) -> float:
        """The thesis' share price."""
        return self.first.price

    def __getitem__(self, scenario: str) -> SimulationResult:
        try:
            return self.results[scenario]
        except KeyError:
            raise UnknownScenarioError(scenario, self.results) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    # ------------------------------------------------------------------ tables

    def summary(self, output: str = VALUE, year: int | None = None) -> pd.DataFrame:
        """Statistics of one output in one year, one row per scenario.

        Parameters
        ----------
        output : str
            Output name.
        year : int, optional
            Horizon year; the exit year by default.

        Returns
        -------
        DataFrame
            Index ``scenario``; the columns of :meth:`SimulationResult.summary` (``unit``,
            ``n``, each statistic and its ``_se``), with ``year`` after ``unit``: the year
            the statistics are of (the exit year for an output with one value a path, as
            :meth:`SimulationResult.summary` shows it).
        """
        import pandas as pd

        rows = [_describe(r, output, year) for r in self.results.values()]
        frame = pd.DataFrame(rows, columns=list(stats.COLUMNS), index=pd.Index(self.scenarios))
        frame.index.name = "scenario"
        frame["n"] = frame["n"].astype("int64")
        frame.insert(0, "unit", str(self.first.units.get(output, "")))
        frame.insert(1, "year", self.first._resolve_year(year))
        return frame

    def summary_all(self) -> pd.DataFrame:
        """:meth:`SimulationResult.summary` of every output, stacked with a ``scenario`` level."""
        import pandas as pd

        # Common random numbers repeat the outputs no override reaches, bit for bit: each takes
        # the statistics an earlier run found (not those with unheld years, nor a blend's).
        kept = [(r, n, *r._columns(n)) for r in self.results.values() for n in r._names(None)
                if n not in r.streamed and r.path_scenarios is None
                and r._unheld_years(n, len(r._columns(n)[1])) is None]  # fmt: skip
        for (r, n, _, years), j in zip(kept, first_equal([k[2] for k in kept]), strict=True):
            src, name, _, at = kept[j] if j is not None else (r, n, None, None)
            if src is not r and at == years and src.method == r.method:
                src.summary()  # every output of the earlier run at once, on every core
                r._stats.setdefault(("summary", n), src._summary_piece(name))
        tables = {name: r.summary() for name, r in self.results.items()}
        return pd.concat(tables, names=["scenario"])

    def to_frame(self, outputs: str | Sequence[str] | None = None) -> pd.DataFrame:
        """Tidy long table of every scenario's paths (see :meth:`SimulationResult.to_frame`).

        Returns
        -------
        DataFrame
            Columns ``scenario``, ``path``, ``output``, ``year``, ``value``; path ``i`` of two
            scenarios used the same random numbers.
        """
        import pandas as pd

        pieces = []
        for name, result in self.results.items():
            piece = result.to_frame(outputs)
            piece.insert(0, "scenario", name)
            pieces.append(piece)
        return pd.concat(pieces, ignore_index=True)

    def difference(
        self, a: str, b: str, output: str = VALUE, year: int | None = None
    ) -> Difference:
        """Paired difference ``a - b`` of one output, path by path.

        Parameters
        ----------
        a, b : str
            Scenario names.
        output : str
            Output name.
        year : int, optional
            Horizon year; the exit year by default.

        Returns
        -------
        Difference

        Raises
        ------
        EmptySampleError
            If fewer than 2 paths have a finite difference (a one-path comparison gives its
            path's difference, with no standard errors).
        """
        ra, rb = self[a], self[b]
        xa, xb = ra.final(output, year), rb.final(output, year)
        problem = unheld_year_problem(ra.thesis, output, ra._resolve_year(year))
        if problem is not None:  # say why, not just that no path is finite
            raise EmptySampleError(problem)
        diff = xa - xb
        ok = np.isfinite(diff)
        n = int(ok.sum())
        if n < 1 or (n < 2 and len(diff) > 1):
            raise EmptySampleError(
                f"the difference {a} - {b} of {output!r} has {n} finite path(s); it needs 2"
            )
        if n == 1:  # a one-path comparison (deterministic checks): no spread, no errors
            sd = se = sd_unpaired = se_unpaired = math.nan
        else:
            # Batch means need every path in its place: with a path left out, fall back to iid.
            method = ra.method if ok.all() else "mc"
            se_a, se_b = (
                float(stats.mean_se(x[ok], method, _kept(r.path_scenarios, ok))[0])
                for x, r in ((xa, ra), (xb, rb))
            )
            pair = _pair_strata(ra.path_scenarios, rb.path_scenarios)
            se = float(stats.mean_se(diff[ok], method, _kept(pair, ok))[0])
            sd = float(np.std(diff[ok], ddof=1))
            sd_unpaired = math.sqrt(float(np.var(xa[ok], ddof=1) + np.var(xb[ok], ddof=1)))
            se_unpaired = math.hypot(se_a, se_b)
        return Difference(
            a=a,
            b=b,
            output=output,
            year=ra.exit_year if year is None else int(year),
            values=diff,
            mean=float(diff[ok].mean()),
            se=se,
            sd=sd,
            sd_unpaired=sd_unpaired,
            se_unpaired=se_unpaired,
            unit=str(ra.units.get(output, "")),
            n=n,
            year_end=year_end_of(ra),
        )

    def prob(self, statement: str) -> pd.DataFrame:
        """Probability of a statement under each scenario.

        Returns
        -------
        DataFrame
            Index ``scenario``; columns ``probability``, ``probability_se``, ``n`` (paths on
            which the statement is defined) and ``n_undefined`` (paths left out).
        """
        import pandas as pd

        rows = []
        for name, result in self.results.items():
            p: Probability = result.prob(statement)
            rows.append(
                {
                    "scenario": name,
                    "probability": p.p,
                    "probability_se": p.se,
                    "n": p.n,
                    "n_undefined": p.n_undefined,
                }
            )
        return pd.DataFrame(rows).set_index("scenario")

    def scorecard(self) -> pd.DataFrame:
        """Probability of each scorecard claim under each scenario.

        Returns
        -------
        DataFrame
            Index ``claim``; columns ``label``, ``statement`` and one column of probabilities per
            scenario. Standard errors are in :meth:`scorecard_long`.
        """
        import pandas as pd

        long = self.scorecard_long()
        claims = scorecard_claims(self.thesis)
        index = pd.Index([c.name for c in claims], name="claim")
        columns: dict[str, Any] = {
            "label": [c.label for c in claims],
            "statement": [c.statement for c in claims],
        }
        # Built in one step: a column added per scenario fragments the frame (and pandas warns).
        for name in self.scenarios:
            part = long[long["scenario"] == name].set_index("claim")["probability"]
            columns[name] = part.reindex(index).to_numpy()
        return pd.DataFrame(columns, index=index)

    def scorecard_long(self) -> pd.DataFrame:
        """Tidy scorecard: one row per (claim, scenario), ``probability`` and ``probability_se``."""
        import pandas as pd

        pieces = []
        for name, result in self.results.items():
            card = result.scorecard()
            card.insert(1, "scenario", name)
            pieces.append(card)
        return pd.concat(pieces, ignore_index=True)

    def returns_table(self, year: int | Iterable[int] | None = None) -> pd.DataFrame:
        """Returns analysis to one horizon year (exit year by default), one row per scenario;
        given several years, one row per scenario and year (index ``scenario``, ``year``)."""
        import pandas as pd

        from model.results.analysis import _year_list

        years = _year_list(self.first.exit_year if year is None else year)
        frame = pd.concat(
            {name: ReturnsView(r).table(years) for name, r in self.results.items()},
            names=["scenario"],
        )
        one = year is None or isinstance(year, int | np.integer)
        return frame.droplevel("year") if one else frame

    def classic_view(
        self,
        bull: str = "bull",
        base: str = "base",
        bear: str = "bear",
        *,
        weights: Mapping[str, float] | None = None,
        year: int | None = None,
        statistic: CaseValue | str = CaseValue.MEDIAN,
    ) -> ClassicView:
        """The analysts' probability-weighted bull/base/bear value and reward-to-risk ratio.

        Reward to risk is the probability-weighted upside divided by the probability-weighted
        downside, both measured from the price: ``sum(w * max(V - P, 0)) / sum(w * max(P - V,
        0))`` over the three cases (see :class:`ClassicView`).

        Parameters
        ----------
        bull, base, bear : str
            The scenarios playing the three cases.
        weights : Mapping[str, float], optional
            Weights of the three cases (summing to 1). By default the thesis weights of the three
            scenarios, rescaled to sum to 1; without thesis weights for all three, a fixed
            25/50/25. ``ClassicView.weights_basis`` says which.
        year : int, optional
            Horizon year; the exit year by default.
        statistic : CaseValue or {"median", "mean"}
            The value that stands for a case.

        Returns
        -------
        ClassicView

        Raises
        ------
        EmptySampleError
            If a case has no finite value per share.
        SettingsError
            If a case's run streamed (``keep=``) the value its view reads.
        """
        import pandas as pd

        cases = {"bull": bull, "base": base, "bear": bear}
        for role, name in cases.items():
            if name not in self.results:
                raise UnknownScenarioError(name, self.results, role=role)
        basis = WEIGHTS_GIVEN
        if weights is None:
            weights, basis = self._classic_weights(cases)
        chosen = check_weights(weights, cases.values())
        how = choose(CaseValue, statistic, "case statistic")
        price = self.price
        values = {}
        for name in cases.values():
            output = value_output(self[name])  # today's value when the run states it
            check_kept(self[name], (output,), "the classic view")
            value = self[name].final(output, year)
            value = value[np.isfinite(value)]
            if not value.size:
                raise EmptySampleError(f"scenario {name!r} has no finite {output}")
            values[name] = float(np.median(value) if how is CaseValue.MEDIAN else np.mean(value))
        view = scenario_view(values, chosen, price)
        table = pd.DataFrame(
            {
                "scenario": list(values),
                "weight": [chosen[n] for n in values],
                "value": list(values.values()),
                "upside": [v / price - 1.0 for v in values.values()],
            }
        )
        return ClassicView(
            table=table,
            price=price,
            year=self.first.exit_year if year is None else int(year),
            statistic=how,
            weights_basis=basis,
            expected_value=view.expected_value,
            expected_return=view.expected_return,
            upside=view.upside,
            downside=view.downside,
            reward_to_risk=view.reward_to_risk,
            today=value_output(self[base]) != VALUE,
            year_end=year_end_of(self.first),
        )

    def _classic_weights(self, cases: Mapping[str, str]) -> tuple[dict[str, float], str]:
        """Default weights of the three cases and where they came from."""
        raw = getattr(self.thesis, "weights", None) or {}
        names = list(cases.values())
        if raw and all(n in raw for n in names):
            values = {n: weight_value(raw[n]) for n in names}
            total = math.fsum(values.values())
            if total > 0:
                return {n: v / total for n, v in values.items()}, WEIGHTS_THESIS
        return {cases[k]: w for k, w in CLASSIC_WEIGHTS.items()}, WEIGHTS_DEFAULT

    def blend(self, weights: Mapping[str, float] | None = None) -> SimulationResult:
        """Probability-weighted blend of the scenarios; see :func:`model.scenarios.blend`."""
        from model.results.mixing import blend_comparison

        return blend_comparison(self, weights)

    def export(self, folder: str | Path, *, charts: bool = True, overwrite: bool = False) -> Path:
        """Write every scenario's tables and charts plus comparison tables, atomically.

        See :meth:`SimulationResult.export`; each scenario goes to ``scenarios/<name>/``.
        """
        from model.results.export import export_comparison

        return export_comparison(self, folder, charts=charts, overwrite=overwrite)

    def __repr__(self) -> str:
        from model.results.display.views import comparison_repr

        return comparison_repr(self)

    def _repr_html_(self) -> str:
        from model.results.display.views import comparison_html

        return comparison_html(self)
