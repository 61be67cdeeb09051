"""Checks that a line model counts each piece of cash once: warnings before any draw.

A balance the valuation adds (a leg's ``net_cash``) must not also sit inside the flow the leg
values; dividends and buybacks paid to the holders must leave the balance that rolls forward;
interest a ``net_cash`` block credits must not be in its inflow already; a leg's
``net_cash_today``, which a line model never reads, is not given. With them, the signs the
same way: a leg's multiple or a discount rate drawn below zero (:func:`check_signs`), as a
debt's rate is. Each warning names the file, line and field of the thesis, and what to write
instead.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from model.valuation.lines.build import Built
from model.valuation.lines.nodes import BlockNode, Expr

__all__ = ["check_cash_counted_once", "check_signs", "given_at"]


def check_cash_counted_once(built: Built, thesis: Any) -> None:
    """Run every check of this module on a built model (warnings, never errors), and those of
    :mod:`~model.valuation.legs.central_warnings` that read the built model."""
    # Here, not at the top: that module reads this one's walks of the line graph.
    from model.valuation.legs.central_warnings import check_ddm_buybacks, check_debt_rate

    reads = _line_reads(built)  # the line graph, read by the checks of cash counted once
    _check_balance_counted_once(built, thesis, reads)
    _check_dividend_leg_cash(built, thesis)
    _check_dividends_paid_once(built, thesis, reads)
    _check_buybacks_paid(built, thesis, reads)
    _check_interest_credited_once(built, thesis, reads)
    check_debt_rate(built, thesis)
    _check_flows_kept(built, thesis, reads)
    _check_balance_without_role(built, thesis)
    _check_net_cash_today(built, thesis)
    check_ddm_buybacks(built, thesis, reads)


def check_signs(built: Built, thesis: Any) -> None:
    """Warn at a leg's multiple or a discount rate that a path can draw below zero."""
    _check_multiples_above_zero(built, thesis)
    _check_rates_above_zero(built, thesis)


def given_at(thesis: Any, name: str | None, path: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """Where a check of the value of assumption ``name``, read at the model's ``path``, says
    so: at ``path``, or at the applied scenario's override of ``name`` (its ``value:`` when it
    has one), which is what then holds the value; with the words to put after the name (the
    field it feeds, when not at ``path``)."""
    found = thesis.assumptions.get(name) if name else None
    defined = tuple(str(p) for p in getattr(found, "path", ()))
    if "overrides" not in defined:
        return path, ""
    value, locate = (*defined, "value"), getattr(thesis, "locate", None)
    at = value if locate is not None and locate(value) != locate(defined) else defined
    return at, f" (read by {'.'.join(path)})"


def _check_rates_above_zero(built: Built, thesis: Any) -> None:
    """Warn when a discount rate (an assumption: a leg's ``discount_rate``, the model's
    ``cost_of_equity``) is at or below zero on some paths, judged on its draws, not its
    central value: there a later cash flow is worth as much as a nearer one or more."""
    from model.errors import ThesisModelWarning, warn

    places: list[tuple[tuple[str, ...], Any]] = [
        (("model", "valuation", "legs", leg.name, "discount_rate"), leg.params.get("discount_rate"))
        for leg in built.legs
    ]
    if isinstance(built.cost_of_equity, str):
        places.append((("model", "valuation", "cost_of_equity"), built.cost_of_equity))
    done: set[str] = set()
    for path, expr in places:
        name = expr.bare_name if isinstance(expr, Expr) else expr
        if not isinstance(name, str) or name in done:
            continue
        found = thesis.assumptions.get(name)
        if found is None or found.support() is None:
            continue
        done.add(name)
        central = float(found.central())
        share = _share_below_zero(thesis, name, central)
        if share < NEGATIVE_RATE_LIMIT:
            continue
        odds = "every path" if share >= 1.0 else f"{share:.1%} of paths"
        at, read = given_at(thesis, name, path)
        warn(
            f"{thesis.where(at)}{'.'.join(at)}: the discount rate {name!r}{read} "
            f"({found.central():g} at its central value) is below zero on {odds}, where "
            "a later cash flow is worth as much as a nearer one or more; those paths are "
            "valued as drawn; keep the rate above zero (bounds: [low, high] with low above "
            "zero, or a lognormal)",
            ThesisModelWarning,
        )


#: A multiple below zero on a smaller share of paths than this (a normal's far tail) is let be.
NEGATIVE_MULTIPLE_LIMIT = 1e-6


def _check_multiples_above_zero(built: Built, thesis: Any) -> None:
    """Warn when a leg's multiple (an assumption) can be drawn below zero: there the leg values
    the earnings, EBITDA or sales it multiplies as a liability, and no path says so."""
    from model.errors import ThesisModelWarning, warn
    from model.valuation.checks import _event_targets, _lowest_drawn, _static

    for leg in built.legs:
        parts = leg.params.get("parts")
        named: list[tuple[tuple[str, ...], Any]] = [
            ((k,), leg.params.get(k)) for k in ("multiple", "peer_multiple")
        ]
        # A part is (the line it multiplies, its multiple).
        named += (
            [(("parts", k), v[1] if isinstance(v, tuple) else v) for k, v in parts.items()]
            if isinstance(parts, dict)
            else []
        )
        for key, expr in named:
            name = expr.bare_name if isinstance(expr, Expr) else None
            multiple = _static(thesis, name, _event_targets(thesis)) if name else None
            if multiple is None or _lowest_drawn(multiple) >= 0.0:
                continue
            dist = getattr(multiple, "dist", None)
            share = 1.0 if dist is None else float(np.asarray(dist.cdf(np.array([0.0])))[0])
            if share < NEGATIVE_MULTIPLE_LIMIT:
                continue
            odds = f"{share:.1%}" if share >= 1e-3 else f"a share {share:.1e}"
            at, read = given_at(thesis, name, ("model", "valuation", "legs", leg.name, *key))
            warn(
                f"{thesis.where(at)}{'.'.join(at)}: the multiple {name!r}{read} is below zero on "
                f"{odds} of paths, where the leg values what it multiplies as a liability; keep "
                "it above zero (bounds: [0, high], or a lognormal)",
                ThesisModelWarning,
            )


def _known_values(thesis: Any, *, central: bool = False) -> dict[str, float]:
    """Assumptions known before any draw (not changed by events): fixed ones at their value,
    and with ``central`` uncertain ones at their central value too."""
    from model.valuation.checks import _event_targets, _static

    changed = _event_targets(thesis)
    out: dict[str, float] = {}
    for name in thesis.assumptions:
        found = _static(thesis, name, changed)
        if found is None or (found.dist is not None and not central):
            continue
        value = found.central() if central else found.support()[0]
        if value is not None:
            out[name] = float(value)
    return out


#: A rate drawn below zero on a smaller share of paths than this (a far tail) is let be.
NEGATIVE_RATE_LIMIT = 1e-3


def _share_below_zero(thesis: Any, expr: Expr | str, central: float) -> float:
    """Share of paths on which a rate is at or below zero: from the distribution of the
    assumption it names, else 1 or 0 by its central value (an expression is judged there)."""
    from model.valuation.checks import _event_targets, _static

    name = expr if isinstance(expr, str) else expr.bare_name
    found = _static(thesis, name, _event_targets(thesis)) if name else None
    dist = getattr(found, "dist", None)
    if dist is None:
        return 1.0 if central < 0.0 else 0.0
    return float(np.asarray(dist.cdf(np.array([0.0])), dtype=float).reshape(-1)[0])


#: Leg parameters that are the balances the bridge adds, not flows or metrics.
_BRIDGE_KEYS = frozenset({"net_cash", "net_cash_today", "investments", "weight"})


def _check_balance_counted_once(built: Built, thesis: Any, reads: dict[str, set[str]]) -> None:
    """Warn when a leg's flow reads the net cash its bridge adds (interest on it, typically).

    Earnings, dividends or free cash flow that bear interest on the balance already carry the
    balance's effect; the bridge adding the balance again counts it twice (a net debt is
    subtracted twice). Found by following every line's reads, of any year, back from the flow.
    """
    from model.errors import ThesisModelWarning, warn

    for leg in built.legs:
        balance = leg.params.get("net_cash")
        line = balance.bare_name if balance is not None else None
        if line is None or line not in reads:
            continue
        for key, expr in leg.params.items():
            if key in _BRIDGE_KEYS or not isinstance(expr, Expr):
                continue
            chain = _path_to(expr.expression.names, line, reads)
            if chain is None:
                continue
            path = ("model", "valuation", "legs", leg.name, "net_cash")
            where = thesis.where(path)
            warn(
                f"{where}model.valuation.legs.{leg.name}.net_cash: the leg's {key} reads "
                f"{line!r} ({' -> '.join(chain)}), so interest on that balance is inside it, and "
                f"the leg adds {line!r} too: the balance counts twice (a net debt is subtracted "
                "twice); write 'net_cash: 0' on the leg to value the flow alone, or keep the "
                "interest out of the flow",
                ThesisModelWarning,
            )
            break


#: Leg types whose value is already the holders' (no balance is added by default).
_HOLDER_VALUE_LEGS = frozenset({"ddm"})


def _check_dividend_leg_cash(built: Built, thesis: Any) -> None:
    """Warn when a dividend discount leg is given a net cash to add.

    Discounted dividends are already the value to the holders, and the balance sheet is what
    pays them: adding net cash (or subtracting a net debt) counts it a second time unless the
    dividends will never pay that cash out. The leg adds none by default; a thesis that names
    one (other than a written 0) is told so at that line.
    """
    from model.errors import ThesisModelWarning, warn

    for leg in built.legs:
        if leg.type_name not in _HOLDER_VALUE_LEGS:
            continue
        # Only the year-end balance: net_cash_today enters no number here (warned on its own).
        for key in ("net_cash",):
            text = leg.texts.get(key)
            if text is None or _is_zero(text):
                continue
            path = ("model", "valuation", "legs", leg.name, key)
            where = thesis.where(path)
            warn(
                f"{where}model.valuation.legs.{leg.name}.{key}: a dividend discount is already "
                f"the value to the holders, and the balance sheet pays the dividends; adding "
                f"{text!r} counts that cash twice (a net debt is subtracted twice) unless the "
                "dividends never pay it out; drop the key to value the dividends alone",
                ThesisModelWarning,
            )


def _balances(built: Built) -> list[str]:
    """The role-less lines that are balances by their structure: a ``start:`` value, or a
    value that reads the line's own previous year (``cash[t-1] + fcf``). A flow (a cost, a
    tax) is neither, whatever its name."""
    from model.valuation.lines.nodes import ExprLine

    roles = {info.name: info.role for info in built.infos}
    return [
        node.name
        for node in built.nodes
        if isinstance(node, ExprLine)
        and node.name in roles
        and roles[node.name] is None
        and (
            node.start is not None
            or any(ref == node.name for ref, _ in node.formula.expression.lags)
        )
    ]


def _check_balance_without_role(built: Built, thesis: Any) -> None:
    """Warn when a leg that adds the net cash finds none while a line that is a balance (one
    that carries its previous year forward) has no role: the value may leave out the whole
    balance, as when ``role: net_cash`` is forgotten or deleted, and nothing else would say
    so."""
    from model.errors import ThesisModelWarning, warn
    from model.valuation.roles import Role

    if any(info.role is Role.NET_CASH for info in built.infos):
        return
    balances = _balances(built)
    legs = [
        leg.name
        for leg in built.legs
        if "net_cash" not in leg.params
        and any(p.key == "net_cash" and p.role is Role.NET_CASH for p in leg.leg.params)
    ]
    if not balances or not legs:
        return
    balances = _likely_cash_first(built, balances)
    if not balances:
        return  # balances of other things (an index, a count): no cash left out
    line = balances[0]
    others = f" (other balances without a role: {_names(balances[1:])})" if balances[1:] else ""
    where = thesis.where(("model", "lines", line))
    warn(
        f"{where}model.lines.{line}: line {line!r} is a balance carried from year to year, "
        f"but no line has role: net_cash, so {'leg' if len(legs) == 1 else 'legs'} "
        f"{_names(legs)} {'adds' if len(legs) == 1 else 'add'} no net cash to the value; if "
        f"{line!r} is the balance of cash less debt, give it role: net_cash; if the company "
        f"has none, write net_cash: 0 in each leg{others}",
        ThesisModelWarning,
    )


#: Words of a line's name that mark a balance of cash or debt.
_CASH_WORDS = re.compile(r"cash|debt|borrow|loan|liquid|deposit|treasury", re.IGNORECASE)


def _likely_cash_first(built: Built, balances: list[str]) -> list[str]:
    """The balances that are money of the model currency, those named as cash or debt first
    (a rent index or a share count carried forward is no cash left out)."""
    from model.inputs.units import UnitError, parse_unit

    units = {info.name: info.unit for info in built.infos}

    def money(name: str) -> bool:
        try:
            return parse_unit(str(units.get(name) or "")).is_money
        except UnitError:
            return False

    found = [b for b in balances if money(b)]
    return sorted(found, key=lambda b: _CASH_WORDS.search(b) is None)


def _is_zero(text: str) -> bool:
    """Whether a leg parameter is written as the number 0."""
    try:
        return float(text) == 0.0
    except ValueError:
        return False


def _check_interest_credited_once(built: Built, thesis: Any, reads: dict[str, set[str]]) -> None:
    """Warn when a ``net_cash`` block credits interest (its ``rate`` or ``interest``) and its
    inflow already holds interest on the same balance (earnings after interest, read back
    into free cash flow): the roll would then pay or earn the interest twice."""
    from model.errors import ThesisModelWarning, warn

    for node in built.nodes:
        if not (isinstance(node, BlockNode) and node.type_name == "net_cash"):
            continue
        credited = node.params.get("rate") or node.params.get("interest")
        if not isinstance(credited, Expr):
            continue
        targets = [node.slots.get("net_cash"), node.slots.get("interest")]
        targets += [n for n in credited.expression.names if n in reads]
        for key in ("inflow", "other"):
            flow = node.params.get(key)
            if not isinstance(flow, Expr):
                continue
            chain = next(
                (c for t in targets if t and (c := _path_to(flow.expression.names, t, reads))),
                None,
            )
            if chain is None:
                continue
            field = ".".join(("model", *node.path, key))
            where = thesis.where(("model", *node.path, key))
            warn(
                f"{where}{field}: the block credits interest on {node.slots.get('net_cash')!r} "
                f"itself, and its {key} already holds interest on it ({' -> '.join(chain)}): "
                f"the interest counts twice; keep the interest out of the {key} (a cash flow "
                "before interest), or drop the block's 'rate:'",
                ThesisModelWarning,
            )


def _line_reads(built: Built) -> dict[str, set[str]]:
    """Each line -> the lines and names it reads (same year and earlier years)."""
    return {out: set(n.same_year) | set(n.earlier) for n in built.nodes for out in n.outputs}


def _check_dividends_paid_once(built: Built, thesis: Any, reads: dict[str, set[str]]) -> None:
    """Warn when a leg's balance keeps the cash the dividends are paid from without paying them.

    Today's value credits the holders with the dividends (``dividends_per_share``); a balance
    that accumulates their source (earnings, free cash flow) but never reads the dividends
    keeps that cash too, so it counts twice.
    """
    from model.errors import ThesisModelWarning, warn

    dividends = built.dividends
    if dividends is None:
        return
    for leg in built.legs:
        balance = leg.params.get("net_cash")
        line = balance.bare_name if isinstance(balance, Expr) else None
        if line is None or line not in reads:
            continue
        upstream = _upstream({line}, reads)
        if dividends in upstream:
            continue
        # Named: the lines nearest the balance, not their inputs (nor the balance itself, met
        # again through interest on it): 'interest', 'nopat', not every line down to 'margin'.
        apart = {k: v - {line} for k, v in reads.items() if k != line}
        shared = _upstream(reads.get(dividends, set()) - {line}, apart) & upstream
        near = [n for n in shared if not any(n in _upstream(apart[m], apart) - {m} for m in shared)]
        kept = sorted(near or shared)
        if kept:
            what = (
                f"keeps {_names(kept)}, which the dividends ({dividends!r}) are paid from, "
                "but never pays them out"
            )
        else:
            # Dividends set by a policy of their own (a dividend per share times the shares)
            # share no line with the balance, yet a roll-forward of cash still keeps them.
            kept = sorted((reads[line] & reads.keys()) - {line})
            if not kept or not _rolls_forward(built, line, reads):
                continue
            what = f"rolls forward {_names(kept)} but never pays out the dividends ({dividends!r})"
        path = ("model", "valuation", "legs", leg.name, "net_cash")
        where = thesis.where(path)
        # Without a cost of equity there is no today's value: the returns credit them.
        credits = "today's value credits" if _states_today(built) else "the returns credit"
        warn(
            f"{where}model.valuation.legs.{leg.name}.net_cash: {line!r} {what}: "
            f"{credits} the dividends to the holders "
            f"and {line!r} keeps the same cash, so it counts twice; pay them from the balance "
            f"(the net_cash block's 'dividends: {dividends}')",
            ThesisModelWarning,
        )


def _check_buybacks_paid(built: Built, thesis: Any, reads: dict[str, set[str]]) -> None:
    """Warn when a share count retires shares bought with cash that a leg's rolled-forward
    balance never spends: fewer shares and the same cash, so the buybacks count twice."""
    from model.errors import ThesisModelWarning, warn

    fixed = _known_values(thesis)
    counts = [n for n in built.nodes if isinstance(n, BlockNode) and n.type_name == "share_count"]
    # A programme of zero (0, or an assumption fixed at 0) retires nothing to count twice.
    keys = ("buyback", "buyback_spend")
    spent = [
        n.slots.get("buyback_spend")
        for n in counts
        if any(isinstance(e := n.params.get(k), Expr) and e.constant(fixed) != 0 for k in keys)
    ]
    for leg in built.legs:
        balance = leg.params.get("net_cash")
        line = balance.bare_name if isinstance(balance, Expr) else None
        if line is None or line not in reads or not _rolls_forward(built, line, reads):
            continue
        for bought in (b for b in spent if b and b not in _upstream({line}, reads)):
            warn(
                f"{thesis.where(('model', 'valuation', 'legs', leg.name, 'net_cash'))}"
                f"model.valuation.legs.{leg.name}.net_cash: the share count retires the shares "
                f"{bought!r} buys, but {line!r} never pays for them: fewer shares and the same "
                f"cash count the buybacks twice; pay them from the balance (the net_cash "
                f"block's 'buybacks: {bought}')",
                ThesisModelWarning,
            )


def _check_flows_kept(built: Built, thesis: Any, reads: dict[str, set[str]]) -> None:
    """Warn when a leg's balance keeps none of the company's cash and no dividend pays it.

    Today's value of holding to a year counts the dividends paid on the way and the balance at
    its end. A balance that reads neither the earnings nor the free cash flow, with no
    dividends paying them, drops every year's cash before the exit year: today's value then
    falls with the horizon, the cash counted nowhere.
    """
    from model.errors import ThesisModelWarning, warn
    from model.valuation.roles import Role

    made = (Role.EARNINGS, Role.FCFF, Role.FCFE)
    flows = sorted({i.name for i in built.infos if i.role in made} & reads.keys())
    if not flows:
        return
    if built.dividends in reads and set(flows) & _upstream({built.dividends}, reads):
        return  # paid out: the holders get it in today's value
    # What the lost cash lowers: today's value when the model states one, else (no cost of
    # equity) the year-end values and the returns of holding to them.
    lowers = (
        "today's value falls with the horizon"
        if _states_today(built)
        else "the value at each later year end, and the return of holding to it, leave it out"
    )
    for leg in built.legs:
        balance = leg.params.get("net_cash")
        line = balance.bare_name if isinstance(balance, Expr) else None
        if line is None or line not in reads or set(flows) & _upstream({line}, reads):
            continue
        warn(
            f"{thesis.where(('model', 'valuation', 'legs', leg.name, 'net_cash'))}"
            f"model.valuation.legs.{leg.name}.net_cash: {line!r} never keeps {_names(flows)} "
            "and no dividends pay them out: the cash of every year before the exit year is "
            f"counted nowhere, so {lowers}; roll it into the "
            f"balance (the net_cash block's 'inflow: {flows[-1]}') or pay it as dividends",
            ThesisModelWarning,
        )


def _check_net_cash_today(built: Built, thesis: Any) -> None:
    """Warn at a leg's ``net_cash_today``: in a line model it changes nothing.

    A leg of a line model states its equity value at each year end, with the year-end balance
    its ``net_cash`` names; today's value is the model's, the value per share held to a year
    end and the dividends on the way, discounted. The balance on the valuation date enters no
    number, so a thesis that gives it would otherwise believe it counted.
    """
    from model.errors import ThesisModelWarning, warn

    held = (
        "today's value discounts the value per share held to a year end"
        if _states_today(built)
        else "the returns run to the value per share at a year end (no cost of equity: no "
        "today's value)"
    )
    for leg in built.legs:
        if leg.params.get("net_cash_today") is None:
            continue
        path = ("model", "valuation", "legs", leg.name, "net_cash_today")
        warn(
            f"{thesis.where(path)}{'.'.join(path)}: changes nothing in a line model: the leg "
            "states its value at each year end with the balance its 'net_cash' gives there, "
            f"and {held}; remove it, "
            "and let 'net_cash' hold the balance at each year end",
            ThesisModelWarning,
        )


def _states_today(built: Built) -> bool:
    """Whether the model states today's value: it has a cost of equity (its own, or a
    rate one of its legs discounts at), as a run finds it."""
    from model.valuation.finance.today import leg_rate

    return built.cost_of_equity is not None or leg_rate(built.legs) is not None


def _names(names: list[str]) -> str:
    return ", ".join(repr(n) for n in names)


def _rolls_forward(built: Built, line: str, reads: dict[str, set[str]]) -> bool:
    """Whether ``line`` is a balance carried from year to year (it reads its own last value,
    or it is the balance of a ``net_cash`` block), so that every inflow it adds stays in it."""
    if line in reads.get(line, set()):
        return True
    return any(
        isinstance(n, BlockNode) and n.type_name == "net_cash" and n.slots.get("net_cash") == line
        for n in built.nodes
    )


def _upstream(starts: set[str], reads: dict[str, set[str]]) -> set[str]:
    """Every line reachable from ``starts`` through ``reads`` (lines only, ``starts`` included)."""
    seen = {n for n in starts if n in reads}
    queue = list(seen)
    while queue:
        for nxt in reads.get(queue.pop(), ()):
            if nxt in reads and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _path_to(starts: tuple[str, ...], target: str, reads: dict[str, set[str]]) -> list[str] | None:
    """A chain of reads from one of ``starts`` to ``target`` (breadth first), or None."""
    previous: dict[str, str | None] = {n: None for n in starts if n in reads}
    queue = list(previous)
    while queue:
        name = queue.pop(0)
        if name == target:
            chain = [name]
            while previous[chain[-1]] is not None:
                chain.append(previous[chain[-1]])  # type: ignore[arg-type]
            return chain[::-1]
        for nxt in sorted(reads.get(name, ())):
            if nxt in reads and nxt not in previous:
                previous[nxt] = name
                queue.append(nxt)
    return None
