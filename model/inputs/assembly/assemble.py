"""Reading a thesis file with its scenario files, and assembling one scenario's assumptions.

:func:`read_bundle` reads and checks everything that does not depend on the scenario: the
files' structure, each item on its own (units, parameters, sources), scenario overlays and their
``extends`` chains, weights. :func:`resolve` then applies one scenario's overlays to the base and
checks the cross references of the result (:mod:`model.inputs.assembly.crossrefs`): names used
by derived expressions, processes, events and correlations exist and have fitting units, and derived
definitions are not circular.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from model._files import path_argument
from model.errors import SettingsError, ThesisError, UnknownScenarioError, excerpt, warn
from model.inputs.assembly.build import (
    Context,
    build_assumption,
    build_correlation,
    build_event,
    build_price,
    build_rationale,
    build_score,
    build_weight,
    check_name,
)
from model.inputs.assembly.crossrefs import Resolved, ScenarioChecker, suggest
from model.inputs.assembly.items import (
    BASE,
    Assumption,
    CorrelationDef,
    EventDef,
    Price,
    ScoreItem,
    Weight,
)
from model.inputs.schema import (
    ScenarioFileSpec,
    ScenarioSpec,
    ThesisFileSpec,
    ThesisMeta,
    validate_model,
)
from model.inputs.scope import OutsideScope, ReadScope
from model.inputs.sources.documents import index_outside
from model.inputs.sources.provenance import SeedIndex, Source
from model.inputs.units import UnitError, parse_unit
from model.inputs.yamlsafe import FieldPath, LoadedYaml, Locator, display_path, load_yaml

__all__ = ["Bundle", "Resolved", "ScenarioInfo", "read_bundle", "resolve"]

FORMAT_VERSION = 1


@dataclass(frozen=True)
class ScenarioInfo:
    """A scenario's description.

    Attributes
    ----------
    name : str
    label : str
    view : str or None
        Which article view it belongs to (e.g. ``"2022"``, ``"2025"``).
    extends : str or None
        The scenario it builds on (``None`` for the base).
    rationale : Source or None
        Why the scenario exists.
    """

    name: str
    label: str
    view: str | None = None
    extends: str | None = None
    rationale: Source | None = None


@dataclass(frozen=True)
class _Overlay:
    overrides: dict[str, Assumption]
    events: dict[str, EventDef] | None
    correlations: tuple[CorrelationDef, ...] | None


@dataclass(frozen=True)
class Bundle:
    """Everything read from the files, independent of the scenario."""

    path: Path
    locator: Locator
    meta: ThesisMeta
    years: tuple[int, ...]
    price: Price
    seeds_dir: Path | None
    assumptions: dict[str, Assumption]
    events: dict[str, EventDef]
    correlations: tuple[CorrelationDef, ...]
    overlays: dict[str, _Overlay]
    scenarios: dict[str, ScenarioInfo]
    chains: dict[str, tuple[str, ...]]
    weights: dict[str, Weight]
    scorecard: dict[str, ScoreItem]
    model_section: Any
    file_hash: str
    repair_correlations: bool = False
    # What the thesis may read (its tree and the folders allowed), for files named later on.
    scope: ReadScope | None = None


# -- reading -----------------------------------------------------------------------------------


def read_bundle(
    path: str | os.PathLike[str],
    allow_read: Iterable[str | os.PathLike[str]] = (),
    repair_correlations: bool = False,
    main: LoadedYaml | None = None,
) -> Bundle:
    """Read a thesis file and its scenario files and check everything scenario-independent.

    Parameters
    ----------
    path : str or Path
        The thesis YAML file; scenario files and seeds are found relative to it.
    allow_read : iterable of paths
        Folders outside the thesis tree that its scenario files and seed documents may be in
        (see :mod:`model.inputs.scope`).
    repair_correlations : bool
        Let conflicting correlations through (the engine uses the nearest valid matrix) with
        a warning, instead of refusing them.
    main : LoadedYaml, optional
        The thesis document already read (from standard input); ``path`` then only places it.

    Returns
    -------
    Bundle

    Raises
    ------
    ThesisError
        The first problem found, with file, line and field.
    """
    thesis_path = _as_path(path)
    main = load_yaml(thesis_path) if main is None else main
    try:
        scope = ReadScope.for_thesis(thesis_path, allow_read)
    except OutsideScope as exc:
        raise ThesisError(str(exc)) from None
    locator = Locator(main)
    spec: ThesisFileSpec = validate_model(ThesisFileSpec, main.data, locator, what="a thesis file")
    if spec.format != FORMAT_VERSION:
        raise locator.error(
            ("format",),
            f"unsupported format {spec.format}; this version reads format {FORMAT_VERSION}",
        )
    scenario_specs, docs = _read_scenario_files(thesis_path, spec, locator, scope)
    seeds_dir = _seeds_dir(thesis_path, spec.seeds_dir, locator, scope)
    ctx = Context(locator, SeedIndex(seeds_dir, scope))
    outside = index_outside(seeds_dir, scope)
    if outside is not None:  # never read: said, as the report then names documents by file
        warn(f"{display_path(thesis_path)}: {outside}; the index is not read")

    meta = spec.thesis
    first, last = meta.horizon.first, meta.horizon.last
    if last < first:
        raise locator.error(
            ("thesis", "horizon", "last"), f"the last year ({last}) is before the first ({first})"
        )
    if last == first:
        raise locator.error(
            ("thesis", "horizon", "last"),
            f"the horizon {first}-{last} has one year; it needs at least two: year 0 (the first) "
            f"is where the model starts, and values and returns are measured to the years after",
        )
    _check_as_of(meta, locator)
    years = tuple(range(first, last + 1))
    currency = _currency(meta.currency, ctx)
    price = build_price(meta.price, currency, ("thesis", "price"), ctx, meta.as_of)

    assumptions = {
        n: build_assumption(n, a, ("assumptions", n), ctx) for n, a in spec.assumptions.items()
    }
    if not assumptions:
        raise locator.error(("assumptions",), "a thesis needs at least one assumption")
    events = {n: build_event(n, e, ("events", n), ctx) for n, e in spec.events.items()}
    correlations = tuple(
        build_correlation(c, ("correlations", i), ctx) for i, c in enumerate(spec.correlations)
    )
    scorecard = {
        n: build_score(n, s, ("scorecard", n), ctx, years) for n, s in spec.scorecard.items()
    }

    # evidence:, realised: and previous: are checked now, used by model.learning
    from model.inputs.assembly.evidence import check_thesis_sections

    check_thesis_sections(spec, thesis_path, locator, ctx.seeds, scope)

    overlays: dict[str, _Overlay] = {}
    infos: dict[str, ScenarioInfo] = {BASE: ScenarioInfo(BASE, "Base case: " + meta.name)}
    for name, sc in scenario_specs.items():
        overlays[name], infos[name] = _build_scenario(name, sc, assumptions, ctx)
    chains = {name: _chain(name, scenario_specs, locator) for name in scenario_specs}
    weights = _weights(spec, infos, ctx)
    digest = hashlib.sha256()
    for doc in (main, *docs):
        digest.update(doc.raw)
    return Bundle(
        path=thesis_path,
        locator=locator,
        meta=meta,
        years=years,
        price=price,
        seeds_dir=seeds_dir,
        assumptions=assumptions,
        events=events,
        correlations=correlations,
        overlays=overlays,
        scenarios=infos,
        chains=chains,
        weights=weights,
        scorecard=scorecard,
        model_section=spec.model,
        file_hash=digest.hexdigest(),
        repair_correlations=repair_correlations,
        scope=scope,
    )


def _seeds_dir(
    thesis_path: Path, written: str | None, locator: Locator, scope: ReadScope
) -> Path | None:
    """The seeds folder: ``seeds_dir:`` (inside the scope), else ``seeds/`` of the tree."""
    if written is None:
        default = scope.root / "seeds"
        return default if default.is_dir() else None
    # Relative to the thesis file itself, as its tree is, when it is reached through a link.
    named = thesis_path.resolve().parent / written
    try:
        folder = scope.resolve(named, "seeds_dir")
    except OutsideScope as exc:
        raise locator.error(("seeds_dir",), str(exc)) from None
    if not folder.is_dir():
        shown = display_path(named)
        if os.path.lexists(folder):  # a file or pipe there is not missing
            raise locator.error(("seeds_dir",), f"{shown} is not a folder")
        raise locator.error(("seeds_dir",), f"folder not found: {shown}")
    return folder


def _currency(text: str, ctx: Context) -> str:
    try:
        unit = parse_unit(text)
    except UnitError:
        unit = None
    if unit is None or unit.currency is None or unit.power != 0:
        raise ctx.locator.error(
            ("thesis", "currency"),
            f"expected an ISO 4217 currency code (e.g. USD, EUR, JPY, HKD), got {text!r}",
        )
    return unit.currency


def _as_path(path: object) -> Path:
    """The thesis file as a Path; anything else (YAML text, bytes, a dict) is a clear error."""
    if isinstance(path, str) and "\n" in path:
        if os.path.lexists(path) or (
            path.rstrip().lower().endswith((".yaml", ".yml")) and ": " not in path
        ):  # a file name with a line break in it, not YAML text
            raise SettingsError(
                f"the path of the thesis file {path!r} contains a line break; rename the file "
                "(or correct the path) so its name has none"
            )
        raise SettingsError(
            f"expected the path of a thesis file, got text of {path.count(chr(10)) + 1} lines "
            f"(YAML itself?): save it to a .yaml file and pass that path"
        )
    return path_argument(path, "path of a thesis file")


def _check_as_of(meta: Any, locator: Locator) -> None:
    """Refuse a valuation date on or after the end of the last model year.

    Today's value discounts the years still ahead of ``as_of``; with none left, values would
    compound backwards and returns run over a negative span.
    """
    month, day = (int(p) for p in (meta.fiscal_year_end or "12-31").split("-"))
    last = meta.horizon.last
    end = calendar.monthrange(last, month)[1]
    year_end = dt.date(last, month, min(day, end))
    if meta.as_of >= year_end:
        raise locator.error(
            ("thesis", "as_of"),
            f"the valuation date {meta.as_of.isoformat()} is not before the end of the last "
            f"model year ({year_end.isoformat()}), so no model year lies ahead of it; move "
            f"as_of earlier or horizon.last later",
        )


def _read_scenario_files(
    thesis_path: Path, spec: ThesisFileSpec, locator: Locator, scope: ReadScope
) -> tuple[dict[str, ScenarioSpec], list[LoadedYaml]]:
    """All scenarios (main file first, then each scenario file), registered with the locator."""
    scenarios: dict[str, ScenarioSpec] = dict(spec.scenarios)
    origin = {name: locator.main for name in scenarios}
    docs: list[LoadedYaml] = []
    listed: dict[Path, int] = {}
    for i, rel in enumerate(spec.scenario_files):
        file = thesis_path.resolve().parent / rel  # the file's own folder, as its tree
        try:
            real = scope.resolve(file, "scenario file")
        except OutsideScope as exc:
            raise locator.error(("scenario_files", i), str(exc)) from None
        if real.is_dir():
            raise locator.error(
                ("scenario_files", i),
                f"{display_path(file)} is a folder, not a scenario file",
            )
        if not real.is_file():
            # A pipe or a device exists but is no file to read (a pipe would wait forever).
            found = "is not a regular file" if real.exists() else "not found"
            raise locator.error(
                ("scenario_files", i),
                f"scenario file {found}: {excerpt(rel)} (looked for {display_path(file)})",
            )
        if real == thesis_path.resolve():
            raise locator.error(
                ("scenario_files", i), "a thesis file cannot be its own scenario file"
            )
        if real in listed:
            # Said of the list, not as each of its scenarios "defined twice" in one file.
            raise locator.error(
                ("scenario_files", i),
                f"{excerpt(rel)} is listed twice (also scenario_files[{listed[real]}]); "
                "list each scenario file once",
            )
        listed[real] = i
        doc = load_yaml(file)
        docs.append(doc)
        sub = validate_model(ScenarioFileSpec, doc.data, Locator(doc), what="a scenario file")
        if sub.format is not None and sub.format != FORMAT_VERSION:
            raise doc.error(("format",), f"unsupported format {sub.format}")
        for name, sc in sub.scenarios.items():
            if name in scenarios:
                first = origin[name]
                raise doc.error(
                    ("scenarios", name),
                    f"scenario '{name}' is defined twice "
                    f"(also in {first.file}:{first.line(('scenarios', name))})",
                )
            scenarios[name] = sc
            origin[name] = doc
            locator.add(("scenarios", name), doc)
    return scenarios, docs


def _build_scenario(
    name: str, sc: ScenarioSpec, base: Mapping[str, Assumption], ctx: Context
) -> tuple[_Overlay, ScenarioInfo]:
    path: FieldPath = ("scenarios", name)
    check_name(name, path, ctx, "scenario")
    if name == BASE:
        raise ctx.locator.error(
            path, "'base' is the thesis file itself; name the scenario differently"
        )
    if name == "blend":  # every table, folder and --blend: it would show twice, mislabelled
        raise ctx.locator.error(
            path,
            "'blend' is the probability-weighted blend of the scenarios; name the scenario "
            "differently",
        )
    rationale = build_rationale(sc.rationale, (*path, "rationale"), ctx)
    overrides: dict[str, Assumption] = {}
    for key, a in sc.overrides.items():
        opath = (*path, "overrides", key)
        if key not in base:
            raise ctx.locator.error(
                opath,
                f"override of unknown assumption '{key}'"
                f"{suggest(key, base)} (overrides can only replace "
                "assumptions of the base file)",
            )
        built = build_assumption(key, a, opath, ctx, scenario=name)
        if not built.unit.same_dimension(base[key].unit):
            raise ctx.locator.error(
                (*opath, "unit"),
                f"the override is in {built.unit} but "
                f"'{key}' is in {base[key].unit} in the base; keep the "
                "same kind of unit",
            )
        overrides[key] = built
    events = None
    if sc.events is not None:
        events = {
            n: build_event(n, e, (*path, "events", n), ctx, scenario=name)
            for n, e in sc.events.items()
        }
    correlations = None
    if sc.correlations is not None:
        correlations = tuple(
            build_correlation(c, (*path, "correlations", i), ctx, name)
            for i, c in enumerate(sc.correlations)
        )
    info = ScenarioInfo(name, sc.label, sc.view, sc.extends or BASE, rationale)
    return _Overlay(overrides, events, correlations), info


def _chain(name: str, scenarios: Mapping[str, ScenarioSpec], locator: Locator) -> tuple[str, ...]:
    """Scenarios applied on top of the base for ``name``, outermost last."""
    seen: list[str] = []
    current = name
    while current != BASE:
        if current in seen:
            cycle = [*seen[seen.index(current) :], current]
            raise locator.error(
                ("scenarios", current, "extends"), "circular extends: " + " -> ".join(cycle)
            )
        seen.append(current)
        parent = scenarios[current].extends or BASE
        if parent != BASE and parent not in scenarios:
            raise locator.error(
                ("scenarios", current, "extends"),
                f"unknown scenario '{parent}'{suggest(parent, scenarios)} "
                f"(known: base, {', '.join(scenarios)})",
            )
        current = parent
    return tuple(reversed(seen))


def _weights(
    spec: ThesisFileSpec, infos: Mapping[str, ScenarioInfo], ctx: Context
) -> dict[str, Weight]:
    weights = {}
    for name, w in spec.weights.items():
        if name not in infos:
            raise ctx.locator.error(
                ("weights", name),
                f"weight for unknown scenario '{name}'"
                f"{suggest(name, infos)} (known: {', '.join(infos)})",
            )
        weights[name] = build_weight(name, w, ("weights", name), ctx)
    if weights:
        total = math.fsum(w.value for w in weights.values())
        if abs(total - 1.0) > 1e-9:
            raise ctx.locator.error(
                ("weights",), f"weights must sum to 1, they sum to {total:.10g}"
            )
    return weights


# -- one scenario ------------------------------------------------------------------------------


def resolve(bundle: Bundle, scenario: str = BASE) -> Resolved:
    """Apply a scenario's overlays (through its ``extends`` chain) and cross-check the result.

    Parameters
    ----------
    bundle : Bundle
        From :func:`read_bundle`.
    scenario : str
        A scenario name, or ``"base"`` for the file itself.

    Returns
    -------
    Resolved

    Raises
    ------
    ThesisError
        Unknown scenario, unknown or circular references, unit mismatches.
    """
    if not isinstance(scenario, str):
        raise UnknownScenarioError(scenario, bundle.scenarios)  # says a name is text
    if scenario != BASE and scenario not in bundle.overlays:
        known = ", ".join(bundle.scenarios)
        raise ThesisError(
            f"unknown scenario '{scenario}'{suggest(scenario, bundle.scenarios)} (known: {known})",
            file=bundle.locator.main.file,
        )
    assumptions = dict(bundle.assumptions)
    events = dict(bundle.events)
    correlations = bundle.correlations
    for name in bundle.chains.get(scenario, ()):
        overlay = bundle.overlays[name]
        assumptions.update(overlay.overrides)
        if overlay.events is not None:
            events.update(overlay.events)
        if overlay.correlations is not None:
            correlations = overlay.correlations
    checker = ScenarioChecker(
        bundle.locator, bundle.years, scenario, repair=bundle.repair_correlations
    )
    return checker.run(assumptions, events, correlations)
