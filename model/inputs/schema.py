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

import calendar
import datetime as _dt
import difflib
import math
import re
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

from model.errors import ThesisError, excerpt
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

# -- scalar types ------------------------------------------------------------------------------

_YAML11_BOOL = {
    "yes": "true",
    "no": "false",
    "on": "true",
    "off": "false",
    "y": "true",
    "n": "false",
}
_SEXAGESIMAL = re.compile(r"^[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?$")
_THOUSANDS_NUMBER = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_UNDERSCORE_NUMBER = re.compile(r"^[-+]?\d[\d_]*(?:\.[\d_]*)?$")
_PERCENT = re.compile(r"^\s*[-+]?\d+(?:\.\d+)?\s*%\s*$")
_MONEY = re.compile(r"^\s*(?:US\$|HK\$|\$|¥|£|€|[A-Z]{3}\b)\s*[-+]?\d")
_SCALED = re.compile(r"^\s*[-+]?\d+(?:\.\d+)?\s*(?:k|m|mn|bn|b|tn|million|billion)\s*$", re.I)


def describe_value(v: Any) -> str:
    """Say what a YAML value is, for messages: ``the string 'NO'``, ``the number 3``."""
    if v is None:
        return "nothing (an empty value)"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return f"the number {v:g}" if isinstance(v, float) else f"the number {v}"
    if isinstance(v, str):
        shown = v if len(v) <= 40 else v[:37] + "..."
        return f"the string {shown!r}"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, dict):
        return "a mapping"
    return type(v).__name__


def _string_hint(v: str, wanted: str) -> str:
    """Explain a string found where a number or boolean was expected."""
    shown = excerpt(v)
    low = v.strip().lower()
    if low in _YAML11_BOOL:
        return (
            f"got the string {shown!r}; YAML 1.1 would read it as {_YAML11_BOOL[low]}; "
            f"write {'true/false' if wanted == 'bool' else 'a number'}"
        )
    if wanted == "bool":
        return f"expected true or false, got {describe_value(v)}"
    if _SEXAGESIMAL.match(v.strip()):
        return (
            f"got the string {shown!r}; YAML 1.1 would read it as a base-60 number; "
            "write the number itself"
        )
    if "_" in v and _UNDERSCORE_NUMBER.match(v.strip()):
        plain = excerpt(v.replace("_", ""))
        return f"got the string {shown!r}; write the number without underscores ({plain})"
    if _THOUSANDS_NUMBER.match(v.strip()):
        plain = excerpt(v.strip().replace(",", ""))
        return f"got the string {shown!r}; write the number without thousands separators ({plain})"
    if _PERCENT.match(v):
        frac = float(v.strip().rstrip("%").strip()) / 100
        return f"got the string {shown!r}; write percentages as fractions ({frac:g}) with unit '%'"
    if _MONEY.match(v):
        return f"got the string {shown!r}; write the plain number and put the currency in 'unit:'"
    if _SCALED.match(v):  # 600m: the scale belongs to the unit ('shares m', 'EUR bn')
        return f"got the string {shown!r}; write the plain number and put the scale in 'unit:'"
    if low in (".inf", "-.inf", "+.inf", ".nan", "inf", "nan", "infinity"):
        return "NaN and infinity are not valid inputs; write a finite number"
    return f"expected a number, got {describe_value(v)}"


def _number(v: Any) -> float:
    if isinstance(v, bool):
        raise PydanticCustomError(
            "number", "expected a number, got {got}", {"got": describe_value(v)}
        )
    if isinstance(v, int | float):
        try:
            f = float(v)
        except OverflowError:
            raise PydanticCustomError("number", "number too large") from None
        if not math.isfinite(f):
            raise PydanticCustomError(
                "number", "NaN and infinity are not valid inputs; write a finite number"
            )
        return f
    if isinstance(v, str):
        raise PydanticCustomError("number", _string_hint(v, "number"))
    raise PydanticCustomError("number", "expected a number, got {got}", {"got": describe_value(v)})


def _number_or_none(v: Any) -> float | None:
    return None if v is None else _number(v)


def _number_or_name(v: Any) -> float | str:
    if isinstance(v, str):
        name = v.strip()
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) and name.lower() not in _YAML11_BOOL:
            return name
        raise PydanticCustomError(
            "number_or_name",
            "expected a number or an assumption name; " + _string_hint(v, "number"),
        )
    return _number(v)


def _flag(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, str):
        raise PydanticCustomError("bool", _string_hint(v, "bool"))
    raise PydanticCustomError(
        "bool", "expected true or false, got {got}", {"got": describe_value(v)}
    )


def _text(v: Any) -> str:
    if isinstance(v, str):
        if not v.strip():
            raise PydanticCustomError("text", "must not be empty")
        return v
    raise PydanticCustomError(
        "text", "expected text, got {got} (quote it if it is text)", {"got": describe_value(v)}
    )


#: Longest name or company a thesis may give: they head every table, chart and page.
MAX_TITLE = 200


def _title(v: Any) -> str:
    # The name and the company head console tables, chart titles and report pages, each on
    # one line: a line break (from a "\n" escape or a '|' block) would split those headings.
    text = _text(v)
    if "\n" in text.strip() or "\r" in text.strip():
        raise PydanticCustomError(
            "title", "must be one line of text (got a line break); write it on one line"
        )
    if len(text) > MAX_TITLE:
        raise PydanticCustomError(
            "title",
            "must be at most {limit} characters (got {n}); shorten it",
            {"limit": MAX_TITLE, "n": len(text)},
        )
    return text


def _tag(v: Any) -> str:
    # Short labels such as `view: 2025` are text even when written without quotes.
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    return _text(v)


def _year(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise PydanticCustomError(
            "year", "expected a year such as 2025, got {got}", {"got": describe_value(v)}
        )
    if not 1900 <= v <= 2200:
        raise PydanticCustomError(
            "year", "expected a year such as 2025, got {got}", {"got": str(v)}
        )
    return v


def _date(v: Any) -> _dt.date:
    if isinstance(v, _dt.date):
        return v
    text = v.strip() if isinstance(v, str) else ""
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):  # 2025-02-30, 2025-13-01
            raise PydanticCustomError(
                "date", f"{text} is not a day of the calendar (expected a real date)"
            ) from None
    raise PydanticCustomError(
        "date", "expected a date written as YYYY-MM-DD, got {got}", {"got": describe_value(v)}
    )


def _month_day(v: Any) -> str:
    """A fiscal year end ``"MM-DD"`` (a real day of the month; 29 February falls back to 28)."""
    if isinstance(v, str):
        parts = v.strip().split("-")
        if len(parts) == 2 and all(p.isdigit() and len(p) == 2 for p in parts):
            month, day = int(parts[0]), int(parts[1])
            if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]:
                return f"{month:02d}-{day:02d}"
    raise PydanticCustomError(
        "month_day",
        'expected the month and day the fiscal year ends, quoted, e.g. "06-30" or '
        '"03-31", got {got}',
        {"got": describe_value(v)},
    )


def _pair(v: Any) -> list[Any]:
    if not isinstance(v, list) or len(v) != 2:
        got = f"a list of {len(v)}" if isinstance(v, list) else describe_value(v)
        raise PydanticCustomError("pair", "expected a pair [low, high], got {got}", {"got": got})
    return v


def _list(v: Any) -> list[Any]:
    if not isinstance(v, list):
        raise PydanticCustomError(
            "list", "expected a list ([a, b] or '- ' lines), got {got}", {"got": describe_value(v)}
        )
    return v


Number = Annotated[float, BeforeValidator(_number)]
OptNumber = Annotated[float | None, BeforeValidator(_number_or_none)]
NumberOrName = Annotated[float | str, BeforeValidator(_number_or_name)]
Flag = Annotated[bool, BeforeValidator(_flag)]
Text = Annotated[str, BeforeValidator(_text)]
Title = Annotated[str, BeforeValidator(_title)]
Tag = Annotated[str, BeforeValidator(_tag)]
Year = Annotated[int, BeforeValidator(_year)]
Date = Annotated[_dt.date, BeforeValidator(_date)]
MonthDay = Annotated[str, BeforeValidator(_month_day)]
Pair = Annotated[list[Number], BeforeValidator(_pair)]
Bounds = Annotated[list[OptNumber], BeforeValidator(_pair)]
Numbers = Annotated[list[Number], BeforeValidator(_list)]
Texts = Annotated[list[Text], BeforeValidator(_list)]


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
    effects: Annotated[list[EffectSpec], BeforeValidator(_list)]
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
    correlations: Annotated[list[CorrelationSpec], BeforeValidator(_list)] | None = None


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

    format: int
    thesis: ThesisMeta
    seeds_dir: Text | None = None
    assumptions: dict[str, AssumptionSpec]
    correlations: Annotated[list[CorrelationSpec], BeforeValidator(_list)] = Field(
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

    format: int | None = None
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
            return loc, _string_hint(got, wanted)
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
