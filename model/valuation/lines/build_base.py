"""The shared part of building a line model: names, units, errors, and the pieces a line model
returns (:class:`Built`, :class:`LegSpec`).

:mod:`model.valuation.lines.build` assembles the builder from this base and its two parts, the
blocks and lines (:mod:`~model.valuation.lines.build_items`) and the valuation section
(:mod:`~model.valuation.lines.build_valuation`); every part reports an error at the file and
line of its field through :meth:`BuilderBase.error`.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from model.errors import ExpressionError, ThesisError
from model.inputs.expressions.expr import compile_expression
from model.inputs.expressions.exprtree import (
    FUNCTIONS,
    LINE_FUNCTIONS,
    LINE_SUGAR,
    RESERVED_WORDS,
)
from model.inputs.units import SHARE_COUNT_HINT, Flavor, Unit, parse_unit
from model.valuation.blocks.base import Kind
from model.valuation.config import Locator, field_location, located_error, no_locator
from model.valuation.lines.graph import Step
from model.valuation.lines.legs import Leg, leg_type
from model.valuation.lines.nodes import Expr
from model.valuation.roles import (
    LineInfo,
)

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
#: Words a line may not be called: built-ins of the expression language.
RESERVED = frozenset({"rest", *RESERVED_WORDS, *FUNCTIONS, *LINE_FUNCTIONS, *LINE_SUGAR})
_TOP_KEYS = ("kind", "currency", "fx_to_price", "blocks", "lines", "valuation")
_LINE_KEYS = ("value", "start", "prior", "unit", "role", "label", "group")
_BLOCK_KEYS = ("type", "label", "outputs")
_VALUATION_KEYS = ("legs", "shares", "cost_of_equity")
#: The fixed sections of ``model:`` and their keys, for a key written in the wrong one.
_SECTION_KEYS = {(): _TOP_KEYS, ("valuation",): _VALUATION_KEYS}
#: Outputs of the valuation section besides the per-leg ones.
VALUATION_OUTPUTS = ("equity_value", "value_per_share", "eps", "total_return", "return_annual")
#: The output holding each year's dividends per share (price unit), which today's value and the
#: dated returns count as the cash a holder receives (see model.valuation.finance.today).
DIVIDENDS_PER_SHARE = "dividends_per_share"


@dataclass(frozen=True, eq=False)
class LegSpec:
    """One leg of the ``valuation:`` section, ready to compute."""

    name: str
    type_name: str
    weight: Expr
    params: Mapping[str, Any]
    texts: Mapping[str, str]

    @property
    def leg(self) -> Leg:
        return leg_type(self.type_name)


@dataclass
class Built:
    """What :func:`build_section` returns (assembled into a LineModel by the caller)."""

    nodes: list[Any] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    infos: list[LineInfo] = field(default_factory=list)
    legs: list[LegSpec] = field(default_factory=list)
    shares: str | None = None
    earnings: str | None = None
    fx: Expr | None = None
    per_share_scale: float = 1.0
    input_names: tuple[str, ...] = ()
    flag_names: tuple[str, ...] = ()
    cost_of_equity: str | float | None = None
    dividends: str | None = None
    #: The lines of the cash paid to the holders (roles dividends, buybacks), for the legs
    #: that share a year's value among its shares.
    payouts: tuple[str | None, str | None] = (None, None)
    #: Net-cash block -> its ``rate:``, when the interest runs as a line of its own (the
    #: block's ``rate`` is then None): for the checks of the rate, not for the run.
    split_rates: dict[str, Expr] = field(default_factory=dict)


class BuilderBase:
    """State of one section being built, and the checks every part uses."""

    #: Set by ``run`` from the section's ``currency:`` before any part is built.
    currency_unit: Unit
    currency_text: str
    #: The compiled ``fx_to_price`` expression, or None.
    fx_compiled: Any

    def __init__(
        self,
        section: Mapping[str, Any],
        units: Mapping[str, str] | None,
        price_unit: Unit,
        locate: Locator | None,
        assumption_paths: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.section = section
        self.locate = locate or no_locator
        # Where each assumption is defined (the override's own field when a scenario replaced
        # it), so a line that takes an overridden assumption's name is reported there.
        self.assumption_paths = dict(assumption_paths or {})
        self.raw_units = dict(units) if units is not None else None
        self.assumption_units: dict[str, Unit] = {}
        if units is not None:
            for name, text in units.items():
                self.assumption_units[name] = parse_unit(text)
        self.price_unit = price_unit
        self.price_currency = price_unit.currencies[0] if price_unit.currencies else None
        self.line_units: dict[str, Unit] = {}
        self.line_text: dict[str, str] = {}
        self.infos: dict[str, LineInfo] = {}
        self.where: dict[str, tuple[str, ...]] = {}
        self.has_prior: set[str] = set()
        self.used: dict[str, None] = {}
        self.block_slots: dict[str, dict[str, str]] = {}
        self.price = 1.0

    # -- errors --------------------------------------------------------------------------------
    def error(
        self, path: tuple[str, ...], message: str, expected: str | None = None
    ) -> ThesisError:
        return located_error(self.locate, path, message, expected)

    def _keys(
        self, spec: Any, allowed: tuple[str, ...], path: tuple[str, ...]
    ) -> Mapping[str, Any]:
        if not isinstance(spec, Mapping):
            raise self.error(path, "must be a mapping", ", ".join(allowed))
        for key in spec:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else _elsewhere(str(key), path)
                if not close and re.search(r"[()\[\]*/+]|^\s*\d", str(key)):
                    # `{value: max(a, b)}` splits at the comma: YAML reads `b)` as a key.
                    hint = (
                        "; it looks like the end of an expression: quote an expression with a "
                        'comma inside {...}, e.g. {value: "max(a, b)"}'
                    )
                raise self.error(
                    (*path, str(key)), f"unknown key {key!r}{hint}", ", ".join(allowed)
                )
        return spec

    # -- names ---------------------------------------------------------------------------------
    def claim(self, name: str, path: tuple[str, ...]) -> None:
        if not isinstance(name, str) or not _NAME.match(name):
            raise self.error(
                path,
                f"{name!r} is not a usable name: lower case letters, digits and _, starting with "
                "a letter",
            )
        if name in RESERVED:
            raise self.error(
                path, f"{name!r} is a reserved word of the expression language; choose another name"
            )
        if name in self.assumption_units:
            where = self.assumption_paths.get(name, ())
            if "overrides" in where:
                # A scenario's override is what the applied thesis holds under this name: the
                # clash is reported at the override, where it was written, not at the line.
                file, line = field_location(self.locate, where)
                raise ThesisError(
                    f"{name!r} is also a line of the model (model.{'.'.join(path)}); an "
                    "assumption and a line cannot share a name",
                    file=file,
                    line=line,
                    field=".".join(where),
                )
            raise self.error(
                path, f"{name!r} is already an assumption of the thesis; a line needs its own name"
            )
        if name in self.infos:
            raise self.error(path, f"the model already has a line called {name!r}")
        self.where[name] = path

    # -- units ---------------------------------------------------------------------------------
    @property
    def model_unit(self) -> Unit:
        return self.currency_unit

    def units_of(self, names: tuple[str, ...], path: tuple[str, ...]) -> dict[str, Unit]:
        out: dict[str, Unit] = {}
        for name in names:
            if name in self.line_units:
                out[name] = self.line_units[name]
            elif name in self.assumption_units:
                out[name] = self.assumption_units[name]
                self.used.setdefault(name)
            elif self.raw_units is None:
                out[name] = self.currency_unit  # standalone: assumptions in the model currency
                self.used.setdefault(name)
            else:
                raise self.unknown(name, path)
        return out

    def unknown(self, name: str, path: tuple[str, ...]) -> ThesisError:
        known = [*self.infos, *self.assumption_units]
        close = difflib.get_close_matches(name, known, n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        lines = ", ".join(self.infos) or "none yet"
        return self.error(
            path,
            f"{name!r} is neither a line of the model nor an assumption{hint} (lines: {lines})",
        )

    def compile(self, text: Any, path: tuple[str, ...]) -> Any:
        if isinstance(text, bool) or not isinstance(text, str | int | float):
            raise self.error(
                path, f"must be an expression (a name, a number or a formula), got {text!r}"
            )
        if isinstance(text, float) and not math.isfinite(text):
            # YAML's .nan and .inf would otherwise read as names that do not exist.
            what = "NaN" if math.isnan(text) else "an infinite number"
            raise self.error(path, f"{what} is not a valid input: give a finite number")
        try:
            return compile_expression(str(text), lines=True)
        except ExpressionError as exc:
            raise self.error(path, str(exc)) from None

    def expr(self, compiled: Any, path: tuple[str, ...], what: str, factor: float = 1.0) -> Expr:
        units = self.units_of(compiled.names, path)
        try:
            return Expr(compiled, units, factor, what)
        except ExpressionError as exc:
            raise self.error(path, str(exc)) from None

    def unit_of(self, compiled: Any, path: tuple[str, ...]) -> Unit:
        units = self.units_of(compiled.names, path)
        try:
            return compiled.unit(units)
        except ExpressionError as exc:
            raise self.error(path, str(exc)) from None

    def kind_factor(self, kind: Kind, unit: Unit, path: tuple[str, ...], what: str) -> float:
        """Factor into the canonical unit of ``kind``; a ThesisError if the unit does not fit."""
        model = self.currency_unit
        if kind is Kind.MONEY:
            if unit.currency == model.currency:
                return unit.factor_to(model)
            found = "a pure number" if unit.dimensionless else f"{unit}"
            fx = (
                " (convert it with an exchange-rate assumption such as "
                f"{model.currency}/{unit.currency})"
                if unit.is_money
                else ""
            )
            if dict(unit.dims).get("share") == 1 and len(unit.currencies) == 1:
                # Money times shares: an amount per share written without '/share' (a
                # dividend per share in 'INR crore'), multiplied by the count.
                fx = (
                    f", money times shares: is an amount per share written without '/share' "
                    f"(unit '{unit.currencies[0]}/share' for a dividend or earnings per share)?"
                )
            raise self.error(
                path,
                f"{what} must be an amount of {model.currency}, the model currency; it is in "
                f"{found}{fx}",
            )
        if kind is Kind.SHARES:
            if unit.dims == (("share", 1),):
                return 1.0
            raise self.error(
                path, f"{what} must be a share count ({SHARE_COUNT_HINT}); it is in {unit}"
            )
        if kind is Kind.FX:
            want = (
                parse_unit(f"{self.price_currency}/{model.currency}")
                if self.price_currency
                else None
            )
            if want is not None and unit.dims == want.dims:
                return 10.0**unit.power
            raise self.error(
                path,
                f"{what} must be an exchange rate {self.price_currency}/{model.currency} (price "
                f"currency per model currency); it is in {unit}",
            )
        if not unit.dimensionless:
            raise self.error(path, f"{what} must be a pure number ({kind.value}); it is in {unit}")
        return 10.0**unit.power

    def output_unit(self, unit: Unit) -> tuple[Unit, str, float]:
        """The unit a line is kept in: model-currency money at its scale, pure numbers unscaled."""
        if unit.currency is not None and unit.currency == self.currency_unit.currency:
            return self.currency_unit, self.currency_text, unit.factor_to(self.currency_unit)
        if unit.dimensionless:
            flavor = unit.flavor if unit.flavor is not Flavor.NONE else Flavor.PLAIN
            text = flavor.value
            return parse_unit(text), text, 10.0**unit.power
        return unit, str(unit), 1.0

    # -- kinds of amounts ------------------------------------------------------------------------
    def _kind_expr(self, compiled: Any, kind: Kind, path: tuple[str, ...], what: str) -> Expr:
        if kind is Kind.MONEY and _is_zero(compiled):
            # "net_cash: 0", "other: 0": nothing, in any currency and scale.
            return self.expr(compiled, path, what)
        unit = self.unit_of(compiled, path)
        factor = self.kind_factor(kind, unit, path, what)
        return self.expr(compiled, path, what, factor)

    def _fx_expr(self, path: tuple[str, ...]) -> Expr:
        from model.inputs.expressions.expr import compile_expression as ce

        if self.fx_compiled is None:
            if self.price_currency not in (None, self.currency_unit.currency):
                raise self.error(
                    ("fx_to_price",),
                    f"the price is in {self.price_currency} but the model in "
                    f"{self.currency_unit.currency}: name an exchange-rate assumption in "
                    "fx_to_price",
                )
            return Expr(ce("1", lines=True), {}, 1.0, "fx_to_price")
        return self._kind_expr(self.fx_compiled, Kind.FX, ("fx_to_price",), "fx_to_price")

    def _per_share_scale(self, shares_unit: Unit) -> float:
        fx_unit = (
            parse_unit(f"{self.price_currency}/{self.currency_unit.currency}")
            if self.price_currency and self.price_currency != self.currency_unit.currency
            else Unit()
        )
        return (self.currency_unit * fx_unit / shares_unit).factor_to(self.price_unit)


def _is_zero(compiled: Any) -> bool:
    """Whether an expression is the number zero written alone (``0``, ``0.0``)."""
    if compiled.names:
        return False
    try:
        return float(str(compiled.text).strip()) == 0.0
    except ValueError:
        return False


def _elsewhere(key: str, path: tuple[str, ...]) -> str:
    """The hint for ``key`` written in the section at ``path`` when another fixed section of
    ``model:`` takes it (``fx_to_price`` under ``valuation:``): where it belongs."""
    for section, keys in _SECTION_KEYS.items():
        if section != path and key in keys:
            where = ".".join(("model", *section))
            return f"; {key!r} is a key of '{where}:', not of this section: move it there"
    return ""
