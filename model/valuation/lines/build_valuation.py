"""Building a line model, part two: the ``valuation:`` section (legs, shares, cost of equity).

Each leg's parameters are checked against the kind of amount the leg expects, and the outputs
the section adds (value by leg, value per share, returns, dividends per share) are claimed as
lines so that no thesis line can take their names.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from model.errors import ThesisError
from model.inputs.units import SHARE_COUNT_HINT
from model.valuation.blocks.base import Kind
from model.valuation.config import field_location
from model.valuation.lines.build_base import (
    _NAME,
    _VALUATION_KEYS,
    DIVIDENDS_PER_SHARE,
    BuilderBase,
    Built,
    LegSpec,
)
from model.valuation.lines.legs import leg_type
from model.valuation.roles import (
    LineInfo,
    Role,
    humanize,
)

#: Extra outputs of the built-in legs: suffix -> (name pattern, unit, role, label, per_year).
_LEG_EXTRAS: dict[str, dict[str, tuple[str, str, Role | None, str, bool]]] = {
    "pe": {
        "multiple": ("{name}_multiple", "x", Role.MULTIPLE, "P/E multiple ({name})", True),
        "exit": ("exit_{name}", "x", Role.EXIT_MULTIPLE, "Exit P/E ({name})", False),
    },
    # The first DCF's equity value at the end of year 0 (its name is that model's): it is not
    # discounted to the valuation date, which a year 0 ending months later makes a difference.
    "dcf": {
        "today": (
            "value_{name}_today",
            "<money>",
            None,
            "Value by {name} at the end of year 0, not discounted to the valuation date",
            False,
        )
    },
}


#: A DCF leg's key naming the stock-based pay its flow adds back (see model.valuation.legs).
STOCK_PAY_KEY = "stock_pay"

#: A leg's keys that hold a discount rate (a fraction).
_RATE_KEYS = frozenset({"discount_rate", "cost_of_equity"})


class ValuationBuilder(BuilderBase):
    """Checks the ``valuation:`` section and claims the outputs it adds."""

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

    def _check_fixed_rate(self, given: Any, path: tuple[str, ...]) -> None:
        """A leg's rate written as a number lies strictly between 0 and 1, as a fraction: ``9.5``
        is 950 %, a whole percentage slipped in, and would discount every flow to almost
        nothing without a word."""
        if not isinstance(given, int | float) or isinstance(given, bool):
            return
        if not 0.0 < float(given) < 1.0:
            raise self.error(
                path,
                f"a discount rate written as a number must lie between 0 and 1 (got {given!r})",
                "a fraction such as 0.09 for 9%, or an assumption's name",
            )

    def _check_stock_pay_line(self, given: Any, path: tuple[str, ...]) -> None:
        """A leg's ``stock_pay`` names a line of the model: the pay its flow adds back (an
        assumption or a formula is no line the flow can have added back)."""
        expected = "the name of the line with role stock_pay, the pay the flow adds back"
        name = str(given).strip()
        payers = [n for n, i in self.infos.items() if i.role is Role.STOCK_PAY]
        if name in self.line_units and name in payers:
            return
        if name in self.line_units:
            has = (
                f"the line with role stock_pay is {payers[0]!r}"
                if payers
                else "no line has role stock_pay; give the line of stock pay 'role: stock_pay'"
            )
            raise self.error(
                path,
                f"{name!r} is not the model's line of stock-based pay: {has} (the terminal "
                "flow takes the named line away as a cost)",
                expected,
            )
        if name in self.assumption_units:
            raise self.error(path, f"{name!r} is an assumption, not a line of the model", expected)
        folded = [n for n in self.line_units if n.lower() == name.lower()]
        if folded:
            raise self.error(
                path,
                f"there is no line named {name!r}; did you mean {folded[0]!r}? (names are "
                "written in lower case)",
                expected,
            )
        if not _NAME.match(name):
            raise self.error(path, f"must name one line, not a formula (got {given!r})", expected)
        raise self.unknown(name, path)

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
                ("valuation", "shares"),
                f"{shares!r} must be a share count ({SHARE_COUNT_HINT}); it is in {shares_unit}",
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
                    if p.key in _RATE_KEYS:
                        self._check_fixed_rate(given, where)
                    if p.key == STOCK_PAY_KEY:
                        self._check_stock_pay_line(given, where)
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
                    # The leg's name read as words: "Value by P/E", not "Value by pe".
                    f"Value by {_leg_words(name)}"
                    if role is Role.METHOD_VALUE
                    else f"Value per share by {_leg_words(name)}",
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
                    names[3].format(name=_leg_words(name)),
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
        built.payouts = (dividends, roles.get(Role.BUYBACKS))
        if dividends is not None and DIVIDENDS_PER_SHARE in self.assumption_units:
            raise self._dividends_assumption(dividends)
        if dividends is not None and DIVIDENDS_PER_SHARE not in self.infos:
            built.dividends = dividends
            self.claim(DIVIDENDS_PER_SHARE, ("valuation",))
            self.infos[DIVIDENDS_PER_SHARE] = LineInfo(
                DIVIDENDS_PER_SHARE, price_text, None, "Dividends per share"
            )

    def _dividends_assumption(self, dividends: str) -> ThesisError:
        """An assumption named ``dividends_per_share`` beside a dividends line: refused at the
        assumption. The valuation states that line from the dividends line, and an assumption
        cannot share an output's name (statements and tables would read it two ways); taking
        the line's place, it left today's value and the returns with no dividends at all."""
        where = self.assumption_paths.get(DIVIDENDS_PER_SHARE) or (
            "assumptions",
            DIVIDENDS_PER_SHARE,
        )
        file, line = field_location(self.locate, where)
        return ThesisError(
            f"an assumption cannot be named {DIVIDENDS_PER_SHARE!r}: the valuation states that "
            "line (the dividends a share receives, which today's value and the returns count) "
            f"from the dividends line {dividends!r}; rename the assumption (e.g. dps), and to "
            "count it as the dividend a share receives write the line "
            f"'{DIVIDENDS_PER_SHARE}: dps' in the model (then checked against the dividends "
            "line per share)",
            file=file,
            line=line,
            field=".".join(where),
            expected=f"another name for the assumption, or a model line {DIVIDENDS_PER_SHARE}",
        )


#: Enterprise-value legs named as analysts write their multiples (word by word they read
#: "EV EBITDA").
_EV_LEG_WORDS = {"ev_ebitda": "EV/EBITDA", "ev_ebit": "EV/EBIT", "ev_sales": "EV/sales"}


def _leg_words(name: str) -> str:
    """A leg's name as words: ``ev_ebitda`` -> ``EV/EBITDA``, ``pe`` -> ``P/E``."""
    return _EV_LEG_WORDS.get(name) or humanize(name)
