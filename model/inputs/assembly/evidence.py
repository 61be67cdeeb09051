"""Evidence: observed facts about a thesis' quantities, each sourced like an assumption.

An evidence file lists observations of quantities the model produces (or of its assumptions),
for example last quarter's cloud growth, so a finished simulation can be conditioned on them
(:func:`model.results.condition.condition`)::

    format: 1
    evidence:
      cloud_growth_2025:
        label: "Cloud revenue growth in 2025"
        quantity: "revenue_growth_cloud[2025]"   # thesis expression language, with a year
        unit: "%"
        value: 0.34                                # a measurement ...
        sd: 0.02                                   # ... with its normal error
        source: {doc: 004_ee90e3727d2ffaf9.txt,
                 quote: "Cloud revenue grew 34% year-over-year in Q3 2025"}
      share_floor:
        quantity: "share_ai_cloud_alibaba[2025]"
        unit: share
        range: [0.30, null]                        # or a range / one-sided bound
        source: {estimate: "No rival has claimed the lead in any survey this year"}

Sources follow the thesis rules: a document quote must appear in the thesis' seed documents and
contain the observed number (the value, or a finite end of the range) in the observation's unit;
an estimate needs a rationale. Errors name the evidence file, line and field.

The same ``evidence:`` section may sit in the thesis file itself, or the thesis may name an
evidence file (``evidence_file: evidence/alibaba-2025q3.yaml``); both are checked when the
thesis is loaded and used by ``thesis update PATH`` and the report when no file is given. A thesis
file may also name the vintage it succeeds and say what became of that vintage's forecasts::

    previous: alibaba-2022.yaml          # the older thesis file, relative to this one
    realised:                            # or realised_file: a file with a realised: section
      aliyun_share_2024:
        label: "Aliyun's share of China's cloud market, 2024"
        quantity: "share_cloud_alibaba[2024]"   # in the *previous* vintage's language
        unit: share
        value: 0.36
        source: {doc: ..., quote: "... 36% ..."}

``realised`` values are in the unit of the previous vintage's quantity (``unit`` is only how the
quote states the number); the backtest (:func:`model.backtest`) places each in the previous
vintage's distribution. A separate file with ``format: 1`` and a ``realised:`` section serves
the same purpose (``thesis backtest OLD --realised FILE``).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pydantic import Field

from model.errors import ParameterError, ThesisModelError
from model.inputs.assembly.facts.observations import (
    Observation,
    ObservationKind,
    observation_from_mapping,
)
from model.inputs.schema import ObservationSpec, RealisedSpec, _Strict, validate_model
from model.inputs.scope import OutsideScope, ReadScope
from model.inputs.sources.provenance import SeedIndex, SourceRules, check_source
from model.inputs.units import parse_unit
from model.inputs.yamlsafe import FieldPath, Locator, display_path, load_yaml, parse_dotted

if TYPE_CHECKING:
    from model.inputs.assembly.thesis import Thesis

__all__ = [
    "Observation",
    "ObservationKind",
    "Realised",
    "check_thesis_sections",
    "load_evidence",
    "load_realised",
    "observation_from_mapping",
    "previous_vintage",
    "thesis_evidence",
    "thesis_realised",
]


# -- sections and files ------------------------------------------------------------------------


class FactsFileSpec(_Strict):
    """An evidence file (``evidence:``) or a file of realised values (``realised:``)."""

    format: int | None = None
    evidence: dict[str, ObservationSpec] = Field(default_factory=dict)
    realised: dict[str, RealisedSpec] = Field(default_factory=dict)


#: Old name of the file model.
EvidenceFileSpec = FactsFileSpec


@dataclass(frozen=True)
class Realised:
    """What became of a quantity an older vintage forecast.

    Attributes
    ----------
    name : str
        The key in the ``realised:`` section.
    quantity : str
        Expression in the older vintage's language, with a year.
    value : float
        What happened, in the quantity's unit.
    unit, label : str
    source : str
        The document and quote, or the estimate, it rests on.
    where : str
        ``file:line`` of its entry, for messages.
    """

    name: str
    quantity: str
    value: float
    unit: str = ""
    label: str = ""
    source: str = ""
    where: str = ""


def _unit_of(spec_unit: str | None, path: FieldPath, locator: Locator) -> Any:
    if spec_unit is None:
        return None
    try:
        return parse_unit(spec_unit)
    except (ThesisModelError, ValueError) as exc:  # unit parser errors carry no location
        raise locator.error((*path, "unit"), str(exc)) from None


def _source_words(source: Any) -> str:
    if source.doc:
        return f'{source.doc}: "{source.quote}"'
    return f"estimate: {source.rationale}"


def _from_spec(
    name: str, spec: ObservationSpec, path: tuple[str, ...], locator: Locator, seeds: SeedIndex
) -> Observation:
    unit = _unit_of(spec.unit, path, locator)
    low, high = spec.low, spec.high
    if spec.range is not None:
        if len(spec.range) != 2:
            raise locator.error((*path, "range"), "a range is [low, high] (null for an open end)")
        low = spec.range[0] if low is None else low
        high = spec.range[1] if high is None else high
    ranged = low is not None or high is not None
    if ranged and (spec.value is not None or spec.sd is not None):
        raise locator.error(path, "give value and sd (a measurement) or a range, not both")
    if not ranged and (spec.value is None or spec.sd is None):
        raise locator.error(path, "needs value and sd (a measurement), or range: [low, high]")
    numbers = (spec.value,) if not ranged else tuple(v for v in (low, high) if v is not None)
    rules = SourceRules(numbers=tuple(float(v) for v in numbers if v is not None), unit=unit)
    source_text = _source_words(check_source(spec.source, path, locator, seeds, rules))
    file, line = locator.locate((*path, "quantity"))
    try:
        if ranged:
            kind = (
                ObservationKind.RANGE
                if low is not None and high is not None
                else ObservationKind.BOUND
            )
            return Observation(
                name,
                spec.quantity,
                kind,
                low=low,
                high=high,
                label=spec.label or "",
                source=source_text,
                unit=spec.unit or "",
                file=file,
                line=line,
            )
        return Observation(
            name,
            spec.quantity,
            ObservationKind.NORMAL,
            spec.value,
            spec.sd,
            label=spec.label or "",
            source=source_text,
            unit=spec.unit or "",
            file=file,
            line=line,
        )
    except ParameterError as exc:
        # The error names its own field (evidence.<name>.sd): point at that line, once.
        where = parse_dotted(exc.field) if exc.field else path
        raise locator.error(where, exc.message) from None


def _realised_from_spec(
    name: str, spec: RealisedSpec, path: FieldPath, locator: Locator, seeds: SeedIndex
) -> Realised:
    unit = _unit_of(spec.unit, path, locator)
    if not math.isfinite(spec.value):
        raise locator.error((*path, "value"), "a realised value must be a finite number")
    # No "[year]" is required here: a quantity with one value per path (a static assumption,
    # an exit multiple) is realised as it is, as backtest() takes it; the run refuses a
    # per-year quantity without its year when it evaluates the entry.
    rules = SourceRules(numbers=(float(spec.value),), unit=unit)
    source = check_source(spec.source, path, locator, seeds, rules)
    file, line = locator.locate((*path, "quantity"))
    return Realised(
        name,
        spec.quantity,
        float(spec.value),
        unit=spec.unit or "",
        label=spec.label or "",
        source=_source_words(source),
        where=f"{file}:{line}" if line else str(file),
    )


_FACTS_FILES = {"evidence": "an evidence file", "realised": "a file of realised values"}


def _read_facts(path: str | os.PathLike[str], key: str) -> tuple[FactsFileSpec, Locator]:
    what = _FACTS_FILES[key]
    loaded = load_yaml(Path(path))
    locator = Locator(loaded)
    if isinstance(loaded.data, dict):
        # A thesis given by mistake: its own keys are no typo of an evidence file's.
        thesis_keys = [k for k in ("thesis", "assumptions") if k in loaded.data]
        if thesis_keys:
            raise locator.error(
                (thesis_keys[0],),
                f"this is a thesis file (it has '{thesis_keys[0]}:'), not {what}; {what} "
                f"holds 'format: 1' and '{key}:' entries (see the README, 'Theses that learn')",
            )
    spec: FactsFileSpec = validate_model(FactsFileSpec, loaded.data, locator, what=what)
    if spec.format not in (None, 1):
        raise locator.error(("format",), f"unsupported format {spec.format}; expected 1")
    return spec, locator


def load_evidence(path: str | os.PathLike[str], thesis: Thesis) -> tuple[Observation, ...]:
    """Read and check an evidence file against a thesis' seed documents.

    Parameters
    ----------
    path : str or PathLike
        The evidence YAML file (``format: 1`` and an ``evidence:`` mapping).
    thesis : Thesis
        The thesis the evidence is about; its seed documents back the quotes.

    Returns
    -------
    tuple of Observation

    Raises
    ------
    ThesisError
        The first problem, with the evidence file's name, line and field.
    """
    spec, locator = _read_facts(path, "evidence")
    if not spec.evidence:
        raise locator.error(("evidence",), "an evidence file needs at least one observation")
    seeds = SeedIndex(getattr(thesis, "seeds_dir", None))
    return tuple(
        _from_spec(name, entry, ("evidence", name), locator, seeds)
        for name, entry in spec.evidence.items()
    )


def load_realised(path: str | os.PathLike[str], thesis: Thesis) -> tuple[Realised, ...]:
    """Read and check a file of realised values (``format: 1`` and a ``realised:`` mapping).

    Parameters
    ----------
    path : str or PathLike
    thesis : Thesis
        A thesis of the same tree; its seed documents back the quotes.

    Returns
    -------
    tuple of Realised

    Raises
    ------
    ThesisError
        The first problem, with the file's name, line and field.
    """
    spec, locator = _read_facts(path, "realised")
    if not spec.realised:
        raise locator.error(("realised",), "a file of realised values needs at least one entry")
    seeds = SeedIndex(getattr(thesis, "seeds_dir", None))
    return tuple(
        _realised_from_spec(name, entry, ("realised", name), locator, seeds)
        for name, entry in spec.realised.items()
    )


def _section(thesis: Thesis, key: str) -> Any:
    bundle = getattr(thesis, "_bundle", None)
    data = getattr(getattr(getattr(bundle, "locator", None), "main", None), "data", None)
    found = data.get(key) if isinstance(data, Mapping) else None
    return found


def _named_file(
    written: str, key: str, thesis_path: Path, locator: Locator, scope: ReadScope | None
) -> Path:
    """A file the thesis names by ``key`` (relative to the thesis file, inside its tree)."""
    target = thesis_path.resolve().parent / written  # the file's own folder, as its tree
    if scope is not None:
        try:
            scope.resolve(target, key)
        except OutsideScope as exc:
            raise locator.error((key,), str(exc)) from None
    if target.is_dir():
        raise locator.error((key,), f"{display_path(target)} is a folder, not a file")
    if not target.is_file():
        found = "is not a regular file" if target.exists() else "not found"
        raise locator.error((key,), f"{key} file {found}: {display_path(target)}")
    if target.resolve() == thesis_path.resolve():
        raise locator.error((key,), f"a thesis cannot be its own {key} file")
    return target


def _scope(thesis: Thesis) -> ReadScope | None:
    # The scope the thesis was read with keeps the folders allowed with --allow-read.
    known = getattr(thesis._bundle, "scope", None)
    if known is not None:
        return cast(ReadScope, known)
    try:
        return ReadScope.for_thesis(thesis.path)
    except OutsideScope:
        return None


def _in_thesis(
    thesis: Thesis,
    key: str,
    load: Callable[[Path, Thesis], tuple[Any, ...]],
    spec_type: type[Any],
    build: Callable[..., Any],
) -> tuple[Any, ...]:
    """The entries of the thesis' ``key:`` section after those of its ``key_file``."""
    locator = thesis._bundle.locator
    named = _section(thesis, f"{key}_file")
    found: tuple[Any, ...] = ()
    if isinstance(named, str):
        file = _named_file(named, f"{key}_file", thesis.path, locator, _scope(thesis))
        found = load(file, thesis)
    section = _section(thesis, key)
    if not isinstance(section, Mapping) or not section:
        return found
    seeds = SeedIndex(thesis.seeds_dir)
    out = []
    for name, entry in section.items():
        path = (key, str(name))
        spec = validate_model(spec_type, entry, locator, path)
        out.append(build(str(name), spec, path, locator, seeds))
    return found + tuple(out)


def thesis_evidence(thesis: Thesis) -> tuple[Observation, ...]:
    """The observations of the thesis' ``evidence:`` section and its ``evidence_file``."""
    return _in_thesis(thesis, "evidence", load_evidence, ObservationSpec, _from_spec)


def thesis_realised(thesis: Thesis) -> tuple[Realised, ...]:
    """The realised values of the thesis' ``realised:`` section and its ``realised_file``."""
    return _in_thesis(thesis, "realised", load_realised, RealisedSpec, _realised_from_spec)


def previous_vintage(thesis: Thesis) -> Path | None:
    """The file of the vintage this thesis succeeds (its ``previous:`` key), or None."""
    written = _section(thesis, "previous")
    if not isinstance(written, str):
        return None
    return _named_file(written, "previous", thesis.path, thesis._bundle.locator, _scope(thesis))


def check_thesis_sections(
    spec: Any, thesis_path: Path, locator: Locator, seeds: SeedIndex, scope: ReadScope
) -> None:
    """Check a thesis file's ``evidence:``, ``realised:`` and ``previous:`` when it is read.

    Every observation and realised value is checked like an assumption (its source's quote
    in the seed documents, with the number), and ``previous`` must name another thesis file
    inside the thesis' tree. Errors name the file, line and field.
    """
    for key, build in (("evidence", _from_spec), ("realised", _realised_from_spec)):
        written, in_file = getattr(spec, f"{key}_file"), {}
        if written is not None:
            file = _named_file(written, f"{key}_file", thesis_path, locator, scope)
            in_file = _check_file(file, key, seeds)
        for name, entry in getattr(spec, key).items():
            if name in in_file:  # one name, two entries: a run refused it without a line
                raise locator.error((key, name), f"also an entry of {in_file[name]}; rename one")
            build(name, entry, (key, name), locator, seeds)
    if spec.previous is not None:
        _named_file(spec.previous, "previous", thesis_path, locator, scope)


def _check_file(path: Path, key: str, seeds: SeedIndex) -> dict[str, str]:
    """Check the entries of an evidence or realised file; name -> ``file:line`` of each."""
    spec, locator = _read_facts(path, key)
    entries = getattr(spec, key)
    if not entries:
        raise locator.error((key,), f"the file needs a '{key}:' section with at least one entry")
    build = _from_spec if key == "evidence" else _realised_from_spec
    found = {}
    for name, entry in entries.items():
        build(name, entry, (key, name), locator, seeds)
        found[name] = f"{display_path(path)}:{locator.locate((key, name))[1]}"
    return found
