"""Leg inputs outside their bounds: a discount outside [0, 1], a multiple below zero, a discount
rate at or below zero, a terminal growth at or above the discount rate or at or below -1.

The checks of :mod:`model.valuation.checks` judge an input that is one assumption from its
distribution before anything is sampled. An input that an event changes, or that an expression
of several assumptions or lines gives, has no such range: a discount narrowed by an event, a
multiple cut by one. :func:`check_leg_bounds` evaluates each leg's inputs where the leg reads
them, on the central path and on drawn paths (a fixed seed), and says what the run would do:

* out of bounds on the central path: an error at the leg's key (a warning for a multiple below
  zero or a rate at or below zero, which the leg computes as written, as the assumptions' own
  checks do);
* out of bounds on drawn paths only: a warning at the leg's key with the share of paths (an
  error for a terminal growth at or above the rate: the run stops on such a path).

A multiple of :data:`HIGH_MULTIPLE` or more on the central path is warned too (a multiple
written as a percentage or with a scale).

The exchange rate ``fx_to_price`` is checked on the same drawn paths: a rate that can reach
zero or below stops a run that draws it, so ``validate`` refuses it at ``model.fx_to_price``
(a segments model's rate, one assumption, as a line model's).

The share count the lines compute is checked on the same drawn paths: a count that an event
takes to zero or below only on some paths passes the central path's check but stops a run that
draws such a path, so ``validate`` refuses it at the count's line, naming the share of paths and
the events. So is a ``share_count`` block's: what it refuses on a path (a cancellation of more
shares than are outstanding, a dilution or a buyback price falling by 100% or more) is refused
at its line with the block's own message.

When the input is one assumption's name and the applied scenario overrides it, the message is
located at that override instead (naming the leg's key it feeds): the override is what the
analyst wrote for this scenario, and the base's leg key may be right for every other one.

Each message names the input as the thesis wrote it, its value, the bounds, the events that
change what it reads, and what the leg does with the value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["DRAWN_PATHS", "check_leg_bounds"]

#: Paths drawn (with a fixed seed) to find the share of paths out of bounds.
DRAWN_PATHS = 4096
_SEED = 20240611


@dataclass(frozen=True)
class _Bound:
    """One bound of a leg input: which values break it and what the leg does with them."""

    what: str  # "the discount"
    bounds: str  # "within [0, 1]"
    broken: str  # "leaves [0, 1]"
    outside: Callable[[np.ndarray, np.ndarray | None], np.ndarray]  # (n, K) -> bool (n, K)
    effect: str  # what the leg does on such a path
    central_error: bool  # out of bounds on the central path: an error (else a warning)
    drawn_error: bool  # out of bounds on drawn paths only: an error (else a warning)


_DISCOUNT = _Bound(
    "the discount",
    "within [0, 1]",
    "leaves [0, 1]",
    lambda d, _: (d < 0.0) | (d > 1.0),
    "the leg clips it into [0, 1] (a discount below 0 is valued as none, not as a premium; one "
    "above 1 leaves no operating value) and flags the path (discount_{leg}, counted in "
    "invalid_{leg} too)",
    True,
    False,
)
_MULTIPLE = _Bound(
    "the multiple",
    "at or above 0",
    "falls below 0",
    lambda m, _: m < 0.0,
    "the leg values what it multiplies as a liability",
    False,
    False,
)
_GROWTH = _Bound(
    "the terminal growth",
    "below the discount rate",
    "reaches the rate",
    lambda g, r: (g >= r) if r is not None else np.zeros(g.shape, dtype=bool),
    "the terminal value would be infinite or negative, so a run stops with an error there",
    True,
    True,
)
_DECLINE = _Bound(
    "the terminal growth",
    "above -1 (a fall of 100% a year)",
    "falls to -1 or below",
    lambda g, _: ~(g > -1.0),
    "the flow after the horizon would change sign, so a run stops with an error there",
    True,
    True,
)

_RATE = _Bound(
    "the discount rate",
    "above 0",
    "falls to 0 or below",
    lambda r, _: r <= 0.0,
    "a later cash flow is worth as much as a nearer one, or more",
    False,
    False,
)


def _inputs(leg: Any) -> Iterator[tuple[tuple[str, ...], Any, Any, _Bound]]:
    """``(key path in the leg, expression, second expression or None, bound)`` of each bounded
    input of ``leg`` (a :class:`~model.valuation.lines.build_base.LegSpec`)."""
    params = leg.params
    if params.get("discount") is not None:
        yield ("discount",), params["discount"], None, _DISCOUNT
    for key in ("multiple", "peer_multiple"):
        if params.get(key) is not None and leg.type_name != "dcf_v1":
            yield (key,), params[key], None, _MULTIPLE
    parts = params.get("parts")
    if isinstance(parts, Mapping):
        for line, (_amount, multiple) in parts.items():
            yield ("parts", str(line)), multiple, None, _MULTIPLE
    growth, rate = params.get("terminal_growth"), params.get("discount_rate")
    if rate is not None:
        yield ("discount_rate",), rate, None, _RATE
    if growth is not None and rate is not None:
        yield ("terminal_growth",), growth, rate, _GROWTH
    if growth is not None:
        yield ("terminal_growth",), growth, None, _DECLINE


def _text(expr: Any) -> str:
    return str(expr.expression.text).strip()


def _statically_checked(thesis: Any, bound: _Bound, exprs: list[Any]) -> bool:
    """The assumptions' own checks judge this input already (bare names of assumptions with a
    known range: :func:`~model.valuation.checks.check_terminal_growth` and the multiples'
    check); a discount has no such check."""
    from model.valuation.checks import _event_targets, _static

    if bound is _DISCOUNT or bound is _DECLINE:  # (no assumption's check bounds a decline)
        return False
    changed = _event_targets(thesis)
    for expr in exprs:
        name = expr.bare_name or _text(expr)
        if _static(thesis, name, changed) is None:
            return False
    return True


def _events_on(thesis: Any, exprs: list[Any]) -> str:
    """The events that change a name the expressions read, as a clause (or "")."""
    return _events_named(thesis, {n for e in exprs for n in e.expression.names})


def _read_by(built: Any, line: str) -> set[str]:
    """Every name the line ``line`` reads, in any year, through the lines and blocks it reads."""
    from model.valuation.lines.nodes import names_read

    return names_read([line], {out: n for n in getattr(built, "nodes", ()) for out in n.outputs})


def _events_named(thesis: Any, names: set[str]) -> str:
    """The events that change one of ``names``, as a clause (or "")."""
    said = _event_words(thesis, names)
    return f" ({'; '.join(said)})" if said else ""


def _event_words(thesis: Any, names: set[str]) -> list[str]:
    """What each event that changes one of ``names`` does to it, in words."""
    said = []
    for event in (getattr(thesis, "events", None) or {}).values():
        for effect in event.effects:
            if effect.target not in names:
                continue
            add = str(getattr(effect.op, "value", effect.op)) == "add"
            how = f"adds {effect.by} to" if add else f"multiplies by {effect.by}"
            said.append(f"event '{event.name}' {how} '{effect.target}' from the year it happens")
    return said


def _values(model: Any, inputs: Mapping[str, Any], exprs: list[Any]) -> list[np.ndarray] | None:
    """The expressions on the paths of ``inputs``, ``(n, K)`` each; None when the model's lines
    cannot be computed there (the run reports that itself)."""
    line_model = getattr(model, "model", model)
    run_lines = getattr(line_model, "run_lines", None)
    if run_lines is None:
        return None
    try:
        with np.errstate(all="ignore"):
            env = run_lines(inputs)
            K = len(line_model.years)
            return [np.asarray(e.read(env, K), dtype=float) for e in exprs]
    except Exception:  # the run itself reports a model that fails on these paths
        return None


def _drawn(thesis: Any) -> Mapping[str, Any] | None:
    """The model inputs on :data:`DRAWN_PATHS` drawn paths (a fixed seed), or None."""
    from model.engine import run

    try:
        return dict(run(thesis.to_spec(), None, DRAWN_PATHS, seed=_SEED, progress=False).outputs)
    except Exception:  # the run itself reports a spec that cannot be sampled
        return None


def check_leg_bounds(
    thesis: Any, model: Any, central: Mapping[str, Any], *, drawn: bool = True
) -> None:
    """Refuse or warn about a leg input outside its bounds (see the module notes).

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable
        Its valuation model (a line model's legs are checked; others are not).
    central : Mapping[str, ndarray]
        The model's inputs on the central path (one path).
    drawn : bool
        Check the drawn paths too (:data:`DRAWN_PATHS` of them); else the central path only.

    Raises
    ------
    ThesisError
        At the leg's key, when the central path is out of bounds (or, for a terminal growth,
        any drawn path).
    """
    from model.errors import ThesisModelWarning, warn

    legs = getattr(getattr(model, "built", None), "legs", None) or ()
    years = list(getattr(thesis, "years", ()))
    paths: Mapping[str, Any] | None = None
    sampled = not drawn
    for leg in legs:
        for key, expr, other, bound in _inputs(leg):
            exprs = [expr] if other is None else [expr, other]
            path = ("model", "valuation", "legs", leg.name, *key)
            written = _text(expr)
            events = _events_on(thesis, exprs)
            effect = bound.effect.format(leg=leg.name)
            vs = f" ({_text(other)})" if other is not None else ""
            at, read = _place(thesis, exprs, path)
            head = f"{bound.what} {written!r}{read} must stay {bound.bounds}{vs}"
            values = _values(model, central, exprs)
            if values is not None:
                bad = _outside(bound, values)
                if bad.any():
                    t = int(np.flatnonzero(bad[0])[0])
                    year = f" in {years[t]}" if len(years) == bad.shape[1] else ""
                    value = float(values[0][0, t])
                    rate = f" against {float(values[1][0, t]):g}" if other is not None else ""
                    text = (
                        f"{head}, but on the central path it is {value:g}{rate}{year}{events}: "
                        f"{effect}"
                    )
                    if bound.central_error:
                        raise thesis.error(at, f"{text}; {_fix(bound, written)}")
                    said = at != path and value < 0.0 and _statically_checked(thesis, bound, exprs)
                    if not said:  # (an override's value below zero is warned at it already)
                        warn(f"{thesis.where(at)}{'.'.join(at)}: {text}", ThesisModelWarning)
                    continue
                if bound is _MULTIPLE:
                    _warn_high_multiple(thesis, at, written, read, values[0], years, events)
            if _statically_checked(thesis, bound, exprs):
                continue
            if not sampled:
                paths, sampled = _drawn(thesis), True
            values = None if paths is None else _values(model, paths, exprs)
            if values is None:
                continue
            where = _outside(bound, values)
            bad = np.asarray(where.any(axis=1), dtype=bool)
            if not bad.any():
                continue
            share = float(bad.mean())
            odds = f"{share:.1%}" if share >= 1e-3 else f"{int(bad.sum())} of {bad.size:,}"
            text = (
                f"{head}, but it {bound.broken} on about {odds} of drawn paths "
                f"({_farthest(values, where)}), though not on the central path{events}: {effect}"
            )
            if bound.drawn_error:
                raise thesis.error(at, f"{text}; {_fix(bound, written)}")
            warn(f"{thesis.where(at)}{'.'.join(at)}: {text}", ThesisModelWarning)
    if drawn and _computed_count(model):
        paths, sampled = (paths, True) if sampled else (_drawn(thesis), True)
        _check_count_drawn(thesis, model, paths)
    elif drawn and _count_block(model) is not None:
        paths, sampled = (paths, True) if sampled else (_drawn(thesis), True)
        _check_block_drawn(thesis, model, paths)
    if drawn and _fx_written(model) is not None:
        _check_fx_drawn(thesis, model, paths if sampled else _drawn(thesis))
    elif drawn and _segment_fx(model) is not None:
        _check_segment_fx_drawn(thesis, model, paths if sampled else _drawn(thesis))


#: A multiple at or above this on the central path is warned: a hundred times earnings, sales,
#: book or EBITDA is rare for a listed company at a horizon, and such a number is most often a
#: multiple written as a percentage or with a scale (350 for 3.5x).
HIGH_MULTIPLE = 100.0


def _warn_high_multiple(
    thesis: Any,
    at: tuple[str, ...],
    written: str,
    read: str,
    central: np.ndarray,
    years: list[int],
    events: str,
) -> None:
    """Warn at ``at`` when the multiple ``written`` reaches :data:`HIGH_MULTIPLE` on the
    central path (``central``, ``(1, K)``)."""
    from model.errors import ThesisModelWarning, warn

    row = np.asarray(central, dtype=float).reshape(-1)
    high = np.flatnonzero(row >= HIGH_MULTIPLE)
    if high.size == 0:
        return
    t = int(high[0])
    varies = len(years) == row.size and bool(np.ptp(row) > 0)
    year = f" in {years[t]}" if varies else ""
    warn(
        f"{thesis.where(at)}{'.'.join(at)}: the multiple {written!r}{read} is {row[t]:.4g} on the "
        f"central path{year}{events}, {HIGH_MULTIPLE:g} times or more, rare for a listed "
        "company at a horizon; a multiple is written as a plain number (8.5 for 8.5x), not as "
        "a percentage or with a scale",
        ThesisModelWarning,
    )


def _computed_count(model: Any) -> bool:
    """Whether a line of the model's own computes its share count (a ``share_count`` block
    keeps its count above zero itself, flagging the paths it floors)."""
    from model.valuation.lines.nodes import ExprLine

    built = getattr(getattr(model, "model", model), "built", None)
    shares = getattr(built, "shares", None)
    nodes = getattr(built, "nodes", None) or ()
    return bool(shares) and any(isinstance(n, ExprLine) and shares in n.outputs for n in nodes)


def _count_block(model: Any) -> Any | None:
    """The ``share_count`` block that gives the model's share count, or None."""
    from model.valuation.lines.nodes import BlockNode

    built = getattr(getattr(model, "model", model), "built", None)
    shares = getattr(built, "shares", None)
    for node in getattr(built, "nodes", None) or ():
        if (
            isinstance(node, BlockNode)
            and node.type_name == "share_count"
            and shares in node.outputs
        ):
            return node
    return None


def _check_block_drawn(thesis: Any, model: Any, paths: Mapping[str, Any] | None) -> None:
    """Refuse, at its line, what the ``share_count`` block of the count refuses on drawn paths
    (see the module notes): a run that draws such a path stops with the same error."""
    from model.errors import ParameterError

    line_model = getattr(model, "model", model)
    node = _count_block(line_model)
    run_lines = getattr(line_model, "run_lines", None)
    if paths is None or run_lines is None or node is None:
        return
    block = ("model", *node.path)
    try:
        with np.errstate(all="ignore"):
            run_lines(paths)
    except ParameterError as error:
        at = tuple(error.at or ())
        if at[: len(block)] != block:
            return  # another line's error: the run reports it
        said = _event_words(thesis, _read_by(line_model.built, str(line_model.built.shares)))
        events = "".join(f"; {words}" for words in said)
        raise thesis.error(
            at,
            f"{error.message} (on drawn paths, though not on the central path{events})",
            error.expected,
        ) from None
    except Exception:  # the run itself reports a model that fails on these paths
        return


def _check_count_drawn(thesis: Any, model: Any, paths: Mapping[str, Any] | None) -> None:
    """Refuse a computed share count at or below zero on drawn paths (see the module notes)."""
    from model.errors import ParameterError
    from model.valuation.blocks.shares import check_count_computed
    from model.valuation.lines.model import _count_place

    line_model = getattr(model, "model", model)
    built = getattr(line_model, "built", None)
    run_lines = getattr(line_model, "run_lines", None)
    if paths is None or run_lines is None or built is None or not getattr(built, "shares", None):
        return
    try:
        with np.errstate(all="ignore"):
            count = run_lines(paths).value(built.shares, len(line_model.years))
    except Exception:  # the run itself reports a model that fails on these paths
        return
    events = _events_named(thesis, _read_by(built, str(built.shares)))
    at, first = _count_place(built)
    drawn = f"drawn paths, though not on the central path{events}"
    try:
        check_count_computed(count, tuple(line_model.years), str(built.shares), at, first, drawn)
    except ParameterError as error:
        raise thesis.error(error.at or ("model",), error.message, error.expected) from None


def _fx_written(model: Any) -> Any | None:
    """The model's ``fx_to_price`` expression when the thesis writes one, else None."""
    built = getattr(getattr(model, "model", model), "built", None)
    fx = getattr(built, "fx", None)
    if fx is None or _text(fx) == "1":  # one currency: the rate is the number 1
        return None
    return fx


def _check_fx_drawn(thesis: Any, model: Any, paths: Mapping[str, Any] | None) -> None:
    """Refuse an exchange rate ``fx_to_price`` at or below zero on drawn paths: a run that
    draws such a path stops with the same error (see
    :func:`~model.valuation.valuation.check_fx`)."""
    from model.errors import ParameterError
    from model.valuation.valuation import check_fx

    line_model = getattr(model, "model", model)
    fx = _fx_written(line_model)
    if paths is None or fx is None:
        return
    values = _values(line_model, paths, [fx])
    if values is None:
        return
    events = _events_named(thesis, set(fx.expression.names))
    drawn = f"drawn paths, though not on the central path{events}"
    try:
        check_fx(values[0], tuple(line_model.years), _text(fx), drawn)
    except ParameterError as error:
        raise thesis.error(error.at or ("model",), error.message, error.expected) from None


def _segment_fx(model: Any) -> str | None:
    """The assumption a segments model's ``fx_to_price`` names, else None."""
    config = getattr(model, "config", None)
    name = getattr(config, "fx_to_price", None)
    return name if isinstance(name, str) and getattr(model, "units", None) is not None else None


def _check_segment_fx_drawn(thesis: Any, model: Any, paths: Mapping[str, Any] | None) -> None:
    """As :func:`_check_fx_drawn`, for a segments model, whose rate is one assumption."""
    from model.errors import ParameterError
    from model.valuation.shapes import as_paths, n_paths_of
    from model.valuation.valuation import check_fx

    name = _segment_fx(model)
    if paths is None or name is None or name not in paths:
        return
    try:
        rate = as_paths(paths[name], n_paths_of(paths[name]), len(model.years), name)
    except Exception:  # the run itself reports an input of the wrong shape
        return
    rate = rate * model.units.input_scale.get(name, 1.0)
    drawn = f"drawn paths, though not on the central path{_events_named(thesis, {name})}"
    try:
        check_fx(rate, tuple(model.years), name, drawn)
    except ParameterError as error:
        raise thesis.error(error.at or ("model",), error.message, error.expected) from None


def _place(thesis: Any, exprs: list[Any], path: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """Where a leg input's message goes: at the applied scenario's override of an input that
    is one assumption's name (the override sets it, so it is what broke it; with words naming
    ``path``), else at ``path``: in an expression of several names an override may be the
    harmless part."""
    from model.valuation.lines.cash_checks import given_at

    for expr in exprs:
        if expr.bare_name:
            at, read = given_at(thesis, str(expr.bare_name), path)
            if at != path:
                return at, read
    return path, ""


def _outside(bound: _Bound, values: list[np.ndarray]) -> np.ndarray:
    """Where ``bound`` is broken, ``(n, K)``; a terminal growth is read in the last year only."""
    first = values[0]
    other = values[1] if len(values) > 1 else None
    if bound is _GROWTH or bound is _DECLINE:
        last = bound.outside(first[:, -1:], None if other is None else other[:, -1:])
        out = np.zeros(first.shape, dtype=bool)
        out[:, -1:] = last
        return out
    return np.asarray(bound.outside(first, other), dtype=bool)


def _farthest(values: list[np.ndarray], where: np.ndarray) -> str:
    """The value farthest out of bounds among the paths out of them, as a clause."""
    first = values[0][where]
    if len(values) > 1:  # a growth against its rate: the widest gap
        gap = first - values[1][where]
        i = int(np.argmax(gap))
        return f"growth up to {first[i]:.4g} against a rate of {float(values[1][where][i]):.4g}"
    low, high = float(np.min(first)), float(np.max(first))
    return f"down to {low:.4g}" if low < 0.0 else f"up to {high:.4g}"


def _fix(bound: _Bound, written: str) -> str:
    if bound is _DISCOUNT and _is_number(written):
        return "write a discount within [0, 1] (a fraction: 0.15 for 15%)"
    if bound is _DISCOUNT:
        return (
            "keep the discount within [0, 1] on every path: an event that narrows it takes off "
            "at most its lowest value ('op: multiply' keeps it above 0: by: 0.2 closes 80% of "
            f"it), or floor it where the leg reads it, e.g. 'discount: max({written}, 0)'"
        )
    if bound is _DECLINE:
        return (
            "growth is a fraction a year (-0.015 for -1.5%); keep it above -1 on every path, "
            "with bounds on a drawn growth"
        )
    return (
        "keep the terminal growth below the rate on every path: a smaller change from the "
        "event, or bounds on the two assumptions so that they cannot cross"
    )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
