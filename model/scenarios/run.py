"""Run a thesis: one scenario, several side by side, or a probability-weighted blend.

This is the glue between the three layers: the thesis file (:mod:`model.inputs`) becomes an
engine specification and a valuation model (:mod:`model.valuation`), the engine
(:mod:`model.engine`) samples it, and the per-path outputs come back as a
:class:`~model.results.results.SimulationResult` that remembers where it came from.

Seeds
-----
A seed may be an integer, a :class:`numpy.random.SeedSequence`, a :class:`numpy.random.Generator`
or None (fresh entropy); the engine's :func:`~model.engine.draws.rng.handle_seed` turns it into the
run's root ``SeedSequence`` once per call, and every result records that root's entropy and
spawn key (``SimulationResult.seed()`` rebuilds it). A Generator is asked for its seed words
once, so the scenarios of one :func:`compare` call still share every random number.

Common random numbers
---------------------
:func:`compare` runs every scenario from the same root seed. The engine derives each variable's
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

Scorecard
---------
Before anything runs, every scorecard statement is checked against the model's outputs and the
thesis' assumptions (:func:`~model.results.statements.check_scorecard`), so a misspelt claim fails
at once with its file and line. A run without ``keep_inputs`` still keeps the assumptions the
scorecard uses.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import numpy as np

from model.engine.draws.rng import handle_seed
from model.engine.spec import Backend, Method
from model.errors import (
    EngineError,
    SettingsError,
    ThesisError,
    UnknownScenarioError,
    UnknownViewError,
    in_scenario,
)
from model.results.comparison import ComparisonResult
from model.results.marks import thesis_marks
from model.results.mixing import BASE, blend_comparison, load, mix, scenario_names
from model.results.results import SimulationResult
from model.results.statements import check_scorecard, scorecard_inputs
from model.results.values import check_weights, thesis_weights
from model.scenarios.loading import checked_at_load, load_warned, scenario_checked
from model.scenarios.settings import DEFAULT_PATHS, RunSettings, check_roles
from model.valuation.checks import check_event_effects

if TYPE_CHECKING:
    from model.engine.draws.rng import SeedLike
    from model.engine.spec import ModelSpec
    from model.inputs.assembly.thesis import Thesis

    #: A loaded thesis, or the path of its file.
    ThesisLike: TypeAlias = Thesis | str | os.PathLike[str]

__all__ = [
    "DEFAULT_PATHS",
    "RunSettings",
    "blend",
    "compare",
    "distinct_scenarios",
    "load",
    "scenario_names",
    "simulate",
    "view_scenarios",
    "views",
]

# ---------------------------------------------------------------------- thesis helpers


def distinct_scenarios(names: Iterable[str]) -> list[str]:
    """``names`` as a list, refused (naming them) if a scenario is named twice.

    A repeated name would otherwise run once without a word, as if asked for once.
    """
    if isinstance(names, str):  # list("bull") would be the names b, u, l, l
        raise SettingsError(
            f"scenarios must be a list of names such as ['base', 'bull'], not one string "
            f"({names!r})"
        )
    wanted = list(names)
    repeated = sorted({n for n in wanted if wanted.count(n) > 1})
    if repeated:
        raise SettingsError(f"scenarios repeat: {', '.join(repeated)}; give each scenario once")
    return wanted


def _scenario_label(thesis: Thesis, name: str) -> str:
    # The base case's label is kept apart from the thesis name, which every header shows.
    if name == BASE:
        return "Base case"
    entry = (getattr(thesis, "scenarios", None) or {}).get(name)
    label = entry.get("label") if isinstance(entry, Mapping) else getattr(entry, "label", None)
    return str(label) if label else name


def _check_inputs_for(settings: RunSettings, known: Sequence[str]) -> None:
    """Every name in ``inputs_for`` is a scenario of the thesis: an unknown one (a typo) kept no
    scenario's inputs without a word, and the tables that read them failed later."""
    for name in settings.inputs_for or ():
        if name not in known:
            exc = UnknownScenarioError(name, known)
            exc.message = f"inputs_for: {exc.message}"
            exc.args = (exc.message,)
            raise exc


def _apply(thesis: Thesis, scenario: str) -> Thesis:
    """The thesis with ``scenario`` applied; unknown names raise with a did-you-mean."""
    names = scenario_names(thesis)
    if scenario not in names:
        raise UnknownScenarioError(scenario, names)
    current = getattr(thesis, "scenario", None) or BASE
    if scenario == current:
        return thesis
    return scenario_checked(thesis, scenario)


# ---------------------------------------------------------------------- simulate


def simulate(
    thesis: ThesisLike,
    scenario: str = BASE,
    n_paths: int = DEFAULT_PATHS,
    seed: SeedLike = None,
    method: Method | str = Method.MC,
    backend: Backend | str = Backend.LOCAL,
    keep_inputs: bool = True,
    progress: bool | None = None,
    client: Any = None,
    scheduler: str | None = None,
    chunk_size: int | None = None,
    keep: Sequence[str] | None = None,
    inputs_for: Sequence[str] | None = None,
    *,
    model: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None,
    roles: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
) -> SimulationResult:
    """Simulate one scenario of a thesis.

    Parameters
    ----------
    thesis : Thesis or path
        The thesis, or the path of its file.
    scenario : str
        ``"base"`` or the name of one of the thesis' scenarios.
    n_paths, seed, method, backend, keep_inputs, progress, client, scheduler, chunk_size
        Run settings; see :class:`RunSettings`. ``seed`` may be an int, a SeedSequence, a
        Generator or None.
    keep : sequence of str, optional
        Outputs kept per path (default: all). The others are streamed: ``summary()`` still
        reports their mean, sd and quantiles (see :class:`RunSettings`), but statements,
        charts and per-path tables need the outputs they use kept.
    inputs_for : sequence of str, optional
        With ``keep_inputs``, keep the inputs only if ``scenario`` is one of these (each a
        scenario of the thesis, ``"base"`` included).
    model : callable, optional
        Your own vectorised model ``inputs -> {name: array}``, used instead of the thesis'
        ``model:`` section (see :mod:`model.valuation.custom`).
    roles, units : Mapping[str, str], optional
        Output name -> role / unit for ``model`` (else its ``roles`` / ``units`` attributes).

    Returns
    -------
    SimulationResult

    Raises
    ------
    UnknownScenarioError
        If the scenario, or a name in ``inputs_for``, does not exist (with the closest names).
    SettingsError
        For a bad run setting (before anything runs).
    ThesisError
        If a scorecard statement names something the model does not produce.
    EngineError
        If the run fails.
    """
    settings = RunSettings(
        n_paths=n_paths,
        seed=seed,
        # RunSettings coerces names ("lhs") to members and rejects the rest.
        method=cast(Method, method),
        backend=cast(Backend, backend),
        keep_inputs=keep_inputs,
        progress=progress,
        client=client,
        scheduler=scheduler,
        chunk_size=chunk_size,
        keep=_tuple(keep),
        inputs_for=_tuple(inputs_for),
    )
    custom = _Custom(model, roles, units) if model is not None else None
    loaded = load_warned(thesis)
    _check_inputs_for(settings, scenario_names(loaded))
    applied = _apply(loaded, scenario)
    with in_scenario(getattr(applied, "scenario", None)):
        prepared = _Prepared.of(applied, custom)
        return _run(prepared, scenario, handle_seed(settings.seed), settings)


@dataclass(frozen=True)
class _Custom:
    """A user's model function and its description (see :mod:`model.valuation.custom`)."""

    fn: Callable[[Mapping[str, Any]], Mapping[str, Any]]
    roles: Mapping[str, str] | None = None
    units: Mapping[str, str] | None = None

    def __post_init__(self) -> None:
        check_roles(self.roles if self.roles is not None else getattr(self.fn, "roles", None))


def _tuple(names: Sequence[str] | None) -> tuple[str, ...] | None:
    """Names as a tuple (one name alone too); RunSettings checks them."""
    if names is None:
        return None
    if isinstance(names, str):
        return (names,)
    if not isinstance(names, Iterable):
        raise SettingsError(
            f"keep must be an output name or a list of them, got {type(names).__name__} {names!r}"
        )
    return tuple(names)


@dataclass(frozen=True)
class _Prepared:
    """A thesis with its scenario applied, ready to run: its engine spec and valuation model."""

    thesis: Thesis
    spec: ModelSpec
    model: Any

    @classmethod
    def of(
        cls, thesis: Thesis, custom: _Custom | None = None, *, scorecard: bool = True
    ) -> _Prepared:
        """Build the spec and model and check the scorecard against them (nothing runs yet).

        ``scorecard=False`` skips the check, for runs whose scorecard nobody reads (the
        mixtures of two vintages an attribution runs).
        """
        from model.valuation import build_model
        from model.valuation.custom import CustomModel
        from model.valuation.finance.today import with_today

        if custom is None:
            model = build_model(thesis)
        else:
            model = CustomModel.from_thesis(thesis, custom.fn, custom.roles, custom.units)
            model = with_today(model, thesis)
        if scorecard and (custom is not None or not checked_at_load(thesis)):
            check_scorecard(thesis, model)  # else done on the same model by model.load_thesis
            check_event_effects(thesis, model)
        return cls(thesis, thesis.to_spec(), model)


def _not_finite(thesis: Any, model: Any, exc: EngineError) -> ThesisError:
    """A run's output that is not a finite number on some paths, which the central path
    keeps finite: bad input at the line-model entry that makes the output, naming it."""
    from model.valuation.finance.finite import output_place

    name = str(exc.output)
    detail = str(exc).split("failed: ", 1)[-1].removeprefix(f"output {name!r} ")
    if detail.startswith("is not a finite number") or "nan" in detail.split():
        # NaN: 0/0 or inf - inf, not necessarily a large number
        why = "makes it undefined (such as 0/0, or the difference of two infinities)"
    else:  # infinite, or finite but too large for its summaries ("reaches 1.2e+200")
        why = "makes a number too large for a computer's floating point"
    return cast(
        ThesisError,
        thesis.error(
            output_place(model, name),
            f"on some paths of the run, output {name!r} {detail}: a draw in the tail of what it "
            f"reads {why}, though the central path keeps it finite",
            "distributions whose tails stay within sensible magnitudes, or an expression "
            "bounded with min, max or clip",
        ),
    )


def _run(
    prepared: _Prepared, scenario: str, root: np.random.SeedSequence, settings: RunSettings
) -> SimulationResult:
    from model.engine import run as engine_run

    thesis, spec, model = prepared.thesis, prepared.spec, prepared.model
    keep: bool | tuple[str, ...] = True
    wanted = settings.keep_inputs and (
        settings.inputs_for is None or scenario in settings.inputs_for
    )
    if not wanted:
        keep = scorecard_inputs(thesis, model.output_names) or False
    try:
        run = engine_run(
            spec, model, settings.n_paths, seed=root, keep_inputs=keep, **settings.engine_options()
        )
    except EngineError as exc:
        # A run that fails on every path usually fails on the central one too: name the line.
        from model.valuation.checks import run_failure
        from model.valuation.finance.finite import has_line_model

        located = run_failure(thesis, model)
        if located is not None:
            raise located from None
        if exc.output is not None and has_line_model(model):
            # The thesis' own lines make the output; a custom model's is its own code's.
            raise _not_finite(thesis, model, exc) from None
        if exc.at is None or exc.located is None:
            raise
        # Sampled paths broke a rule the model states where it is wired, which the central
        # path keeps (an event that takes the discount rate below terminal growth): bad input
        # at that line all the same.
        raise thesis.error(
            exc.at, f"{exc.located} (on some paths of the run)", exc.expected
        ) from None
    outputs = {k: v for k, v in run.outputs.items() if not k.startswith("_")}
    streamed = {
        k: (s, run.sketches.get(k, ()))
        for k, s in run.summaries.items()
        if k not in outputs and not k.startswith("_")
    }
    units = {**thesis.units, **model.output_units}  # an output wins a shared name
    return SimulationResult(
        thesis=thesis,
        scenario=scenario,
        scenario_label=_scenario_label(thesis, scenario),
        years=tuple(run.years or spec.years),
        outputs=outputs,
        inputs=dict(run.inputs),
        units=units,
        price=float(thesis.price),
        currency=str(thesis.currency),
        n_paths=int(run.n_valid),
        seed_entropy=run.seed_entropy,
        seed_spawn_key=tuple(run.seed_spawn_key),
        method=run.method,
        backend=run.backend,
        chunk_size=int(run.chunk_size),
        invalid=dict(run.invalid),
        marks=thesis_marks(thesis, outputs, units, getattr(model, "roles", None)),
        streamed=streamed,
        roles=getattr(model, "roles", None),
    )


# ---------------------------------------------------------------------- compare / views


def compare(
    thesis: ThesisLike,
    scenarios: Sequence[str] | None = None,
    settings: RunSettings | None = None,
    *,
    model: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None,
    roles: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
    **options: Any,
) -> ComparisonResult:
    """Simulate several scenarios with common random numbers.

    Parameters
    ----------
    thesis : Thesis or path
        The thesis, or the path of its file.
    scenarios : sequence of str, optional
        Scenario names (``"base"`` included if wanted); every scenario by default.
    settings : RunSettings, optional
        Run settings; one root seed serves every scenario.
    model, roles, units
        Your own model function and its description, as for :func:`simulate`.
    **options
        Fields of :class:`RunSettings` (``n_paths=``, ``seed=``, ``method=``, ...), replacing
        those of ``settings``.

    Returns
    -------
    ComparisonResult
        Scenarios in the order given.

    Raises
    ------
    UnknownScenarioError
        If a scenario does not exist (checked before anything runs).
    SettingsError
        For a bad run setting or list of scenarios.
    """
    run_settings = RunSettings.of(settings, **options)
    base = load_warned(thesis)
    if isinstance(scenarios, str):
        raise SettingsError("scenarios must be a list of names, not one string")
    if scenarios is not None and not isinstance(scenarios, Iterable):
        raise SettingsError(
            f"scenarios must be a list of names, got {type(scenarios).__name__} {scenarios!r}"
        )
    known = scenario_names(base)
    names = list(known if scenarios is None else scenarios)
    for name in names:
        if name not in known:
            raise UnknownScenarioError(name, known)
    _check_inputs_for(run_settings, known)
    if not names:
        raise SettingsError("compare needs at least one scenario")
    distinct_scenarios(names)
    # Every scenario is built and its scorecard checked before the first one runs.
    custom = _Custom(model, roles, units) if model is not None else None
    prepared = {}
    for name in names:
        with in_scenario(name):
            prepared[name] = _Prepared.of(_apply(base, name), custom)
    if run_settings.method is Method.SOBOL:
        prepared = _joint_design(prepared)
    if run_settings.backend is not Backend.DASK:
        from model.engine.execution.runner import prepare_tables

        # Every scenario's inverse-CDF tables at once, on every core.
        prepare_tables([p.spec for p in prepared.values()], run_settings.n_paths)
    root = handle_seed(run_settings.seed)
    results = {}
    for name in names:
        with in_scenario(name):
            results[name] = _run(prepared[name], name, root, run_settings)
    return ComparisonResult(results, thesis=base)


def _joint_design(prepared: dict[str, _Prepared]) -> dict[str, _Prepared]:
    """Scenarios whose Sobol' design spans every scenario's random streams.

    A Sobol' design is joint over its dimensions, so a scenario that fixes an assumption the
    base draws (or draws one the base fixes) would otherwise see the other quantities' points
    change, and paired differences would carry sampling noise.
    """
    from model.engine.execution.runner import _streams

    union: dict[str, int] = {}
    for p in prepared.values():
        union.update((s.key, s.dims) for s in _streams(p.spec))
    companions = tuple(sorted(union.items()))
    return {
        name: replace(p, spec=replace(p.spec, design_companions=companions))
        for name, p in prepared.items()
    }


def _view_of(entry: Any) -> str | None:
    tag = entry.get("view") if isinstance(entry, Mapping) else getattr(entry, "view", None)
    return None if tag is None else str(tag)


def _view_tags(views: Iterable[str]) -> list[str]:
    """``views`` as a list of tags, each once.

    One string would be read tag by tag as its characters, and a repeated tag would run its
    scenarios twice and be refused as "scenarios repeat", naming scenarios the caller never
    listed; both are refused here in the caller's own terms.
    """
    if isinstance(views, str | bytes):
        raise SettingsError(f"views must be a list of view tags, not one string ({views!r})")
    wanted = [str(v) for v in views]
    repeated = sorted({v for v in wanted if wanted.count(v) > 1})
    if repeated:
        raise SettingsError(f"views repeat: {', '.join(repeated)}; give each view once")
    return wanted


def thesis_views(thesis: ThesisLike) -> list[str]:
    """The view tags the thesis' scenarios carry, each once, in sorted order."""
    scenarios = getattr(load(thesis), "scenarios", None) or {}
    return sorted({t for entry in scenarios.values() if (t := _view_of(entry)) is not None})


def view_scenarios(thesis: ThesisLike, views: Iterable[str] | None = None) -> list[str]:
    """Scenarios tagged with one of ``views`` (their ``view:``; default every tag the thesis
    uses, sorted), grouped by view in that order."""
    base = load(thesis)
    wanted = _view_tags(thesis_views(base) if views is None else views)
    tagged: dict[str, list[str]] = {v: [] for v in wanted}
    for name, entry in (getattr(base, "scenarios", None) or {}).items():
        tag = _view_of(entry)
        if tag in tagged:
            tagged[tag].append(str(name))
    return [name for v in wanted for name in tagged[v]]


def views(
    thesis: ThesisLike,
    views: Iterable[str] | None = None,
    *,
    include_base: bool = True,
    settings: RunSettings | None = None,
    **options: Any,
) -> ComparisonResult:
    """The article views side by side: :func:`compare` on the scenarios tagged with ``views``.

    Parameters
    ----------
    thesis : Thesis or path
        The thesis.
    views : iterable of str, optional
        View tags, e.g. ``("2022", "2025")``; by default every tag the thesis' scenarios carry,
        sorted.
    include_base : bool
        Put the base case first as the reference.
    settings, **options
        Run settings as for :func:`compare`.

    Returns
    -------
    ComparisonResult

    Raises
    ------
    SettingsError
        If ``views`` is one string, or names a view twice, or is left out of a thesis whose
        scenarios carry no ``view:`` tag.
    UnknownViewError
        If no scenario carries one of the tags (naming the views that exist).
    """
    base = load_warned(thesis)
    known = thesis_views(base)
    if views is None and not known:
        raise SettingsError(
            "no scenario of the thesis carries a view: tag (a scenario's 'view:', such as the "
            "year of the article it follows); compare scenarios by name with model.compare"
        )
    wanted = _view_tags(known if views is None else views)
    for view in wanted:
        if view not in known:
            raise UnknownViewError(view, known)
    names = view_scenarios(base, wanted)
    if include_base and BASE not in names:
        names.insert(0, BASE)
    return compare(base, names, settings, **options)


# ---------------------------------------------------------------------- blend


def blend(
    thesis_or_comparison: ThesisLike | ComparisonResult,
    weights: Mapping[str, float] | None = None,
    settings: RunSettings | None = None,
    **options: Any,
) -> SimulationResult:
    """A probability-weighted mixture of scenarios as one distribution.

    Parameters
    ----------
    thesis_or_comparison : Thesis, path or ComparisonResult
        A thesis (the weighted scenarios are run with :func:`compare`) or a comparison that
        already holds every weighted scenario.
    weights : Mapping[str, float], optional
        Scenario -> weight, summing to 1; the thesis' ``weights:`` by default.
    settings, **options
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
    SettingsError
        For run settings given with a comparison, or a comparison whose results are not one
        run's (different paths, years or seed, or no recorded seed).
    """
    if isinstance(thesis_or_comparison, ComparisonResult):
        if settings is not None or options:
            raise SettingsError("run settings apply only when blending a thesis, not a comparison")
        return blend_comparison(thesis_or_comparison, weights)
    thesis = load_warned(thesis_or_comparison)
    chosen = check_weights(
        thesis_weights(thesis) if weights is None else weights, scenario_names(thesis)
    )
    names = [n for n, w in chosen.items() if w > 0]
    comparison = compare(thesis, names, settings, **options)
    return mix(comparison, chosen)
