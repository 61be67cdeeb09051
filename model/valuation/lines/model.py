"""The line model: a thesis' own P&L and cash-flow lines, evaluated on every path at once.

:class:`LineModel` is the callable the engine runs for a ``model:`` section of kind ``lines``.
It evaluates the steps planned by :mod:`.graph` (vectorised over all years, or year by year
for recursions through earlier years), then the ``valuation:`` legs, their blend, the value per
share and the returns. Every output has a unit, a label and, where declared, a role
(:attr:`LineModel.roles`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.errors import ParameterError
from model.inputs.units import parse_unit
from model.valuation.blocks.shares import check_count_computed, check_count_given
from model.valuation.legs.stock_pay import check_stock_pay, check_stock_pay_scenarios
from model.valuation.lines.build import Built, build_section
from model.valuation.lines.cash_checks import check_cash_counted_once, check_signs, given_at
from model.valuation.lines.env import Env
from model.valuation.lines.legs import LegContext, blend
from model.valuation.lines.nodes import BlockNode, Expr, ExprLine
from model.valuation.returns import holding_returns
from model.valuation.roles import ModelRoles
from model.valuation.shapes import n_paths_of
from model.valuation.unitplan import price_per_share_unit, thesis_options
from model.valuation.valuation import check_fx, per_share

__all__ = ["INVALID", "LineModel", "check_stock_pay_scenarios", "config_options"]

#: Prefix of the invariant masks in the model output.
INVALID = "_invalid_"


@dataclass(frozen=True, eq=False)
class LineModel:
    """A model of named lines, blocks and valuation legs (see the module notes).

    Attributes
    ----------
    built : Built
        Nodes, steps, legs and output descriptions from :func:`build_section`.
    price : float
        Thesis (reference) price, in ``price_unit``.
    price_unit : str
        E.g. ``HKD/share``.
    years : tuple of int
        Model years.
    currency : str
        The model currency, e.g. ``USD bn``.
    """

    built: Built
    price: float
    price_unit: str
    years: tuple[int, ...]
    currency: str

    # -- construction ---------------------------------------------------------------------------
    @classmethod
    def from_config(
        cls,
        section: Mapping[str, Any],
        *,
        price: float,
        years: tuple[int, ...] | int,
        price_unit: str | None = None,
        units: Mapping[str, str] | None = None,
        locate: Any = None,
        assumption_paths: Mapping[str, tuple[str, ...]] | None = None,
    ) -> LineModel:
        """Build from a ``model:`` mapping, with or without a thesis' assumption units.

        Parameters
        ----------
        section : Mapping
            The ``model:`` section (``kind: lines``).
        price : float
            Thesis price (> 0).
        years : tuple of int or int
            Model years (or their number, counted from 0).
        price_unit : str, optional
            Defaults to the model currency per share.
        units : Mapping[str, str], optional
            Assumption name -> unit; without it every name that is not a line is an input in
            the model currency.
        locate : callable, optional
            ``field path -> (file, line)`` for errors.
        assumption_paths : Mapping[str, tuple of str], optional
            Assumption name -> its field path, where a line taking its name is reported.
        """
        if not price > 0.0:
            raise ParameterError(f"price must be > 0 (got {price})", field="price")
        year_list = tuple(range(years)) if isinstance(years, int) else tuple(int(y) for y in years)
        if not year_list:
            raise ParameterError("the model needs at least one year", field="years")
        currency = str(section.get("currency", "")) if isinstance(section, Mapping) else ""
        if price_unit is None:
            cur = parse_unit(currency).currency if currency else None
            price_unit = f"{cur or 'USD'}/share"
        unit = price_per_share_unit(price_unit)
        built = build_section(
            section, units=units, price=float(price), price_unit=unit, locate=locate,
            assumption_paths=assumption_paths,
        )  # fmt: skip
        return cls(built, float(price), str(unit), year_list, currency)

    @classmethod
    def from_thesis(cls, thesis: Any, check: bool = True) -> LineModel:
        """Build from a loaded thesis (names, units and lines checked against it; the numbers
        and the stock pay on the central path too unless ``check`` is false)."""
        model = cls.from_config(thesis.model_section, **config_options(thesis))
        return model.checked(thesis) if check else model

    def checked(self, thesis: Any) -> LineModel:
        """This model, its numbers and its stock pay checked on ``thesis``' values (warnings,
        or a :class:`~model.errors.ThesisError`), as :meth:`from_thesis` checks them."""
        _check_numbers(self.built, thesis)
        check_stock_pay(self, thesis)
        return self

    # -- description ----------------------------------------------------------------------------
    @property
    def cost_of_equity(self) -> str | float | None:
        """``valuation.cost_of_equity`` (an assumption's name or a number), None if not set."""
        return self.built.cost_of_equity

    @property
    def roles(self) -> ModelRoles:
        """Every output with its unit, role and label."""
        return ModelRoles.of(self.built.infos)

    @property
    def output_units(self) -> dict[str, str]:
        """Output name -> unit, for every output except the ``_invalid_*`` masks."""
        return {info.name: info.unit for info in self.built.infos}

    @property
    def output_names(self) -> tuple[str, ...]:
        """Names of the outputs (without the masks)."""
        return tuple(info.name for info in self.built.infos)

    @property
    def input_names(self) -> tuple[str, ...]:
        """Assumption names the model reads."""
        return self.built.input_names

    @property
    def invalid_names(self) -> tuple[str, ...]:
        """Names of the invariant masks, each bool ``(n,)``."""
        names = [INVALID + f for f in self.built.flag_names]
        for leg in self.built.legs:
            names += [INVALID + f"{flag}_{leg.name}" for flag in _LEG_FLAGS.get(leg.type_name, ())]
        if self.built.legs:
            names.append(INVALID + "negative_value")
        return tuple(names)

    @property
    def n_years(self) -> int:
        """Number of model years."""
        return len(self.years)

    # -- evaluation -----------------------------------------------------------------------------
    def __call__(self, inputs: Mapping[str, Any]) -> dict[str, np.ndarray]:
        """Evaluate every line, block and leg on every path (see :meth:`evaluate_paths`)."""
        return self.evaluate_paths(inputs)

    def evaluate_paths(
        self,
        inputs: Mapping[str, Any],
        *,
        distributions_in_returns: bool = True,
        env_type: type[Env] = Env,
    ) -> dict[str, np.ndarray]:
        """Evaluate every line, block and leg on every path.

        Parameters
        ----------
        inputs : Mapping[str, array_like]
            Every name of :attr:`input_names` -> a scalar, ``(n,)`` or ``(n, n_years)`` array.
        distributions_in_returns : bool
            Count the dividends in ``total_return`` and ``return_annual`` (a rate-of-return
            solve per path). A caller that replaces both by returns of its own (today's value
            with its dated returns) passes ``False`` for the price returns, which cost nothing.
        env_type : type
            The evaluation environment (a checking one for ``thesis validate``; see
            :mod:`model.valuation.finance.finite`).

        Returns
        -------
        dict[str, ndarray]
            ``(n, n_years)`` per line (``(n,)`` for one-value outputs such as an exit multiple)
            plus the bool ``(n,)`` masks of :attr:`invalid_names`.
        """
        built = self.built
        env = self.run_lines(inputs, env_type)
        n = env.n
        out: dict[str, np.ndarray] = {name: env.lines[name] for name in env.lines}
        flags = {name: env.flags.get(name, np.zeros(n, dtype=bool)) for name in built.flag_names}
        if built.legs:
            self._value(env, out, flags, distributions_in_returns)
        result = {info.name: out[info.name] for info in built.infos}
        for name in self.invalid_names:
            result[name] = flags.get(name[len(INVALID) :], np.zeros(n, dtype=bool))
        return result

    def run_lines(self, inputs: Mapping[str, Any], env_type: type[Env] = Env) -> Env:
        """Every line and block on every path, before any leg: the filled environment."""
        built = self.built
        for name in built.input_names:
            if name not in inputs:
                raise ParameterError("model input is missing", field=name)
        n = int(
            getattr(inputs, "n_paths", 0) or n_paths_of(*(inputs[k] for k in built.input_names))
        )
        env = env_type(inputs, n, self.years)
        T = self.n_years
        nodes = {_key(node): node for node in built.nodes}
        for step in built.steps:
            members = [nodes[k] for k in step.keys]
            if not step.recursive:
                for node in members:
                    node.run(env, T, None)
                continue
            pending = {line for node in members for line in node.outputs}
            for node in members:
                if isinstance(node, ExprLine):
                    node.set_prior(env, pending)
            for node in members:
                for line in node.outputs:
                    env.lines[line] = np.full((n, T), np.nan)
            for t in range(T):
                for node in members:
                    node.run(env, t + 1, t)
        return env

    def _value(
        self,
        env: Env,
        out: dict[str, np.ndarray],
        flags: dict[str, np.ndarray],
        distributions_in_returns: bool = True,
    ) -> None:
        built, T = self.built, self.n_years
        values: dict[str, np.ndarray] = {}
        held: dict[str, np.ndarray] = {}
        weights: dict[str, np.ndarray] = {}
        texts: dict[str, str] = {}
        shares = env.value(built.shares, T) if built.shares else None
        assert shares is not None
        check_count_computed(shares, self.years, str(built.shares), *_count_place(built))
        payouts = (
            env.value(built.payouts[0], T) if built.payouts[0] else None,
            env.value(built.payouts[1], T) if built.payouts[1] else None,
        )
        for leg in built.legs:
            arrays: dict[str, Any] = {}
            for key, expr in leg.params.items():
                if isinstance(expr, Mapping):
                    arrays[key] = {
                        k: (a.read(env, T), m.read(env, T)) for k, (a, m) in expr.items()
                    }
                else:
                    arrays[key] = expr.read(env, T)
            weight = leg.weight.read(env, T)
            stakes = stake_counted(arrays.get("investments"))
            outside = _outside(built, leg.params.get("net_cash"), env, T, stakes)
            ctx = LegContext(leg.name, weight, self.years, leg.texts, shares, payouts, outside)
            try:
                result = leg.leg.compute(arrays, ctx)
            except ParameterError as exc:
                # A parameter of the leg is located at its key (``check_central_path``).
                field = exc.field
                param = (field,) if field in leg.params else ()
                if field in leg.params:
                    field = f"model.valuation.legs.{leg.name}.{field}"
                raise ParameterError(
                    f"valuation leg '{leg.name}': {exc.message}",
                    field=field,
                    expected=exc.expected,
                    at=("model", "valuation", "legs", leg.name, *param),
                ) from None
            values[leg.name] = result.value
            held[leg.name] = result.value if result.held is None else result.held
            weights[leg.name] = weight
            texts[leg.name] = leg.texts["weight"]
            out[f"value_{leg.name}"] = result.value
            for suffix, (array, _unit, _role) in result.extras.items():
                out[_extra_name(leg.type_name, suffix, leg.name)] = array
            for flag, mask in result.flags.items():
                flags[f"{flag}_{leg.name}"] = mask
        equity = blend(values, weights, texts)
        fx = built.fx.read(env, T) if built.fx is not None else np.ones((env.n, T))
        if built.fx is not None:
            check_fx(fx, self.years, str(built.fx.expression.text).strip())
        k = built.per_share_scale
        # The company's equity, and per share the value of each year's shares to their holders.
        vps, flags["negative_value"] = per_share(blend(held, weights, texts), shares, fx, k)
        out["equity_value"] = equity
        for leg in built.legs:
            out[f"value_per_share_{leg.name}"] = held[leg.name] * fx * k / shares
        if built.earnings is not None:
            out["eps"] = out[built.earnings] * fx * k / shares
        if built.dividends is not None:
            _check_paid(built, out[built.dividends], self.years)
            out["dividends_per_share"] = out[built.dividends] * fx * k / shares
        out["value_per_share"] = vps
        # The dividends a share receives count in its return, as in the dated return.
        paid = out.get("dividends_per_share") if distributions_in_returns else None
        out["total_return"], out["return_annual"] = holding_returns(vps, self.price, paid)


def _count_place(built: Built) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
    """Where the count of the value per share is written, and its first year when apart."""
    node = next((n for n in built.nodes if built.shares in n.outputs), None)
    if node is None:
        return ("model", "valuation", "shares"), None
    if isinstance(node, ExprLine):
        first = ("model", *node.path, "start") if node.start is not None else None
        return ("model", *node.path, "value"), first
    return ("model", *node.path, *(("shares",) if node.type_name == "share_count" else ())), None


def _check_paid(built: Built, paid: np.ndarray, years: Any) -> None:
    """Dividends are paid to the holders: a negative (or undefined) amount on any path is an
    error at the dividends line, not a failure of the dated returns further on."""
    bad = ~(np.asarray(paid) >= 0.0)
    if not bad.any():
        return
    name = str(built.dividends)
    node = next((n.path for n in built.nodes if name in n.outputs and n.path), ())
    where = ("model", *node) if node else ("model",)
    values = np.where(bad, np.nan_to_num(paid, nan=-np.inf), np.inf).reshape(len(paid), -1)
    years = list(years)
    when = (
        f" in {years[int(np.argmin(values.min(axis=0)))]}" if values.shape[1] == len(years) else ""
    )
    raise ParameterError(
        f"dividends are paid to the holders, so they must be >= 0, but {name!r} is "
        f"{float(values.min()):.4g}{when}; floor the payout, e.g. "
        "'max(earnings, 0) * payout'",
        field=".".join(where),
        at=where,
    )


def config_options(thesis: Any) -> dict[str, Any]:
    """Everything :meth:`LineModel.from_config` takes from a thesis besides its ``model:``
    section: :func:`~model.valuation.unitplan.thesis_options` and the assumptions' field paths.

    A line model built from a section is a function of the section and these alone.
    """
    paths = {n: tuple(getattr(a, "path", ())) for n, a in thesis.assumptions.items()}
    return {**thesis_options(thesis), "assumption_paths": {n: p for n, p in paths.items() if p}}


def stake_counted(investments: Any) -> np.ndarray | float:
    """Per path, ``(n, 1)``, 1.0 where a leg's ``investments`` (``(n, T)``, or None when not
    given) counts the stakes a ``net_cash`` block's ``invested`` buys, else 0.0.

    The thesis does not say which stake the cash buys, so a leg counts it where its stakes move
    over the years: a value that never moves (none, zero, ``0.0 * fcf``, a fixed holding) takes
    in none of the cash, which then leaves the holders as any payment out of the balance does.
    """
    if investments is None:
        return 0.0
    values = np.asarray(investments, dtype=float)
    if values.ndim < 2 or values.shape[1] < 2:
        return 0.0
    step = np.abs(np.diff(values, axis=1)).max(axis=1, keepdims=True)
    scale = np.abs(values).max(axis=1, keepdims=True)
    # Rounding in a formula that cancels itself is no move.
    return np.where(step > 1e-12 * np.maximum(scale, 1.0), 1.0, 0.0)


def _outside(
    built: Built, balance: Any, env: Env, T: int, stakes: np.ndarray | float = 0.0
) -> np.ndarray | None:
    """The money that the net-cash blocks whose balance a leg reads take in from outside
    (their ``other``), in the share ``w`` of it the leg's net cash reads, ``(n, T)``; None when
    there is none. What they put into stakes (``invested``) leaves that share of the balance
    and, on the paths where the leg counts the stakes (``stakes``, see :func:`stake_counted`),
    enters them whole: ``w * other - (w - stakes) * invested``."""
    lines = {n.name: n for n in built.nodes if isinstance(n, ExprLine)}
    total = None
    for node in built.nodes:
        if not isinstance(node, BlockNode) or node.type_name != "net_cash":
            continue
        other, put = node.params.get("other"), node.params.get("invested")
        target = node.slots.get("net_cash")
        if not (isinstance(other, Expr) or isinstance(put, Expr)) or target is None:
            continue
        weight = 0.0 if not isinstance(balance, Expr) else _weight(balance, target, lines, ())
        if weight is None:
            # Not a fixed multiple of the balance (a lag, a year, a product): read as
            # before, the whole money when the balance is read in the same year.
            weight = 1.0 if target in balance.same_year else 0.0
        moved = weight - np.broadcast_to(stakes, (env.n, 1))
        takes = isinstance(other, Expr) and weight != 0.0
        puts = isinstance(put, Expr) and bool(np.any(moved != 0.0))
        if not (takes or puts):
            continue
        part = np.zeros((env.n, T))
        if takes and isinstance(other, Expr):
            part = part + weight * other.read(env, T)
        if puts and isinstance(put, Expr):
            part = part - moved * put.read(env, T)
        total = part if total is None else total + part
    return total


def _weight(
    expr: Expr, target: str, lines: Mapping[str, ExprLine], seen: tuple[str, ...]
) -> float | None:
    """How much ``expr`` moves when the line ``target`` moves by one in the same year,
    following the expression lines it reads (``cash``: 1, ``0.5 * cash``: 0.5, ``nc`` with
    ``nc: cash - debt``: 1); None when that is no fixed number (the expression is not linear
    in what it reads, or reads a lag, the year, or a line defined apart in year 0)."""
    if expr.bare_name == target:
        return 1.0  # the usual case, known without evaluating anything
    names = list(expr.expression.names)
    if target not in names and not any(n in lines for n in names):
        return 0.0
    inner: dict[str, float] = {}
    for name in names:
        if name == target:
            inner[name] = 1.0
        elif name in lines and name not in seen:
            line = lines[name]
            if line.start is not None:
                return None
            w = _weight(line.formula, target, lines, (*seen, name))
            if w is None:
                return None
            inner[name] = w
        elif name in lines:
            return None  # a line that reads itself in the same year
        else:
            inner[name] = 0.0
    if all(w == 0.0 for w in inner.values()):
        return 0.0
    slopes = _slopes(expr, names)
    if slopes is None:
        return None
    return float(sum(slopes[n] * inner[n] for n in names))


def _slopes(expr: Expr, names: list[str]) -> dict[str, float] | None:
    """The slope of ``expr`` in each name it reads, when it is linear in them all (checked
    at several points); None otherwise."""
    base = expr.constant(dict.fromkeys(names, 0.0))
    if base is None:
        return None
    slopes: dict[str, float] = {}
    for name in names:
        one = expr.constant({**dict.fromkeys(names, 0.0), name: 1.0})
        if one is None:
            return None
        slopes[name] = one - base
    for k, scale in enumerate((2.0, -1.5, 3.25)):
        point = {n: scale * (1.0 + 0.37 * ((i + k) % 5)) for i, n in enumerate(names)}
        value = expr.constant(point)
        guess = base + sum(slopes[n] * point[n] for n in names)
        if value is None or not np.isclose(value, guess, rtol=1e-9, atol=1e-9):
            return None
    return slopes


def _check_numbers(built: Built, thesis: Any) -> None:
    """Checks of assumption values before sampling (see :mod:`model.valuation.checks`)."""
    from model.valuation import checks

    for name, path in _counts_given(built):
        check_count_given(thesis, name, *given_at(thesis, name, path))
    for node in built.nodes:
        if isinstance(node, BlockNode) and node.type_name == "market_segment":
            players = {p: e.bare_name for p, e in node.params["players"].items()}
            if all(players.values()):
                path = ("model", *node.path, "players")
                checks.check_share_sum(thesis, players, path)  # type: ignore[arg-type]
    weights = [leg.weight.bare_name for leg in built.legs]
    if weights and all(weights):
        checks.check_weights(thesis, tuple(weights), ("model", "valuation", "legs"))  # type: ignore[arg-type]
    for leg in built.legs:
        # Every leg with a Gordon terminal value: the first DCF and the finance library's.
        g_expr, r_expr = leg.params.get("terminal_growth"), leg.params.get("discount_rate")
        if not isinstance(g_expr, Expr) or not isinstance(r_expr, Expr):
            continue
        # A number written in place of a name is checked too (a fixed growth of 0.05).
        growth = g_expr.bare_name or g_expr.expression.text.strip()
        rate = r_expr.bare_name or r_expr.expression.text.strip()
        if growth and rate:
            path = ("model", "valuation", "legs", leg.name, "terminal_growth")
            checks.check_terminal_growth(thesis, growth, rate, path)
    check_signs(built, thesis)
    check_cash_counted_once(built, thesis)


def _counts_given(built: Built) -> list[tuple[str, tuple[str, ...]]]:
    """The share counts an assumption gives, each with the field that reads it: a
    ``share_count`` block's ``shares``, and the count of the value per share (``valuation.
    shares`` itself, or the ``start:``, else the ``value:``, of its line)."""
    found = [
        (count.bare_name, ("model", *node.path, "shares"))
        for node in built.nodes
        if isinstance(node, BlockNode) and node.type_name == "share_count"
        and isinstance(count := node.params.get("shares"), Expr) and count.bare_name
    ]  # fmt: skip
    line = next((n for n in built.nodes if built.shares in n.outputs), None)
    if built.shares and line is None:
        found.append((built.shares, ("model", "valuation", "shares")))
    if isinstance(line, ExprLine):
        key, given = ("start", line.start) if line.start is not None else ("value", line.formula)
        if given.bare_name:
            found.append((given.bare_name, ("model", *line.path, key)))
    return found


_LEG_FLAGS = {"pe": ("on_losses",), "sotp": ("discount",)}


def _extra_name(type_name: str, suffix: str, leg: str) -> str:
    from model.valuation.lines.build_valuation import _LEG_EXTRAS

    return _LEG_EXTRAS[type_name][suffix][0].format(name=leg)


def _key(node: Any) -> str:
    return f"block:{node.name}" if isinstance(node, BlockNode) else node.name
