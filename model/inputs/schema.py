"""Pydantic models of the thesis file format, and plain-words conversion of their errors.

The models check *structure and types* only: which keys exist, what type each value has.
Meaning (units, distribution parameters, sources, cross references) is checked afterwards by
:mod:`model.inputs.assembly.build` and :mod:`model.inputs.assembly.thesis`, which know the field
paths and can point at the exact line.

Every model forbids unknown keys; a typo gets a "did you mean" suggestion. Numbers must be real
numbers (not strings, not booleans, never NaN or infinity); strings that YAML 1.1 would have read
as booleans or numbers get a hint, since that is what the analyst probably meant.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from model.errors import ThesisError
from model.inputs.scalars import (
    Bounds,
    Date,
    Flag,
    MonthDay,
    Number,
    NumberOrName,
    Numbers,
    Pair,
    Tag,
    Text,
    Texts,
    Title,
    Year,
    as_list,
    as_year_list,
    describe_value,
    string_hint,
)
from model.inputs.yamlsafe import FieldPath, Locator

__all__ = [
    "AssumptionSpec",
    "CorrelationSpec",
    "EffectSpec",
    "EventSpec",
    "ObservationSpec",
    "PriceSpec",
    "ProcessSpec",
    "RealisedSpec",
    "ScenarioFileSpec",
    "ScenarioSpec",
    "ScoreSpec",
    "SourceSpec",
    "ThesisFileSpec",
    "ThesisMeta",
    "WeightSpec",
    "describe_value",
    "validate_model",
]

# -- models ------------------------------------------------------------------------------------


class _Strict(BaseModel):
    """Base: frozen, strict, unknown keys rejected with a suggestion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=False)

    @classmethod
    def allowed_keys(cls) -> tuple[str, ...]:
        return tuple(f.alias or name for name, f in cls.model_fields.items())

    @model_validator(mode="before")
    @classmethod
    def _check_keys(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise PydanticCustomError(
                "mapping",
                "expected a mapping (indented 'key: value' lines), got {got}",
                {"got": describe_value(data)},
            )
        allowed = cls.allowed_keys()
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
                raise PydanticCustomError(
                    "unknown_key", "unknown key '{key}'; {hint}", {"key": str(key), "hint": hint}
                )
        return data


class SourceSpec(_Strict):
    """Where a number comes from: a document quote, an estimate, or a derivation."""

    doc: Text | None = None
    quote: Text | None = None
    number: Text | None = None
    spread: Text | None = None
    estimate: Text | None = None
    derived: Text | None = None


class ProcessSpec(_Strict):
    """A mean-reverting per-year path."""

    mean: NumberOrName
    shock_sd: NumberOrName
    reversion: Number
    start: NumberOrName


#: Distribution parameter keys an assumption may carry (the family decides which apply).
PARAM_KEYS = (
    "mean",
    "sd",
    "median",
    "sigma",
    "min",
    "mode",
    "max",
    "lambda",
    "a",
    "b",
    "p",
    "ci90",
    "values",
    "probs",
)


class AssumptionSpec(_Strict):
    """One assumption: a fixed value, a distribution, a derived expression or a process."""

    unit: Text
    label: Text | None = None
    value: Number | None = None
    dist: Text | None = None
    derived: Text | None = None
    process: ProcessSpec | None = None
    bounds: Bounds | None = None
    source: SourceSpec | None = None
    # distribution parameters
    mean: Number | None = None
    sd: Number | None = None
    median: Number | None = None
    sigma: Number | None = None
    min_: Number | None = Field(None, alias="min")
    mode: Number | None = None
    max_: Number | None = Field(None, alias="max")
    lambda_: Number | None = Field(None, alias="lambda")
    a: Number | None = None
    b: Number | None = None
    p: Number | None = None
    ci90: Pair | None = None
    values: Numbers | None = None
    probs: Numbers | None = None

    def params(self) -> dict[str, Any]:
        """Distribution parameters as written (keys as in the file)."""
        out: dict[str, Any] = {}
        for name, f in type(self).model_fields.items():
            key = f.alias or name
            if key in PARAM_KEYS:
                value = getattr(self, name)
                if value is not None:
                    out[key] = value
        return out

    def kinds_given(self) -> list[str]:
        """Which of value / dist / derived / process are present."""
        return [k for k in ("value", "dist", "derived", "process") if getattr(self, k) is not None]


class EffectSpec(_Strict):
    """What an event does to a target when it happens."""

    target: Text
    op: Text
    by: NumberOrName


class EventSpec(_Strict):
    """A discrete event with an annual probability."""

    label: Text | None = None
    annual_prob: NumberOrName
    repeatable: Flag = False
    years: Annotated[list[Year], BeforeValidator(as_year_list)] | None = None
    effects: Annotated[list[EffectSpec], BeforeValidator(as_list)]
    source: SourceSpec


class CorrelationSpec(_Strict):
    """A Spearman rank correlation between two distribution assumptions."""

    between: Texts
    rho: Number
    label: Text | None = None
    source: SourceSpec


class ScoreSpec(_Strict):
    """A named claim in the expression language.

    ``view`` tags a claim of another article view than the thesis' own (as scenarios are
    tagged), e.g. the opposing 2022 thesis carried forward: charts count it apart.
    """

    statement: Text
    label: Text | None = None
    source: SourceSpec | None = None
    view: Tag | None = None


class ScenarioSpec(_Strict):
    """A scenario overlay."""

    label: Text
    view: Tag | None = None
    extends: Text | None = None
    rationale: SourceSpec
    overrides: dict[str, AssumptionSpec] = Field(default_factory=dict)
    events: dict[str, EventSpec] | None = None
    correlations: Annotated[list[CorrelationSpec], BeforeValidator(as_list)] | None = None


class WeightSpec(_Strict):
    """A scenario's probability weight for blending."""

    value: Number
    source: SourceSpec


class PriceSpec(_Strict):
    """The current share price, optionally with the day it was quoted and a label."""

    value: Number
    unit: Text
    date: Date | None = None
    label: Text | None = None
    source: SourceSpec


class HorizonSpec(_Strict):
    """First and last model year."""

    first: Year
    last: Year


class ThesisMeta(_Strict):
    """The ``thesis:`` block."""

    name: Title
    company: Title
    ticker: Tag | None = None
    as_of: Date
    currency: Text
    horizon: HorizonSpec
    price: PriceSpec
    fiscal_year_end: MonthDay | None = None


class ObservationSpec(_Strict):
    """One observation of an ``evidence:`` section (checked by ``inputs.assembly.evidence``)."""

    quantity: Text
    unit: Text | None = None
    label: Text | None = None
    value: Number | None = None
    sd: Number | None = None
    range: list[Number | None] | None = None
    low: Number | None = None
    high: Number | None = None
    source: SourceSpec | None = None


class RealisedSpec(_Strict):
    """One realised value of a ``realised:`` section: what became of a previous forecast."""

    quantity: Text
    value: Number
    unit: Text | None = None
    label: Text | None = None
    source: SourceSpec | None = None


class ThesisFileSpec(_Strict):
    """A whole thesis file."""

    # The loader reads format 1 alone (``unsupported format``); the JSON Schema says so too.
    format: int = Field(json_schema_extra={"const": 1})
    thesis: ThesisMeta
    seeds_dir: Text | None = None
    assumptions: dict[str, AssumptionSpec]
    correlations: Annotated[list[CorrelationSpec], BeforeValidator(as_list)] = Field(
        default_factory=list
    )
    events: dict[str, EventSpec] = Field(default_factory=dict)
    model: dict[str, Any] | None = None
    scorecard: dict[str, ScoreSpec] = Field(default_factory=dict)
    scenarios: dict[str, ScenarioSpec] = Field(default_factory=dict)
    scenario_files: Texts = Field(default_factory=list)
    weights: dict[str, WeightSpec] = Field(default_factory=dict)
    evidence: dict[str, ObservationSpec] = Field(default_factory=dict)
    evidence_file: Text | None = None
    previous: Text | None = None
    realised: dict[str, RealisedSpec] = Field(default_factory=dict)
    realised_file: Text | None = None


class ScenarioFileSpec(_Strict):
    """A file of scenario overlays (listed in ``scenario_files``)."""

    format: int | None = Field(default=None, json_schema_extra={"const": 1})
    scenarios: dict[str, ScenarioSpec]


# -- error conversion --------------------------------------------------------------------------

_TYPE_WORDS = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "bool_type": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected a mapping (indented 'key: value' lines)",
    "model_type": "expected a mapping (indented 'key: value' lines)",
}


def _error_path_and_text(err: Mapping[str, Any]) -> tuple[FieldPath, str]:
    loc = tuple(p for p in err["loc"] if p != "[key]")
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return loc[:-1], f"missing required key '{loc[-1]}'"
    if kind == "unknown_key":
        return (*loc, ctx["key"]), err["msg"]
    if "[key]" in err["loc"]:
        return loc, f"names must be text, got {describe_value(err.get('input'))}"
    if kind in _TYPE_WORDS:
        got = err.get("input")
        if isinstance(got, str) and kind in ("bool_type", "float_type", "int_type"):
            wanted = "bool" if kind == "bool_type" else "number"
            return loc, string_hint(got, wanted)
        return loc, f"{_TYPE_WORDS[kind]}, got {describe_value(got)}"
    return loc, err["msg"]


def validate_model(
    model: type[_Strict],
    data: Any,
    locator: Locator,
    prefix: FieldPath = (),
    *,
    what: str = "a YAML file of 'key: value' lines",
) -> Any:
    """Validate ``data`` against ``model``; raise one clear :class:`ThesisError` if it fails.

    Parameters
    ----------
    model : type
        A model class of this module.
    data : Any
        Plain data from :mod:`model.inputs.yamlsafe`.
    locator : Locator
        Finds the file and line of a field path.
    prefix : tuple
        Path of ``data`` inside its document.
    what : str
        What the whole document should be (``"a thesis file"``), for a file that is not
        ``key: value`` lines at all.

    Raises
    ------
    ThesisError
        The first problem in file order, naming file, line and field; the count of further
        problems is appended.
    """
    if not prefix and not isinstance(data, dict):
        raise _not_a_document(data, locator, what)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems: list[tuple[int, int, tuple[Any, ...], str]] = []
        for err in exc.errors(include_url=False):
            path, text = _error_path_and_text(err)
            full = (*prefix, *path)
            _, line = locator.locate(full)
            problems.append((line or 0, len(problems), full, text))
        problems.sort(key=lambda p: (p[0], p[1]))
        _, _, path, text = problems[0]
        if len(problems) > 1:
            more = len(problems) - 1
            text += f" (and {more} more problem{'s' if more > 1 else ''})"
        raise locator.error(path, text) from None


def _not_a_document(data: Any, locator: Locator, what: str) -> ThesisError:
    """A whole file that is not ``key: value`` lines: say what it holds, never quote it.

    It may be any file given by mistake (a copy of ``/etc/passwd``, a binary read as text), so
    its content is not echoed, unlike a wrong value inside a thesis.
    """
    file, _ = locator.locate(())
    held = "text" if isinstance(data, str) else "a list" if isinstance(data, list) else "one value"
    return ThesisError(
        f"expected {what} ('key: value' lines at the top level), but the file holds {held}; "
        "is it the right file?",
        file=file,
        line=1,
    )
