"""Stock-based pay a DCF's flow adds back, against its terminal value: checked before any draw.

Free cash flow often adds back stock-based pay, an expense paid in new shares rather than cash.
The share count stops at the last model year, but a Gordon terminal value grows the last
flow, add-back included, for ever: pay nobody pays for, capitalised. The leg's ``stock_pay:``
counts the last year's pay as the cash cost it is in the terminal flow (see
:mod:`model.valuation.legs.cashflow`); the years before are left as the flow has them.

The check reads what the thesis declares, never the names it chose: a line with role
``stock_pay`` (a positive amount: one below zero on the central path is refused at its line),
and the flow, measured on the central path rather than read from its formula, so any formula
is judged (a product with a tax rate, ``max()``, a line reading another, a lag):

* :func:`pay_held`, d flow[T] / d pay[T] (and for the year before's pay), the pay nudged and
  the lines that read it run again: how much of the pay the flow holds, net. More than
  :data:`MATERIAL` of it, and no ``stock_pay:``, is warned at the leg; so is any such flow
  where the share count is not diluted over the model years (nothing pays for the pay then):
  a ``share_count`` block without a dilution above zero, or a count given otherwise that is
  the same every year (buybacks may make a diluted count fall).
* :func:`pay_added_back`, what a named ``stock_pay:`` should take away: the ways the pay raises
  the flow, without netting the pay a profit line bears as an expense. None of it is warned as
  counting the pay twice; a share far from the whole pay as taken away only in part.

A leg whose terminal value comes from profit (``roic:`` or ``roe:``) bears the pay already:
its ``stock_pay:`` is warned as changing nothing, and its flow is not checked.
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.errors import ThesisModelWarning, warn
from model.valuation.lines.env import Env
from model.valuation.lines.nodes import BlockNode, Expr, ExprLine
from model.valuation.roles import Role

__all__ = [
    "PayHeld",
    "check_stock_pay",
    "check_stock_pay_scenarios",
    "pay_added_back",
    "pay_held",
]

#: DCF type words -> (the key of the flow they discount, the key of a return on new capital).
DCF_FLOWS: Mapping[str, tuple[str, str]] = {
    "dcf": ("cash_flow", "roic"),
    "dcf_fcff": ("fcff", "roic"),
    "dcf_fcfe": ("fcfe", "roe"),
    "dcf_v1": ("cash_flow", "roic"),
}

#: A flow holding less of the last year's pay than this share adds none back; one holding a
#: share this far from 1 is not what a named ``stock_pay:`` takes away whole.
MATERIAL = 0.05

#: The nudge given to the pay, relative to its central value, to measure what the flow holds.
_NUDGE = 1e-4


@dataclass(frozen=True)
class PayHeld:
    """How much of the stock pay a flow holds in the last model year, on the central path.

    Attributes
    ----------
    now : float
        d flow[T] / d pay[T]: the share of the last year's pay the flow adds back.
    before : float
        d flow[T] / d pay[T-1]: the share of the year before's pay (a lagged add-back).
    amount : float
        ``now * pay[T] + before * pay[T-1]``, in the flow's money.
    share : float
        ``amount / pay[T]``: 1 for a flow that adds the year's pay back whole (``amount /
        pay[T-1]`` when the last year's pay is zero).
    """

    now: float
    before: float
    amount: float
    share: float


def _nudged(pay: str, steps: dict[int, float]) -> type[Env]:
    """An environment in which path 1 holds the pay's last year nudged, path 2 the year
    before's, the lines that read it computed from the nudged value."""

    class Nudged(Env):
        def store(
            self, name: str, value: np.ndarray, K: int, column: int | None, owned: bool = False
        ) -> None:
            super().store(name, value, K, column, owned)
            if name != pay:
                return
            line = self.lines[name]
            for path, col in ((1, self.T - 1), (2, self.T - 2)):
                if 0 <= col < K and (column is None or column == col) and path < self.n:
                    base = float(line[0, col])
                    step = _NUDGE * abs(base) if base != 0.0 else _NUDGE
                    line[path, col] += step
                    steps[path] = step

    return Nudged


def pay_held(model: Any, inputs: Mapping[str, Any], flow: Expr, pay: str) -> PayHeld | None:
    """Measure how much of line ``pay`` the ``flow`` holds in the last model year: the
    model's lines run on three copies of the central ``inputs``, the pay nudged in its last
    year on the second and in the year before on the third. Any formula is measured so (a
    product, ``max()``, a lag); None when the lines cannot be run or the pay is zero."""
    steps: dict[int, float] = {}
    with np.errstate(all="ignore"):
        try:
            env = model.run_lines(inputs, _nudged(pay, steps))
            values = flow.evaluate(env, env.T)
        except Exception:  # the run's own checks report what fails here
            return None
    last = float(env.lines[pay][0, -1])
    earlier = float(env.lines[pay][0, -2]) if env.T > 1 else 0.0
    # A pay that stops in the last year is measured against the year before's.
    scale = last if last != 0.0 else earlier
    if env.n < 3 or 1 not in steps or not np.isfinite(scale) or scale == 0.0:
        return None
    now = float((values[1, -1] - values[0, -1]) / steps[1])
    before = float((values[2, -1] - values[0, -1]) / steps[2]) if 2 in steps else 0.0
    amount = now * last + before * earlier
    if not np.isfinite(amount):
        return None
    return PayHeld(now, before, amount, amount / scale)


def _local(formula: Expr, env: Env, pay: str, col: int) -> np.ndarray:
    """d formula[T-1], d formula[T] / d pay[col] with every other line held: how the formula
    itself reads it, in the last two model years (a line the flow reads lagged counts by its
    year before the last)."""
    nudged = copy.copy(env)
    nudged.lines = dict(env.lines)
    line = env.lines[pay].copy()
    step = _NUDGE * abs(float(line[0, col])) or _NUDGE
    line[:, col] += step
    nudged.lines[pay] = line
    moved = formula.evaluate(nudged, env.T)[0, -2:] - formula.evaluate(env, env.T)[0, -2:]
    return np.asarray(moved[::-1], dtype=float) / step


def pay_added_back(
    model: Any, inputs: Mapping[str, Any], env: Env, flow: Expr, pay: str
) -> float | None:
    """The share of the last year's ``pay`` that the ``flow`` adds back, on the central path.

    Unlike :func:`pay_held`, the pay a profit line bears as an expense is not netted against
    the add-back: each formula that reads the pay (the flow's own or a line's) is measured on
    its own, times how the last flow moves with it, and only the ways that raise the flow
    count (``ebit * (1 - tax_rate) + sbc``, EBIT after the pay, adds back 1; ``0.5 * sbc``
    adds back 0.5; ``sbc[t-1]`` adds back the year before's pay, as a share of the last).
    """
    last = float(env.lines[pay][0, -1])
    if last == 0.0 or not np.isfinite(last):
        return None
    # Each reader with how the last flow moves with its last year's value and its year before's.
    readers: list[tuple[Expr, np.ndarray]] = []
    for node in model.built.nodes:
        if isinstance(node, ExprLine) and pay in node.formula.expression.names:
            held = pay_held(model, inputs, flow, node.name)
            if held is not None and (held.now != 0.0 or held.before != 0.0):
                readers.append((node.formula, np.array([held.now, held.before])))
    if pay in flow.expression.names:
        readers.append((flow, np.array([1.0, 0.0])))
    total = 0.0
    with np.errstate(all="ignore"):
        for formula, weight in readers:
            for col in range(max(env.T - 2, 0), env.T):
                moved = _local(formula, env, pay, col)[: len(weight)] * weight[: env.T]
                part = float(np.sum(moved)) * float(env.lines[pay][0, col])
                total += max(part, 0.0) if np.isfinite(part) else 0.0
    return total / last


def _central_inputs(thesis: Any) -> Mapping[str, Any] | None:
    from model.engine.execution.deterministic import deterministic_inputs

    try:
        return deterministic_inputs(thesis.to_spec(), None, n_paths=3)
    except Exception:  # the thesis' own checks report a thesis that cannot be set up
        return None


def _warn(thesis: Any, path: tuple[str, ...], text: str) -> None:
    # Each scenario's central path gives its own figures: say whose they are.
    name = getattr(thesis, "scenario", None)
    text = f"in scenario '{name}': {text}" if name and name != "base" else text
    warn(f"{thesis.where(path)}{'.'.join(path)}: {text}", ThesisModelWarning)


def _refuse_negative(thesis: Any, built: Any, pay: str, row: np.ndarray, years: Any) -> None:
    """The role ``stock_pay`` is a positive amount of pay: a line below zero on the central
    path (pay written as a cost, with its sign) is refused at its line."""
    if not (row < 0.0).any():
        return
    node = next((n.path for n in built.nodes if pay in n.outputs and n.path), ())
    at = ("model", *node) if node else ("model",)
    first = int(np.argmax(row < 0.0))
    when = f" in {list(years)[first]}" if len(row) == len(years) else ""
    raise thesis.error(
        at,
        f"the line {pay!r} has role stock_pay, a positive amount of stock-based pay, but it is "
        f"{float(row[first]):.4g}{when} on the central path; write the pay as the amount paid "
        f"(e.g. 'revenue * sbc_to_revenue') and let the flow add it back ('+ {pay}')",
        "a line of stock-based pay at or above zero",
    )


def _share_count(env: Env, name: str | None) -> np.ndarray | None:
    """The share count on the central path, however it is given (a line or an assumption)."""
    if not name:
        return None
    try:
        return np.asarray(env.value(name, env.T), dtype=float)
    except Exception:  # the run's own checks report a count that cannot be read
        return None


def _diluted(built: Any, env: Env, shares: np.ndarray) -> bool:
    """Whether the share count is diluted over the model years, on the central path: a
    ``share_count`` block by its ``dilution`` above zero in some year after the first
    (buybacks may still make the count fall); a count given otherwise, whose buybacks cannot
    be told apart, unless it is the same every year."""
    node = next(
        (n for n in built.nodes if isinstance(n, BlockNode) and built.shares in n.outputs), None
    )
    if node is not None and node.type_name == "share_count":
        dilution = node.params.get("dilution")
        if not isinstance(dilution, Expr):
            return False
        try:
            rate = np.asarray(dilution.evaluate(env, env.T), dtype=float)[0, 1:]
        except Exception:  # the run's own checks report a dilution that cannot be read
            return True
        return bool((rate > 0.0).any())
    return not np.allclose(shares[0], shares[0, 0], rtol=1e-12, atol=0.0)


def check_stock_pay(model: Any, thesis: Any) -> None:
    """Refuse a line of stock pay below zero on the central path; warn at a DCF leg whose flow
    adds back stock pay its terminal value then capitalises, and at a leg's ``stock_pay:``
    that its flow does not add back (it would be taken twice) or does not add back whole, at
    one that a return on new capital makes moot, and at a leg whose flow adds the pay back
    while the share count does not grow over the model years (no dilution pays for it)."""
    built = model.built
    pay = next((i.name for i in built.infos if i.role is Role.STOCK_PAY), None)
    for leg in built.legs:
        keys = DCF_FLOWS.get(leg.type_name)
        if keys and leg.params.get("stock_pay") is not None and leg.params.get(keys[1]):
            _warn(
                thesis,
                ("model", "valuation", "legs", leg.name, "stock_pay"),
                f"with '{keys[1]}:' the terminal flow is built from profit, which bears the "
                "stock-based pay as an expense already, so 'stock_pay:' changes nothing here",
            )
    legs = [
        leg
        for leg in built.legs
        if leg.type_name in DCF_FLOWS
        and isinstance(leg.params.get(DCF_FLOWS[leg.type_name][0]), Expr)
        and leg.params.get(DCF_FLOWS[leg.type_name][1]) is None
    ]
    inputs = _central_inputs(thesis) if pay is not None else None
    if pay is None or inputs is None:
        return
    with np.errstate(all="ignore"):
        try:
            env = model.run_lines(inputs)
        except Exception:  # the run's own checks report what fails here
            return
    _refuse_negative(thesis, built, pay, env.lines[pay][0], model.years)
    shares = _share_count(env, built.shares)
    for leg in legs:
        flow_key = DCF_FLOWS[leg.type_name][0]
        held = pay_held(model, inputs, leg.params[flow_key], pay)
        if held is None:
            continue
        path = ("model", "valuation", "legs", leg.name)
        written = leg.texts.get(flow_key, flow_key)
        holds = (
            f"the flow {written!r} holds {held.share:.2f} of the last model year's "
            f"stock-based pay {pay!r} (role stock_pay), measured on the central path"
        )
        if held.share > MATERIAL and float(env.lines[pay][0, -1]) == 0.0:
            _warn(
                thesis,
                path,
                f"the flow {written!r} adds back {held.amount:.4g} of stock-based pay {pay!r} "
                "(role stock_pay) in the last model year, the year before's pay, while the "
                "last year's pay is zero, measured on the central path: the terminal value "
                "grows that add-back for ever, and 'stock_pay:', which takes away the last "
                f"year's pay, would remove nothing; add back this year's pay ('+ {pay}')",
            )
            continue
        if leg.params.get("stock_pay") is not None:
            back = pay_added_back(model, inputs, env, leg.params[flow_key], pay)
            if back is None:
                continue
            adds = (
                f"the flow {written!r} adds back {back:.2f} of the last model year's "
                f"stock-based pay {pay!r} (role stock_pay), measured on the central path"
            )
            if back <= MATERIAL:
                _warn(
                    thesis,
                    (*path, "stock_pay"),
                    f"{adds}: it does not add it back, yet the terminal flow takes it away "
                    "as a cost; if the flow already pays it, it counts twice; name here only "
                    "the stock pay that the flow adds back",
                )
            elif abs(back - 1.0) > MATERIAL:
                _warn(
                    thesis,
                    (*path, "stock_pay"),
                    f"{adds}, yet the terminal flow takes away the whole of this year's pay, "
                    f"so the value is off by the difference; add back this year's pay whole "
                    f"in the flow ('+ {pay}')",
                )
        elif held.share > MATERIAL:
            fix = (
                f"value it with the 'dcf' leg, whose 'stock_pay: {pay}' counts it"
                if leg.type_name == "dcf_v1"
                else f"give the leg 'stock_pay: {pay}' to count it"
            )
            _warn(
                thesis,
                path,
                f"{holds}, and the terminal value grows that add-back for ever while the "
                "dilution that pays for it stops at the last model year, so the value is "
                f"overstated; {fix} as a cash cost in the terminal flow",
            )
        if held.share > MATERIAL and shares is not None and shares.shape[1] > 1:
            if not _diluted(built, env, shares):
                _warn(
                    thesis,
                    path,
                    f"{holds}, but the share count {built.shares!r} does not grow over the "
                    "model years, so no dilution pays for that pay: the flow is overstated "
                    f"in every year; let the share count grow by the dilution, or take "
                    f"'+ {pay}' out of the flow",
                )


def check_stock_pay_scenarios(thesis: Any) -> None:
    """Refuse, in every scenario but the one applied (whose model was built, and checked,
    with it), a line of stock pay below zero on that scenario's central path, naming the
    scenario: ``validate`` so refuses what ``run --scenario`` would. A scenario that cannot
    be applied or built is left to its run, which says why."""
    from collections.abc import Mapping as _Mapping

    from model.errors import ThesisModelError, in_scenario
    from model.valuation.lines import LineModel

    for name in thesis.scenarios:
        if name == thesis.scenario:
            continue
        try:
            applied = thesis.with_scenario(name)
            section = applied.model_section
            if not isinstance(section, _Mapping) or section.get("kind", "lines") != "lines":
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model = LineModel.from_thesis(applied, check=False)
        except ThesisModelError:
            continue
        built = model.built
        pay = next((i.name for i in built.infos if i.role is Role.STOCK_PAY), None)
        inputs = _central_inputs(applied) if pay is not None else None
        if pay is None or inputs is None:
            continue
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                env = model.run_lines(inputs)
            except Exception:  # the scenario's run reports what fails here
                continue
        with in_scenario(name):
            _refuse_negative(applied, built, pay, env.lines[pay][0], model.years)
