"""Warnings for fractions that look written as whole percentages (``40`` meaning 40 %).

Units ``%`` and ``share`` take fractions (``0.40`` is 40 %), so a margin written ``40`` is 4,000 %
and runs silently. Nothing here refuses a value: growth of 150 % (``1.5``) is legitimate. A
fraction is suspicious when it is far outside what its kind of quantity can be:

* a bounded quantity (a margin, share, tax or payout rate, a ratio, a probability, a weight, a
  discount or cost of capital (``wacc``, ``ke``), a yearly dilution or churn, found from the
  assumption's name or label) beyond ``±1``;
* any other fraction (growth, drift, returns) at ``±5`` (500 %) or beyond, or below that when
  its numbers are all whole and reach 3 (``ci90: [0, 4]``: 0 % to 400 % as written);
* a normal's standard deviation (``sd``) past the same limit as the level;
* a process's literal ``start`` and ``mean`` (levels) and ``shock_sd`` (a yearly spread) by the
  same limits.

Each warning names the file and line of the number and suggests the fraction meant.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from model.inputs.figures import format_fixed

__all__ = [
    "FractionWarning",
    "absurd_amounts",
    "implausible_effects",
    "implausible_fractions",
    "inverted_rates",
    "limit_of",
    "percent_hint",
    "scale_slips",
    "written_numbers",
]

#: Words of a name or label that mark a quantity bounded by 100 %.
_BOUNDED = re.compile(
    r"margin|share|tax|payout|ratio|prob|weight|discount|_to_|wacc|cost_of|yield|rate|pct|"
    r"percent|stake|utili[sz]ation|penetration|conversion|dilution|churn|attrition|"
    # The cost of equity by its usual symbols, as a word of a snake_case name: ke, k_e, coe.
    r"(?:^|[^a-z])(?:ke|k_e|coe)(?:[^a-z]|$)",
    re.IGNORECASE,
)
#: Words that mark an unbounded change (growth may exceed 100 %).
_CHANGE = re.compile(r"growth|change|cagr|drift|return|increase|uplift|gain", re.IGNORECASE)
#: Beyond this a fraction of any kind is taken as a whole percentage.
ANY_LIMIT = 5.0
#: An observation's measurement sd (a fraction) at or beyond this is taken as written in points.
SD_LIMIT = 1.0


@dataclass(frozen=True)
class FractionWarning:
    """A fraction that looks like a whole percentage.

    Attributes
    ----------
    field : tuple of str
        Field path of the number, e.g. ``("assumptions", "margin", "value")``.
    message : str
        What was found and the fraction probably meant.
    """

    field: tuple[str | int, ...]
    message: str


def _numbers(assumption: Any) -> Iterator[tuple[str, Any, list[float]]]:
    """(key, value as written, its numbers) of a fixed value or a distribution's parameters."""
    if getattr(assumption, "value", None) is not None:
        yield "value", assumption.value, [float(assumption.value)]
    for key, v in (getattr(assumption, "params", None) or {}).items():
        if key in ("sd", "sigma", "lambda", "a", "b", "probs", "p"):
            continue  # spreads and shapes, not levels
        if isinstance(v, bool):
            continue
        if isinstance(v, int | float):
            yield key, v, [float(v)]
        elif isinstance(v, list | tuple) and all(
            isinstance(x, int | float) and not isinstance(x, bool) for x in v
        ):
            yield key, list(v), [float(x) for x in v]


def percent_hint(written: Any) -> str:
    """``"; did you mean 0.08?"`` for a number (or list) that must lie in [0, 1] and reads as
    whole percentages (each in [0, 100], one above 1: ``8`` for 8 %), else ``""``.

    Parameters
    ----------
    written : float or list of float
        As the thesis writes it.
    """
    numbers = [float(x) for x in (written if isinstance(written, list | tuple) else [written])]
    if not numbers or not all(0.0 <= x <= 100.0 for x in numbers) or max(numbers) <= 1.0:
        return ""
    return f"; did you mean {_fraction_text(list(written) if len(numbers) > 1 else written)}?"


def written_numbers(assumption: Any) -> Iterator[tuple[str, Any, list[float]]]:
    """``(key, value as written, its numbers)`` of an assumption's fixed value or its levels'
    parameters (not its spreads or shapes), to place a message at the number's own line."""
    return _numbers(assumption)


def _limit(name: str, label: str | None) -> float:
    words = f"{name} {label or ''}"
    if _BOUNDED.search(words) and not _CHANGE.search(words):
        return 1.0
    return ANY_LIMIT


#: The limit past which a fraction named so is taken as a whole percentage (1 or 5).
limit_of = _limit


def _fraction_text(v: Any, divisor: float = 100.0) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(f"{x / divisor:g}" for x in v) + "]"
    return f"{v / divisor:g}"


#: Words saying a number is in basis points (hundredths of a percent): "basis points", and
#: "bp" or "bps" in lower case or after a number ("BP" alone is also a company's name).
_BASIS_POINTS = re.compile(
    r"(?i:basis[\s-]*points?|\d\s*bps?(?![a-z]))|(?<![A-Za-z])bps?(?![A-Za-z])"
)
#: What a number in basis points is divided by to give a fraction.
BASIS_POINT = 10_000.0


def _divisor(name: str, a: Any) -> tuple[float, str]:
    """What a whole number of ``a`` is divided by to give the fraction meant, and why: 100 (a
    whole percentage), or 10,000 when its name, label or source speak of basis points
    (``cost_of_risk`` with ``ci90: [20, 45]`` "in basis points" is 0.2% to 0.45%)."""
    source = getattr(a, "source", None)
    words = [name, getattr(a, "label", None)]
    words += [getattr(source, k, None) for k in ("rationale", "quote", "spread")]
    if any(isinstance(w, str) and _BASIS_POINTS.search(w) for w in words):
        return BASIS_POINT, " (its words speak of basis points: 1 bp is 0.0001)"
    return 100.0, ""


def implausible_fractions(thesis: Any) -> list[FractionWarning]:
    """Fractions of a thesis (units ``%`` and ``share``) that look like whole percentages.

    Parameters
    ----------
    thesis : Thesis
        One scenario applied (its assumptions, with their field paths).

    Returns
    -------
    list of FractionWarning
    """
    out: list[FractionWarning] = []
    for name, a in thesis.assumptions.items():
        unit = getattr(a, "unit", None)
        if unit is None or not unit.is_fraction:
            continue
        limit = _limit(name, getattr(a, "label", None))
        divisor, why = _divisor(name, a)
        levels = list(_numbers(a))
        # A distribution's numbers are read together: all whole (min 1, mode 2, max 4), or
        # not one of them is taken for a whole percentage (min 0.1, mode 0.5, max 2).
        every = [x for _, _, numbers in levels for x in numbers]
        whole = limit == ANY_LIMIT and _whole_points(every) and max(map(abs, every)) <= limit
        if whole:
            key, written, numbers = max(levels, key=lambda item: max(map(abs, item[2])))
            said = _whole_points_warning(name, a, unit, key, written, every, divisor, why)
            if len(levels) > 1:  # min, mode and max: each of them is meant so
                said = FractionWarning(said.field, f"{said.message} (and its other numbers alike)")
            out.append(said)
        for key, written, numbers in levels:
            worst = max(numbers, key=abs) if numbers else 0.0
            if abs(worst) <= limit:
                continue
            kind = "a bounded quantity" if limit == 1.0 else "any quantity"
            shown = f"{written!r}" if isinstance(written, list) else f"{written:g}"
            out.append(
                FractionWarning(
                    (*tuple(getattr(a, "path", ("assumptions", name))), key),
                    f"{shown} in unit '{unit}' means {format_fixed(worst * 100)}%, implausible for "
                    f"{kind}; '{unit}' values are fractions: did you mean "
                    f"{_fraction_text(written, divisor)}?{why}",
                )
            )
        out += _implausible_spread(name, a, unit, limit)
        out += _implausible_process(name, a, unit, limit)
    return out + implausible_effects(thesis)


#: Whole numbers reaching this in a fraction unit read as whole percentages even under the
#: limit (``ci90: [1, 4]`` for a growth rate: 100% to 400% a year as written); a tripling
#: (``2``, +200 %) or a loss of everything (``-1``) is written so on purpose.
WHOLE_POINTS_FROM = 3.0


def _whole_points(numbers: list[float]) -> bool:
    """Every number whole and one of them at least :data:`WHOLE_POINTS_FROM` in size: a
    growth of 2 (200 %) is written so, but 1 and 4 together are more likely 1 % and 4 %."""
    return bool(numbers) and (
        all(x == int(x) for x in numbers) and max(abs(x) for x in numbers) >= WHOLE_POINTS_FROM
    )


def _whole_points_warning(
    name: str,
    a: Any,
    unit: Any,
    key: str,
    written: Any,
    numbers: list[float],
    divisor: float,
    why: str,
) -> FractionWarning:
    shown = f"{written!r}" if isinstance(written, list) else f"{written:g}"
    low, high = min(numbers), max(numbers)
    span = f"{format_fixed(high * 100)}%"
    if low != high:
        span = f"{format_fixed(low * 100)}% to {span}"
    usually = (
        "whole percentages, or basis points as its words say here" if why else ("whole percentages")
    )
    return FractionWarning(
        (*tuple(getattr(a, "path", ("assumptions", name))), key),
        f"{shown} in unit '{unit}' means {span}: whole numbers in a fraction unit are "
        f"usually {usually}; '{unit}' values are fractions: did you mean "
        f"{_fraction_text(written, divisor)}? (a rate this large is accepted as written)",
    )


def implausible_effects(thesis: Any) -> list[FractionWarning]:
    """Events' literal effects that look mistyped, at their ``by:`` lines.

    * ``op: add`` of a whole percentage to a fraction (``by: -20`` to a growth rate in ``%``,
      meaning 20 points): judged by the limits of the target's own level, and a cut that takes
      a rate below -100 % on the central path (``by: -3`` to a growth of 8 %);
    * ``op: multiply`` by a negative number, which flips the target's sign: a fall of 20 % is
      ``by: 0.8``, not ``by: -0.2``.

    An effect ``by`` an assumption's name is left to that assumption's own checks.
    """
    out: list[FractionWarning] = []
    for event in getattr(thesis, "events", {}).values():
        for i, effect in enumerate(event.effects):
            by = effect.by
            if isinstance(by, str) or isinstance(by, bool):
                continue
            field = (*tuple(event.path), "effects", i, "by")
            target = thesis.assumptions.get(effect.target)
            unit = getattr(target, "unit", None)
            if effect.op.value == "multiply" and by < 0:
                fall = f"; a fall of {abs(by):.0%} is by: {1 + by:g}" if -1 < by < 0 else ""
                out.append(
                    FractionWarning(
                        field,
                        f"multiplying '{effect.target}' by {by:g} flips its sign{fall}",
                    )
                )
            elif effect.op.value == "multiply" and by > 1.0 and unit is not None:
                said = _multiplied_past(thesis, effect.target, target, unit, by)
                if said:
                    out.append(FractionWarning(field, said))
            elif effect.op.value == "add" and unit is not None and unit.is_fraction:
                limit = _limit(effect.target, getattr(target, "label", None))
                level = _central(thesis, effect.target) if by < -1.0 else None
                if abs(by) <= limit and (level is None or level + by >= -1.0):
                    continue
                if abs(by) <= limit:  # a rate taken below -100 %: less than nothing left
                    why = (
                        f"takes it from {level:.0%} to {level + by:.0%} on the central path, "
                        "below -100%"
                    )
                else:
                    kind = "a bounded quantity" if limit == 1.0 else "any quantity"
                    why = f"adds {format_fixed(by * 100)} percentage points, implausible for {kind}"
                out.append(
                    FractionWarning(
                        field,
                        f"adding {by:g} to '{effect.target}' (unit '{unit}') {why}; '{unit}' "
                        f"values are fractions: did you mean {by / 100:g}?",
                    )
                )
    return out


def _multiplied_past(thesis: Any, name: str, target: Any, unit: Any, by: float) -> str | None:
    """What to say of ``op: multiply`` by ``by`` (> 1) that takes a fraction past the limit of
    its kind on the central path (``by: 50`` meaning a cut to 50 %), else None."""
    if not unit.is_fraction:
        return None
    level = _central(thesis, name)
    limit = _limit(name, getattr(target, "label", None))
    if level is None or abs(level) > limit or abs(level * by) <= limit:
        return None
    kind = "a bounded quantity" if limit == 1.0 else "any quantity"
    meant = f"; a cut to {by:g}% is by: {by / 100:g}" if by <= 100.0 else ""
    return (
        f"multiplying '{name}' by {by:g} takes it from {level:.0%} to "
        f"{format_fixed(level * by * 100)}% on the central path, implausible for {kind}{meant}"
    )


def _central(thesis: Any, name: str) -> float | None:
    """The central value of assumption ``name`` (None when it has none: a process, a name the
    thesis does not hold)."""
    try:
        value = float(thesis.central_values()[name])
    except Exception:  # a thesis that cannot say is checked elsewhere; this is only a warning
        return None
    return value if value == value else None


def _implausible_spread(name: str, a: Any, unit: Any, limit: float) -> list[FractionWarning]:
    """A standard deviation of a fraction past the level's own limit (``sd: 40`` in ``%``).

    A spread of 4,000 % draws levels no quantity of the kind reaches; the lognormal's
    ``sigma`` is a spread of logarithms, not of the fraction, and is left alone.
    """
    sd = (getattr(a, "params", None) or {}).get("sd")
    if isinstance(sd, bool) or not isinstance(sd, int | float) or not abs(sd) > limit:
        return []
    kind = "a bounded quantity" if limit == 1.0 else "any quantity"
    # A whole percentage is only a likely reading when it gives a plausible spread.
    meant = f": did you mean {sd / 100:g}?" if abs(sd) / 100 <= limit else ""
    path = tuple(getattr(a, "path", ("assumptions", name)))
    return [
        FractionWarning(
            (*path, "sd"),
            f"sd {sd:g} in unit '{unit}' is a spread of {sd * 100:,.4g}%, implausible for "
            f"{kind}; '{unit}' values are fractions{meant}",
        )
    ]


def _implausible_process(name: str, a: Any, unit: Any, limit: float) -> list[FractionWarning]:
    """A process's literal ``start``, ``mean`` and ``shock_sd`` past the level's limit, at the
    field's own line (``shock_sd: 6`` in ``%`` meaning six points a year).

    A named parameter is an assumption of the same unit, checked as one.
    """
    p = getattr(a, "process", None)
    if p is None:
        return []
    path = (*tuple(getattr(a, "path", ("assumptions", name))), "process")
    kind = "a bounded quantity" if limit == 1.0 else "any quantity"
    out: list[FractionWarning] = []
    for key in ("start", "mean"):
        v = getattr(p, key)
        if isinstance(v, bool) or not isinstance(v, int | float) or abs(v) <= limit:
            continue
        out.append(
            FractionWarning(
                (*path, key),
                f"{v:g} in unit '{unit}' means {format_fixed(v * 100)}%, implausible for {kind}; "
                f"'{unit}' values are fractions: did you mean {v / 100:g}?",
            )
        )
    sd = p.shock_sd
    if not isinstance(sd, bool) and isinstance(sd, int | float) and abs(sd) > limit:
        # As for a normal's sd: a whole percentage is only suggested when it is a plausible spread.
        meant = f": did you mean {sd / 100:g}?" if abs(sd) / 100 <= limit else ""
        out.append(
            FractionWarning(
                (*path, "shock_sd"),
                f"shock_sd {sd:g} in unit '{unit}' is a yearly spread of {sd * 100:,.4g}%, "
                f"implausible for {kind}; '{unit}' values are fractions{meant}",
            )
        )
    return out


#: An override whose central value, in the base's unit, is this many times the base's (or
#: its reciprocal) while written in another scale of that unit looks like a scale slip.
SCALE_SLIP = 100.0


def scale_slips(thesis: Any, base: Any) -> list[FractionWarning]:
    """Overrides written in another scale of the base's unit (``USD m`` for ``USD bn``) whose
    central value moves ``SCALE_SLIP``-fold or more from the base's: the numbers kept, the
    scale changed.

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    base : Thesis
        The same thesis without a scenario.

    Returns
    -------
    list of FractionWarning
        At each override's ``unit`` line.
    """
    import math

    out: list[FractionWarning] = []
    rescaled = [
        (name, a, b, path)
        for name, a in thesis.assumptions.items()
        if (path := tuple(getattr(a, "path", ())))[:1] == ("scenarios",)
        and (b := base.assumptions.get(name)) is not None
        and a.unit.power != b.unit.power
    ]
    if not rescaled:  # the central values cost more than all the rest: only when one may slip
        return out
    here, there = thesis.central_values(), base.central_values()
    for name, a, b, path in rescaled:
        x, y = here.get(name, math.nan), there.get(name, math.nan)
        if not (math.isfinite(x) and math.isfinite(y)) or x == 0.0 or y == 0.0:
            continue
        if not a.unit.same_dimension(b.unit):
            continue
        converted = x * a.unit.factor_to(b.unit)
        ratio = abs(converted / y)
        if 1.0 / SCALE_SLIP < ratio < SCALE_SLIP:
            continue
        times = f"{format_fixed(ratio)} times" if ratio >= 1 else f"1/{format_fixed(1 / ratio)} of"
        out.append(
            FractionWarning(
                (*path, "unit"),
                f"the override is in {a.unit}, the base in {b.unit}: its central value "
                f"{x:,.4g} {a.unit} is {converted:,.4g} {b.unit}, {times} the base's "
                f"{y:,.4g} {b.unit}; is the scale meant?",
            )
        )
    return out


def implausible_entries(entries: Any) -> list[tuple[str, str]]:
    """Observations and realised values (units ``%`` and ``share``) that look written as whole
    percentages: ``(file:line, message)`` each, by the rules of :func:`implausible_fractions`,
    and an observation's measurement sd of 100 percentage points or more and larger than its
    reading.

    A realised cloud growth of ``34`` meaning 34 % was placed at the top of the vintage's
    distribution (3,400 %) without a word.
    """
    from model.errors import ThesisModelError
    from model.inputs.units import parse_unit

    out: list[tuple[str, str]] = []
    for e in entries:
        try:
            unit = parse_unit(e.unit) if e.unit else None
        except ThesisModelError:
            continue
        if unit is None or not unit.is_fraction:
            continue
        numbers = [v for k in ("value", "low", "high") if (v := getattr(e, k, None)) is not None]
        limit = _limit(e.name, getattr(e, "label", None))
        worst = max(numbers, key=abs) if numbers else 0.0
        where = getattr(e, "where", "")
        if not where and getattr(e, "file", None):
            where = f"{e.file}:{e.line}" if e.line else str(e.file)
        if abs(worst) > limit:
            out.append(
                (
                    where,
                    f"{e.name}: {worst:g} in unit '{e.unit}' means {format_fixed(worst * 100)}%, "
                    f"implausible; '{e.unit}' values are fractions: did you mean "
                    f"{worst / 100:g}?",
                )
            )
            continue
        # A measurement error of 100 percentage points or more says nothing about a fraction:
        # an sd written in points (2 meaning 0.02) leaves the evidence almost without weight.
        # Beside a reading larger still (300% give or take 100%) it is a rough measurement.
        sd = getattr(e, "sd", None)
        value = getattr(e, "value", None)
        if sd is not None and abs(sd) >= SD_LIMIT and (value is None or abs(sd) > abs(value)):
            out.append(
                (
                    where,
                    f"{e.name}: an sd of {sd:g} in unit '{e.unit}' means "
                    f"{format_fixed(sd * 100)}%, "
                    f"implausible for a measurement error; '{e.unit}' values are fractions: "
                    f"did you mean {sd / 100:g}?",
                )
            )
    return out


#: A money amount this many times the largest other amount of its currency in the thesis, or
#: past ``ABSURD_AMOUNT`` units of its currency (1e20 dollars, or rupiah), is taken as a slip.
AMOUNT_RATIO = 1e6
ABSURD_AMOUNT = 1e20
#: Below this (in units of the currency) no amount is called absurd, whatever the others.
_SMALL_AMOUNT = 1e12


def absurd_amounts(thesis: Any) -> list[FractionWarning]:
    """Money amounts whose central value is absurd for the thesis' own scale: beyond
    ``ABSURD_AMOUNT`` units of the currency, or more than ``AMOUNT_RATIO`` times the largest
    other amount of the same currency it states (a market of ``1e23`` next to sales of ``80``).

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.

    Returns
    -------
    list of FractionWarning
        At each such amount's ``value`` line (its entry's, for a distribution).
    """
    import math

    central = thesis.central_values()
    amounts: dict[str, float] = {}
    for name, a in thesis.assumptions.items():
        unit: Any = getattr(a, "unit", None)
        value = central.get(name, math.nan)
        if getattr(unit, "is_money", False) and math.isfinite(value) and value != 0.0:
            amounts[name] = abs(value) * unit.scale
    out: list[FractionWarning] = []
    for name, amount in amounts.items():
        a = thesis.assumptions[name]
        others = [
            (v, other)
            for other, v in amounts.items()
            if other != name and thesis.assumptions[other].unit.currency == a.unit.currency
        ]
        largest, which = max(others, default=(0.0, ""))
        if amount > ABSURD_AMOUNT:
            why = f"more than {ABSURD_AMOUNT:.0e} {a.unit.currency}, past any market or company"
        elif amount > _SMALL_AMOUNT and largest > 0 and amount > AMOUNT_RATIO * largest:
            why = (
                f"{amount / largest:.3g} times the largest other {a.unit.currency} amount of the "
                f"thesis ({which} = {central[which]:,.4g} {thesis.assumptions[which].unit})"
            )
        else:
            continue
        path = tuple(getattr(a, "path", ()))
        field = (*path, "value") if getattr(a, "value", None) is not None else path
        out.append(
            FractionWarning(
                field,
                f"the central value {central[name]:.4g} {a.unit} is {why}; check its scale and "
                "unit (a number written in the wrong unit, or an exponent slipped)",
            )
        )
    return out


#: Words of a net debt in an estimate's own text ("net debt of 1.2 bn", "net borrowings").
_NET_DEBT_WORDS = re.compile(
    r"\bnet (?:financial |interest-bearing )?(?:debt|borrowings?)\b", re.IGNORECASE
)
_NET_CASH_WORDS = re.compile(r"\bnet cash\b", re.IGNORECASE)
_CASH_NAME = re.compile(r"(?:^|_)(?:net_)?cash(?:_|$)", re.IGNORECASE)


def _value_field(name: str, a: Any) -> tuple[str | int, ...]:
    """The field that gives assumption ``a`` its value: ``value``, ``derived`` or its
    distribution's first parameter."""
    if getattr(a, "value", None) is not None:
        key = "value"
    elif getattr(a, "derived", None) is not None:
        key = "derived"
    else:
        key = next(iter(getattr(a, "params", None) or {"value": None}))
    return (*tuple(getattr(a, "path", ("assumptions", name))), key)


def _central_values(thesis: Any) -> dict[str, float] | None:
    """The thesis' central values, or None when it cannot say (refused elsewhere; the checks
    that read them only warn)."""
    try:
        return dict(thesis.central_values())
    except Exception:
        return None


def inverted_rates(thesis: Any) -> list[FractionWarning]:
    """Exchange rates whose central value reads as written the other way round
    (:func:`~model.inputs.currencies.inverted_rate`), at the field that gives each; none for a
    thesis valued before the levels they are judged by."""
    from model.inputs.currencies import LEVELS_FROM, inverted_rate

    as_of = getattr(thesis, "as_of", None)
    central = _central_values(thesis)
    if central is None or (as_of is not None and as_of.year < LEVELS_FROM):
        return []
    out: list[FractionWarning] = []
    for name, a in thesis.assumptions.items():
        unit = getattr(a, "unit", None)
        said = inverted_rate(float(central.get(name, math.nan)), unit) if unit else None
        if said is not None:
            out.append(FractionWarning(_value_field(name, a), f"'{name}': {said}"))
    return out


def debt_written_as_cash(thesis: Any) -> list[FractionWarning]:
    """Net cash assumptions above zero whose own words speak of a net debt.

    A balance named as cash (``net_cash_2025``) is net cash: a net debt is written below zero.
    A quoted one is checked against its quote's sign; an estimate whose rationale or label
    says "net debt of 1.2 billion" next to ``value: 1.2`` holds cash where the company owes
    it, and values the debt as an asset, so it is warned at its value.
    """
    out: list[FractionWarning] = []
    central = _central_values(thesis)
    if central is None:
        return out
    for name, a in thesis.assumptions.items():
        unit = getattr(a, "unit", None)
        source = getattr(a, "source", None)
        if unit is None or not unit.is_money or not _CASH_NAME.search(name) or "debt" in name:
            continue
        if getattr(source, "quote", None):
            continue  # the quote's own sign is checked where it is read
        words = " ".join(
            w for w in (getattr(a, "label", None), getattr(source, "rationale", None)) if w
        )
        value = float(central.get(name, float("nan")))
        debt = _NET_DEBT_WORDS.search(words) and not _NET_CASH_WORDS.search(words)
        if not (value > 0.0 and debt):
            continue
        out.append(
            FractionWarning(
                _value_field(name, a),
                f"'{name}' is {value:g} {unit}, net cash above zero, but its words speak of a "
                f"net debt: a net debt is net cash below zero (write {-value:g})",
            )
        )
    return out
