"""Block ``market_segment``: a market, its players' shares on the simplex, the company's revenue.

Parameters (expressions of model lines; ``K`` years, see :mod:`model.valuation.revenue` for the
equations): ``market`` (money, the first-year market, an event may shift it), ``growth``
(fraction, market growth into each year), ``players`` (player -> first-year share), optional
``share_drift`` (player or ``rest`` -> yearly change of log-share), ``other_revenue`` and
``other_revenue_growth`` (revenue outside the market). Options: ``company`` (the player whose
share earns the revenue), ``net_of`` (another ``market_segment`` block whose market this one
excludes), ``label``.

Outputs, named from the block's name ``<s>``: ``market_<s>``, ``market_<s>_gross`` (with
``net_of``: the market before netting), ``share_<s>_<player>`` for every player and ``rest``
(a ``market_share`` group summing to 1, the company flagged), ``revenue_<s>``. Each carries its
one-year backcast as a prior, so ``growth(revenue_<s>)`` has a year-0 value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from model.valuation.blocks.base import (
    SEGMENT_REVENUE,
    BlockContext,
    BlockResult,
    BlockType,
    Kind,
    Output,
    Param,
    register,
)
from model.valuation.revenue import REST, SegmentInputs, project_segment
from model.valuation.roles import Role

FLAGS = ("growth", "net_market", "share_sum", "share_input")


def _outputs(name: str, options: Mapping[str, Any], params: Mapping[str, Any]) -> list[Output]:
    out = [Output("market", "market_{name}", Kind.MONEY, Role.MARKET, "{label} market", True)]
    if options.get("net_of"):
        out.append(
            Output(
                "gross",
                "market_{name}_gross",
                Kind.MONEY,
                None,
                "{label} market before netting",
                True,
            )
        )
    players = [*dict(params.get("players") or {}), REST]
    for player in players:
        out.append(
            Output(
                f"share:{player}", f"share_{{name}}_{player}", "share", Role.MARKET_SHARE, "", True
            )
        )
    out.append(SEGMENT_REVENUE)
    return out


def _check(
    name: str, options: Mapping[str, Any], params: Mapping[str, Any], blocks: Mapping[str, Any]
) -> str:
    players = dict(params.get("players") or {})
    if not players:
        return "players: name at least one player and its first-year share"
    if REST in players:
        return "players: 'rest' is implied (1 minus the named players); do not list it"
    company = options.get("company")
    if company not in players:
        return f"company: {company!r} is not one of the players ({', '.join(players)})"
    for player in dict(params.get("share_drift") or {}):
        if player not in players and player != REST:
            return f"share_drift: {player!r} is not a player of the segment"
    other = options.get("net_of")
    if other is not None:
        spec = blocks.get(other)
        if other == name:
            return "net_of: a segment cannot be net of itself"
        if not isinstance(spec, Mapping) or spec.get("type") != "market_segment":
            known = [
                k
                for k, v in blocks.items()
                if isinstance(v, Mapping) and v.get("type") == "market_segment"
            ]
            return f"net_of: {other!r} is not a market_segment block (they are: {', '.join(known)})"
    if params.get("other_revenue_growth") is not None and params.get("other_revenue") is None:
        return "other_revenue_growth needs other_revenue"
    return ""


def _needs(options: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    other = options.get("net_of")
    return {} if other is None else {"excluded": (str(other), "market")}


def _compute(p: Mapping[str, Any], ctx: BlockContext) -> BlockResult:
    inputs = SegmentInputs(
        market=p["market"],
        market_growth=p["growth"],
        shares=p["players"],
        company=str(ctx.options["company"]),
        share_drift=p.get("share_drift") or {},
        other_revenue=p.get("other_revenue"),
        other_revenue_growth=p.get("other_revenue_growth"),
    )
    proj = project_segment(inputs, ctx.extra.get("excluded"))
    values = {"market": proj.market, "revenue": proj.revenue}
    priors = {"market": proj.market_ext[:, 0], "revenue": proj.revenue_ext[:, 0]}
    if "excluded" in ctx.extra:
        values["gross"] = proj.gross
        priors["gross"] = proj.gross_ext[:, 0]
    for player, share in proj.shares_ext.items():
        values[f"share:{player}"] = share[:, 1:]
        priors[f"share:{player}"] = share[:, 0]
    import numpy as np

    flags = {kind: proj.invalid.get(kind, np.zeros(ctx.n, dtype=bool)) for kind in FLAGS}
    return BlockResult(values, priors, flags)


MARKET_SEGMENT = register(
    BlockType(
        name="market_segment",
        doc=__doc__ or "",
        params=(
            Param("market", Kind.MONEY, doc="market size in the first year"),
            Param("growth", Kind.FRACTION, doc="market growth into each year"),
            Param("players", Kind.FRACTION, mapping=True, doc="player -> first-year share"),
            Param("share_drift", Kind.FRACTION, False, True, "player or rest -> log-share drift"),
            Param("other_revenue", Kind.MONEY, False, doc="revenue outside the market"),
            Param("other_revenue_growth", Kind.FRACTION, False, doc="its growth"),
        ),
        options={
            "company": "the player whose share earns the revenue",
            "net_of": "a market_segment block whose market this one excludes",
        },
        outputs=_outputs,
        compute=_compute,
        check=_check,
        needs=_needs,
    )
)
