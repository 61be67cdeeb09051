"""Revenue: market size times market share, segment by segment.

A segment's revenue in year ``t`` is the company's share of the segment's market plus any
revenue it earns outside that market::

    market_t   = market_0,t * prod_{k=1..t} (1 + g_k)              (g_k: growth into year k)
    market_t   = max(gross_t - market_of(net_of)_t, 0)               (segments with ``net_of``)
    w_i,t      = s_i,0,t * exp(sum_{k=1..t} d_i,k)                   (each named player i)
    w_rest,t   = max(1 - sum_i s_i,0,0, 0) * exp(sum_{k=1..t} d_rest,k)
    s_i,t      = w_i,t / (sum_j w_j,t + w_rest,t)                    (also for the rest)
    revenue_t  = market_t * s_company,t + other_0,t * prod_{k=1..t} (1 + h_k)

The share step is a softmax in log-share space: ``log s_i`` moves by the drift ``d_i`` each year
and the result is renormalised together with the implied "rest" of the market, so shares stay
in [0, 1] and sum to 1 in every year on every path, whatever the drifts. A per-year base share
(an event shifted it) scales that player's weight from the event year on; renormalising then
spreads the difference over everybody in proportion to their shares.

Every array here is ``(n, K)``: ``n`` paths by ``K`` years, where ``K`` is ``n_years`` or, with
the one-year backcast used for year-0 growth, ``n_years + 1`` (column 0 is the year before the
first model year).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from model.errors import ParameterError
from model.valuation.shapes import any_by_path, grow, running_sum

#: Name of the implied player holding whatever share the named players do not.
REST = "rest"


@dataclass(frozen=True)
class SegmentInputs:
    """The inputs of one segment, already broadcast to ``(n, n_years)``.

    Attributes
    ----------
    market : ndarray, shape (n, n_years)
        Market size in the first model year, model currency (a per-year path applies an
        event's level shift from its year on).
    market_growth : ndarray, shape (n, n_years)
        Market growth into each year, fraction.
    shares : Mapping[str, ndarray]
        Player -> share of the market in the first year, each ``(n, n_years)``, fractions.
        ``"rest"`` is implied and must not be listed.
    company : str
        The player whose share earns the revenue.
    share_drift : Mapping[str, ndarray]
        Player (or ``"rest"``) -> change of log-share per year, ``(n, n_years)``; missing = 0.
    other_revenue : ndarray or None, shape (n, n_years)
        Revenue outside this market in the first year, model currency.
    other_revenue_growth : ndarray or None, shape (n, n_years)
        Its growth into each year (missing = flat).
    """

    market: np.ndarray
    market_growth: np.ndarray
    shares: Mapping[str, np.ndarray]
    company: str
    share_drift: Mapping[str, np.ndarray] = field(default_factory=dict)
    other_revenue: np.ndarray | None = None
    other_revenue_growth: np.ndarray | None = None

    def __post_init__(self) -> None:
        if REST in self.shares:
            raise ParameterError("'rest' is implied; do not list it", field="players")
        if self.company not in self.shares:
            players = ", ".join(sorted(self.shares))
            raise ParameterError(
                f"company {self.company!r} is not a player (players: {players})",
                field="company",
                expected="one of " + players,
            )
        unknown = set(self.share_drift) - set(self.shares) - {REST}
        if unknown:
            raise ParameterError(
                f"drift for unknown player(s) {sorted(unknown)}", field="share_drift"
            )


@dataclass(frozen=True)
class SegmentRevenue:
    """Projection of one segment with the backcast year in column 0.

    Attributes
    ----------
    market_ext : ndarray, shape (n, n_years + 1)
        Market the shares apply to (net of ``net_of``), model currency.
    gross_ext : ndarray, shape (n, n_years + 1)
        Market before netting (equal to ``market_ext`` without ``net_of``).
    shares_ext : dict[str, ndarray]
        Player (including ``"rest"``) -> share, each ``(n, n_years + 1)``.
    revenue_ext : ndarray, shape (n, n_years + 1)
        Segment revenue, model currency.
    invalid : dict[str, ndarray]
        Name -> bool ``(n,)`` mask of paths that broke an invariant (see
        :func:`project_segment`).
    """

    market_ext: np.ndarray
    gross_ext: np.ndarray
    shares_ext: dict[str, np.ndarray]
    revenue_ext: np.ndarray
    invalid: dict[str, np.ndarray]

    @property
    def market(self) -> np.ndarray:
        """Market in the model years, ``(n, n_years)``."""
        return self.market_ext[:, 1:]

    @property
    def gross(self) -> np.ndarray:
        """Market before netting in the model years, ``(n, n_years)``."""
        return self.gross_ext[:, 1:]

    @property
    def shares(self) -> dict[str, np.ndarray]:
        """Player -> share in the model years, each ``(n, n_years)``."""
        return {k: v[:, 1:] for k, v in self.shares_ext.items()}

    @property
    def revenue(self) -> np.ndarray:
        """Segment revenue in the model years, ``(n, n_years)``."""
        return self.revenue_ext[:, 1:]


def cumulative_drift(drift: np.ndarray, *, prior: bool = False) -> np.ndarray:
    """Sum of the yearly log-share drifts up to each year, ``sum_{k=1..t} d_k``.

    Parameters
    ----------
    drift : ndarray, shape (n, n_years)
        Drift of year ``k`` applies between years ``k - 1`` and ``k``.
    prior : bool
        Prepend the backcast year, ``-d_0``.

    Returns
    -------
    ndarray, shape (n, n_years) or (n, n_years + 1)
        Zero in year 0.
    """
    n, n_years = drift.shape
    if n_years == 0:
        return np.zeros((n, 0))
    first = 1 if prior else 0
    # One array written in place: the running sum is the same, without a copy for the prior.
    total = np.empty((n, n_years + first))
    if prior:
        np.negative(drift[:, 0], out=total[:, 0])
    total[:, first] = 0.0
    running_sum(drift[:, 1:], out=total[:, first + 1 :])
    return total


def market_shares(
    base: Mapping[str, np.ndarray],
    drift: Mapping[str, np.ndarray] | None = None,
    *,
    prior: bool = False,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Shares of every player and of the implied rest, on the simplex in every year.

    Parameters
    ----------
    base : Mapping[str, ndarray]
        Player -> share in the first year, each ``(n, n_years)`` (fractions in [0, 1]).
    drift : Mapping[str, ndarray], optional
        Player or ``"rest"`` -> change of log-share per year, ``(n, n_years)``.
    prior : bool
        Add the backcast year as column 0.

    Returns
    -------
    shares : dict[str, ndarray]
        Every player and ``"rest"`` -> share, ``(n, K)``; non-negative, summing to 1.
    invalid : dict[str, ndarray]
        ``"share_sum"``: paths whose first-year shares sum above 1 (the rest is set to 0 and
        the players are scaled to sum to 1); ``"share_input"``: paths with a negative share
        input (clipped to 0).
    """
    drift = drift or {}
    players = list(base)
    first = next(iter(base.values()))
    n, n_years = first.shape

    lead = 1 if prior else 0

    def weight(level: np.ndarray, path: np.ndarray | None) -> np.ndarray:
        """``level * exp(cumulative drift)``, ``level`` of shape ``(n, n_years)`` or ``(n, 1)``;
        the backcast year takes year 0's level. Built in place in one array, a year column at
        a time (an operation on all years at once loops over rows of a few numbers)."""
        level = np.broadcast_to(level, (n, n_years))
        if path is None or not path.any():
            # No drift: exp(0) is exactly 1, so the weight is the level itself.
            w = np.empty((n, n_years + lead))
            for j in range(n_years):
                w[:, lead + j] = level[:, j]
            if prior:
                w[:, 0] = level[:, 0]
            return w
        w = cumulative_drift(path, prior=prior)
        np.exp(w, out=w)
        for j in range(n_years):
            np.multiply(level[:, j], w[:, lead + j], out=w[:, lead + j])
        if prior:
            np.multiply(level[:, 0], w[:, 0], out=w[:, 0])
        return w

    weights: dict[str, np.ndarray] = {}
    negative = np.zeros(n, dtype=bool)
    for player in players:
        s = base[player]
        negative |= any_by_path(s < 0.0)
        weights[player] = weight(np.maximum(s, 0.0), drift.get(player))
    # The rest is what the named players leave in the first year; later event shifts of a
    # player's base share move that player's weight, not the rest's.
    named = sum(np.maximum(base[p][:, 0], 0.0) for p in players)
    over = named > 1.0 + 1e-12
    rest0 = np.maximum(1.0 - named, 0.0)
    weights[REST] = weight(rest0[:, None], drift.get(REST))
    total = 0 + weights[players[0]]  # the order of the additions of sum(), in place
    for k in [*players[1:], REST]:
        total += weights[k]
    positive = total > 0.0
    if positive.all():
        # Every weight is this function's own array: divide it in place.
        shares = {k: np.divide(w, total, out=w) for k, w in weights.items()}
    else:
        shares = {
            k: np.divide(w, total, out=np.zeros_like(w), where=positive) for k, w in weights.items()
        }
    return shares, {"share_sum": over, "share_input": negative}


def net_market(gross: np.ndarray, excluded: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A market that excludes another segment's market, floored at zero.

    Parameters
    ----------
    gross : ndarray, shape (n, K)
        The wider market, model currency.
    excluded : ndarray, shape (n, K)
        The other segment's market inside it.

    Returns
    -------
    net : ndarray, shape (n, K)
        ``max(gross - excluded, 0)``.
    invalid : ndarray of bool, shape (n,)
        Paths where the excluded market exceeded the gross one in some year.
    """
    diff = gross - excluded
    return np.maximum(diff, 0.0), any_by_path(diff < 0.0)


def project_segment(
    inputs: SegmentInputs, excluded_market_ext: np.ndarray | None = None
) -> SegmentRevenue:
    """Market, shares and revenue of one segment, with the backcast year in column 0.

    Parameters
    ----------
    inputs : SegmentInputs
        The segment's inputs, each ``(n, n_years)``.
    excluded_market_ext : ndarray, shape (n, n_years + 1), optional
        The market of the segment named by ``net_of`` (its ``market_ext``).

    Returns
    -------
    SegmentRevenue
        Invalid masks (bool ``(n,)``): ``growth`` (market or other-revenue growth <= -100 %),
        ``net_market`` (the excluded market is larger), ``share_sum``, ``share_input``. They
        cover the backcast year too, since it feeds the year-0 revenue growth.
    """
    gross, bad_growth = grow(inputs.market, inputs.market_growth, prior=True)
    invalid = {"growth": bad_growth}
    if excluded_market_ext is not None:
        market, invalid["net_market"] = net_market(gross, excluded_market_ext)
    else:
        market = gross
    shares, share_flags = market_shares(inputs.shares, inputs.share_drift, prior=True)
    invalid.update(share_flags)
    revenue = market * shares[inputs.company]
    if inputs.other_revenue is not None:
        growth = inputs.other_revenue_growth
        if growth is None:
            growth = np.zeros_like(inputs.other_revenue)
        other, bad_other = grow(inputs.other_revenue, growth, prior=True)
        revenue = revenue + other
        invalid["growth"] = invalid["growth"] | bad_other
    return SegmentRevenue(market, gross, shares, revenue, invalid)


def segment_order(net_of: Mapping[str, str | None]) -> list[str]:
    """Segments ordered so that each comes after the segment its market excludes.

    Parameters
    ----------
    net_of : Mapping[str, str or None]
        Segment -> the segment whose market it excludes (or None), in declaration order.

    Returns
    -------
    list of str

    Raises
    ------
    ParameterError
        If ``net_of`` names an unknown segment, the segment itself, or forms a cycle.
    """
    order: list[str] = []
    state: dict[str, int] = {}  # 1 = being visited, 2 = done

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            raise ParameterError(
                "net_of forms a cycle: " + " -> ".join((*chain, name)), field="net_of"
            )
        state[name] = 1
        target = net_of[name]
        if target is not None:
            if target not in net_of:
                raise ParameterError(
                    f"segment {name!r} is net of unknown segment {target!r}", field="net_of"
                )
            visit(target, (*chain, name))
        state[name] = 2
        order.append(name)

    for name in net_of:
        visit(name, ())
    return order


def project_segments(
    segments: Mapping[str, SegmentInputs], net_of: Mapping[str, str | None] | None = None
) -> dict[str, SegmentRevenue]:
    """Project every segment, netting markets in dependency order.

    Parameters
    ----------
    segments : Mapping[str, SegmentInputs]
        Segment name -> inputs, each ``(n, n_years)``.
    net_of : Mapping[str, str or None], optional
        Segment -> segment whose market it excludes.

    Returns
    -------
    dict[str, SegmentRevenue]
        In the declaration order of ``segments``.
    """
    links = {name: (net_of or {}).get(name) for name in segments}
    done: dict[str, SegmentRevenue] = {}
    for name in segment_order(links):
        target = links[name]
        done[name] = project_segment(
            segments[name], None if target is None else done[target].market_ext
        )
    return {name: done[name] for name in segments}


def growth_rate(level_ext: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Year-on-year growth of a level with its backcast year in column 0.

    Parameters
    ----------
    level_ext : ndarray, shape (n, n_years + 1)

    Returns
    -------
    growth : ndarray, shape (n, n_years)
        ``level_t / level_{t-1} - 1``; year 0 is measured against the backcast. Set to 0
        where the previous level is not positive (no growth rate exists there).
    invalid : ndarray of bool, shape (n,)
        Paths where that happened.
    """
    before, after = level_ext[:, :-1], level_ext[:, 1:]
    ok = before > 0.0
    ratio = np.divide(after, before, out=np.ones_like(after), where=ok)
    return ratio - 1.0, any_by_path(~ok)
