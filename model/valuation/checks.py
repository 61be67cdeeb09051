"""Checks of the model wiring against the numbers of a thesis, before anything is sampled.

These catch a thesis that cannot be valued on some or all paths and say so at the line of the
``model:`` section that wires it, instead of failing in the middle of a run:

* the first-year market shares of a segment's players sum above 1 at their central values;
* the terminal growth can reach the discount rate (above the rate at the central values, on
  more than one path in ten billion for independent assumptions, or at all for correlated
  ones): the Gordon terminal value would be infinite or negative on those paths (a path that
  still crosses stops the run with an error naming both);
* a share count can reach zero on a path the engine can draw (value per share divides by it);
* the valuation weights do not sum to 1 at their central values;
* an event changes an assumption the model reads only in its first year, before any event
  can happen (see :mod:`model.valuation.checking.events`).

Only fixed values and distributions have a known centre and range; derived assumptions,
processes and assumptions that an event changes are checked on every sampled path instead
(the model raises the same error there).
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, cast

import numpy as np

from model.engine.draws.distributions import Fixed
from model.engine.draws.rng import TINY
from model.errors import ExpressionError, ParameterError, ThesisError
from model.inputs.figures import format_fixed
from model.valuation.checking.events import (  # noqa: F401 (re-exported)
    _outputs,
    _outputs_of,
    _probe,
    _rows,
    _variants,
    check_event_effects,
)
from model.valuation.config import ModelConfig
from model.valuation.finance.scale_checks import check_per_share_scale

_TOL = 1e-9
#: Share of paths on which terminal growth may reach the rate: a run of 10 million paths then
#: meets such a path with a chance of about one in a thousand.
CROSSING_LIMIT = 1e-10


def _event_targets(thesis: Any) -> set[str]:
    """Assumptions that some event changes (their range is not the assumption's own)."""
    return {effect.target for event in thesis.events.values() for effect in event.effects}


def _static(thesis: Any, name: str, changed: set[str]) -> Any | None:
    """The assumption if its centre and range are known before sampling, else None."""
    if name in changed:
        return None
    assumption = thesis.assumptions.get(name)
    if assumption is None:
        try:  # a number written in place of a name ("terminal_growth: 0.02")
            return Fixed(value=float(name))
        except ValueError:
            return None
    return assumption if assumption.support() is not None else None


def _lowest_drawn(assumption: Any) -> float:
    """The lowest value a path can hold: a fixed value itself, a distribution's quantile at the
    engine's smallest uniform (so a lognormal's 0 or a normal's -infinity is never reached)."""
    low = float(assumption.support()[0])
    dist = getattr(assumption, "dist", None)
    if dist is None:
        return low
    return max(low, float(dist.ppf(np.array([TINY]), exact=True)[0]))


def check_thesis(config: ModelConfig, thesis: Any) -> None:
    """Run the checks of this module.

    Parameters
    ----------
    config : ModelConfig
        The parsed ``model:`` section.
    thesis : Thesis
        Needs ``assumptions`` (with ``central()`` and ``support()``), ``events`` and
        ``error(field_path, message, expected)``.

    Raises
    ------
    ThesisError
        Pointing at the offending field of the ``model:`` section.
    """
    changed = _event_targets(thesis)
    _check_share_sums(config, thesis, changed)
    _check_share_count(config, thesis)
    _check_terminal_growth(config, thesis, changed)
    _check_weights(config, thesis, changed)


def _check_share_sums(config: ModelConfig, thesis: Any, changed: set[str]) -> None:
    for seg_name, seg in config.segments.items():
        check_share_sum(thesis, dict(seg.players), ("model", "segments", seg_name, "players"))


def check_share_sum(thesis: Any, players: dict[str, str], path: tuple[str, ...]) -> None:
    """The players' first-year shares (assumption names) must not sum above 1."""
    changed = _event_targets(thesis)
    known = {p: _static(thesis, a, changed) for p, a in players.items()}
    total = sum(a.central() for a in known.values() if a is not None)
    if total > 1.0 + _TOL:
        parts = ", ".join(
            f"{players[p]} {a.central():g}" for p, a in known.items() if a is not None
        )
        at, read = _place(thesis, tuple(players.values()), path)
        raise thesis.error(
            at,
            f"the players' first-year shares{read} sum to {total:.4g} ({parts}); they can sum "
            "to at most 1, the rest of the market being 1 minus their sum",
        )


def _place(
    thesis: Any, names: tuple[str, ...], path: tuple[str, ...]
) -> tuple[tuple[str, ...], str]:
    """Where a check of the values of ``names``, read at the model's ``path``, says so: at the
    applied scenario's override of the first of them one overrides (that override is what made
    the values wrong; see :func:`~model.valuation.lines.cash_checks.given_at`), else at
    ``path``; with the words naming ``path`` when the place is not ``path``."""
    from model.valuation.lines.cash_checks import given_at

    for name in names:
        at, read = given_at(thesis, name, path)
        if at != path:
            return at, read
    return path, ""


def _check_share_count(config: ModelConfig, thesis: Any) -> None:
    """The first-year share count (``model.shares``), as a line model's is checked: at or
    below zero, or able to reach zero, it is refused before anything divides by it."""
    from model.valuation.blocks.shares import check_count_given

    path = ("model", "shares")
    at, read = _place(thesis, (config.shares,), path)
    check_count_given(thesis, config.shares, at, read)


def _check_terminal_growth(config: ModelConfig, thesis: Any, changed: set[str]) -> None:
    dcf = config.valuation.dcf
    check_terminal_growth(
        thesis, dcf.terminal_growth, dcf.wacc, ("model", "valuation", "dcf", "terminal_growth")
    )


def check_terminal_growth(
    thesis: Any, growth_name: str, rate_name: str, path: tuple[str, ...]
) -> None:
    """Terminal growth (an assumption) must stay below the discount rate on every path.

    Two independent assumptions are refused when growth reaches the rate on more than
    :data:`CROSSING_LIMIT` of paths; two that a correlation ties, unless their ranges keep them
    apart. A path that still crosses stops the run with an error naming both.
    """
    changed = _event_targets(thesis)
    growth = _static(thesis, growth_name, changed)
    rate = _static(thesis, rate_name, changed)
    if growth is None or rate is None:
        return
    at, read = _place(thesis, (growth_name, rate_name), path)
    g_high, r_low = growth.support()[1], rate.support()[0]
    if g_high < r_low:
        return
    if growth.central() >= rate.central():
        problem = (
            f"terminal growth{read} {_said(thesis, growth_name)} is not below the discount rate "
            f"{_said(thesis, rate_name)}"
        )
    else:
        tied = any(
            set(c.between) == {growth_name, rate_name} for c in getattr(thesis, "correlations", ())
        )
        share = None if tied else _crossing(growth, rate)
        if share is not None and share <= CROSSING_LIMIT:
            return
        if share is None:
            problem = (
                f"terminal growth{read} {growth_name!r} can reach {_show(g_high)} while the "
                f"discount rate {rate_name!r} can fall to {_show(r_low)}, so on some paths "
                "the terminal value would be infinite or negative"
            )
        else:
            odds = f"{share:.2%}" if share >= 1e-4 else f"a share {share:.1e}"
            problem = (
                f"terminal growth{read} {growth_name!r} reaches the discount rate {rate_name!r} on "
                f"{odds} of paths, where the terminal value would be infinite or negative"
            )
    raise thesis.error(at, f"{problem}; {_terminal_fix(growth_name, growth, rate_name, rate)}")


def _said(thesis: Any, name: str) -> str:
    """An assumption as a message names it, with its value and line; a number as written."""
    found = thesis.assumptions.get(name)
    if found is None:
        return name
    locate = getattr(thesis, "locate", None)  # a thesis without a file has no lines
    # Where the applied scenario defines it: a scenario's override, or the base file.
    defined = tuple(getattr(found, "path", ())) or ("assumptions", name)
    line = locate(defined)[1] if locate is not None else None
    return f"{name!r} ({found.central():g}{f', line {line}' if line else ''})"


def _terminal_fix(g_name: str, growth: Any, r_name: str, rate: Any) -> str:
    """What to write so that terminal growth stays below the rate: a fixed one is not bounded."""
    g_fixed, r_fixed = (len(set(a.support())) == 1 for a in (growth, rate))
    if g_name == r_name or growth.central() >= rate.central():
        # The example must itself be a fix: 2% is none when the rate is 2% or less.
        r, usual = rate.central(), ", e.g. 0.02" if rate.central() > 0.02 else ""
        both = g_fixed and r_fixed and g_name != r_name
        head = "both are fixed numbers and growth must be below the rate: " if both else ""
        return (
            f"{head}write a terminal growth below the discount rate, {r:g} "
            f"(a long-run growth{usual})"
        )
    if g_fixed:
        return f"give {r_name} bounds: [low, high] with low above {g_name}'s {growth.central():g}"
    if r_fixed:
        return f"give {g_name} bounds: [low, high] with high below {r_name}'s {rate.central():g}"
    return (
        f"give {g_name} and {r_name} bounds: [low, high] so that {g_name}'s high stays below "
        f"{r_name}'s low"
    )


def _crossing(growth: Any, rate: Any) -> float | None:
    """P(growth >= rate) for two independent assumptions (None when it cannot be computed).

    ``P = integral over u in (0, 1) of P(growth >= F_rate^-1(u))``, integrated piecewise on
    decades of ``u`` so that the lower tail of the rate, where the crossings are, is resolved.
    """
    from scipy import integrate

    g_dist = getattr(growth, "dist", None)
    r_dist = getattr(rate, "dist", None)
    if r_dist is None:  # a fixed rate: growth's own tail
        if g_dist is None:
            return None
        return float(1.0 - g_dist.cdf(rate.central()))
    if g_dist is None:  # a fixed growth: the rate's lower tail
        return float(r_dist.cdf(growth.central()))

    def above(u: float) -> float:
        return float(1.0 - g_dist.cdf(r_dist.ppf(np.array([u]), exact=True))[0])

    cuts = [0.0, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 0.5, 1.0]
    total = cuts[1]  # the first piece at most (growth above the rate on all of it)
    for low, high in itertools.pairwise(cuts[1:]):
        total += integrate.quad(above, low, high, epsabs=1e-16, limit=200)[0]
    return total


def _check_weights(config: ModelConfig, thesis: Any, changed: set[str]) -> None:
    weights = config.valuation.weights
    names = (weights.pe, weights.dcf, weights.sotp)
    check_weights(thesis, names, ("model", "valuation", "weights"))


def check_weights(thesis: Any, names: tuple[str, ...], path: tuple[str, ...]) -> None:
    """Weights (assumption names) at their central values must be >= 0 and sum to 1."""
    changed = _event_targets(thesis)
    known = [_static(thesis, n, changed) for n in names]
    if any(a is None for a in known):
        return
    values = [a.central() for a in cast("list[Any]", known)]
    if any(v < 0.0 for v in values) or abs(math.fsum(values) - 1.0) > _TOL:
        shown = ", ".join(f"{n} {v:g}" for n, v in zip(names, values, strict=True))
        at, read = _place(thesis, names, path)
        raise thesis.error(at, f"the valuation weights{read} must be >= 0 and sum to 1 ({shown})")


def _show(x: float) -> str:
    return "infinity" if math.isinf(x) and x > 0 else "-infinity" if math.isinf(x) else f"{x:g}"


def located(thesis: Any, exc: ParameterError) -> ThesisError:
    """A model's parameter error as a thesis error at the line that wires the parameter.

    The place is the error's ``at`` path, or its field when that is a path of the ``model:``
    section; errors that do not say where they come from point at the ``model:`` section.
    """
    if exc.at:
        path, message = exc.at, exc.message
    elif (exc.field or "").startswith("model."):
        path, message = tuple(str(exc.field).split(".")), exc.message
    else:
        path, message = ("model",), str(exc)
    return cast(ThesisError, thesis.error(path, message, exc.expected))


def located_derived(thesis: Any, exc: ExpressionError) -> ThesisError | None:
    """A derived assumption's undefined value as a thesis error at its ``derived:`` line."""
    assumption = getattr(thesis, "assumptions", {}).get(exc.derived) if exc.derived else None
    if assumption is None:
        return None
    # Where the applied scenario defines it: a scenario's override, or the base file.
    path = tuple(getattr(assumption, "path", ())) or ("assumptions", exc.derived)
    return cast(ThesisError, thesis.error((*path, "derived"), str(exc)))


@contextmanager
def locating(thesis: Any) -> Iterator[None]:
    """Turn a model's parameter error that says where it is wired, or a derived assumption
    without a value, into a located ThesisError."""
    try:
        yield
    except ParameterError as exc:
        if exc.at is None:
            raise
        raise located(thesis, exc) from None
    except ExpressionError as exc:
        error = located_derived(thesis, exc)
        if error is None:
            raise
        raise error from None


def run_failure(thesis: Any, model: Any) -> ThesisError | None:
    """Why a failed run failed, if the central path shows it: the problem at its own line.

    Parameters
    ----------
    thesis : Thesis
    model : callable
        Its valuation model.

    Returns
    -------
    ThesisError or None
        None when the model runs on the central path (the failure lies in sampled paths).
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # The drawn paths are the run's own to report: its error says what they broke.
            check_central_path(thesis, model, drawn=False)
    except ThesisError as exc:
        return exc
    except Exception:  # the run's own error is the one to report
        return None
    return None


def check_central_path(
    thesis: Any, model: Any = None, *, drawn: bool = True
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Evaluate the model once on the deterministic central path and list its outputs' roles.

    ``thesis validate`` calls this so that what a run would refuse in the model itself (a
    weight or a terminal growth that only an expression reveals, two lines holding one role)
    is refused by the validation too, with the same message.

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable, optional
        Its valuation model; built from the thesis when not given.
    drawn : bool
        Also check the legs' inputs on drawn paths (see
        :mod:`model.valuation.checking.leg_bounds`).

    Returns
    -------
    inputs, outputs : dict
        The central path's inputs and the model's outputs on it (one path), for checks that
        read it too (the evidence's quantities).

    Raises
    ------
    ThesisModelError
        Whatever the model raises on the central path.
    """
    import numpy as np

    from model.engine.execution.deterministic import deterministic_inputs
    from model.valuation.finance.finite import check_finite_lines, check_finite_outputs

    if model is None:
        from model.valuation import build_model

        model = build_model(thesis)
    with np.errstate(all="ignore"):
        try:
            inputs = deterministic_inputs(thesis.to_spec(), None, n_paths=1)
            check_finite_lines(thesis, model, inputs)
            out = model(inputs)
        except ParameterError as exc:
            raise located(thesis, exc) from None
        except ExpressionError as exc:
            # A derived assumption undefined at the central values: at its own line.
            error = located_derived(thesis, exc)
            if error is None:
                raise
            raise error from None
    check_finite_outputs(thesis, model, out)
    getattr(model, "roles", None)
    from model.valuation.checking.leg_bounds import check_leg_bounds

    # First: an input the leg clips (a discount an event takes below 0) hides the change an
    # event's probe makes, which would otherwise be refused as changing nothing.
    check_leg_bounds(thesis, model, inputs, drawn=drawn)
    check_event_effects(thesis, model)
    from model.valuation.checking.loss_multiples import warn_multiples_on_losses
    from model.valuation.legs.central_warnings import (
        warn_idle_cash,
        warn_no_cost_of_equity,
        warn_outside_read_unfixed,
        warn_shares_bought_out,
    )

    warn_no_cost_of_equity(thesis, out)
    warn_idle_cash(thesis, model, out)
    warn_outside_read_unfixed(thesis, model, out)
    from model.valuation.finance.idle_cash import warn_idle_balances

    warn_idle_balances(thesis, model, out)
    from model.valuation.legs.custom_cash import warn_custom_balances

    warn_custom_balances(thesis, model, out, inputs)
    warn_multiples_on_losses(thesis, model, out)
    from model.valuation.checking.own_dividends import warn_own_dividends_per_share

    warn_own_dividends_per_share(thesis, model, inputs, out)
    from model.valuation.checking.buyback_sign import warn_negative_buybacks

    warn_negative_buybacks(thesis, model, out)
    from model.valuation.checking.scale_jumps import warn_scale_jumps

    warn_scale_jumps(thesis, model, out)
    from model.valuation.checking.share_jumps import warn_share_jumps

    warn_share_jumps(thesis, model, out)
    from model.valuation.checking.fx_drift import warn_cost_of_equity_currency

    warn_cost_of_equity_currency(thesis, model, inputs, out)
    from model.valuation.checking.terminal_jump import warn_terminal_jumps

    warn_terminal_jumps(thesis, model, out)
    if not warn_shares_bought_out(thesis, model, out, inputs):
        check_per_share_scale(thesis, model, out)
    return dict(inputs), dict(out)


#: A bare number for a block's fraction beyond this is taken as a whole percentage: a rate,
#: dilution or margin beyond 100 %, or growth beyond 500 % (as for assumptions).
_BOUNDED_LIMIT, _CHANGE_LIMIT = 1.0, 5.0


def literal_fractions(thesis: Any) -> list[tuple[tuple[str, ...], str]]:
    """Numbers written straight into a block's fraction parameter that look like whole
    percentages (``rate: 4`` meaning 4 %): ``(field path, message)`` each.

    The assumptions' own check cannot see these: the number has no assumption, so no unit
    and no name. The parameter's kind and key stand for them.

    Parameters
    ----------
    thesis : Thesis

    Returns
    -------
    list of (tuple of str, str)
    """
    from model.valuation.blocks.base import BLOCKS, Kind

    section = getattr(thesis, "model_section", None)
    blocks = section.get("blocks") if isinstance(section, Mapping) else None
    out: list[tuple[tuple[str, ...], str]] = []
    for name, spec in (blocks or {}).items():
        block = BLOCKS.get(str(spec.get("type"))) if isinstance(spec, Mapping) else None
        if block is None:
            continue
        for param in block.params:
            value = spec.get(param.key)
            if param.kind is not Kind.FRACTION or param.mapping or isinstance(value, bool):
                continue
            if not isinstance(value, int | float) or not math.isfinite(value):
                continue
            change = "growth" in param.key or "drift" in param.key
            if abs(value) <= (_CHANGE_LIMIT if change else _BOUNDED_LIMIT):
                continue
            out.append(
                (
                    ("model", "blocks", str(name), param.key),
                    f"{value:g} means {format_fixed(value * 100)}%, implausible for a block's "
                    f"{param.key} ({param.doc}); fractions are written as such: did you mean "
                    f"{value / 100:g}?",
                )
            )
    return out
