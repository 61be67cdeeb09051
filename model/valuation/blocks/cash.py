"""Block ``net_cash``: a net-cash roll-forward (cash less debt at each year end).

Equations (``(n, K)``; year 0's value is ``start``, the first year's closing position)::

    net_cash_0 = start_0
    net_cash_t = net_cash_{t-1} * (1 + r_t) + inflow_t - dividends_t - buybacks_t + other_t
                 - invested_t

Parameters: ``start`` (money), ``inflow`` (money: the free cash flow kept by the company),
optional ``dividends``, ``buybacks``, ``other`` (money from or to outside the company's equity;
e.g. disposals, acquisitions as negative), ``invested`` (money put into stakes the valuation
counts, or as negative received from selling them: a move between two of the holders' assets,
which a leg counting stakes takes as no money leaving them) and ``rate`` (fraction earned on
the opening position, credited untaxed, so an after-tax rate; a net debt pays it) or
``interest`` (money, the interest of each year as the thesis computes it). Output: ``net_cash``
(role ``net_cash``) and ``interest`` (money, the ``r_t * net_cash_{t-1}`` term; in year 0,
whose opening balance is not given, ``r_0 * start``: the roll does not take it, it is inside the
start, but earnings that bear the interest show it in year 0 too); rename them with
``outputs:`` when an assumption already has the name.

When other lines read the interest in the same year (earnings that bear it, dividends paid from
those earnings back into the roll), the model computes ``interest = rate * net_cash[t-1]`` as a
line of its own and hands it to the block as ``interest``, so that the roll and those lines run
year by year without a circular reference.
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
)
from model.valuation.roles import Role


def _compute(p: Mapping[str, Any], ctx: BlockContext) -> BlockResult:
    n, K = ctx.n, ctx.K
    flow = np.array(p["inflow"], dtype=float)
    for key, sign in (("dividends", -1.0), ("buybacks", -1.0), ("other", 1.0), ("invested", -1.0)):
        if p.get(key) is not None:
            flow = flow + sign * p[key]
    rate = p.get("rate")
    out = np.empty((n, K))
    interest = np.zeros((n, K))
    out[:, 0] = p["start"][:, 0]
    given = p.get("interest")
    if given is not None:
        if rate is not None:
            raise ParameterError("give 'rate' or 'interest', not both", field="interest")
        interest = np.array(np.broadcast_to(given, (n, K)), dtype=float)
        for t in range(1, K):  # the order of the sums of the rate branch: the same bits
            out[:, t] = out[:, t - 1] + interest[:, t] + flow[:, t]
    elif rate is None:
        out[:, 1:] = out[:, :1] + np.cumsum(flow[:, 1:], axis=1)
    else:
        # Year 0's interest, on the year-0 balance (its opening is not given): in earnings that
        # bear it, year 0 shows the same cost of the debt as the years after, not none.
        interest[:, 0] = rate[:, 0] * out[:, 0]
        for t in range(1, K):
            interest[:, t] = rate[:, t] * out[:, t - 1]
            out[:, t] = out[:, t - 1] + interest[:, t] + flow[:, t]
    return BlockResult({"net_cash": out, "interest": interest})


NET_CASH = register(
    BlockType(
        name="net_cash",
        doc=__doc__ or "",
        params=(
            Param("start", Kind.MONEY, doc="net cash at the end of the first year"),
            Param("inflow", Kind.MONEY, doc="cash kept each year (e.g. free cash flow)"),
            Param("dividends", Kind.MONEY, False, doc="dividends paid"),
            Param("buybacks", Kind.MONEY, False, doc="cash spent on buybacks"),
            Param("other", Kind.MONEY, False, doc="other cash in (+) or out (-)"),
            Param("invested", Kind.MONEY, False, doc="cash put into stakes (-: from selling)"),
            Param("rate", Kind.FRACTION, False, doc="interest earned on the opening position"),
            Param("interest", Kind.MONEY, False, doc="interest of each year, instead of a rate"),
        ),
        options={},
        outputs=fixed_outputs(
            Output("net_cash", "net_cash", Kind.MONEY, Role.NET_CASH, "Net cash"),
            Output("interest", "interest", Kind.MONEY, None, "Interest on net cash"),
        ),
        compute=_compute,
    )
)
