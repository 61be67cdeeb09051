"""Building a line model, part one: the blocks and the lines, with their units and graph nodes.

Each block and line is declared first (its name claimed, its unit known where it can be), then,
in the order the graph plans, finished into a node with its unit factors checked.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from model.errors import ExpressionError, ThesisError
from model.inputs.expressions.expr import compile_expression
from model.inputs.expressions.exprtree import LINE_FUNCTIONS
from model.inputs.units import Unit, UnitError, parse_unit
from model.valuation.blocks.base import BlockType, Kind, block_type
from model.valuation.lines.build_base import (
    _BLOCK_KEYS,
    _LINE_KEYS,
    BuilderBase,
)
from model.valuation.lines.graph import GraphNode, Step
from model.valuation.lines.nodes import BlockNode, Expr, ExprLine
from model.valuation.roles import (
    LineInfo,
    Role,
    label_from_name,
)

_GROUPED = {Role.MARKET, Role.MARKET_SHARE, Role.SEGMENT_REVENUE, Role.SEGMENT_PROFIT}


class ItemBuilder(BuilderBase):
    """Declares and finishes the ``blocks:`` and ``lines:`` of a section."""

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
            if not p.mapping and isinstance(params[p.key], Mapping | list):
                raise self.error(
                    (*path, p.key),
                    f"must be an expression (a name, a number or a formula), got {params[p.key]!r}",
                )
        for key, value in options.items():
            # Options are plain words (a player, a block's name), compared and looked up as such.
            if isinstance(value, Mapping | list | bool):
                raise self.error(
                    (*path, key), f"must be a name ({btype.options[key]}), got {value!r}"
                )
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
        for slot, renamed in renames.items():
            if renamed is not None and not isinstance(renamed, str):
                # YAML reads `.inf`, `1e3` or `true` as a number or a truth value: str() would
                # turn `.inf` into a line called `inf` without a word.
                raise self.error(
                    (*path, "outputs", str(slot)),
                    f"expected a line name (text), got {_written(renamed)}",
                    "lower case letters, digits and _, starting with a letter",
                )
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
        counts: list[str] = []
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
            if out.kind is Kind.SHARES:
                counts.append(line)
            slots[out.slot] = line
        self.block_slots[name] = slots
        return {
            "name": name,
            "type": btype,
            "spec": spec,
            "params": params,
            "options": options,
            "slots": slots,
            "counts": counts,
            "path": path,
        }

    def _kind_text(self, kind: Kind | str, params: Mapping[str, Any], block: str) -> str:
        if kind is Kind.MONEY:
            return self.currency_text
        if kind is Kind.SHARES:
            unit = self._count_unit(params.get("shares"))
            # Not known yet (it reads a line): a placeholder, settled by _count_expr.
            return str(unit) if unit is not None else "shares bn"
        return str(kind.value) if isinstance(kind, Kind) else kind

    def _count_unit(self, shares: Any) -> Unit | None:
        """The unit of a block's ``shares:`` expression as far as it is known when the block is
        declared: from the assumptions (and earlier blocks' lines) it reads; None if it reads a
        line not yet built, or is not a share count (both settled when the block is finished).

        Nothing is reported here: the expression is checked at its key when the block is built.
        """
        if self.raw_units is None or isinstance(shares, bool) or not isinstance(shares, str):
            return None
        try:
            compiled = compile_expression(shares, lines=True)
            units = {n: self.line_units.get(n) or self.assumption_units[n] for n in compiled.names}
            unit = compiled.unit(units)
        except (ExpressionError, KeyError):
            return None
        return unit if isinstance(unit, Unit) and unit.dims == (("share", 1),) else None

    def _count_expr(self, item: dict[str, Any], compiled: Any, recursive: bool) -> Expr:
        """A block's ``shares:`` expression, in the unit of the count lines it feeds.

        Those lines take the unit of the expression (``shares_2026 + issue_shares * t`` in
        ``shares m`` gives a count in ``shares m``). In a recursion the step's lines may have
        read the count's unit already (the one known when the block was declared): the
        expression is converted into it instead.
        """
        where = (*item["path"], "shares")
        what = f"shares of block '{item['name']}'"
        unit = self.unit_of(compiled, where)
        self.kind_factor(Kind.SHARES, unit, where, what)  # refuses anything but a share count
        counts: list[str] = item["counts"]
        if not recursive:
            # Every reader of the count comes in a later step: none has its unit yet.
            for line in counts:
                self.line_units[line] = unit
                self.line_text[line] = str(unit)
                self.infos[line] = replace(self.infos[line], unit=str(unit))
        factor = unit.factor_to(self.line_units[counts[0]]) if counts else 1.0
        return self.expr(compiled, where, what, factor)

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

    def _finish_block(self, item: dict[str, Any], step: Step) -> BlockNode:
        btype: BlockType = item["type"]
        path = item["path"]
        params: dict[str, Any] = {}
        for key, compiled in item["compiled"].items():
            p = btype.param(key)
            assert p is not None
            if key == "shares" and p.kind is Kind.SHARES and not isinstance(compiled, dict):
                params[key] = self._count_expr(item, compiled, step.recursive)
            elif isinstance(compiled, dict):
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
        """The units of the lines of a recursion: declared, their start (or prior) value's, or
        inferred.

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
                    "uses it): declare its unit (unit: ...) or give a start: or prior: value "
                    "with a unit",
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
        prior = item.get("prior")
        if anchor is None and prior is not None:
            # Last year's value is in the line's unit as much as this year's is.
            anchor = self._type_of(prior, (*path, "prior"))
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
                    f"{unit}{self._rate_hint(value, unit, item['vpath'])}",
                ) from None
            keep, text = declared, str(spec.get("unit"))
        elif name in self.line_units:
            keep, text = self.line_units[name], self.line_text[name]
            try:
                factor = unit.factor_to(keep) if not unit.dimensionless else 10.0**unit.power
            except UnitError:
                raise self.error(
                    item["vpath"],
                    f"line {name!r} is in {text} (its start or prior value) but its "
                    f"expression gives {unit}",
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
                hint = self._rate_hint(value, keep, item["vpath"])
                raise self.error(
                    (*path, key), f"{key} of line {name!r} is in {sub}, the line in {text}{hint}"
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

    def _rate_hint(self, compiled: Any, unit: Unit, path: tuple[str, ...]) -> str:
        """A clause naming the exchange rates a line reads when its unit mixes currencies or
        squares one (``USD^2 bn/INR``): a rate written the other way round gives that."""
        powers = [p for d, p in unit.dims if d in unit.currencies]
        if len(powers) < 2 and all(abs(p) <= 1 for p in powers):
            return ""
        try:
            units = self.units_of(tuple(compiled.names), path)
        except ThesisError:
            return ""
        rates = [f"{n!r} in {u}" for n, u in units.items() if len(u.currencies) == 2]
        if not rates:
            return ""
        dims = {d: p for d, p in unit.dims if d in unit.currencies}
        twice = [d for d, p in dims.items() if p == 2]
        under = [d for d, p in dims.items() if p == -1]
        how = (
            f": turning {twice[0]} into {under[0]} takes a rate in {under[0]}/{twice[0]}"
            if len(twice) == 1 and len(under) == 1
            else ""
        )
        return (
            f"; an exchange rate it reads may be written the other way round "
            f"({', '.join(rates)}{how})"
        )

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
            keyed = [
                ((key, *k), c)
                for key, v in compiled.items()
                for k, c in (
                    [((str(k),), c) for k, c in v.items()] if isinstance(v, dict) else [((), v)]
                )
            ]
            exprs = [c for _, c in keyed]
            # A name is reported at the parameter that reads it, not at the block.
            fields: dict[str, tuple[str, ...]] = {}
            for where, c in keyed:
                for name in c.names:
                    fields.setdefault(name, (*item["path"], *where))
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
                fields,
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
            {
                n: (*item["path"], key)
                for key in ("prior", "start")
                if item.get(key) is not None
                for n in item[key].names
                if n not in item["value"].names
            },
        )

    def block_slots_pending(self, block: str, slot: str, item: dict[str, Any]) -> str:
        slots = self.block_slots.get(block)
        if slots is None:
            raise self.error((*item["path"], "net_of"), f"{block!r} is not a block of the model")
        return slots[slot]


def _written(value: object) -> str:
    """How a YAML value that is not text reads in a message: ``the number inf``."""
    if isinstance(value, bool):
        return f"the truth value {value!r}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    return f"a {type(value).__name__}"
