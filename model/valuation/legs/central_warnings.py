"""Warnings ``thesis validate`` gives from the central path about what the legs value.

Buybacks that retire every share, or a dilution below zero that shrinks the count year
after year, leave the count at its floor (a millionth of the first year's), so value and
dividends per share run to absurd sizes. A run flags those paths; ``validate`` names the block,
what drives the count there and the year when the central path does it (and the scenario,
when not the base case), rather than leaving the absurd per-share amounts to read as a unit
slip.

A ``net_cash`` block without a ``rate`` (or ``interest``) credits the cash it keeps with
nothing, while today's value discounts what a share holds at the last year at the cost of
equity: every year the cash waits costs a year's discount, so today's value falls as the
horizon lengthens (free cash flow flat at 100 a year, all kept, at a WACC of 10%: 888 over
2026-2029, 763 over 2026-2034). The default stays, so that no thesis' numbers move;
``validate`` says it at the block when a leg's value reads the balance and the central path
keeps cash there (or pays down a net debt) with no inflow crediting the interest, in a model
that states today's value.

Two checks read no path, only the built line model and the central values, and run with its
checks of cash counted once (so every run gives them too): a ``net_cash`` block that starts as
a net debt with a negative ``rate`` credits the holders with interest on the debt, wherever the
rate runs (in the block, or as the interest line that earnings read) (:func:`check_debt_rate`);
a dividend discount leg whose flow adds the buybacks while the share count falls by them
counts the buybacks twice, as cash and as fewer shares (:func:`check_ddm_buybacks`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from model.errors import ThesisModelWarning, warn
from model.valuation.shapes import SHARE_FLOOR


def warn_shares_bought_out(
    thesis: Any, model: Any, out: Mapping[str, Any], inputs: Mapping[str, Any] | None = None
) -> bool:
    """Warn at each ``share_count`` block whose count reaches its floor on the central path,
    naming what drives it there: the buybacks or a dilution below zero when that alone would,
    both when only the two together do (or each, when either alone would).

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable
        Its valuation model (a line model has ``built.nodes``; others are not checked).
    out : Mapping[str, ndarray]
        The model's outputs on the central path (one path), flags included.
    inputs : Mapping[str, ndarray], optional
        The model's inputs on that path, to read the block's dilution; without them the
        buybacks are named.

    Returns
    -------
    bool
        Whether a warning was given: the per-share amounts of the central path then say
        nothing about the units, so the checks of their scale are left out.
    """
    from model.valuation.finance.dates import fiscal_year_text
    from model.valuation.lines.model import INVALID
    from model.valuation.lines.nodes import BlockNode

    nodes = getattr(getattr(model, "built", None), "nodes", None) or ()
    years = list(getattr(thesis, "years", ()))
    warned = False
    for node in nodes:
        if not (isinstance(node, BlockNode) and node.type_name == "share_count"):
            continue
        flag = np.asarray(out.get(f"{INVALID}shares_{node.name}", False), dtype=bool)
        line = node.slots.get("shares", "")
        if not flag.any() or line not in out:
            continue
        count = np.asarray(out[line], dtype=float).reshape(-1)
        # The block holds the count at a millionth of the first year's once nothing is left.
        floored = np.flatnonzero(count <= count[0] * SHARE_FLOOR * (1.0 + 1e-9))
        if count.size != len(years) or not floored.size:
            continue
        end = str(getattr(thesis, "fiscal_year_end", "12-31") or "12-31")
        year = fiscal_year_text(years[int(floored[0])], end, date=True)
        cause, lowest = _shrinks_by(model, node, out, inputs, int(floored[0]))
        key = next((k for k in ("buyback_spend", "buyback") if node.params.get(k) is not None),
                   "shares")  # fmt: skip
        key = "dilution" if cause == "dilution" else key
        path = ("model", *node.path, key)
        floor = (
            "the count is held at a millionth of the first year's, so value and dividends per "
            "share from then on are meaningless"
        )
        less = (
            "dilution is the yearly change in the count from issuance, a fraction above -1 "
            "(-0.02 retires 2% a year)"
        )
        if cause == "dilution":
            written = node.params["dilution"].expression.text.strip()
            alone = (
                ", with no buybacks"
                if _spends_nothing(out, node)
                else " on its own (the buybacks alone would not)"
            )
            text = (
                f"on the central path the dilution {written!r} is below zero (down to "
                f"{lowest * 100:.3g}% a year) and shrinks the count to nothing by {year}{alone}: "
                f"{floor}; {less}: make it less "
                "negative, and put share repurchases in buyback or buyback_spend"
            )
        elif cause in ("both", "each"):
            how = "together" if cause == "both" else "each on its own"
            text = (
                f"on the central path the buybacks and the dilution (down to {lowest * 100:.3g}% a "
                f"year) {how} retire "
                f"every share by {year}: {floor}; spend less, over more years, or let the "
                f"buyback price rise (price_growth), and make the dilution less negative ({less})"
            )
        else:
            text = (
                f"on the central path the buybacks retire every share by {year}: they buy more "
                f"shares at the buyback price than are left, and {floor}; spend less, over more "
                "years, or let the buyback price rise (price_growth)"
            )
        # Each scenario's central path is its own: say whose it is.
        scenario = getattr(thesis, "scenario", None)
        if scenario and scenario != "base":
            text = f"in scenario '{scenario}': {text}"
        warn(f"{thesis.where(path)}{'.'.join(path)}: {text}", ThesisModelWarning)
        warned = True
    return warned


def _spends_nothing(out: Mapping[str, Any], node: Any) -> bool:
    """Whether the block spends nothing on buybacks on the central path."""
    spent = np.asarray(out.get(node.slots.get("buyback_spend", ""), 0.0), dtype=float)
    return not bool(np.any(spent.reshape(-1)[1:] > 0.0))


def _shrinks_by(
    model: Any, node: Any, out: Mapping[str, Any], inputs: Mapping[str, Any] | None, last: int
) -> tuple[str, float]:
    """What drives a share count to its floor by year index ``last`` on the central path:
    ``"buybacks"`` or ``"dilution"`` (below zero) when that alone would reach it, ``"each"`` when
    either alone would, ``"both"`` when only the two together do; with the lowest dilution of
    those years (0 when it is not read)."""
    spent = np.asarray(out.get(node.slots.get("buyback_spend", ""), 0.0), dtype=float)
    buys = bool(np.any(spent.reshape(-1)[1 : last + 1] > 0.0))
    expr = node.params.get("dilution")
    if expr is None or inputs is None:
        return "buybacks", 0.0
    try:
        with np.errstate(all="ignore"):
            env = model.run_lines(inputs)
            dilution = np.asarray(expr.read(env, model.n_years), dtype=float).reshape(-1)
            alone = _floored_alone(node, env, model.n_years, last) if buys else (False, True)
    except Exception:  # the run reports what fails here; the buybacks are named meanwhile
        return "buybacks", 0.0
    lowest = float(np.min(dilution[1 : last + 1], initial=0.0))
    if not lowest < 0.0:
        return "buybacks", 0.0
    causes = {(True, True): "each", (True, False): "buybacks", (False, True): "dilution"}
    return causes.get(alone, "both"), lowest


def _floored_alone(node: Any, env: Any, K: int, last: int) -> tuple[bool, bool]:
    """Whether the block's count reaches its floor by year index ``last`` with its buybacks
    alone (no dilution) and with its dilution alone (no buybacks), on the path of ``env``."""
    from model.valuation.blocks.base import BlockContext

    arrays = {key: value.read(env, K) for key, value in node.params.items()}
    ctx = BlockContext(env.n, K, node.options)
    spending = ("buyback", "buyback_years", "buyback_spend")
    buys = {k: v for k, v in arrays.items() if k != "dilution"}
    dilutes = {k: v for k, v in arrays.items() if k not in spending}

    def floored(arrays: dict[str, Any]) -> bool:
        # By the year the two together reach it: a cause that would reach it only later is
        # not what put the count there.
        count = node.block.compute(arrays, ctx).values["shares"][:, : last + 1]
        return bool(np.any(count <= count[:, :1] * SHARE_FLOOR * (1.0 + 1e-9)))

    return floored(buys), floored(dilutes)


def _idle(node: Any, nodes: Any, legs: Any) -> bool:
    """Whether a leg's value reads the block's balance (its ``net_cash`` or ``investments``)
    while the block's own inflows do not read the balance back (interest the thesis credits
    itself)."""
    from model.valuation.lines.nodes import Expr, lines_read

    own = {node.slots.get("net_cash", ""), node.slots.get("interest", "")}
    fed = [e for key in ("inflow", "other") if isinstance(e := node.params.get(key), Expr)]
    if own & lines_read(nodes, fed):
        return False
    read = [
        e for leg in legs for key in ("net_cash", "investments")
        if isinstance(e := leg.params.get(key), Expr)
    ]  # fmt: skip
    return node.slots.get("net_cash", "") in lines_read(nodes, read)


def warn_idle_cash(thesis: Any, model: Any, out: Mapping[str, Any]) -> None:
    """Warn at each ``net_cash`` block with neither ``rate`` nor ``interest`` (nor inflows
    that read the balance back, the interest written by the thesis) whose balance some leg's
    value reads and which rises over the years on the central path (cash kept, or a net debt
    paid down) while the model states today's value (a discount rate): the cash kept earns
    nothing and today's value falls with the horizon."""
    from model.inputs.units import format_quantity
    from model.valuation.finance.dates import fiscal_year_text
    from model.valuation.lines.nodes import BlockNode

    if "value_today" not in out:
        return  # no discount rate: the year-end values hold the cash as it is
    built = getattr(model, "built", None)
    nodes = getattr(built, "nodes", None) or ()
    legs = getattr(built, "legs", None) or ()
    years = list(getattr(thesis, "years", ()))
    for node in nodes:
        if not (isinstance(node, BlockNode) and node.type_name == "net_cash"):
            continue
        if node.params.get("rate") is not None or node.params.get("interest") is not None:
            continue
        line = node.slots.get("net_cash", "")
        balance = np.asarray(out.get(line, np.nan), dtype=float).reshape(-1)
        if balance.size != len(years) or not balance[-1] > balance[0]:
            continue
        if not _idle(node, nodes, legs):
            continue
        units = getattr(getattr(model, "roles", None), "units", {}) or {}
        unit = str(units.get(line, "") or "")
        end = str(getattr(thesis, "fiscal_year_end", "12-31") or "12-31")
        first, last = (format_quantity(float(v), unit or None) for v in balance[[0, -1]])
        path = ("model", *node.path)
        warn(
            f"{thesis.where(path)}{'.'.join(path)}: the balance '{line}' keeps cash (from "
            f"{first} to {last} by {fiscal_year_text(years[-1], end)} on the central path) but "
            "has no rate, so the cash earns nothing while today's value discounts what a share "
            "holds at the last year: every year the cash waits costs a year's discount, and "
            "today's value falls as the horizon lengthens; give the block 'rate:' (the "
            "after-tax yield on the cash, an assumption in %; the discount rate itself keeps "
            "the cash worth what it is) or 'interest:' (money a year)",
            ThesisModelWarning,
        )


def warn_no_cost_of_equity(thesis: Any, out: Mapping[str, Any]) -> None:
    """Warn, at ``model.valuation``, that a model without a cost of equity states no today's
    value (its returns still run over the real time from the price date)."""
    if "value_per_share" not in out or "value_today" in out:
        return
    where = thesis.where(("model", "valuation"))
    warn(
        f"{where}model.valuation: the model has no cost of equity (no "
        "valuation.cost_of_equity, no dcf_fcfe, ddm or DCF leg with a rate), so results show "
        "year-end values, not today's value (returns still run from the price date); add "
        "'cost_of_equity: <assumption>' under valuation:",
        ThesisModelWarning,
    )


#: The legs whose earlier years' values count the money from outside the balance they read.
_HOLDING_LEGS = frozenset({"dcf", "dcf_fcff", "dcf_fcfe", "ddm"})


def _moves(expr: Any, out: Mapping[str, Any]) -> bool:
    """Whether ``expr`` (a block's ``other`` or ``invested``) may be other than 0 after year 0:
    a line is read on the central path, a constant at its value, anything else is taken to."""
    if expr.bare_name and expr.bare_name in out:
        values = np.asarray(out[expr.bare_name], dtype=float).reshape(-1)
        return bool(np.any(values[1:] != 0.0))
    if not expr.expression.names:
        return expr.constant({}) != 0.0
    return True


def _counts_stake(leg: Any, out: Mapping[str, Any]) -> bool:
    """Whether ``leg`` counts the stakes a block's ``invested`` buys on the central path (see
    :func:`~model.valuation.lines.model.stake_counted`); a formula over names not on that path
    is taken to."""
    from model.valuation.lines.model import stake_counted
    from model.valuation.lines.nodes import Expr

    expr = leg.params.get("investments")
    if not isinstance(expr, Expr):
        return False
    names = list(expr.expression.names)
    if expr.bare_name and expr.bare_name in out:
        values = np.asarray(out[expr.bare_name], dtype=float).reshape(1, -1)
    elif not names:
        return False
    elif all(n in out for n in names):
        rows = np.broadcast_arrays(*(np.asarray(out[n], dtype=float).reshape(-1) for n in names))
        years = [
            expr.constant({n: float(r[t]) for n, r in zip(names, rows, strict=True)})
            for t in range(rows[0].size)
        ]
        if any(v is None for v in years):
            return True
        values = np.asarray(years, dtype=float).reshape(1, -1)
    else:
        return True
    return bool(np.all(stake_counted(values) == 1.0))


def _money_words(key: str, counted: bool) -> str:
    """What a block's ``other`` or ``invested`` is to a leg (counting the stakes or not)."""
    if key == "other":
        return "takes money from outside"
    if counted:
        return "puts cash into a stake the leg counts"
    return "puts cash into stakes the leg does not count, money leaving the holders"


def warn_outside_read_unfixed(thesis: Any, model: Any, out: Mapping[str, Any]) -> None:
    """Warn at a discounting leg's ``net_cash`` when it reads, in no fixed share (through a
    lag, the year, or a product), a balance that takes money from outside (its block's
    ``other``) or puts cash into stakes (``invested``, which enters the stakes a leg counts
    whole): the earlier years' values per share count that money whole when the balance is
    read in its own year, else not at all, which is right only by chance."""
    from model.valuation.lines.model import _weight
    from model.valuation.lines.nodes import BlockNode, Expr, ExprLine, lines_read

    built = getattr(model, "built", None)
    nodes = getattr(built, "nodes", None) or ()
    lines = {n.name: n for n in nodes if isinstance(n, ExprLine)}
    for leg in getattr(built, "legs", None) or ():
        balance = leg.params.get("net_cash")
        if leg.type_name not in _HOLDING_LEGS or not isinstance(balance, Expr):
            continue
        for node in nodes:
            if not (isinstance(node, BlockNode) and node.type_name == "net_cash"):
                continue
            target = node.slots.get("net_cash", "")
            money = [
                k
                for k in ("other", "invested")
                if isinstance(e := node.params.get(k), Expr) and _moves(e, out)
            ]
            if not money or target not in lines_read(nodes, [balance]):
                continue
            if _weight(balance, target, lines, ()) is not None:
                continue
            path = ("model", "valuation", "legs", leg.name, "net_cash")
            counted = _counts_stake(leg, out)
            given = " and ".join(
                f"{_money_words(k, counted)} ('{k}' of block '{node.name}')" for k in money
            )
            warn(
                f"{thesis.where(path)}{'.'.join(path)}: {leg.texts.get('net_cash', '')!r} reads "
                f"the balance '{target}', which {given}, in no fixed share of it (through a lag, "
                "the year, or a product): the values per share of the years before that money "
                "count it whole "
                "(the balance read in its own year) or not at all, not in the share the leg "
                "reads; read the balance in its own year as a fixed multiple "
                f"('{target}', '0.5 * {target}')",
                ThesisModelWarning,
            )


def check_ddm_buybacks(built: Any, thesis: Any, reads: dict[str, set[str]]) -> None:
    """Warn when the flow a dividend discount leg discounts adds the buybacks while the share
    count falls by them.

    Buybacks reach the holders once, as fewer shares each owning more of what comes after.
    Discounted as cash too (``dividends: earnings * payout + buyback_spend``), they count twice:
    the dividends per share rise by them while the count still falls. The flow is followed
    through the lines it adds (a term ``+ name``), so a flow net of the buybacks
    (``fcf - buyback_spend``) is not warned; with a constant count the leg's flow may hold
    the buybacks, as its documentation says.
    """
    from model.valuation.legs.custom_cash import _terms
    from model.valuation.lines.nodes import Expr, ExprLine

    legs = [leg for leg in built.legs if leg.type_name == "ddm"]
    bought = _buybacks_retired(built, thesis, reads) if legs else {}
    if not bought:
        return
    by_line = {n.name: n for n in built.nodes if isinstance(n, ExprLine)}

    def walk(expr: Expr, seen: tuple[str, ...]) -> tuple[int, list[str] | None]:
        """How many times ``expr`` adds the buybacks, those it takes off subtracted (a line
        that adds them to a total the flow then nets them out of adds them 0 times), and the
        first chain of lines through which it adds them, or None."""
        from model.inputs.expressions.exprtree import Name

        total, chain = 0, None
        below: list[str] | None
        for sign, term in _terms(expr.expression._tree, expr._factors):
            if not isinstance(term, Name):
                continue  # a term that is no amount of the flow
            if term.name in bought:
                times, below = 1, [term.name]
            elif (line := by_line.get(term.name)) is not None and term.name not in seen:
                times, under = walk(line.formula, (*seen, term.name))
                below = [term.name, *under] if under else None
            else:
                continue
            total += times if sign > 0 else -times
            if chain is None and sign > 0:
                chain = below
        return total, chain

    for leg in legs:
        flow = leg.params.get("dividends")
        if not isinstance(flow, Expr):
            continue
        times, chain = walk(flow, ())
        if chain is None or times <= 0:
            continue
        # At the line that adds them (the dividends line), else at the leg's own key.
        reader = by_line.get(chain[-2]) if len(chain) > 1 else None
        path = (
            ("model", *reader.path, "value")
            if reader is not None
            else ("model", "valuation", "legs", leg.name, "dividends")
        )
        count = bought[chain[-1]]
        through = f" ({' -> '.join(chain)})" if len(chain) > 1 else ""
        warn(
            f"{thesis.where(path)}{'.'.join(path)}: the dividend discount leg {leg.name!r} "
            f"discounts {flow.expression.text.strip()!r}, which adds the buybacks "
            f"{chain[-1]!r}{through}, while the share count {count!r} falls by those "
            "buybacks: they count twice, as cash paid to the holders and as fewer shares (the "
            "dividends per share rise by them while the count still falls); give the leg the "
            f"dividends alone, without {chain[-1]!r}: the buybacks reach the holders as fewer "
            "shares",
            ThesisModelWarning,
        )


def _buybacks_retired(built: Any, thesis: Any, reads: dict[str, set[str]]) -> dict[str, str]:
    """The lines of money spent on buybacks that the share count of the value per share falls
    by (a ``share_count`` block's ``buyback_spend``, the line its programme names, the line of
    role ``buybacks`` the count reads), each with that count; none for a programme of 0."""
    from model.valuation.lines.cash_checks import _known_values, _upstream
    from model.valuation.lines.nodes import BlockNode, Expr, ExprLine
    from model.valuation.roles import Role

    count = built.shares
    if count is None:
        return {}
    counted = _upstream({count}, reads) | {count}
    fixed = _known_values(thesis)
    out: dict[str, str] = {}
    for node in built.nodes:
        if not (isinstance(node, BlockNode) and node.type_name == "share_count"):
            continue
        if not set(node.outputs) & counted:
            continue
        programme = [
            e for k in ("buyback", "buyback_spend") if isinstance(e := node.params.get(k), Expr)
        ]
        if not any(e.constant(fixed) != 0 for e in programme):
            continue
        spent = node.slots.get("buyback_spend")
        if spent:
            out[spent] = count
        named = node.params.get("buyback_spend")
        if isinstance(named, Expr) and named.bare_name in reads:
            out[named.bare_name] = count
    role = next((i.name for i in built.infos if i.role is Role.BUYBACKS), None)
    line = next((n for n in built.nodes if isinstance(n, ExprLine) and n.name == role), None)
    if role in counted and role not in out and line is not None:
        if line.formula.constant(fixed) != 0:
            out[role] = count
    return out


def _central_known(thesis: Any) -> dict[str, float]:
    """:func:`_known_values` at central values, with derived assumptions at the central values
    of their inputs (a net debt written as ``0 - net_debt``), unless an event changes them."""
    from model.errors import ThesisError
    from model.valuation.checks import _event_targets
    from model.valuation.lines.cash_checks import _known_values

    out = _known_values(thesis, central=True)
    try:
        central = thesis.central_values()
    except (AttributeError, ThesisError):
        return out  # no ledger (a standalone model), or a derived value that validate refuses
    changed = _event_targets(thesis)
    for name, value in central.items():
        if name not in out and name not in changed and np.isfinite(value):
            out[name] = float(value)
    return out


def check_debt_rate(built: Any, thesis: Any) -> None:
    """Warn when a ``net_cash`` block that starts as a net debt is given a negative ``rate``
    on some paths.

    The rate is what the opening position earns: a net debt pays it as a positive rate. A
    negative one credits the holders with interest on the debt, which then shrinks by itself;
    almost always a sign slip, yet negative rates exist, so it is said, not refused. An
    uncertain rate is judged on its draws, not its central value: the warning gives the share
    of paths below zero (the start is judged at its central value).
    """
    from model.inputs.units import format_quantity
    from model.valuation.lines.cash_checks import NEGATIVE_RATE_LIMIT, _share_below_zero, given_at
    from model.valuation.lines.nodes import BlockNode, Expr

    known: dict[str, float] | None = None
    for node in built.nodes:
        if not (isinstance(node, BlockNode) and node.type_name == "net_cash"):
            continue
        # A rate that earnings read runs as an interest line; it is still the block's rate.
        rate = node.params.get("rate") or built.split_rates.get(node.name)
        start = node.params.get("start")
        if not (isinstance(rate, Expr) and isinstance(start, Expr)):
            continue
        known = _central_known(thesis) if known is None else known
        r, s = rate.constant(known), start.constant(known)
        if r is None or s is None or not s < 0:
            continue
        share = _share_below_zero(thesis, rate, r)
        if share < NEGATIVE_RATE_LIMIT:
            continue
        path, read = given_at(thesis, rate.bare_name, ("model", *node.path, "rate"))
        written = rate.expression.text.strip()
        if r < 0:
            what = f"is {format_quantity(r, '%')}"
            if share < 1.0:
                what += f" at its central value and below zero on {share:.1%} of paths"
            meant = f"a debt that costs {format_quantity(-r, '%')} is written {-r:g}"
        else:
            odds = f"{share:.1%}" if share >= 1e-2 else f"{share:.2%}"
            what = (
                f"is {format_quantity(r, '%')} at its central value but below zero on {odds} "
                "of paths"
            )
            meant = "give it bounds at or above zero, or a lognormal, if the debt always costs"
        warn(
            f"{thesis.where(path)}{'.'.join(path)}: the rate {written!r}{read} {what}, and the "
            f"balance starts as a net debt ({start.expression.text.strip()!r} is below zero): "
            "a negative rate credits the holders with interest on the debt, which then shrinks "
            "by itself, and those paths are valued so, as drawn; the rate is what the opening "
            f"position earns, so {meant}; keep it negative only if the debt truly bears a "
            "negative rate",
            ThesisModelWarning,
        )
