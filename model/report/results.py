"""Results of a simulation: distributions of every output, with the thesis and settings behind them.

A :class:`SimulationResult` is what :func:`model.simulate` and :func:`model.blend` return. It holds
the per-path arrays the model produced and everything needed to say where they came from (the
thesis, the scenario, the seed and the run settings), and answers the usual questions with
standard errors attached: summaries, quantiles, probabilities of statements, the thesis'
scorecard and the returns against today's price. Comparisons of several scenarios live in
:mod:`model.report.comparison`.

Outputs have shape ``(n_paths,)`` (one value per path, such as the exit P/E) or
``(n_paths, n_years)`` (a value per path and year). Tables give one-value outputs the exit year,
so every row has a year.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from model.errors import EngineError
from model.report import summary as stats
from model.report.errors import HorizonError, StatementError, UnknownOutputError
from model.report.values import Mark, Probability

if TYPE_CHECKING:
    from model.report.analysis import ReturnsView

__all__ = ["DEFAULT_QS", "Mark", "Probability", "SimulationResult"]

#: Quantile levels of :meth:`SimulationResult.quantiles` unless others are asked for.
DEFAULT_QS: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.95)


def _frozen_arrays(arrays: Mapping[str, Any]) -> Mapping[str, np.ndarray]:
    """Read-only views of the arrays, so a result cannot be changed after the fact."""
    out: dict[str, np.ndarray] = {}
    for name, value in arrays.items():
        view = np.asarray(value).view()
        view.flags.writeable = False
        out[name] = view
    return MappingProxyType(out)


@dataclass(frozen=True, eq=False)
class SimulationResult:
    """The distribution of every output of one scenario (or one blend of scenarios).

    Attributes
    ----------
    thesis : Thesis
        The thesis (with the scenario applied) the run came from.
    scenario : str
        Scenario name (``"base"``; ``"blend"`` for a probability-weighted blend).
    scenario_label : str
        Human-readable scenario description.
    years : tuple of int
        The thesis horizon; the columns of per-year outputs.
    outputs : Mapping[str, ndarray]
        Per-path model outputs, shape ``(n_paths,)`` or ``(n_paths, n_years)``; read-only.
    inputs : Mapping[str, ndarray]
        Per-path inputs (sampled assumptions) if they were kept, else empty; read-only.
    units : Mapping[str, str]
        Unit of each output (and input) name.
    price : float
        Today's share price, in ``currency``.
    currency : str
        Currency of the price and of ``value_per_share``.
    n_paths : int
        Number of paths.
    seed_entropy : int or None
        The entropy of the run's root ``SeedSequence``; passing it as ``seed`` repeats the run.
    method, backend : str
        Sampling method and compute backend used.
    chunk_size : int or None
        Paths per chunk.
    invalid : Mapping[str, int]
        Count of paths that broke each model invariant (diagnostics from the model).
    marks : tuple of Mark
        Sourced points for charts.
    path_scenarios : ndarray of str or None
        For a blend, the scenario each path was taken from; else None.
    weights : Mapping[str, float]
        For a blend, the scenario weights; else empty.
    mean_se : Mapping[str, ndarray]
        Standard errors of the mean measured by the engine from independent blocks (batch
        means), one per year (or one for a one-value output). Given for Latin hypercube and
        Sobol runs, whose paths are not independent; :meth:`summary` then reports them as
        ``se_mean`` instead of ``sd / sqrt(n)``.
    """

    thesis: Any
    scenario: str
    scenario_label: str
    years: tuple[int, ...]
    outputs: Mapping[str, np.ndarray]
    units: Mapping[str, str] = field(default_factory=dict)
    inputs: Mapping[str, np.ndarray] = field(default_factory=dict)
    price: float = math.nan
    currency: str = ""
    n_paths: int = 0
    seed_entropy: int | None = None
    method: str = "mc"
    backend: str = "local"
    chunk_size: int | None = None
    invalid: Mapping[str, int] = field(default_factory=dict)
    marks: tuple[Mark, ...] = ()
    path_scenarios: np.ndarray | None = None
    weights: Mapping[str, float] = field(default_factory=dict)
    mean_se: Mapping[str, np.ndarray] = field(default_factory=dict)

    def __post_init__(self) -> None:
        years = tuple(int(y) for y in self.years)
        if not years:
            raise EngineError("a result needs at least one year")
        object.__setattr__(self, "years", years)
        outputs = _frozen_arrays(self.outputs)
        inputs = _frozen_arrays(self.inputs)
        n = self.n_paths or next((a.shape[0] for a in outputs.values() if a.ndim), 0)
        for kind, arrays in (("output", outputs), ("input", inputs)):
            for name, arr in arrays.items():
                if arr.ndim not in (1, 2) or arr.shape[0] != n or (
                    arr.ndim == 2 and arr.shape[1] != len(years)
                ):
                    raise EngineError(
                        f"{kind} {name!r} has shape {arr.shape}; expected ({n},) or "
                        f"({n}, {len(years)})"
                    )
        object.__setattr__(self, "n_paths", int(n))
        object.__setattr__(self, "outputs", outputs)
        object.__setattr__(self, "inputs", inputs)
        object.__setattr__(self, "units", MappingProxyType(dict(self.units)))
        object.__setattr__(self, "invalid", MappingProxyType(dict(self.invalid)))
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))
        object.__setattr__(self, "mean_se", _frozen_arrays(self.mean_se))
        object.__setattr__(self, "marks", tuple(self.marks))
        object.__setattr__(self, "price", float(self.price))
        if self.path_scenarios is not None:
            labels = np.asarray(self.path_scenarios).view()
            labels.flags.writeable = False
            object.__setattr__(self, "path_scenarios", labels)

    # ------------------------------------------------------------------ lookup helpers

    @property
    def names(self) -> tuple[str, ...]:
        """Names of the outputs, sorted."""
        return tuple(sorted(self.outputs))

    @property
    def input_names(self) -> tuple[str, ...]:
        """Names of the kept inputs, sorted."""
        return tuple(sorted(self.inputs))

    @property
    def exit_year(self) -> int:
        """The last year of the horizon."""
        return self.years[-1]

    def array(self, name: str) -> np.ndarray:
        """The per-path array of an output (or a kept input).

        Parameters
        ----------
        name : str
            Output or input name.

        Returns
        -------
        ndarray
            Shape ``(n_paths,)`` or ``(n_paths, n_years)``, read-only.

        Raises
        ------
        UnknownOutputError
            If there is no such output or input (with the closest names).
        """
        if name in self.outputs:
            return self.outputs[name]
        if name in self.inputs:
            return self.inputs[name]
        raise UnknownOutputError(name, [*self.outputs, *self.inputs])

    def year_index(self, year: int) -> int:
        """Column of ``year`` in per-year arrays; :class:`HorizonError` if off the horizon."""
        try:
            return self.years.index(int(year))
        except (ValueError, TypeError):
            raise HorizonError(year, self.years) from None

    def _resolve_year(self, year: int | None) -> int:
        return self.exit_year if year is None else self.years[self.year_index(year)]

    def final(self, name: str, year: int | None = None) -> np.ndarray:
        """Per-path values of an output in one year.

        Parameters
        ----------
        name : str
            Output or input name.
        year : int, optional
            A horizon year; the exit year by default. One-value outputs ignore it (but an
            off-horizon year is still an error).

        Returns
        -------
        ndarray, shape (n_paths,)
        """
        arr = self.array(name)
        col = self.year_index(self._resolve_year(year))
        return arr if arr.ndim == 1 else arr[:, col]

    def _columns(self, name: str) -> tuple[np.ndarray, tuple[int, ...]]:
        """The array as 2-D plus the years of its columns."""
        arr = self.array(name)
        if arr.ndim == 1:
            return arr[:, None], (self.exit_year,)
        return arr, self.years

    # ------------------------------------------------------------------ tables

    def summary(self, outputs: str | Sequence[str] | None = None) -> pd.DataFrame:
        """Mean, sd and quantiles of outputs per year, each with its standard error.

        Parameters
        ----------
        outputs : str or sequence of str, optional
            Which outputs (or inputs); all outputs by default.

        Returns
        -------
        DataFrame
            Index ``(output, year)``; columns ``n``, ``mean``, ``sd``, ``p5`` ... ``p95`` and
            ``se_<statistic>`` for each statistic. See :mod:`model.report.summary` for the
            standard-error formulas; ``se_mean`` comes from :attr:`mean_se` where the engine
            measured it (Latin hypercube and Sobol runs).
        """
        names = self._names(outputs)
        frames = []
        for name in names:
            matrix, years = self._columns(name)
            frame = stats.describe_columns(matrix)
            if name in self.mean_se and self.mean_se[name].shape == (matrix.shape[1],):
                frame["se_mean"] = self.mean_se[name]
            frame.index = pd.MultiIndex.from_product(
                [[name], list(years)], names=["output", "year"]
            )
            frames.append(frame)
        if not frames:
            index = pd.MultiIndex.from_arrays([[], []], names=["output", "year"])
            return pd.DataFrame(columns=list(stats.COLUMNS), index=index)
        return pd.concat(frames)

    def _names(self, outputs: str | Sequence[str] | None) -> list[str]:
        if outputs is None:
            return list(self.names)
        names = [outputs] if isinstance(outputs, str) else list(outputs)
        for name in names:
            self.array(name)  # raises with a did-you-mean for unknown names
        return names

    def quantiles(self, name: str, qs: Sequence[float] = DEFAULT_QS) -> pd.DataFrame:
        """Quantiles of one output per year.

        Parameters
        ----------
        name : str
            Output or input name.
        qs : sequence of float
            Quantile levels in [0, 1].

        Returns
        -------
        DataFrame
            Index ``year``; one column per level (float column labels).
        """
        levels = [float(q) for q in qs]
        if any(not 0.0 <= q <= 1.0 for q in levels):
            raise EngineError(f"quantile levels must lie in [0, 1] (got {levels})")
        matrix, years = self._columns(name)
        values = np.full((len(years), len(levels)), np.nan)
        for j in range(matrix.shape[1]):
            col = matrix[:, j]
            col = col[np.isfinite(col)]
            if col.size:
                values[j] = np.quantile(col, levels)
        return pd.DataFrame(values, index=pd.Index(years, name="year"), columns=levels)

    def paths(self, name: str) -> pd.DataFrame:
        """The per-path values of an output as a table.

        Parameters
        ----------
        name : str
            Output or input name.

        Returns
        -------
        DataFrame
            One row per path (index ``path``), one column per year (the exit year only for a
            one-value output).
        """
        matrix, years = self._columns(name)
        return pd.DataFrame(
            np.array(matrix),
            index=pd.RangeIndex(matrix.shape[0], name="path"),
            columns=pd.Index(years, name="year"),
        )

    def to_frame(
        self, outputs: str | Sequence[str] | None = None, *, include_inputs: bool = False
    ) -> pd.DataFrame:
        """Tidy long table of every path: one row per (path, output, year).

        This has ``n_paths * n_years`` rows per output, so for large runs prefer
        :meth:`summary` or :meth:`paths`.

        Parameters
        ----------
        outputs : str or sequence of str, optional
            Which outputs; all outputs by default.
        include_inputs : bool
            Also include the kept inputs (when ``outputs`` is not given).

        Returns
        -------
        DataFrame
            Columns ``path``, ``output``, ``year``, ``value`` (and ``scenario`` for a blend).
        """
        names = self._names(outputs)
        if outputs is None and include_inputs:
            names += list(self.input_names)
        pieces = []
        for name in names:
            matrix, years = self._columns(name)
            n, k = matrix.shape
            piece = pd.DataFrame(
                {
                    "path": np.repeat(np.arange(n), k),
                    "output": pd.Categorical([name] * (n * k)),
                    "year": np.tile(np.asarray(years, dtype=np.int64), n),
                    "value": np.asarray(matrix, dtype=float).ravel(),
                }
            )
            if self.path_scenarios is not None:
                piece["scenario"] = np.repeat(self.path_scenarios, k)
            pieces.append(piece)
        if not pieces:
            return pd.DataFrame(columns=["path", "output", "year", "value"])
        frame = pd.concat(pieces, ignore_index=True)
        frame["output"] = frame["output"].astype(str)
        return frame

    # ------------------------------------------------------------------ probabilities

    def truth(self, statement: str) -> np.ndarray:
        """Per-path truth of a statement in the thesis expression language.

        Parameters
        ----------
        statement : str
            For example ``"value_per_share[2030] > 129.5"`` or ``"revenue_cloud_total[2030] >
            2 * revenue_cloud_total[2025]"``; names are outputs and kept inputs, ``[year]``
            selects a year.

        Returns
        -------
        ndarray of bool, shape (n_paths,)

        Raises
        ------
        ExpressionError
            If the statement does not parse.
        UnknownOutputError
            If it names something the run did not produce.
        StatementError
            If it does not give exactly one truth value per path.
        """
        from model.report.statements import evaluate_statement

        value = evaluate_statement(self, statement)
        arr = np.asarray(value)
        if arr.ndim == 0:
            arr = np.full(self.n_paths, bool(arr))
        if arr.shape != (self.n_paths,):
            raise StatementError(
                f"{statement!r} gives values of shape {arr.shape}, not one truth value per path; "
                f"select a year, e.g. name[{self.exit_year}]"
            )
        if arr.dtype != bool:
            raise StatementError(
                f"{statement!r} is not a true/false statement (use a comparison such as > or <)"
            )
        return arr

    def prob(self, statement: str) -> Probability:
        """Probability that a statement holds, with its standard error.

        Parameters
        ----------
        statement : str
            See :meth:`truth`.

        Returns
        -------
        Probability
        """
        p, se, n = stats.probability(self.truth(statement))
        return Probability(statement, p, se, n)

    def scorecard(self) -> pd.DataFrame:
        """The thesis' scorecard: the probability of each claim under this scenario.

        Returns
        -------
        DataFrame
            Columns ``claim``, ``label``, ``statement``, ``probability``, ``se``, ``source``; one
            row per claim, in the thesis' order.
        """
        from model.report.statements import scorecard_claims

        rows = []
        for claim in scorecard_claims(self.thesis):
            probability = self.prob(claim.statement)
            rows.append(
                {
                    "claim": claim.name,
                    "label": claim.label,
                    "statement": claim.statement,
                    "probability": probability.p,
                    "se": probability.se,
                    "source": claim.source,
                }
            )
        columns = ["claim", "label", "statement", "probability", "se", "source"]
        return pd.DataFrame(rows, columns=columns)

    # ------------------------------------------------------------------ returns

    def returns(self) -> ReturnsView:
        """Returns analysis against today's price (value per share, annualised returns, risks).

        Returns
        -------
        ReturnsView
        """
        from model.report.analysis import ReturnsView

        return ReturnsView(self)

    def returns_table(self, years: Iterable[int] | None = None) -> pd.DataFrame:
        """Value per share and annualised return to each horizon year, against today's price.

        Parameters
        ----------
        years : iterable of int, optional
            Horizon years; every year after the first by default.

        Returns
        -------
        DataFrame
            See :meth:`model.report.analysis.ReturnsView.table`.
        """
        return self.returns().table(years)

    def expected_return(self, year: int | None = None) -> float:
        """Mean annualised return to ``year`` (exit year by default)."""
        return self.returns().expected_return(year)

    # ------------------------------------------------------------------ export

    def settings(self) -> dict[str, Any]:
        """The run settings and provenance as plain values (the basis of the export manifest)."""
        from model.report.manifest import result_settings

        return result_settings(self)

    def export(self, folder: str | Path, *, charts: bool = True, overwrite: bool = False) -> Path:
        """Write tables, charts and a manifest to a folder, atomically.

        Parameters
        ----------
        folder : str or Path
            Target folder. It is written completely or not at all.
        charts : bool
            Also draw the standard charts as PNG files.
        overwrite : bool
            Replace an existing export in ``folder`` (atomically; a folder that is not an export
            is never replaced). Without it an existing non-empty folder is an error.

        Returns
        -------
        Path
            The folder written.
        """
        from model.report.export import export_result

        return export_result(self, folder, charts=charts, overwrite=overwrite)

    def __repr__(self) -> str:
        return (
            f"SimulationResult(scenario={self.scenario!r}, n_paths={self.n_paths}, "
            f"years={self.years[0]}..{self.years[-1]}, outputs={len(self.outputs)}, "
            f"method={self.method!r}, seed_entropy={self.seed_entropy})"
        )


def __getattr__(name: str) -> Any:
    # ComparisonResult lives in model.report.comparison, which imports this module; resolving it
    # lazily lets both names be imported from here without an import cycle.
    if name == "ComparisonResult":
        from model.report.comparison import ComparisonResult

        return ComparisonResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
