"""Building a line model from a ``model:`` section of kind ``lines``: names, units, order.

Everything that can be checked without sampling is checked here, each error pointing at the
file and line of the field: unknown keys and block types, names that are reserved or taken by an
assumption, names that exist nowhere (with a did-you-mean), units that do not fit (money in
another currency without an FX rate, a margin in USD), circular references within a year, and
recursions without a start value.

The builder is assembled from a shared base (:mod:`~model.valuation.lines.build_base`: names,
units, errors) and two parts: blocks and lines (:mod:`~model.valuation.lines.build_items`) and
the valuation section (:mod:`~model.valuation.lines.build_valuation`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from model.errors import ThesisError
from model.inputs.units import Unit, UnitError, parse_unit
from model.valuation.blocks.base import Kind
from model.valuation.config import Locator
from model.valuation.lines.build_base import (
    _TOP_KEYS,
    DIVIDENDS_PER_SHARE,
    RESERVED,
    VALUATION_OUTPUTS,
    Built,
    LegSpec,
)
from model.valuation.lines.build_items import ItemBuilder
from model.valuation.lines.build_valuation import ValuationBuilder
from model.valuation.lines.graph import GraphNode, plan
from model.valuation.lines.nodes import BlockNode, Expr
from model.valuation.roles import (
    GROUP_ROLES,
    LineInfo,
    ModelRoles,
    Role,
    RoleError,
)

__all__ = [
    "DIVIDENDS_PER_SHARE",
    "RESERVED",
    "VALUATION_OUTPUTS",
    "Built",
    "LegSpec",
    "build_section",
]


class _Builder(ItemBuilder, ValuationBuilder):
    """One section's builder: the section's keys and currency, then its parts in graph order."""

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
        if self.fx_compiled is not None and self.raw_units is not None:
            # Blocks read the rate too (a buyback's conversion): a misspelt name is the
            # fx_to_price key's, not the first block's that happens to read it.
            for name in self.fx_compiled.names:
                if name not in self.assumption_units and name not in self.infos:
                    raise self.unknown(name, ("fx_to_price",))
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
                    self._finish_block(item, step)
                    if key.startswith("block:")
                    else self._finish_line(item, step)
                )
                built.nodes.append(node)
        built.steps = steps
        built.split_rates = self._split_rates(pending)
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
            for key, value in item["params"].items():
                # Each expression at its own key, so that a bad one is reported there.
                texts = (
                    [((key, str(k)), v) for k, v in value.items()]
                    if isinstance(value, Mapping)
                    else [((key,), value)]
                )
                for where, text in texts:
                    if text is not None:
                        readers.update(self.compile(text, (*item["path"], *where)).names)
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
                "start": f"({params['rate']}) * ({params['start']})",
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

    def _split_rates(self, pending: list[tuple[str, Any]]) -> dict[str, Expr]:
        """The ``rate:`` of each net-cash block whose interest became a line, as the block
        would read it (checked for its sign where it is written, not where it runs)."""
        out: dict[str, Expr] = {}
        for kind, item in pending:
            if kind != "block" or item["type"].name != "net_cash":
                continue
            text = (item.get("spec") or {}).get("rate")
            if text is None or item["params"].get("rate") is not None:
                continue
            param = item["type"].param("rate")
            assert param is not None
            path = (*item["path"], "rate")
            try:
                out[item["name"]] = self._kind_expr(
                    self.compile(text, path), param.kind, path, f"rate of block '{item['name']}'"
                )
            except ThesisError:
                continue  # the interest line ran it already; its checks are not this one's
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
        for info in infos:
            path = self.where.get(info.name, ())
            if info.role not in _PAID_ROLES or path[:1] != ("lines",):
                continue
            try:
                unit = parse_unit(info.unit)
            except UnitError:
                continue  # said where the line's unit is worked out
            # Paid to the holders out of the company's cash: the returns read it as money.
            what = f"line {info.name!r} (role {info.role.value!r})"
            self.kind_factor(Kind.MONEY, unit, (*path, "value"), what)
        try:
            ModelRoles.of(infos)
        except RoleError as exc:
            raise self.error((), str(exc)) from None


#: Roles of cash paid to the holders, which must be amounts of the model currency.
_PAID_ROLES = frozenset({Role.DIVIDENDS, Role.BUYBACKS})


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
    assumption_paths: Mapping[str, tuple[str, ...]] | None = None,
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
    assumption_paths : Mapping[str, tuple of str], optional
        Assumption name -> its field path (an override's when a scenario replaced it), to
        report a line that takes an assumption's name at the assumption.

    Returns
    -------
    Built
    """
    builder = _Builder(section, units, price_unit, locate, assumption_paths)
    builder.price = float(price)
    return builder.run()
