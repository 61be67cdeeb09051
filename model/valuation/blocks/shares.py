"""Block ``share_count``: shares outstanding after buybacks and dilution.

Equations (``(n, K)``; ``P`` the thesis price, ``fx`` price currency per model currency, ``k``
the scale that turns model currency x fx / shares into the price unit)::

    spend_t  = B_t * (min(t, Yb_t) - min(t - 1, Yb_t)) / Yb_t     (an authorisation B over Yb
                                                                  years after year 0), or the
                                                                  ``buyback_spend`` expression
    price_t   = P * prod_{k=1..t} (1 + c_k)                       (c: price_growth, default 0)
    retired_t = spend_t * fx_t * k / price_t                      (bought at the price path)
    shares_t  = shares_{t-1} * (1 + d_t) + (S_t - S_{t-1}) - retired_t
                                                                  (d: dilution, default 0)

``S`` is the ``shares`` parameter, read in every year: the count before the block's buybacks
and dilution. Its value in year 0 is the opening count; a change from one year to the next (an
event on the assumption it reads, a share issue or a cancellation) adds that many shares from
that year on, whatever else the block is given. Without dilution the count is
``S_t - sum_{k=1..t} retired_k``.

Parameters: ``shares`` (the count in the first year, and issues from an event), ``buyback`` with
``buyback_years``, or ``buyback_spend`` (money per year, any expression; year 0 is not spent);
``dilution`` (fraction per year, optional); ``fx`` (price currency per model currency; defaults to
the model's ``fx_to_price``); ``price_growth`` (fraction per year, optional: the buybacks' price
drifts from the thesis price at this rate, e.g. the cost of equity less the dividend yield; without
it every year's buyback is at the thesis price, which flatters a long programme on a rising value).
Outputs: ``shares`` (role ``shares``) and ``buyback_spend`` (role ``buybacks``). The count is
floored at a millionth of the first; such paths are flagged. A fall of ``S`` that takes as many
shares as are outstanding before the buybacks, or more, is refused instead
(:func:`check_count_read`): the floor would hide it from every later check.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from model.errors import ParameterError
from model.valuation.blocks.base import (
    BlockContext,
    BlockResult,
    BlockType,
    Kind,
    Output,
    Param,
    fixed_outputs,
    register,
    years_not_below_zero,
)
from model.valuation.roles import Role
from model.valuation.shapes import SHARE_FLOOR
from model.valuation.valuation import buyback_spend, check_first_count, share_count


def _check(
    name: str, options: Mapping[str, Any], params: Mapping[str, Any], blocks: Mapping[str, Any]
) -> str:
    if (params.get("buyback") is None) != (params.get("buyback_years") is None):
        return "buyback and buyback_years must be given together"
    if params.get("buyback") is not None and params.get("buyback_spend") is not None:
        return "give either buyback (with buyback_years) or buyback_spend, not both"
    return ""


def _compute(p: Mapping[str, Any], ctx: BlockContext) -> BlockResult:
    n, K = ctx.n, ctx.K
    check_first_count(p["shares"])  # before its floor, a millionth of it, hides the sign
    if p.get("buyback") is not None:
        years = years_not_below_zero(
            p, "buyback_years", "the years over which it is spent, 0 or more (0: all in year 1)"
        )
        spend = buyback_spend(p["buyback"], years)
    elif p.get("buyback_spend") is not None:
        spend = np.array(p["buyback_spend"], dtype=float)
        spend[:, 0] = 0.0
    else:
        spend = np.zeros((n, K))
    price = float(ctx.options["_price"])
    scale = float(ctx.options["_per_share_scale"])
    fx = p["fx"]
    drift = p.get("price_growth")
    if p.get("dilution") is None and drift is None:
        check_count_read(p["shares"], None, ctx)
        shares, bad = share_count(p["shares"], spend, price, fx, scale)
        return BlockResult({"shares": shares, "buyback_spend": spend}, flags={"shares": bad})
    if drift is not None and np.any(drift[:, 1:] <= -1.0):
        # A fall of 100% or more leaves no price (or a negative one) to buy shares at: the
        # buyback would retire infinitely many shares, or issue them.
        low = float(np.min(drift[:, 1:]))
        raise ParameterError(
            f"price_growth reaches {low:g} in a year, a fall of 100% or more: the buyback "
            "price would be zero or below",
            field="price_growth",
            expected="a yearly price growth above -100% (a fraction, e.g. 0.08)",
        )
    dilution = p.get("dilution")
    if dilution is not None and np.any(dilution[:, 1:] <= -1.0):
        # Shares shrinking by 100% or more in a year leave none (or a negative count): the
        # floor below would hide it as a tiny count and an absurd value per share.
        low = float(np.min(dilution[:, 1:]))
        raise ParameterError(
            f"dilution reaches {low:g} in a year, a fall of 100% or more: the share count "
            "would be zero or below",
            field="dilution",
            expected="a yearly dilution above -100% (a fraction, e.g. 0.01; buybacks go in "
            "buyback or buyback_spend)",
        )
    check_count_read(p["shares"], dilution, ctx)
    paid = price if drift is None else price * _compound(drift)
    retired = spend * fx * scale / paid
    growth = 1.0 + (dilution if dilution is not None else np.zeros((n, K)))
    out = np.empty((n, K))
    out[:, 0] = p["shares"][:, 0]
    # Shares issued (or cancelled) by a change of the count the block reads, as without
    # dilution (see the module notes): an event on it is a share issue in its year.
    issued = np.diff(np.broadcast_to(p["shares"], (n, K)), axis=1)
    floor = SHARE_FLOOR * out[:, 0]
    bad = np.zeros(n, dtype=bool)
    for t in range(1, K):
        left = out[:, t - 1] * growth[:, t] + issued[:, t - 1] - retired[:, t]
        bad |= left <= floor
        out[:, t] = np.maximum(left, floor)
    return BlockResult({"shares": out, "buyback_spend": spend}, flags={"shares": bad})


def check_count_read(shares: Any, dilution: np.ndarray | None, ctx: BlockContext) -> None:
    """Refuse a count that the block's own changes take to zero or below before any buyback:
    a fall of the ``shares`` it reads (a cancellation, such as an event on the assumption it
    reads) larger than the shares outstanding.

    The count before buybacks is ``c_0 = S_0``, ``c_t = c_{t-1} * (1 + d_t) + (S_t - S_{t-1})``
    (``S`` itself without dilution). Buybacks are left out: spending more than the shares left
    is what the floor and its flag are for, whereas shares cancelled below none have no reading,
    and the floor would hide the cancellation from every later check.

    Parameters
    ----------
    shares : array_like, ``(n, K)`` or broadcastable to it
        The ``shares`` parameter, read in every year.
    dilution : ndarray or None
        The yearly dilution, above -1 (checked before).
    ctx : BlockContext
        Paths, years and their calendar years.

    Raises
    ------
    ParameterError
        For field ``shares``, naming the first year, the lowest count then and the paths.
    """
    read = np.broadcast_to(np.asarray(shares, dtype=float), (ctx.n, ctx.K))
    count = read
    if dilution is not None:
        # The change first: a count shrunk to 1e-16 of the shares read would vanish in them.
        issued = np.diff(read, axis=1)
        count = np.empty((ctx.n, ctx.K))
        count[:, 0] = read[:, 0]
        for t in range(1, ctx.K):
            count[:, t] = count[:, t - 1] * (1.0 + dilution[:, t]) + issued[:, t - 1]
    # An undefined count is the finite-value checks' to name, with what made it so.
    bad = count <= 0.0
    if not bad.any():
        return
    col = int(np.argmax(bad.any(axis=0)))
    lowest = float(np.min(count[bad[:, col], col]))
    year = f" in {ctx.years[col]}" if col < len(ctx.years) else ""
    paths = int(bad.any(axis=1).sum())
    on = f", and to zero or below on {paths:,} of {ctx.n:,} paths" if ctx.n > 1 else ""
    raise ParameterError(
        f"the count before any buyback falls to {lowest:.4g}{year}{on}: the shares it reads "
        "fall by as many as are outstanding or more (a cancellation, such as an event on the "
        "assumption it reads, takes every share); shares outstanding must be above zero on "
        "every path, as value per share divides by them",
        field="shares",
        expected="a count above zero in every year: a cancellation of fewer shares than are "
        "outstanding",
    )


def _compound(rate: np.ndarray) -> np.ndarray:
    """``prod_{k=1..t} (1 + rate_k)``: 1 in year 0, shape ``(n, K)``."""
    out = np.ones_like(rate, dtype=float)
    out[:, 1:] = np.cumprod(1.0 + rate[:, 1:], axis=1)
    return out


SHARE_COUNT = register(
    BlockType(
        name="share_count",
        doc=__doc__ or "",
        params=(
            Param("shares", Kind.SHARES, doc="shares outstanding in the first year"),
            Param("buyback", Kind.MONEY, False, doc="buyback authorisation"),
            Param("buyback_years", Kind.YEARS, False, doc="years over which it is spent"),
            Param("buyback_spend", Kind.MONEY, False, doc="buyback spending per year"),
            Param("dilution", Kind.FRACTION, False, doc="share issuance per year (fraction)"),
            Param("fx", Kind.FX, False, doc="price currency per model currency"),
            Param(
                "price_growth",
                Kind.FRACTION,
                False,
                doc="yearly drift of the buyback price from the thesis price",
            ),
        ),
        options={},
        outputs=fixed_outputs(
            Output("shares", "shares", Kind.SHARES, Role.SHARES, "Shares outstanding"),
            Output("buyback_spend", "buyback_spend", Kind.MONEY, Role.BUYBACKS, "Buyback spending"),
        ),
        compute=_compute,
        check=_check,
    )
)


def check_count_given(thesis: Any, name: str, at: tuple[str, ...], read: str = "") -> None:
    """Refuse a share count an assumption gives (a ``share_count`` block's ``shares``, the
    start of a line with role ``shares``, ``valuation.shares``) that is at or below zero at its
    central value, or on a path the engine can draw: the value per share divides by it.

    ``at`` is where the error is located: the field of the model that reads the count, or
    the applied scenario's override that holds it, ``read`` then naming that field.
    """
    from model.valuation.checks import _event_targets, _lowest_drawn, _show, _static

    count = _static(thesis, name, _event_targets(thesis))
    if count is None:
        return
    low = _lowest_drawn(count)
    if low > 0.0:
        return
    central = float(count.central())
    if central <= 0.0:
        problem, fix = f"is {central:g}", ""
    else:
        problem, fix = f"can fall to {_show(low)}", " (give it bounds: [low, high] above zero)"
    raise thesis.error(
        at,
        f"the share count {name!r}{read} {problem}; shares outstanding must be above zero on "
        f"every path, as value per share divides by them{fix}",
    )


def check_count_computed(
    shares: np.ndarray,
    years: tuple[int, ...],
    name: str,
    at: tuple[str, ...],
    first: tuple[str, ...] | None = None,
    paths_are: str = "paths",
) -> None:
    """Refuse a share count a model computes that is at or below zero (or undefined) in some
    year on some path, before anything divides by it.

    Parameters
    ----------
    shares : ndarray, shape (n, n_years)
        The count the value per share divides by.
    years : tuple of int
        The model years.
    name : str
        The line that holds the count.
    at : tuple of str
        Where the count is written in the thesis; ``first`` where its first year is, when
        that is written apart (a line's ``start:``).
    paths_are : str
        What the paths are, as the message counts them ("drawn paths, though not on the
        central path" for ``validate``'s sample).

    Raises
    ------
    ParameterError
        Located at ``first`` when the first year is bad, else at ``at``.
    """
    count = np.asarray(shares, dtype=float).reshape(len(shares), -1)
    bad = ~(count > 0.0)
    if not bad.any():
        return
    col = int(np.argmax(bad.any(axis=0)))
    lowest = float(np.min(np.where(bad[:, col], np.nan_to_num(count[:, col], nan=-np.inf), 0.0)))
    what = "undefined" if lowest == -np.inf else f"{lowest:.4g}"
    year = f" in {years[col]}" if count.shape[1] == len(years) else ""
    paths = int(bad.any(axis=1).sum())
    on = (
        f", and at or below zero on {paths:,} of {len(count):,} {paths_are}"
        if len(count) > 1
        else ""
    )
    place = first if col == 0 and first is not None else at
    raise ParameterError(
        f"the share count {name!r} is {what}{year}{on}; shares outstanding must be above zero "
        "on every path, as value per share divides by them",
        field=".".join(place),
        expected="a count above zero in every year; floor a count that falls, e.g. "
        f"'max({name}[t-1] - retired, 0.5 * {name}[t-1])'",
        at=place,
    )
