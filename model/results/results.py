"""Results of a simulation: distributions of every output, with the thesis and settings behind them.

A :class:`SimulationResult` is what :func:`model.simulate` and :func:`model.blend` return. It holds
the per-path arrays the model produced and everything needed to say where they came from (the
thesis, the scenario, the seed and the run settings), and answers the usual questions with
standard errors attached: summaries, quantiles, probabilities of statements, the thesis'
scorecard and the returns against the thesis' share price. Comparisons of several scenarios live
in :mod:`model.results.comparison`.

Outputs have shape ``(n_paths,)`` (one value per path, such as the exit P/E) or
``(n_paths, n_years)`` (a value per path and year). Tables give one-value outputs the exit year,
so every row has a year. Non-finite values (the engine never returns them, but a hand-made
result may hold them) are left out of every statistic and counted (column ``n``); a statistic of
a column with no finite value raises :class:`~model.errors.EmptySampleError` rather than
returning NaN.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from model.engine.spec import Backend, Method
from model.errors import (
    HorizonError,
    SettingsError,
    UnknownOutputError,
    choose,
    whole_year,
)
from model.results import summary as stats
from model.results.formats import Formats
from model.results.mixins.claims import Claims
from model.results.mixins.frames import PathFrames
from model.results.statements import held_to
from model.results.values import Mark, Probability, check_kept, frozen_arrays

if TYPE_CHECKING:
    import pandas as pd

    from model.inputs.assembly.thesis import Thesis
    from model.results.analysis import ReturnsView

__all__ = ["DEFAULT_QS", "Mark", "Probability", "SimulationResult"]

#: Quantile levels of :meth:`SimulationResult.quantiles` unless others are asked for.
DEFAULT_QS: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass(frozen=True, eq=False)
class SimulationResult(Claims, PathFrames, Formats):
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
        The thesis' share price, in ``currency`` (the price the thesis values the shares
        against; it may be a reference price rather than the latest quote).
    currency : str
        Currency of the price and of ``value_per_share``.
    n_paths : int
        Number of paths.
    seed_entropy : int, sequence of int, or None
        The entropy of the run's root ``SeedSequence``.
    seed_spawn_key : tuple of int
        The spawn key of the run's root ``SeedSequence`` (empty for a seed given as a number);
        :meth:`seed` rebuilds the root, and passing it as ``seed`` repeats the run.
    method : Method
        Sampling design (a string such as ``"lhs"`` is accepted and converted).
    backend : Backend
        Compute backend (a string is accepted and converted).
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
    streamed : Mapping[str, tuple]
        Outputs not kept per path (``keep=``): the engine's streaming summary of each
        (:class:`~model.engine.execution.results.OutputSummary`) and its quantile sketches (one per
        year). :meth:`summary` reports them; per-path views (statements, charts) need the
        output kept.
    not_kept : tuple of str
        Outputs of the model the result has neither paths nor a summary of: in a blend or a
        resampled result, those its source runs streamed (a streamed summary cannot follow the
        paths picked).
    roles : ModelRoles or None
        What each output of the model is (role, unit, label; see
        :class:`~model.valuation.roles.ModelRoles`), so that charts and reports pick their
        lines by role; None when the run does not know its model (they are then read from the
        thesis' model).
    """

    thesis: Thesis
    scenario: str
    scenario_label: str
    years: tuple[int, ...]
    outputs: Mapping[str, np.ndarray]
    units: Mapping[str, str] = field(default_factory=dict)
    inputs: Mapping[str, np.ndarray] = field(default_factory=dict)
    price: float = math.nan
    currency: str = ""
    n_paths: int = 0
    seed_entropy: int | Sequence[int] | None = None
    seed_spawn_key: tuple[int, ...] = ()
    method: Method = Method.MC
    backend: Backend = Backend.LOCAL
    chunk_size: int | None = None
    invalid: Mapping[str, int] = field(default_factory=dict)
    marks: tuple[Mark, ...] = ()
    path_scenarios: np.ndarray | None = None
    weights: Mapping[str, float] = field(default_factory=dict)
    streamed: Mapping[str, tuple[Any, tuple[Any, ...]]] = field(default_factory=dict)
    not_kept: tuple[str, ...] = ()
    roles: Any = field(default=None, compare=False, repr=False)

    # Statistics computed once per output (the arrays are read-only, so they cannot go stale):
    # a report asks for the same summaries from several tables, charts and texts. A plain
    # attribute rather than a field, so that copying a result field by field starts afresh
    # (declared ClassVar only to keep it out of the fields; each result sets its own).
    _stats: ClassVar[dict[Any, Any]]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_stats", {})
        years = tuple(int(y) for y in self.years)
        if not years:
            raise SettingsError("a result needs at least one year")
        object.__setattr__(self, "years", years)
        outputs = frozen_arrays(self.outputs)
        inputs = frozen_arrays(self.inputs)
        n = self.n_paths or next((a.shape[0] for a in outputs.values() if a.ndim), 0)
        for kind, arrays in (("output", outputs), ("input", inputs)):
            for name, arr in arrays.items():
                if (
                    arr.ndim not in (1, 2)
                    or arr.shape[0] != n
                    or (arr.ndim == 2 and arr.shape[1] != len(years))
                ):
                    raise SettingsError(
                        f"{kind} {name!r} has shape {arr.shape}; expected ({n},) or "
                        f"({n}, {len(years)})"
                    )
        object.__setattr__(self, "n_paths", int(n))
        object.__setattr__(self, "outputs", outputs)
        object.__setattr__(self, "inputs", inputs)
        object.__setattr__(self, "units", MappingProxyType(dict(self.units)))
        object.__setattr__(self, "invalid", MappingProxyType(dict(self.invalid)))
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))
        object.__setattr__(self, "streamed", MappingProxyType(dict(self.streamed)))
        object.__setattr__(self, "method", choose(Method, self.method, "sampling method"))
        object.__setattr__(self, "backend", choose(Backend, self.backend, "backend"))
        object.__setattr__(self, "seed_spawn_key", tuple(int(k) for k in self.seed_spawn_key))
        object.__setattr__(self, "marks", tuple(self.marks))
        object.__setattr__(self, "not_kept", tuple(sorted(self.not_kept)))
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

    def seed(self) -> np.random.SeedSequence:
        """The run's root seed; ``simulate(..., seed=result.seed())`` repeats the run.

        Raises
        ------
        SettingsError
            If the result does not record its seed.
        """
        if self.seed_entropy is None:
            raise SettingsError("this result does not record the seed it was run with")
        return np.random.SeedSequence(self.seed_entropy, spawn_key=self.seed_spawn_key)

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
        if not isinstance(name, str):  # a list's lookup would fail as "unhashable type"
            raise UnknownOutputError(name, self.outputs)
        if name in self.outputs:
            return self.outputs[name]
        if name in self.inputs:
            return self.inputs[name]
        check_kept(self, name)
        from model.results.statements import _input_not_kept, _thesis_inputs

        if name in _thesis_inputs(getattr(self, "thesis", None)):
            raise SettingsError(_input_not_kept(name, bool(self.inputs)))
        raise UnknownOutputError(name, [*self.outputs, *self.inputs])

    def year_index(self, year: int) -> int:
        """Column of ``year`` in per-year arrays; :class:`HorizonError` if off the horizon."""
        whole = whole_year(year)  # int() would silently read 2030.5 as 2030
        if whole is None or whole not in self.years:
            raise HorizonError(year, self.years)
        return self.years.index(whole)

    def _resolve_year(self, year: int | None) -> int:
        return self.exit_year if year is None else self.years[self.year_index(year)]

    def final(self, name: str, year: int | None = None) -> np.ndarray:
        """Per-path values of an output in one year.

        Parameters
        ----------
        name : str
            Output or input name.
        year : int, optional
            A horizon year; the exit year by default. An output with one value a path (today's
            value of holding to the exit year, a fixed input) takes only the exit year.

        Returns
        -------
        ndarray, shape (n_paths,)
            A dated output (today's value, the dated returns) is missing (NaN) in a year that
            ends on or before the date it runs from, as in :meth:`summary`.

        Raises
        ------
        HorizonError
            If ``year`` is outside the horizon.
        SettingsError
            If ``year`` is another year than the exit year for an output with one value a path
            (``value_today_by_year`` has today's value of holding to each year).
        """
        arr = self.array(name)
        col = self.year_index(self._resolve_year(year))
        if arr.ndim == 2:
            # A dated output in a year nothing is held to is missing, as in the summary.
            return self.held_array(name)[:, col]
        if year is not None and self.years[col] != self.exit_year:
            by_year = f"{name}_by_year"
            hint = f"; {by_year} has each year" if by_year in self.outputs else ""
            raise SettingsError(
                f"{name!r} has one value a path{held_to(name, self.exit_year)}, not one a year: "
                f"year={year!r} does not apply, leave it out{hint}"
            )
        return arr

    def _columns(self, name: str) -> tuple[np.ndarray, tuple[int, ...]]:
        """The array as 2-D plus the years of its columns."""
        arr = self.array(name)
        if arr.ndim == 1:
            return arr[:, None], (self.exit_year,)
        return arr, self.years

    # ------------------------------------------------------------------ tables

    def summary(
        self, outputs: str | Sequence[str] | None = None, year: int | None = None
    ) -> pd.DataFrame:
        """Mean, sd and quantiles of outputs per year, each with its standard error.

        Parameters
        ----------
        outputs : str or sequence of str, optional
            Which outputs (or inputs); all outputs by default.
        year : int, optional
            Only the rows of this horizon year (every year by default), as
            :meth:`ComparisonResult.summary` gives them. An output with one value a path has
            only the exit year: named, it takes no other year; left to the default of every
            output, it is left out of another year's table.

        Returns
        -------
        DataFrame
            Index ``(output, year)``; columns ``unit`` (of the output: ``share`` and ``%``
            values are fractions), ``n`` (finite paths), then ``mean``, ``sd``, ``p5`` ...
            ``p95``, each followed by its standard error ``<statistic>_se``. See
            :mod:`model.results.summary` for the standard-error formulas (``mean_se`` uses
            batch means for Latin hypercube and Sobol' runs, like the engine's own summaries).
            For those runs ``table.attrs["se_note"]`` says whether batch means were used or,
            with too few complete blocks, the conservative independent-paths formula (the
            command line prints it).
        """
        import pandas as pd

        if year is not None:
            return self.rows_of_year(self.summary(outputs), outputs, year)
        names = self._names(outputs)
        whole = ("summary table", tuple(names))
        cached = self._stats.get(whole)
        if cached is not None:
            return cached.copy()
        self._describe_kept([n for n in names if ("summary", n) not in self._stats])
        pieces = [self._summary_piece(name) for name in names]
        if not pieces:
            index = pd.MultiIndex.from_arrays([[], []], names=["output", "year"])
            return pd.DataFrame(columns=["unit", *stats.COLUMNS], index=index)
        # One table built from every output's columns at once (rather than a frame per output
        # joined together): the same values, dtypes and index, a fraction of the time.
        rows = [(name, year) for name, (years, _) in zip(names, pieces, strict=True)
                for year in years]  # fmt: skip
        data: dict[str, Any] = {
            "unit": np.array([str(self.units.get(name, "")) for name, _ in rows], dtype=object)
        }
        for column in stats.COLUMNS:
            data[column] = np.concatenate([cols[column] for _, cols in pieces])
        index = pd.MultiIndex.from_arrays(
            [[name for name, _ in rows], [year for _, year in rows]], names=["output", "year"]
        )
        table = pd.DataFrame(data, index=index)
        note = stats.se_method_note(self.n_paths, self.method)
        if note is not None:  # (LHS and Sobol' only: the table's columns stay the same)
            table.attrs["se_note"] = note
        self._stats[whole] = table
        return table.copy()

    def rows_of_year(
        self, table: pd.DataFrame, outputs: str | Sequence[str] | None, year: int
    ) -> pd.DataFrame:
        """The rows of one year of a summary of this run's ``outputs`` (see :meth:`summary`);
        a weighted summary of the same paths takes its year by the same rule."""
        chosen = self._resolve_year(year)  # HorizonError off the horizon
        if outputs is not None:
            for name in self._names(outputs):
                if chosen not in table.loc[name].index:  # one value a path: as final() says
                    if name not in self.streamed:
                        self.final(name, year)
                    raise SettingsError(
                        f"{name!r} has one value a path{held_to(name, self.exit_year)}, not one "
                        f"a year: year={year!r} does not apply, leave it out"
                    )
        return table[table.index.get_level_values("year") == chosen]

    def _summary_piece(self, name: str) -> tuple[tuple[int, ...], dict[str, np.ndarray]]:
        """The years and the summary columns (:data:`~model.results.summary.COLUMNS`) of one
        output, computed once per result."""
        piece = self._stats.get(("summary", name))
        if piece is None:
            if name in self.streamed:
                frame = stats.describe_streamed(*self.streamed[name], self.years, self.exit_year)
                years = tuple(self.years if len(frame) > 1 else (self.exit_year,))
                piece = (years, {c: frame[c].to_numpy() for c in stats.COLUMNS})
            else:
                matrix, years = self._columns(name)
                piece = (
                    tuple(years),
                    stats.describe_arrays(matrix, self.method, self.path_scenarios),
                )
            self._stats[("summary", name)] = piece = self._unheld(name, piece)
        return piece

    def _unheld(self, name: str, piece: Any) -> Any:
        """A dated output's years that end on or before its start (the valuation date, or the
        price's): nothing is held to them, so their statistics are missing, not a 0% return."""
        gone = self._unheld_years(name, len(piece[0]))
        if gone is None:
            return piece
        return piece[0], {
            c: np.where(gone, 0 if c == "n" else np.nan, v) for c, v in piece[1].items()
        }

    def _unheld_years(self, name: str, n_years: int) -> np.ndarray | None:
        """Which of a dated output's ``n_years`` years end on or before its start (None: none)."""
        from model.results.statements import unheld_years

        return unheld_years(self.thesis, name, n_years)

    def _describe_kept(self, names: list[str]) -> None:
        """Summarise the kept outputs among ``names`` into the cache, on every core.

        Each output's statistics are independent and their cost (partitioning, reductions) is
        in numpy loops that release the GIL, so threads share the work; every output is
        computed by the same code as alone, so the numbers do not change.
        """
        todo = [n for n in names if n not in self.streamed]
        if len(todo) < 4:
            return
        from concurrent.futures import ThreadPoolExecutor

        from model.engine.execution.backends import default_workers

        workers = min(default_workers(), len(todo))
        if workers < 2:
            return
        with ThreadPoolExecutor(workers, thread_name_prefix="thesis-summary") as pool:
            list(pool.map(self._summary_piece, todo))

    def _names(self, outputs: str | Sequence[str] | None) -> list[str]:
        if outputs is None:
            return sorted([*self.outputs, *self.streamed])
        if not isinstance(outputs, str | Iterable):
            raise UnknownOutputError(outputs, self.outputs)  # type: ignore[arg-type]
        # An output named twice is one output: twice its rows would count it twice in a sum.
        names = [outputs] if isinstance(outputs, str) else list(dict.fromkeys(outputs))
        for name in names:
            if name not in self.streamed:
                self.array(name)  # raises with a did-you-mean for unknown names
        return names

    def quantiles(self, name: str, qs: float | Sequence[float] = DEFAULT_QS) -> pd.DataFrame:
        """Quantiles of one output per year.

        Parameters
        ----------
        name : str
            Output or input name.
        qs : float or sequence of float
            Quantile levels in [0, 1] (one level alone, or several; each once).

        Returns
        -------
        DataFrame
            Index ``year``; one column per level, named as a percentile (``p5`` for 0.05,
            ``p2.5`` for 0.025; see :func:`model.results.summary.quantile_name`). Non-finite
            values are left out.

        Raises
        ------
        EmptySampleError
            If a year has no finite value.
        """
        import pandas as pd

        one = (
            isinstance(qs, int | float | np.number) or (isinstance(qs, np.ndarray) and qs.ndim == 0)
        ) and not isinstance(qs, bool | np.bool_)
        asked: Any = [qs] if one else qs  # one level alone, as pandas' quantile(0.5)
        try:
            levels = list(dict.fromkeys(float(q) for q in asked))  # asked twice: one column
        except (TypeError, ValueError):
            raise SettingsError(f"quantile levels must be numbers in [0, 1] (got {qs!r})") from None
        if any(not 0.0 <= q <= 1.0 for q in levels):
            raise SettingsError(f"quantile levels must lie in [0, 1] (got {levels})")
        matrix, years = self._columns(name)
        gone = self._unheld_years(name, len(years))
        held: Any = slice(None) if gone is None else ~gone
        # The levels the summary found are the same numbers (each its own order statistics).
        piece = None if name in self.streamed else self._stats.get(("summary", name))
        known = None if piece is None else {q: piece[1][c][held] for c, q in stats.QUANTILES}
        table = stats.quantile_frame(matrix[:, held], levels, np.asarray(years)[held], name, known)
        # As in summary(): nothing is held to these years, so they have no quantiles (NaN).
        return table if gone is None else table.reindex(pd.Index(years, name="year"))

    def held_array(self, name: str) -> np.ndarray:
        """:meth:`array` with a dated output missing (NaN) in the years nothing is held to.

        ``return_dated``, ``total_return_dated`` and ``value_today_by_year`` in a year that
        ends on or before the date they run from have no value; the engine's arrays hold 0 or
        a number compounded back there. Every table of paths (:meth:`paths`, :meth:`to_frame`,
        ``to_xarray``) shows them missing, as :meth:`summary` and :meth:`quantiles` leave them
        out. A copy only when a year is missing.
        """
        arr = self.array(name)
        if arr.ndim != 2:
            return arr
        gone = self._unheld_years(name, arr.shape[1])
        if gone is None:
            return arr
        held = np.array(arr, dtype=float)
        held[:, gone] = np.nan
        return held

    def __getitem__(self, name: str) -> pd.DataFrame:
        """``result["sales"]``: :meth:`paths` of an output, as ``ds["sales"]`` in xarray."""
        return self.paths(name)

    # Not a sequence: without this, iter() would try result[0], result[1], ...
    __iter__: ClassVar[None] = None  # type: ignore[assignment]

    # ------------------------------------------------------------------ returns

    def returns(self) -> ReturnsView:
        """Returns analysis against the price (value per share, annualised returns, risks).

        Returns
        -------
        ReturnsView
        """
        from model.results.analysis import ReturnsView

        return ReturnsView(self)

    def returns_table(self, years: int | Iterable[int] | None = None) -> pd.DataFrame:
        """Value per share and annualised return to each horizon year, against the price.

        Parameters
        ----------
        years : int or iterable of int, optional
            A horizon year or several; every year after the first by default.

        Returns
        -------
        DataFrame
            See :meth:`model.results.analysis.ReturnsView.table`.
        """
        return self.returns().table(years)

    def expected_return(self, year: int | None = None) -> float:
        """Expected return a year to ``year`` (exit year by default): the mean total return
        annualised (see :meth:`ReturnsView.expected_return`)."""
        return self.returns().expected_return(year)

    # ------------------------------------------------------------------ export

    def settings(self) -> dict[str, Any]:
        """The run settings and provenance as plain values (the basis of the export manifest)."""
        from model.results.manifest import result_settings

        return result_settings(self)

    def condition(self, evidence: Any, *, min_ess: float | None = None) -> Any:
        """This run reweighted by evidence (see :func:`model.results.condition.condition`).

        ``evidence`` is an :class:`~model.inputs.assembly.evidence.Observation`, several, or an
        ``evidence:`` mapping; for an evidence file use :func:`model.condition`.
        """
        from model.results.condition import DEFAULT_MIN_ESS, condition

        return condition(self, evidence, min_ess=DEFAULT_MIN_ESS if min_ess is None else min_ess)

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
        from model.results.export import export_result

        return export_result(self, folder, charts=charts, overwrite=overwrite)

    def __repr__(self) -> str:
        from model.results.display.views import simulation_repr

        return simulation_repr(self)

    def _repr_html_(self) -> str:
        from model.results.display.views import simulation_html

        return simulation_html(self)


def __getattr__(name: str) -> Any:
    # ComparisonResult lives in model.results.comparison, which imports this module; resolving it
    # lazily lets both names be imported from here without an import cycle.
    if name == "ComparisonResult":
        from model.results.comparison import ComparisonResult

        return ComparisonResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
