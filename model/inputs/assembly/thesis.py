"""The :class:`Thesis` object: a validated thesis file with one scenario applied.

>>> thesis = load_thesis("assumptions/alibaba.yaml", scenario="bull")   # doctest: +SKIP
>>> thesis.ledger()            # every number with its source               # doctest: +SKIP
>>> spec = thesis.to_spec()    # what the Monte Carlo engine samples        # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model.engine.execution.results import ReadOnlyMap
from model.errors import EngineError, ParameterError, SettingsError, ThesisError, in_scenario
from model.inputs.assembly.assemble import Bundle, Resolved, ScenarioInfo, read_bundle, resolve
from model.inputs.assembly.items import (
    BASE,
    Assumption,
    CorrelationDef,
    EventDef,
    Price,
    ScoreItem,
    Weight,
)
from model.inputs.assembly.ledger import LEDGER_COLUMNS, build_ledger, central_values
from model.inputs.sources.provenance import SourceKind
from model.inputs.yamlsafe import parse_dotted

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LEDGER_COLUMNS", "Thesis", "load_thesis"]


@dataclass(frozen=True, eq=False)
class Thesis:
    """A validated investment thesis with one scenario applied.

    Build it with :func:`load_thesis`. All mappings are read-only.

    Attributes
    ----------
    name, company : str
    ticker : str or None
    as_of : datetime.date
    currency : str
        Currency of the valuation and of the price (e.g. ``"HKD"``).
    years : tuple of int
        Model years, first to last.
    price : float
        Current share price in ``currency`` per share.
    price_info : Price
        The price with its unit, source, and the optional ``date`` it was quoted and
        ``label``; ``price_info.describe()`` gives e.g. ``129.5 HKD (17 Feb 2025)``.
    path : pathlib.Path
        The thesis file.
    scenario : str
        The applied scenario (``"base"`` for the file itself).
    scenarios : Mapping[str, ScenarioInfo]
        Every scenario, ``"base"`` first.
    assumptions : Mapping[str, Assumption]
    events : Mapping[str, EventDef]
    correlations : tuple of CorrelationDef
    scorecard : Mapping[str, ScoreItem]
    weights : Mapping[str, Weight]
    model_section : Mapping or None
        The raw ``model:`` section (validated by the valuation model).
    file_hash : str
        SHA-256 of the thesis file's and its scenario files' bytes.
    fiscal_year_end : str
        ``"MM-DD"``: model year ``Y`` ends on this day of calendar year ``Y`` (``"12-31"``).
    """

    name: str
    company: str
    ticker: str | None
    as_of: _dt.date
    currency: str
    years: tuple[int, ...]
    price: float
    price_info: Price
    path: Path
    scenario: str
    scenarios: Mapping[str, ScenarioInfo]
    assumptions: Mapping[str, Assumption]
    events: Mapping[str, EventDef]
    correlations: tuple[CorrelationDef, ...]
    scorecard: Mapping[str, ScoreItem]
    weights: Mapping[str, Weight]
    model_section: Mapping[str, Any] | None
    file_hash: str
    seeds_dir: Path | None = None
    fiscal_year_end: str = "12-31"
    _bundle: Bundle = field(repr=False, default=None)  # type: ignore[assignment]
    _resolved: Resolved = field(repr=False, default=None)  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"Thesis({self.name!r}, scenario={self.scenario!r}, "
            f"{len(self.assumptions)} assumptions)"
        )

    # -- navigation -------------------------------------------------------------------------
    @property
    def scenario_info(self) -> ScenarioInfo:
        """Label, view and rationale of the applied scenario."""
        return self.scenarios[self.scenario]

    @property
    def units(self) -> dict[str, str]:
        """Unit of every assumption, as text."""
        return {n: str(a.unit) for n, a in self.assumptions.items()}

    @property
    def derived_order(self) -> tuple[str, ...]:
        """Derived assumptions, each after everything it uses."""
        return self._resolved.derived_order

    @property
    def per_year(self) -> frozenset[str]:
        """Assumptions whose values are per-year arrays (processes, event targets, ...)."""
        return self._resolved.per_year

    def locate(
        self, field_path: Iterable[str | int] | str, about: str | None = None
    ) -> tuple[str, int | None]:
        """File and line of a field, e.g. ``("model", "segments", "cloud", "market")``.

        Parameters
        ----------
        field_path : tuple or str
            Keys and indices, or dotted text (``"correlations[0].rho"``). A path that does not
            exist resolves to its nearest existing parent.
        about : str, optional
            A message on the field: in a block scalar (``|``, ``>-``), the line holding the
            name it is about (see :meth:`~model.inputs.locations.LoadedYaml.line`).

        Returns
        -------
        (str, int or None)
        """
        path = parse_dotted(field_path) if isinstance(field_path, str) else tuple(field_path)
        return self._bundle.locator.locate(path, about)

    def where(self, field_path: Iterable[str | int] | str) -> str:
        """``"file:line: "`` of a field, to open a message about it (``""`` when it has no line)."""
        file, line = self.locate(field_path)
        return f"{file}:{line}: " if line is not None else ""

    def error(
        self, field_path: Iterable[str | int] | str, message: str, expected: str | None = None
    ) -> ThesisError:
        """A :class:`ThesisError` pointing at a field (for validators of other sections).

        Parameters
        ----------
        field_path : tuple or str
            As for :meth:`locate`.
        message : str
            What is wrong.
        expected : str, optional
            What would be accepted, when ``message`` does not already say it.

        Returns
        -------
        ThesisError
        """
        path = parse_dotted(field_path) if isinstance(field_path, str) else tuple(field_path)
        return self._bundle.locator.error(path, message, expected)

    def with_scenario(self, name: str) -> Thesis:
        """The same thesis with another scenario applied (files are not read again).

        Parameters
        ----------
        name : str
            A scenario name, or ``"base"``.

        Returns
        -------
        Thesis

        Raises
        ------
        ThesisError
            Unknown scenario, or a problem of that scenario's assembled assumptions.
        """
        if name == self.scenario:
            return self
        return _applied(self._bundle, name)

    # -- ledger -----------------------------------------------------------------------------
    def central_values(self) -> dict[str, float]:
        """Every assumption at its central value, in its declared unit.

        Derived assumptions are evaluated at the central values of their inputs; per-year
        quantities (processes and what uses them) are NaN. See
        :func:`model.inputs.assembly.ledger.central_values`.
        """
        # The thesis is immutable, so are they: computed once (the load's checks ask often).
        cached = self.__dict__.get("_central")
        if cached is None:
            cached = self.__dict__["_central"] = central_values(self)
        return dict(cached)

    def ledger(self) -> pd.DataFrame:
        """Every number of the applied scenario with its source.

        One row each for the price, every assumption, event, correlation and weight, with the
        columns of :data:`LEDGER_COLUMNS`: ``item`` (price, value, dist, derived, process,
        event, correlation, weight), ``scenario`` (where the row's definition comes from),
        ``source`` (``sourced``, ``sourced (spread estimated)``, ``derived`` or ``estimate``),
        ``value`` (the definition as written: a number, a distribution, ``= expression``),
        ``central`` (a number in ``unit``: the central value; for an event its annual
        probability; NaN for per-year quantities), ``label``, and the document, quote and
        rationale. Fractions stay fractions here (``0.358``); :func:`~model.inputs.assembly.ledger.
        format_ledger` prints them as percentages.
        """
        return build_ledger(self)

    def source_counts(self) -> dict[str, int]:
        """How the assumptions are supported.

        Returns
        -------
        dict
            ``sourced`` (document quotes, including those whose spread is estimated),
            ``derived``, ``estimated``, ``spread_estimated`` (the part of ``sourced`` whose
            spread is an estimate) and ``total``.
        """
        kinds = [a.source.kind for a in self.assumptions.values()]
        return {
            "sourced": sum(k in (SourceKind.SOURCED, SourceKind.SPREAD_ESTIMATED) for k in kinds),
            "derived": sum(k is SourceKind.DERIVED for k in kinds),
            "estimated": sum(k is SourceKind.ESTIMATE for k in kinds),
            "spread_estimated": sum(k is SourceKind.SPREAD_ESTIMATED for k in kinds),
            "total": len(kinds),
        }

    # -- engine spec ------------------------------------------------------------------------
    def to_spec(self) -> Any:
        """The engine's :class:`~model.engine.spec.ModelSpec` for the applied scenario.

        Fixed values become ``fixed`` distributions and derived assumptions become
        :class:`~model.engine.spec.Derived` functions with the conversion to their declared
        unit built in. The engine computes derived values of static inputs before processes
        and events, so those may name them.

        Raises
        ------
        ThesisError
            When the engine rejects the assembled specification, pointing at the assumption.
        """
        from model.inputs.assembly.tospec import build_spec

        # The thesis is immutable, so is its spec: built once (a run asks for it twice, once to
        # check the scorecard on the central path and once to sample).
        cached = self.__dict__.get("_spec")
        if cached is not None:
            return cached
        try:
            spec = build_spec(self)
        except (EngineError, ParameterError) as exc:
            raise ThesisError(
                f"the engine cannot run this thesis: {exc}", file=self._bundle.locator.main.file
            ) from None
        self.__dict__["_spec"] = spec
        return spec

    def __getstate__(self) -> dict[str, Any]:
        # The cached spec and values are rebuilt where they are needed rather than pickled along.
        return {k: v for k, v in self.__dict__.items() if k not in ("_spec", "_central")}


def _freeze(d: Mapping[str, Any]) -> Mapping[str, Any]:
    return ReadOnlyMap(d)


def _make(bundle: Bundle, resolved: Resolved) -> Thesis:
    meta = bundle.meta
    section = bundle.model_section
    return Thesis(
        name=meta.name,
        company=meta.company,
        ticker=meta.ticker,
        as_of=meta.as_of,
        currency=bundle.price.unit.currencies[0],
        years=bundle.years,
        price=bundle.price.value,
        price_info=bundle.price,
        path=bundle.path,
        scenario=resolved.scenario,
        scenarios=_freeze(bundle.scenarios),
        assumptions=_freeze(resolved.assumptions),
        events=_freeze(resolved.events),
        correlations=resolved.correlations,
        scorecard=_freeze(bundle.scorecard),
        weights=_freeze(bundle.weights),
        model_section=_freeze(section) if isinstance(section, Mapping) else section,
        file_hash=bundle.file_hash,
        seeds_dir=bundle.seeds_dir,
        fiscal_year_end=meta.fiscal_year_end or "12-31",
        _bundle=bundle,
        _resolved=resolved,
    )


def _applied(bundle: Bundle, name: str) -> Thesis:
    """The thesis with scenario ``name`` applied and checked; an error at a base line that the
    scenario's overrides break names the scenario."""
    with in_scenario(name):
        return _checked(_make(bundle, resolve(bundle, name)))


def _checked(thesis: Thesis) -> Thesis:
    # A derived value of fixed numbers that has no value would fail every path: say so now,
    # at its line, rather than in the middle of a run.
    thesis.central_values()
    return thesis


def load_thesis(
    path: str | os.PathLike[str],
    scenario: str | None = None,
    *,
    allow_read: Iterable[str | os.PathLike[str]] = (),
    repair_correlations: bool = False,
) -> Thesis:
    """Load, validate and return a thesis with one scenario applied.

    Parameters
    ----------
    path : str or PathLike
        The thesis YAML file.
    scenario : str, optional
        A scenario name (default ``"base"``: the file itself).
    allow_read : iterable of paths, optional
        Folders outside the thesis tree (the thesis file's folder, or the nearest folder above
        it holding ``seeds/``) that scenario files and seed documents may be read from; see
        :mod:`model.inputs.scope`.
    repair_correlations : bool, optional
        Accept correlations that conflict (not a valid correlation matrix): the engine then uses
        the nearest valid matrix, and a warning says how far it moved. By default they are an
        error naming each entry involved.

    Returns
    -------
    Thesis

    Raises
    ------
    ThesisError
        The first problem, as ``file:line: field: message``.
    SettingsError
        ``repair_correlations`` is not True or False.
    """
    if not isinstance(repair_correlations, bool):
        # "no" or "false" is true to Python: it would repair what the caller meant to refuse.
        raise SettingsError(
            f"repair_correlations must be True or False, got {repair_correlations!r}"
        )
    bundle = read_bundle(path, allow_read, bool(repair_correlations))
    return _applied(bundle, scenario or BASE)


#: How a thesis read from standard input is named in messages.
STDIN_NAME = "<stdin>"


def load_thesis_bytes(
    raw: bytes,
    base_dir: str | os.PathLike[str],
    scenario: str | None = None,
    *,
    allow_read: Iterable[str | os.PathLike[str]] = (),
    repair_correlations: bool = False,
) -> Thesis:
    """Load a thesis from the bytes of a YAML document (``thesis validate -`` reads stdin).

    Parameters
    ----------
    raw : bytes
        The thesis file's content.
    base_dir : path
        The folder its relative paths (scenario files, ``seeds_dir``, the seeds folder found
        beside it) are read from, as if the file lay there; the command line uses the current
        directory.
    scenario : str, optional
        A scenario name (default ``"base"``).
    allow_read : iterable of paths, optional
        Folders outside ``base_dir`` that scenario files and seed documents may be read from,
        as in :func:`load_thesis`.
    repair_correlations : bool, optional
        Accept conflicting correlations, as in :func:`load_thesis`.

    Returns
    -------
    Thesis
        Messages name the document ``<stdin>``.
    """
    from model.inputs.yamlsafe import load_yaml_bytes

    if not isinstance(repair_correlations, bool):
        raise SettingsError(
            f"repair_correlations must be True or False, got {repair_correlations!r}"
        )
    path = Path(base_dir) / STDIN_NAME
    main = load_yaml_bytes(raw, STDIN_NAME)
    bundle = read_bundle(path, allow_read, repair_correlations, main=main)
    return _applied(bundle, scenario or BASE)
