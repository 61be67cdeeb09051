"""The runs of an attribution: many mixtures of two vintages on one seed, sharing their draws.

An attribution (:mod:`model.learning.vintages`) runs ``2**k`` theses that differ only in which
vintage defines each group of assumptions, all on the same seed and path count. Run one by one
through :func:`model.simulate`, each would check the thesis' scorecard (which an attribution
never reports) and draw every input afresh, though an input defined alike in two runs has the
same uniforms (they come from the seed and its name) and so the same values; the exact beta and
PERT inverse CDF of small runs alone is a third of the work.

:class:`SharedRuns` runs them with the engine's own steps (its sampler, its assembly of derived
values, processes and events, the thesis' model) and keeps each drawn column by its
distribution and its uniforms: a later run whose input has an equal distribution and the same
uniforms, bit for bit, reuses the column. The uniforms themselves are kept by sampler (seed,
design, streams, paths and correlation, compared field by field), so runs with the same random
inputs make them once; a correlation that differs between runs changes the sampler and the
uniforms, so it is never mistaken for a hit. The values are thus those :func:`model.simulate`
gives with the same seed, which the first runs check: the two vintages themselves are run both
ways and compared array by array, and should they differ every run goes through
:func:`model.simulate`.

Run settings other than the sampling method (another backend, a custom model, outputs not
kept) take the plain route, one :func:`model.simulate` per run, still on one root seed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from model.engine.draws.rng import BLOCK_SIZE, handle_seed
from model.engine.spec import Backend
from model.errors import EngineError
from model.scenarios.settings import RunSettings

if TYPE_CHECKING:
    from model.engine.draws.distributions import Distribution
    from model.engine.draws.rng import SeedLike
    from model.engine.execution.sampling import Sampler
    from model.engine.spec import ModelSpec
    from model.inputs.assembly.thesis import Thesis

__all__ = ["COLUMN_BUDGET", "Outcome", "SharedRuns"]

#: Bytes of uniforms and drawn columns kept for reuse across runs; beyond it they are made as
#: usual. 2,000 paths of a hundred inputs take 3.2 MB.
COLUMN_BUDGET = 256 * 2**20
#: Settings the shared route honours; any other goes through :func:`model.simulate`.
_SHARED_OPTIONS = frozenset({"method", "backend", "progress", "keep_inputs", "chunk_size"})


@dataclass(frozen=True, eq=False)
class Outcome:
    """What an attribution reads of one run.

    Attributes
    ----------
    outputs : Mapping[str, ndarray]
        Every output of the model per path, shape ``(n_paths,)`` or ``(n_paths, n_years)``.
    years : tuple of int
        The run's years.
    units : Mapping[str, str]
        Unit of each output (and assumption).
    """

    outputs: Mapping[str, np.ndarray]
    years: tuple[int, ...]
    units: Mapping[str, str]

    @property
    def exit_year(self) -> int:
        """The last year of the horizon."""
        return self.years[-1]


def _signature(value: Any) -> Any:
    """A hashable stand-in of a plain value, array, seed or dataclass of them (field by field).

    Two samplers with equal signatures give the same uniforms: theirs are a function of
    their fields (seed, design, streams, paths, correlation).
    """
    if isinstance(value, np.ndarray):
        return ("array", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, np.random.SeedSequence):
        return ("seed", repr(value.entropy), tuple(value.spawn_key), value.pool_size)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (type(value), tuple((f.name, _signature(getattr(value, f.name))) for f in fields))
    if isinstance(value, tuple | list):
        return tuple(_signature(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _signature(v)) for k, v in value.items())
    hash(value)  # anything else must be hashable (TypeError: not kept)
    return value


class _Draws:
    """Uniforms by sampler and drawn input columns by (distribution, uniforms), up to a byte
    budget, every kept array read-only."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.used = 0
        self.hits = 0
        self._columns: dict[tuple[Any, ...], np.ndarray] = {}
        self._uniforms: dict[tuple[Any, ...], dict[str, np.ndarray]] = {}

    def _room(self, size: int) -> bool:
        if self.used + size > self.budget:
            return False
        self.used += size
        return True

    def uniforms(self, sampler: Sampler, start: int, stop: int) -> dict[str, np.ndarray]:
        """``sampler.uniforms(start, stop)``, or the same uniforms made before (read-only)."""
        try:
            key = (_signature(sampler), start, stop)
        except TypeError:
            return sampler.uniforms(start, stop)
        hit = self._uniforms.get(key)
        if hit is not None:
            return hit
        u = sampler.uniforms(start, stop)
        if self._room(sum(a.nbytes for a in u.values())):
            for a in u.values():
                a.setflags(write=False)
            self._uniforms[key] = u
        return u

    def draw(self, dist: Distribution, u: np.ndarray, exact: bool) -> np.ndarray:
        """``dist.ppf(u, exact=exact)``, or the same values drawn before (read-only)."""
        raw = u.tobytes()
        # repr as well as ==: equal dataclasses could still differ in the sign of a zero
        key = (dist, repr(dist), exact, raw)
        try:
            hit = self._columns.get(key)
        except TypeError:  # a distribution with an unhashable field: not kept
            return dist.ppf(u, exact=exact)
        if hit is not None:
            self.hits += 1
            return hit
        column = dist.ppf(u, exact=exact)
        if self._room(column.nbytes + len(raw)):
            column.setflags(write=False)
            self._columns[key] = column
        return column


class _LineModels:
    """Line models built from ``model:`` sections, each once for the theses that share it.

    :meth:`LineModel.from_config <model.valuation.lines.model.LineModel.from_config>` reads
    only the section, :func:`~model.valuation.lines.model.config_options` and, for its errors,
    the file the thesis was read from; the mixtures of two vintages share these but for the
    assumptions taken from the other file. A model is taken again for a thesis read from the
    same file whose section holds the same objects and whose options are equal; the checks of
    the numbers, which read the assumptions' values, are left to run on each thesis.
    """

    def __init__(self) -> None:
        self._kept: list[tuple[Any, tuple[tuple[str, Any], ...], tuple[Any, ...], Any]] = []

    def get(self, thesis: Thesis) -> Any:
        """The unchecked line model of ``thesis``' section (None: not a line model)."""
        from model.valuation.lines.model import LineModel, config_options

        section, bundle = thesis.model_section, getattr(thesis, "_bundle", None)
        if bundle is None or not isinstance(section, Mapping):
            return None
        if str(section.get("kind", "lines")) != "lines":
            return None
        options = config_options(thesis)
        paths = tuple(options["assumption_paths"].items())
        units = tuple(options["units"].items())
        key = (options["price"], options["years"], options["price_unit"], units, paths)
        items = tuple(section.items())
        for kept_bundle, kept_items, kept_key, model in self._kept:
            if kept_bundle is bundle and kept_key == key and _same_items(kept_items, items):
                return model
        model = LineModel.from_config(section, **options)
        self._kept.append((bundle, items, key, model))
        return model


def _same_items(a: tuple[tuple[str, Any], ...], b: tuple[tuple[str, Any], ...]) -> bool:
    """Whether two sections have the same keys, in order, holding the very same objects."""
    return len(a) == len(b) and all(
        x[0] == y[0] and x[1] is y[1] for x, y in zip(a, b, strict=True)
    )


class SharedRuns:
    """Run the theses of an attribution on one seed, drawing each input once.

    Parameters
    ----------
    n_paths : int
        Paths of every run.
    seed : int, SeedSequence, Generator or None
        Turned into one root seed for every run (so a Generator or None still gives common
        random numbers).
    options : Mapping[str, Any]
        Further settings of :func:`model.simulate`.
    shared : bool
        False runs everything through :func:`model.simulate` (the reference route).
    budget : int
        Bytes of uniforms and drawn columns kept for reuse.
    """

    def __init__(
        self,
        n_paths: int,
        seed: SeedLike,
        options: Mapping[str, Any],
        *,
        shared: bool = True,
        budget: int = COLUMN_BUDGET,
    ) -> None:
        plain = {k: v for k, v in options.items() if k not in ("model", "roles", "units")}
        settings = RunSettings.of(None, n_paths=n_paths, seed=seed, **plain)
        self.n_paths = settings.n_paths
        self.root = handle_seed(settings.seed)
        self.method = settings.method
        self.chunk = settings.chunk_size or BLOCK_SIZE
        self.options = dict(options)
        self.shared = (
            shared and set(options) <= _SHARED_OPTIONS and settings.backend is Backend.LOCAL
        )
        self.draws = _Draws(budget)
        self.models = _LineModels()
        self.memory_checked = False

    def run(self, thesis: Thesis, scenario: str, *, check: bool = False) -> Any:
        """One run of a scenario of ``thesis``, as ``model.simulate(thesis, scenario)``.

        Parameters
        ----------
        thesis : Thesis
        scenario : str
        check : bool
            Also run it through :func:`model.simulate` and compare every output; if any
            differs, this and every later run take that route. The result is then
            :func:`model.simulate`'s.

        Returns
        -------
        Outcome or SimulationResult
            ``outputs``, ``years``, ``exit_year`` and ``units`` of the run.
        """
        if not self.shared:
            return self._simulate(thesis, scenario)
        fast = self._shared(thesis, scenario)
        if not check:
            return fast
        plain = self._simulate(thesis, scenario)
        if not same_outcome(fast, plain):
            self.shared = False
        return plain

    def _simulate(self, thesis: Thesis, scenario: str) -> Any:
        from model.scenarios import simulate

        return simulate(
            thesis, scenario=scenario, n_paths=self.n_paths, seed=self.root, **self.options
        )

    def _shared(self, thesis: Thesis, scenario: str) -> Outcome:
        """The run through the engine's steps, with the drawn columns shared."""
        from model.engine.execution.chunks import exact_inverse
        from model.engine.execution.runner import _sampler, prepare_tables
        from model.engine.execution.sampling import release_thread_buffers
        from model.scenarios.run import _apply

        prepared = self._prepared(_apply(thesis, scenario))
        spec, fn, n = prepared.spec, prepared.model, self.n_paths
        if not self.memory_checked:
            self._check_memory(spec, fn)
        sampler = _sampler(spec, self.root, self.method, n)
        exact = exact_inverse(n)
        prepare_tables([spec], n)
        try:
            parts = self._chunks(spec, fn, sampler, exact)
        finally:
            release_thread_buffers()  # a block design of LHS or Sobol stays behind otherwise
        outputs = {k: v[0] if len(v) == 1 else np.concatenate(v) for k, v in parts.items()}
        units = {**prepared.thesis.units, **prepared.model.output_units}
        return Outcome(outputs, tuple(spec.years), units)

    def _prepared(self, thesis: Thesis) -> Any:
        """``_Prepared.of(thesis, scorecard=False)``, with a line model built once for every
        thesis that would build the same one (see :class:`_LineModels`)."""
        from model.scenarios.run import _Prepared
        from model.valuation.finance.today import with_today

        line = self.models.get(thesis)
        if line is None:
            return _Prepared.of(thesis, scorecard=False)
        model = with_today(line.checked(thesis), thesis)  # as build_model makes it
        return _Prepared(thesis, thesis.to_spec(), model)

    def _check_memory(self, spec: ModelSpec, fn: Any) -> None:
        """Refuse a path count whose runs cannot fit, before the first is drawn.

        A run here keeps every output of every path (the simulate route checks its own), and
        the vintages' runs are checked against :func:`model.simulate`, so two are held at once.
        """
        from model.engine.execution.limits import check_memory, estimate_memory

        estimate = estimate_memory(
            spec, fn, self.n_paths, keep=None, keep_inputs=frozenset(), chunk=self.chunk, runs=2
        )
        check_memory(estimate)
        self.memory_checked = True

    def _chunks(
        self, spec: ModelSpec, fn: Any, sampler: Sampler, exact: bool
    ) -> dict[str, list[np.ndarray]]:
        """Every output of every chunk of paths, as the engine's chunks compute them."""
        from model.engine.execution.chunks import (
            _first_bad,
            assemble_inputs,
            split_outputs,
        )
        from model.engine.execution.sampling import var_key

        n = self.n_paths
        parts: dict[str, list[np.ndarray]] = {}
        for start in range(0, n, self.chunk):
            stop = min(start + self.chunk, n)
            m = stop - start
            u = self.draws.uniforms(sampler, start, stop)
            values = {
                v.name: np.full(m, v.dist.central())
                if v.dist.constant
                else self.draws.draw(v.dist, u[var_key(v.name)][0], exact)
                for v in spec.variables
            }
            inputs = assemble_inputs(spec, values, u, m, start)
            outputs, _ = split_outputs(fn(inputs), m, spec.n_years)
            for name, arr in outputs.items():
                if not np.all(np.isfinite(arr)):
                    p = start + _first_bad(arr)
                    raise EngineError(f"output {name!r} is NaN or infinite, first at path {p}")
                own = arr.base is None and arr.flags.owndata
                parts.setdefault(name, []).append(arr if own else arr.copy())
        return parts


def same_outcome(a: Any, b: Any) -> bool:
    """Whether two runs have the same outputs (bit for bit), years and units."""
    if tuple(a.years) != tuple(b.years) or set(a.outputs) != set(b.outputs):
        return False
    if any(a.units.get(k) != b.units.get(k) for k in a.outputs):
        return False
    return all(
        a.outputs[k].shape == b.outputs[k].shape
        and a.outputs[k].tobytes() == b.outputs[k].tobytes()
        for k in a.outputs
    )
