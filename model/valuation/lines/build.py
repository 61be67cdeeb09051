"""Building a line model from a ``model:`` section of kind ``lines``: names, units, order.

Everything that can be checked without sampling is checked here, each error pointing at the
file and line of the field: unknown keys and block types, names that are reserved or taken by an
assumption, names that exist nowhere (with a did-you-mean), units that do not fit (money in
another currency without an FX rate, a margin in USD), circular references within a year, and
recursions without a start value.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from model.errors import ExpressionError, ThesisError
from model.inputs.expressions.expr import compile_expression
from model.inputs.expressions.exprtree import FUNCTIONS, LINE_FUNCTIONS, LINE_SUGAR
from model.inputs.units import Flavor, Unit, UnitError, parse_unit
from model.valuation.blocks.base import BlockType, Kind, block_type
from model.valuation.config import Locator, located_error, no_locator
from model.valuation.lines.graph import GraphNode, Step, plan
from model.valuation.lines.legs import Leg, leg_type
from model.valuation.lines.nodes import BlockNode, Expr, ExprLine
from model.valuation.roles import (
    GROUP_ROLES,
    LineInfo,
    ModelRoles,
    Role,
    RoleError,
    label_from_name,
)

__all__ = ["RESERVED", "Built", "LegSpec", "build_section"]

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
#: Words a line may not be called: built-ins of the expression language.
RESERVED = frozenset(
    {"t", "year", "true", "false", "rest", *FUNCTIONS, *LINE_FUNCTIONS, *LINE_SUGAR}
)
_TOP_KEYS = ("kind", "currency", "fx_to_price", "blocks", "lines", "valuation")
_LINE_KEYS = ("value", "start", "prior", "unit", "role", "label", "group")
_BLOCK_KEYS = ("type", "label", "outputs")
_VALUATION_KEYS = ("legs", "shares", "cost_of_equity")
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


class _Builder:
    def __init__(
        self,
        section: Mapping[str, Any],
        units: Mapping[str, str] | None,
        price_unit: Unit,
        locate: Locator | None,
    ) -> None:
        self.section = section
        self.locate = locate or no_locator
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
                hint = f"; did you mean {close[0]!r}?" if close else ""
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
            raise self.error(
                path,
                f"{what} must be an amount of {model.currency}, the model currency; it is in "
                f"{found}{fx}",
            )
        if kind is Kind.SHARES:
            if unit.dims == (("share", 1),):
                return 1.0
            raise self.error(
                path, f"{what} must be a share count (e.g. 'shares bn'); it is in {unit}"
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

    # -- the section ---------------------------------------------------------------------------
    def run(self) -> Built:
        section = self._keys(self.section, _TOP_KEYS, ())
        text = section.get("currency")
        if text is None:
            raise self.error(
                ("currency",), "required key is missing", "the model currency, e.g. 'USD bn'"
            )
        try:
            unit = parse_unit(str(text))
        except UnitError as exc:
            raise self.error(("currency",), str(exc)) from None
        if not unit.is_money:
            raise self.error(
                ("currency",),
                f"{text!r} is not an amount of money",
                "a currency with an optional scale, e.g. 'EUR m'",
            )
        self.currency_unit, self.currency_text = unit, str(text)
        built = Built()
        blocks = section.get("blocks") or {}
        lines = section.get("lines") or {}
        if not isinstance(blocks, Mapping):
            raise self.error(("blocks",), "must be a mapping of block name -> block")
        if not isinstance(lines, Mapping):
            raise self.error(("lines",), "must be a mapping of line name -> expression")
        if not blocks and not lines:
            raise self.error(
                (), "the model has no lines: add 'lines:' (name: expression) or 'blocks:'"
            )
        self.fx_compiled = None
        if section.get("fx_to_price") is not None:
            self.fx_compiled = self.compile(section["fx_to_price"], ("fx_to_price",))
        pending: list[tuple[str, Any]] = []
        for name, spec in blocks.items():
            pending.append(("block", self._declare_block(str(name), spec, blocks)))
        for name, spec in lines.items():
            pending.append(("line", self._declare_line(str(name), spec)))
        pending = self._split_interest(pending)
        graph = [self._graph_node(kind, item) for kind, item in pending]
        known = (
            set(self.assumption_units)
            if self.raw_units is not None
            else _free_names(graph, self.infos)
        )
        steps = plan(graph, known, lambda path, msg: self.error(path, msg))
        by_key = {g.key: item for g, (_, item) in zip(graph, pending, strict=True)}
        for step in steps:
            if step.recursive:
                # Units first: a recursion reads lines of the step before they are checked.
                self._anchor_units([by_key[k] for k in step.keys if not k.startswith("block:")])
            for key in step.keys:
                item = by_key[key]
                node = (
                    self._finish_block(item)
                    if key.startswith("block:")
                    else self._finish_line(item, step)
                )
                built.nodes.append(node)
        built.steps = steps
        self._valuation(section.get("valuation"), built)
        built.infos = list(self.infos.values())
        self._check_roles(built.infos)
        built.input_names = tuple(self.used)
        flags = []
        for node in built.nodes:
            if isinstance(node, BlockNode):
                flags += list(node.flag_names)
        built.flag_names = tuple(flags)
        return built

    def _split_interest(self, pending: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """Net-cash blocks whose interest other lines read: the interest as a line of its own.

        ``interest = rate * net_cash[t-1]`` reads only the opening balance, but inside the block
        it shares a node with the closing balance, which reads this year's flows; when earnings
        bear the interest and pay dividends into the roll, that is a circular reference that
        is not one. As a line, it runs year by year with the roll (see ``blocks.cash``).
        """
        readers: set[str] = set()
        for kind, item in pending:
            if kind == "line":
                for key in ("value", "start", "prior"):
                    if item.get(key) is not None:
                        readers.update(item[key].names)
                continue
            for value in item["params"].values():
                texts = value.values() if isinstance(value, Mapping) else [value]
                for text in texts:
                    if text is not None:
                        readers.update(self.compile(text, item["path"]).names)
        out: list[tuple[str, Any]] = []
        for kind, item in pending:
            out.append((kind, item))
            params = item.get("params") or {}
            if kind != "block" or item["type"].name != "net_cash" or params.get("rate") is None:
                continue
            interest = item["slots"]["interest"]
            if interest not in readers:
                continue
            if params.get("interest") is not None:
                raise self.error((*item["path"], "interest"), "give 'rate' or 'interest', not both")
            path = (*item["path"], "rate")
            spec = {
                "value": f"({params['rate']}) * {item['slots']['net_cash']}[t-1]",
                "start": f"0 * ({params['start']})",
            }
            line = {
                "name": interest,
                "spec": spec,
                "path": path,
                "vpath": path,
                "value": self.compile(spec["value"], path),
                "start": self.compile(spec["start"], path),
            }
            item["params"] = {**params, "rate": None, "interest": interest}
            item["slots"] = {k: v for k, v in item["slots"].items() if k != "interest"}
            out.append(("line", line))
        return out

    def _check_roles(self, infos: list[LineInfo]) -> None:
        """Refuse, at its line, a second holder of a one-per-model role (what every reader of
        the results would otherwise trip over after the run)."""
        holders: dict[Role, str] = {}
        for info in infos:
            role = info.role
            if role is None or role not in GROUP_ROLES:
                continue
            first = holders.setdefault(role, info.name)
            if first != info.name:
                path = self.where.get(info.name, ())
                if path[:1] == ("lines",):
                    path = (*path, "role")
                raise self.error(
                    path,
                    f"role {role.value!r} is already held by {first!r}; one line of a model "
                    f"may hold it (give {info.name!r} another role, or none)",
                )
        try:
            ModelRoles.of(infos)
        except RoleError as exc:
            raise self.error((), str(exc)) from None

    # -- blocks --------------------------------------------------------------------------------
    def _declare_block(self, name: str, spec: Any, blocks: Mapping[str, Any]) -> dict[str, Any]:
        path = ("blocks", name)
        if not isinstance(spec, Mapping):
            raise self.error(path, "must be a mapping with a 'type:'")
        if "type" not in spec:
            from model.valuation.blocks import BLOCKS

            raise self.error(path, "a block needs a 'type:'", ", ".join(BLOCKS))
        try:
            btype = block_type(str(spec["type"]))
        except KeyError as exc:
            raise self.error((*path, "type"), str(exc.args[0])) from None
        allowed = (*_BLOCK_KEYS, *(p.key for p in btype.params), *btype.options)
        self._keys(spec, allowed, path)
        params = {p.key: spec.get(p.key) for p in btype.params}
        options = {k: spec.get(k) for k in btype.options}
        for p in btype.params:
            if p.required and params[p.key] is None:
                raise self.error((*path, p.key), f"required key is missing ({p.doc})")
            if p.mapping and params[p.key] is not None and not isinstance(params[p.key], Mapping):
                raise self.error((*path, p.key), "must be a mapping of name -> expression")
        if btype.check is not None:
            problem = btype.check(name, options, params, blocks)
            if problem:
                key = problem.split(":", 1)[0] if ":" in problem.split(" ", 1)[0] else ""
                raise self.error((*path, key) if key and key in spec else path, problem)
        renames = spec.get("outputs") or {}
        if not isinstance(renames, Mapping):
            raise self.error((*path, "outputs"), "must be a mapping of output -> line name")
        outputs = btype.outputs(name, options, params)
        slots_known = [o.slot for o in outputs]
        for slot in renames:
            if slot not in slots_known:
                close = difflib.get_close_matches(str(slot), slots_known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise self.error(
                    (*path, "outputs", str(slot)),
                    f"the block has no output {slot!r}{hint}",
                    ", ".join(slots_known),
                )
        label = str(spec.get("label") or label_from_name(name))
        slots: dict[str, str] = {}
        for out in outputs:
            line = str(renames.get(out.slot) or out.pattern.format(name=name))
            where = (*path, "outputs", out.slot) if out.slot in renames else path
            self.claim(line, where)
            unit_text = self._kind_text(out.kind, params, name)
            player = out.slot.split(":", 1)[1] if out.slot.startswith("share:") else None
            info_label = out.label.format(label=label) if out.label else ""
            if player is not None:
                info_label = f"{label}: {label_from_name(player)}"
            self.infos[line] = LineInfo(
                name=line,
                unit=unit_text,
                role=out.role,
                label=info_label,
                group=options.get("group") or (name if out.role in _GROUPED else None),
                company=player is not None and player == options.get("company"),
                rest=player == "rest",
                player=player,
            )
            self.line_units[line] = parse_unit(unit_text)
            self.line_text[line] = unit_text
            if out.prior:
                self.has_prior.add(line)
            slots[out.slot] = line
        self.block_slots[name] = slots
        return {
            "name": name,
            "type": btype,
            "spec": spec,
            "params": params,
            "options": options,
            "slots": slots,
            "path": path,
        }

    def _kind_text(self, kind: Kind | str, params: Mapping[str, Any], block: str) -> str:
        if kind is Kind.MONEY:
            return self.currency_text
        if kind is Kind.SHARES:
            shares = params.get("shares")
            unit = self.assumption_units.get(str(shares)) if isinstance(shares, str) else None
            return str(unit) if unit is not None else "shares bn"
        return str(kind.value) if isinstance(kind, Kind) else kind

    def _block_exprs(self, item: dict[str, Any]) -> dict[str, Any]:
        compiled: dict[str, Any] = {}
        for key, value in item["params"].items():
            if value is None:
                continue
            where = (*item["path"], key)
            if isinstance(value, Mapping):
                compiled[key] = {
                    str(k): self.compile(v, (*where, str(k))) for k, v in value.items()
                }
            else:
                compiled[key] = self.compile(value, where)
        item["compiled"] = compiled
        return compiled

    def _finish_block(self, item: dict[str, Any]) -> BlockNode:
        btype: BlockType = item["type"]
        path = item["path"]
        params: dict[str, Any] = {}
        for key, compiled in item["compiled"].items():
            p = btype.param(key)
            assert p is not None
            if isinstance(compiled, dict):
                params[key] = {
                    k: self._kind_expr(
                        c, p.kind, (*path, key, k), f"{key}.{k} of block '{item['name']}'"
                    )
                    for k, c in compiled.items()
                }
            else:
                params[key] = self._kind_expr(
                    compiled, p.kind, (*path, key), f"{key} of block '{item['name']}'"
                )
        options = dict(item["options"])
        if btype.param("fx") is not None and "fx" not in params:
            params["fx"] = self._fx_expr(path)
        if btype.name == "share_count":
            options["_price"] = self.price
            options["_per_share_scale"] = self._per_share_scale(
                self.line_units[item["slots"]["shares"]]
            )
        extra = {}
        if btype.needs is not None:
            for key, (block, slot) in btype.needs(options).items():
                extra[key] = self.block_slots[block][slot]
        return BlockNode(item["name"], btype.name, params, options, item["slots"], extra, path)

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

    # -- lines ---------------------------------------------------------------------------------
    def _declare_line(self, name: str, spec: Any) -> dict[str, Any]:
        path = ("lines", name)
        self.claim(name, path)
        if not isinstance(spec, Mapping):
            spec = {"value": spec}
            keyed = False
        else:
            self._keys(spec, _LINE_KEYS, path)
            keyed = True
        if spec.get("value") is None:
            raise self.error(path, "a line needs a 'value:' expression")
        vpath = (*path, "value") if keyed else path
        item: dict[str, Any] = {"name": name, "spec": spec, "path": path}
        item["value"] = self.compile(spec["value"], vpath)
        item["vpath"] = vpath
        for key in ("start", "prior"):
            if spec.get(key) is not None:
                item[key] = self.compile(spec[key], (*path, key))
        role = spec.get("role")
        if role is not None:
            try:
                role = Role(str(role))
            except ValueError:
                close = difflib.get_close_matches(str(role), [r.value for r in Role], n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise self.error(
                    (*path, "role"),
                    f"unknown role {role!r}{hint}",
                    ", ".join(r.value for r in Role),
                ) from None
        declared = spec.get("unit")
        if declared is not None:
            try:
                item["declared"] = parse_unit(str(declared))
            except UnitError as exc:
                raise self.error((*path, "unit"), str(exc)) from None
        self.infos[name] = LineInfo(
            name=name,
            unit="",
            role=role,
            label=str(spec.get("label") or ""),
            group=spec.get("group"),
        )
        if item.get("prior") is not None:
            self.has_prior.add(name)
        return item

    def _anchor_units(self, items: list[dict[str, Any]]) -> None:
        """The units of the lines of a recursion: declared, their start value's, or inferred.

        A line with neither takes its expression's unit once every name it reads has one,
        so the lines are tried until no more can be (``interest = rate * cash[t-1]`` after
        ``cash``, ``earnings = ebit + interest`` after ``interest``).
        """
        left = list(items)
        while left:
            done = [item for item in left if self._anchor_unit(item)]
            if not done:
                item = left[0]
                raise self.error(
                    item["path"],
                    f"line {item['name']!r} uses earlier years of itself (or of a line that "
                    "uses it): declare its unit (unit: ...) or give a start: value with a unit",
                )
            left = [item for item in left if item not in done]

    def _anchor_unit(self, item: dict[str, Any]) -> bool:
        """Fix the unit of a line in a recursion if it can be known yet; whether it was."""
        name, path, spec = item["name"], item["path"], item["spec"]
        declared: Unit | None = item.get("declared")
        start = item.get("start")
        if declared is not None:
            self.line_units[name] = declared
            self.line_text[name] = str(spec.get("unit"))
            return True
        anchor = None if start is None else self._type_of(start, (*path, "start"))
        if anchor is None and self._units_known(item["value"].names, name):
            anchor = self._type_of(item["value"], item["vpath"])
        if anchor is None:
            return False
        keep, text, _ = self.output_unit(anchor)
        self.line_units[name] = keep
        self.line_text[name] = text
        return True

    def _units_known(self, names: tuple[str, ...], own: str) -> bool:
        """Whether every name but ``own`` has a unit (a line already checked, or an assumption)."""
        return own not in names and all(
            n in self.line_units or n in self.assumption_units or self.raw_units is None
            for n in names
        )

    def _type_of(self, compiled: Any, path: tuple[str, ...]) -> Unit | None:
        """The unit of an expression, or None for a bare number (it takes the unit it meets)."""
        units = self.units_of(compiled.names, path)
        try:
            found = compiled._plan(units).unit
        except ExpressionError as exc:
            raise self.error(path, str(exc)) from None
        return found if isinstance(found, Unit) else None

    def _finish_line(self, item: dict[str, Any], step: Step) -> ExprLine:
        name, path, spec = item["name"], item["path"], item["spec"]
        value = item["value"]
        declared: Unit | None = item.get("declared")
        unit = self.unit_of(value, item["vpath"])
        if declared is not None:
            try:
                factor = (
                    unit.factor_to(declared)
                    if not (unit.dimensionless and declared.dimensionless)
                    else 10.0 ** (unit.power - declared.power)
                )
            except UnitError:
                raise self.error(
                    item["vpath"],
                    f"line {name!r} is declared in {spec.get('unit')} but its expression gives "
                    f"{unit}",
                ) from None
            keep, text = declared, str(spec.get("unit"))
        elif name in self.line_units:
            keep, text = self.line_units[name], self.line_text[name]
            try:
                factor = unit.factor_to(keep) if not unit.dimensionless else 10.0**unit.power
            except UnitError:
                raise self.error(
                    item["vpath"],
                    f"line {name!r} is in {text} (its start value) but its expression gives {unit}",
                ) from None
        else:
            keep, text, factor = self.output_unit(unit)
        self.line_units[name] = keep
        self.line_text[name] = text
        formula = self.expr(value, item["vpath"], f"line '{name}'", factor)
        start_expr = prior_expr = None
        for key in ("start", "prior"):
            compiled = item.get(key)
            if compiled is None:
                continue
            sub = self._type_of(compiled, (*path, key)) or keep
            try:
                f = (
                    sub.factor_to(keep)
                    if not (sub.dimensionless and keep.dimensionless)
                    else 10.0 ** (sub.power - keep.power)
                )
            except UnitError:
                raise self.error(
                    (*path, key), f"{key} of line {name!r} is in {sub}, the line in {text}"
                ) from None
            made = self.expr(compiled, (*path, key), f"{key} of line '{name}'", f)
            if key == "start":
                start_expr = made
            else:
                prior_expr = made
        self._check_lags(item, start_expr is not None)
        auto = prior_expr is None and self._auto_prior(value)
        if auto:
            self.has_prior.add(name)
        old = self.infos[name]
        self.infos[name] = LineInfo(name, text, old.role, old.label, old.group)
        return ExprLine(name, formula, start_expr, prior_expr, auto, path)

    def _check_lags(self, item: dict[str, Any], has_start: bool) -> None:
        first = 1 if has_start else 0
        for ref, k in item["value"].lags:
            if first - k < -1:
                raise self.error(
                    item["vpath"],
                    f"{ref}[t-{k}] reaches before the year before the first model year in line "
                    f"{item['name']!r}; give fewer years of lag or a start: value",
                )
            if first - k == -1 and ref not in self.has_prior and ref in self.infos:
                raise self.error(
                    item["vpath"],
                    f"{ref}[t-{k}] has no value in the first model year: give line "
                    f"{item['name']!r} a start: value (its first-year value), or {ref!r} a "
                    "prior: (its value the year before)",
                )

    def _auto_prior(self, compiled: Any) -> bool:
        if compiled.lags or any(f"{f}(" in compiled.text for f in LINE_FUNCTIONS):
            return False
        lines = [n for n in compiled.names if n in self.infos]
        return bool(lines) and all(n in self.has_prior for n in lines)

    # -- graph ---------------------------------------------------------------------------------
    def _graph_node(self, kind: str, item: dict[str, Any]) -> GraphNode:
        if kind == "block":
            compiled = self._block_exprs(item)
            exprs = [
                c for v in compiled.values() for c in (v.values() if isinstance(v, dict) else [v])
            ]
            same = [n for c in exprs for n in c.same_year_names]
            earlier = [n for c in exprs for n, _ in c.lags]
            if item["type"].needs is not None:
                for block, slot in item["type"].needs(item["options"]).values():
                    same.append(self.block_slots_pending(block, slot, item))
            if (
                item["type"].param("fx") is not None
                and self.fx_compiled is not None
                and "fx" not in compiled
            ):
                same += list(self.fx_compiled.names)
            return GraphNode(
                f"block:{item['name']}",
                tuple(item["slots"].values()),
                tuple(dict.fromkeys(same)),
                tuple(dict.fromkeys(earlier)),
                item["path"],
            )
        same = list(item["value"].same_year_names)
        for key in ("start", "prior"):
            if item.get(key) is not None:
                same += [*item[key].same_year_names, *(n for n, _ in item[key].lags)]
        earlier = [n for n, _ in item["value"].lags]
        return GraphNode(
            item["name"],
            (item["name"],),
            tuple(dict.fromkeys(same)),
            tuple(dict.fromkeys(earlier)),
            item["vpath"],
        )

    def block_slots_pending(self, block: str, slot: str, item: dict[str, Any]) -> str:
        slots = self.block_slots.get(block)
        if slots is None:
            raise self.error((*item["path"], "net_of"), f"{block!r} is not a block of the model")
        return slots[slot]

    # -- valuation -----------------------------------------------------------------------------
    def _cost_of_equity(self, given: Any) -> str | float | None:
        """``valuation.cost_of_equity``: the rate today's value discounts at (a name or number)."""
        path = ("valuation", "cost_of_equity")
        expected = "an assumption's name (a fraction, e.g. cost_of_equity) or a number such as 0.09"
        if given is None:
            return None
        if isinstance(given, int | float) and not isinstance(given, bool):
            if not 0.0 < float(given) < 1.0:
                raise self.error(path, f"must lie between 0 and 1 (got {given!r})", expected)
            return float(given)
        name = str(given).strip()
        if not _NAME.match(name) or name not in self.assumption_units:
            if self.raw_units is None and _NAME.match(name):
                return name  # a standalone model: every free name is an input
            close = difflib.get_close_matches(name, list(self.assumption_units), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise self.error(path, f"{name!r} is not an assumption of the thesis{hint}", expected)
        self.kind_factor(Kind.FRACTION, self.assumption_units[name], path, "the cost of equity")
        self.used.setdefault(name)
        return name

    def _valuation(self, section: Any, built: Built) -> None:
        roles = {info.role: info.name for info in self.infos.values() if info.role is not None}
        built.shares = roles.get(Role.SHARES)
        built.earnings = roles.get(Role.EARNINGS)
        if section is None:
            return
        section = self._keys(section, _VALUATION_KEYS, ("valuation",))
        legs = section.get("legs")
        if not isinstance(legs, Mapping) or not legs:
            raise self.error(
                ("valuation", "legs"),
                "name at least one valuation leg",
                "e.g. pe: {weight: w_pe, multiple: pe_now}",
            )
        shares = section.get("shares") or built.shares
        if shares is None:
            raise self.error(
                ("valuation", "shares"),
                "value per share needs a share count: a line with role 'shares' (e.g. a "
                "share_count block) or valuation.shares naming one",
            )
        if shares not in self.line_units and shares not in self.assumption_units:
            raise self.unknown(str(shares), ("valuation", "shares"))
        built.shares = str(shares)
        shares_unit = self.line_units.get(shares) or self.assumption_units[shares]
        if shares_unit.dims != (("share", 1),):
            raise self.error(
                ("valuation", "shares"), f"{shares!r} must be a share count; it is in {shares_unit}"
            )
        if shares in self.assumption_units:
            self.used.setdefault(shares)
        built.cost_of_equity = self._cost_of_equity(section.get("cost_of_equity"))
        built.fx = self._fx_expr(("valuation",))
        built.per_share_scale = self._per_share_scale(shares_unit)
        price_text = str(self.price_unit)
        for name, spec in legs.items():
            name = str(name)
            path = ("valuation", "legs", name)
            if not isinstance(spec, Mapping):
                raise self.error(path, "must be a mapping with a weight and the leg's parameters")
            try:
                leg = leg_type(str(spec.get("type", name)))
            except KeyError as exc:
                raise self.error(
                    (*path, "type") if "type" in spec else path, str(exc.args[0])
                ) from None
            self._keys(spec, ("type", "weight", *(p.key for p in leg.params)), path)
            if spec.get("weight") is None:
                raise self.error(
                    (*path, "weight"), "required key is missing (the leg's weight in the blend)"
                )
            weight = self._kind_expr(
                self.compile(spec["weight"], (*path, "weight")),
                Kind.FRACTION,
                (*path, "weight"),
                f"weight of leg '{name}'",
            )
            params: dict[str, Any] = {}
            texts: dict[str, str] = {"weight": str(spec["weight"])}
            for p in leg.params:
                given = spec.get(p.key)
                if given is None and p.role is not None:
                    given = roles.get(p.role)
                if given is None:
                    if p.required:
                        raise self.error(
                            (*path, p.key),
                            f"required key is missing ({p.doc})"
                            + (f"; no line has role {p.role.value!r}" if p.role else ""),
                        )
                    continue
                texts[p.key] = str(given)
                where = (*path, p.key)
                if p.mapping:
                    if not isinstance(given, Mapping) or not given:
                        raise self.error(where, "must be a mapping of line -> multiple")
                    parts = {}
                    for line, multiple in given.items():
                        amount = self._kind_expr(
                            self.compile(str(line), (*where, str(line))),
                            Kind.MONEY,
                            (*where, str(line)),
                            f"part {line!r} of leg '{name}'",
                        )
                        mult = self._kind_expr(
                            self.compile(multiple, (*where, str(line))),
                            p.kind,
                            (*where, str(line)),
                            f"multiple of {line!r}",
                        )
                        parts[str(line)] = (amount, mult)
                    params[p.key] = parts
                else:
                    params[p.key] = self._kind_expr(
                        self.compile(given, where), p.kind, where, f"{p.key} of leg '{name}'"
                    )
            built.legs.append(LegSpec(name, leg.name, weight, params, texts))
            for out, unit, role in (
                (f"value_{name}", self.currency_text, Role.METHOD_VALUE),
                (f"value_per_share_{name}", price_text, Role.METHOD_VALUE_PER_SHARE),
            ):
                self.claim(out, path)
                self.infos[out] = LineInfo(
                    out,
                    unit,
                    role,
                    f"Value by {name}"
                    if role is Role.METHOD_VALUE
                    else f"Value per share by {name}",
                    group=name,
                )
            for suffix, names in _LEG_EXTRAS.get(leg.name, {}).items():
                out_name = names[0].format(name=name)
                self.claim(out_name, path)
                unit = self.currency_text if names[1] == "<money>" else names[1]
                self.infos[out_name] = LineInfo(
                    out_name,
                    unit,
                    names[2],
                    names[3].format(name=name),
                    group=name,
                    per_year=names[4],
                )
                del suffix
        for out, unit, role, label in (
            ("equity_value", self.currency_text, Role.EQUITY_VALUE, "Equity value"),
            ("value_per_share", price_text, Role.VALUE_PER_SHARE, "Value per share"),
            ("eps", price_text, Role.EPS, "Earnings per share"),
            ("total_return", "%", Role.TOTAL_RETURN, "Total return"),
            ("return_annual", "%", Role.ANNUAL_RETURN, "Annual return"),
        ):
            if out == "eps" and built.earnings is None:
                continue
            self.claim(out, ("valuation",))
            self.infos[out] = LineInfo(out, unit, role, label)
        # The dividends a share receives, so that today's value and the dated returns count the
        # cash the net-cash roll-forward pays out (a thesis' own line of this name is kept).
        dividends = roles.get(Role.DIVIDENDS)
        if (
            dividends is not None
            and DIVIDENDS_PER_SHARE not in self.infos
            and DIVIDENDS_PER_SHARE not in self.assumption_units
        ):
            built.dividends = dividends
            self.claim(DIVIDENDS_PER_SHARE, ("valuation",))
            self.infos[DIVIDENDS_PER_SHARE] = LineInfo(
                DIVIDENDS_PER_SHARE, price_text, None, "Dividends per share"
            )


_GROUPED = {Role.MARKET, Role.MARKET_SHARE, Role.SEGMENT_REVENUE, Role.SEGMENT_PROFIT}
#: Extra outputs of the built-in legs: suffix -> (name pattern, unit, role, label, per_year).
_LEG_EXTRAS: dict[str, dict[str, tuple[str, str, Role | None, str, bool]]] = {
    "pe": {
        "multiple": ("{name}_multiple", "x", Role.MULTIPLE, "P/E multiple ({name})", True),
        "exit": ("exit_{name}", "x", Role.EXIT_MULTIPLE, "Exit P/E ({name})", False),
    },
    "dcf": {"today": ("value_{name}_today", "<money>", None, "Value today by {name}", False)},
}


def _is_zero(compiled: Any) -> bool:
    """Whether an expression is the number zero written alone (``0``, ``0.0``)."""
    if compiled.names:
        return False
    try:
        return float(str(compiled.text).strip()) == 0.0
    except ValueError:
        return False


def _free_names(graph: list[GraphNode], infos: Mapping[str, LineInfo]) -> set[str]:
    """Standalone models (no thesis): every name that is not a line is an input."""
    return {n for g in graph for n in (*g.same_year, *g.earlier) if n not in infos}


def build_section(
    section: Mapping[str, Any],
    *,
    units: Mapping[str, str] | None,
    price: float,
    price_unit: Unit,
    locate: Locator | None = None,
) -> Built:
    """Check a ``model:`` section of kind ``lines`` and build its pieces.

    Parameters
    ----------
    section : Mapping
        The raw section.
    units : Mapping[str, str] or None
        Assumption name -> unit; None for a standalone model (every other name is an input in
        the model currency).
    price : float
        Thesis price (for buybacks and returns).
    price_unit : Unit
        Money per share.
    locate : callable, optional
        ``field path -> (file, line)``.

    Returns
    -------
    Built
    """
    builder = _Builder(section, units, price_unit, locate)
    builder.price = float(price)
    return builder.run()
