"""The leg registry: every leg with its arguments, their default roles and unit kinds."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from model.errors import ParameterError
from model.valuation.legs.base import LegArg, LegDef, LegKind, LegValue, UnitKind
from model.valuation.legs.cashflow import dcf_fcfe_leg, dcf_fcff_leg, ddm_leg
from model.valuation.legs.multiples import (
    ev_ebit_leg,
    ev_ebitda_leg,
    ev_sales_leg,
    pe_leg,
    sotp_leg,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LEGS", "describe_legs", "leg", "value_leg"]

M, X, R, F, Y, B, S = (
    UnitKind.MONEY,
    UnitKind.MULTIPLE,
    UnitKind.RATE,
    UnitKind.FRACTION,
    UnitKind.YEARS,
    UnitKind.FLAG,
    UnitKind.SCHEDULE,
)

# The bridge arguments every leg shares (see legs.bridge).
_NET_CASH = LegArg(
    "net_cash", M, "cash less debt at each year end, added once", "net_cash", False, 0.0
)
_INVEST = LegArg(
    "investments", M, "stakes valued apart (associates), added once", "investments", False, 0.0
)
_DISCOUNT = LegArg(
    "discount",
    F,
    "discount on the operating value only (conglomerate, regulatory)",
    None,
    False,
    0.0,
)
_BRIDGE = (_NET_CASH, _INVEST, _DISCOUNT)
# A dividend discount values what the holders receive: that is already equity value, and the
# cash that pays it is inside it. No balance is added unless the thesis names one (cash the
# dividends will never pay out), which every run then warns about.
_DDM_CASH = LegArg(
    "net_cash",
    M,
    "cash the dividends never pay out, added only when given (default none: counted once)",
    None,
    False,
    0.0,
)


def _ev(kind: LegKind, metric: str, role: str, label: str, fn: Any) -> LegDef:
    return LegDef(
        kind,
        label,
        f"equity = multiple x {metric} (x (1 - discount)) + net cash + investments",
        (
            LegArg(metric, M, f"the {label.split('/')[-1]} line", role),
            LegArg("multiple", X, f"{label} multiple"),
            *_BRIDGE,
        ),
        fn,
    )


def _discounting(
    flow: str, flow_doc: str, role: str, rate: str, rate_doc: str
) -> tuple[LegArg, ...]:
    """The flow a leg discounts (described by ``flow_doc``: what it is, as the leg reads it),
    its rate, its terminal growth and the schedules of its year ends."""
    return (
        LegArg(flow, M, flow_doc, role),
        LegArg(rate, R, rate_doc),
        LegArg("terminal_growth", R, "perpetual growth after the last year (< the rate)"),
        LegArg(
            "times",
            S,
            "years from the valuation date to each year end (default 1, 2, ...)",
            None,
            False,
        ),
        LegArg(
            "year_weights",
            S,
            "share of each year after the valuation date (default 1)",
            None,
            False,
        ),
    )


_REINVEST = (
    LegArg("capex", M, "capital spending (terminal capex kept >= depreciation)", "capex", False),
    LegArg("depreciation", M, "depreciation, to check terminal capex", "depreciation", False),
    LegArg(
        "allow_disinvestment", B, "1 lets terminal capex fall below depreciation", None, False, 0.0
    ),
)
# The model's own lines, not thesis parameters: a year's value is then its shares' part of the
# later flows (see legs.cashflow).
_SHARES = LegArg("shares", UnitKind.COUNT, "share count at each year end", None, False)
_HELD = (
    _SHARES,
    LegArg("paid", UnitKind.COUNT, "dividends paid each year (money)", None, False),
    LegArg("bought", UnitKind.COUNT, "cash spent on buybacks each year (money)", None, False),
)
_OUTSIDE = LegArg(
    "outside", UnitKind.COUNT, "money the balance takes in from outside (money)", None, False
)
# No default role: a thesis whose flow does not add the pay back must not have it taken twice,
# so the leg subtracts only the line it is told to (validate says when one is missing).
_STOCK_PAY = LegArg(
    "stock_pay",
    M,
    "stock-based pay the flow adds back, counted as a cash cost in the terminal flow",
    None,
    False,
)
_OPENING = LegArg(
    "net_cash_today", M, "net cash on the valuation date (for the value today)", None, False
)

_DEFS: dict[LegKind, LegDef] = {
    LegKind.PE: LegDef(
        LegKind.PE,
        "P/E",
        "equity = pe_t x earnings (before interest income) + net cash + investments; "
        "pe_t moves from now toward peer by the phased re-rating",
        (
            LegArg(
                "earnings",
                M,
                "earnings after tax, before interest and stakes' income (taken as written)",
                "earnings",
            ),
            LegArg("multiple_now", X, "today's P/E"),
            LegArg("multiple_peer", X, "the P/E a re-rating moves toward", None, False),
            LegArg(
                "rerating",
                B,
                "1 where the re-rating happens (per year: from its year)",
                None,
                False,
                0.0,
            ),
            LegArg("rerating_fraction", F, "share of the gap to the peer closed", None, False, 1.0),
            LegArg(
                "rerating_start",
                Y,
                "first model year index it can apply in (0 = now)",
                None,
                False,
                1.0,
            ),
            LegArg("rerating_years", Y, "years to phase the re-rating in", None, False, 1.0),
            *_BRIDGE,
        ),
        pe_leg,
    ),
    LegKind.EV_EBITDA: _ev(LegKind.EV_EBITDA, "ebitda", "ebitda", "EV/EBITDA", ev_ebitda_leg),
    LegKind.EV_SALES: _ev(LegKind.EV_SALES, "revenue", "revenue", "EV/sales", ev_sales_leg),
    LegKind.EV_EBIT: _ev(LegKind.EV_EBIT, "ebit", "ebit", "EV/EBIT", ev_ebit_leg),
    LegKind.DCF_FCFF: LegDef(
        LegKind.DCF_FCFF,
        "DCF (FCFF at WACC)",
        "EV = PV(FCFF) + PV(Gordon TV with reinvestment g/ROIC); equity = EV + net cash + "
        "investments",
        (
            *_discounting(
                "fcff",
                "free cash flow to the firm of each year, before interest on net cash (taken "
                "as written)",
                "fcff",
                "wacc",
                "weighted average cost of capital",
            ),
            LegArg(
                "ebit",
                M,
                "operating profit, for the reinvestment-consistent terminal value",
                "ebit",
                False,
            ),
            LegArg(
                "tax_rate",
                F,
                "tax on EBIT in perpetuity (NOPAT = EBIT x (1 - tax))",
                None,
                False,
            ),
            LegArg("roic", R, "return on new invested capital in perpetuity", None, False),
            *_REINVEST,
            _NET_CASH,
            _OPENING,
            _INVEST,
            _DISCOUNT,
            _STOCK_PAY,
            *_HELD,
            _OUTSIDE,
        ),
        dcf_fcff_leg,
    ),
    LegKind.DCF_FCFE: LegDef(
        LegKind.DCF_FCFE,
        "DCF (FCFE at cost of equity)",
        "equity = PV(FCFE) + PV(Gordon TV with reinvestment g/ROE) + cash + investments",
        (
            *_discounting(
                "fcfe",
                "free cash flow to equity of each year, after debt service and before "
                "interest on the cash the leg adds (taken as written)",
                "fcfe",
                "cost_of_equity",
                "cost of equity",
            ),
            LegArg(
                "earnings",
                M,
                "earnings, for the reinvestment-consistent terminal value",
                "earnings",
                False,
            ),
            LegArg("roe", R, "return on new equity in perpetuity", None, False),
            *_REINVEST,
            _NET_CASH,
            _OPENING,
            _INVEST,
            _DISCOUNT,
            _STOCK_PAY,
            *_HELD,
            _OUTSIDE,
        ),
        dcf_fcfe_leg,
    ),
    LegKind.DDM: LegDef(
        LegKind.DDM,
        "Dividend discount",
        "equity = PV(distributions) + PV(D_T (1 + g) / (ke - g)) + investments",
        (
            *_discounting(
                "dividends",
                "dividends paid to the holders each year, or dividends plus buybacks "
                "(taken as written)",
                "dividends",
                "cost_of_equity",
                "cost of equity",
            ),
            _DDM_CASH,
            _OPENING,
            _INVEST,
            _SHARES,
            _OUTSIDE,
        ),
        ddm_leg,
    ),
    LegKind.SOTP: LegDef(
        LegKind.SOTP,
        "Sum of the parts",
        "equity = sum_s multiple_s x metric_s (x (1 - discount)) + net cash + investments",
        (
            LegArg(
                "metrics",
                M,
                "one line per segment (revenue, EBITDA, ...)",
                "segment_revenue",
                many=True,
            ),
            LegArg("multiples", X, "one multiple per segment, matching its line", many=True),
            *_BRIDGE,
        ),
        sotp_leg,
    ),
}

#: LegKind -> LegDef, read-only.
LEGS: Mapping[LegKind, LegDef] = MappingProxyType(_DEFS)


def leg(kind: LegKind | str) -> LegDef:
    """The definition of a leg by kind or name (an unknown name lists the legs)."""
    try:
        return LEGS[LegKind(kind)]
    except ValueError:
        raise ParameterError(
            f"unknown valuation leg {kind!r}; legs: {', '.join(k.value for k in LegKind)}",
            field="legs",
        ) from None


def value_leg(kind: LegKind | str, **values: Any) -> LegValue:
    """Value one leg: ``value_leg("pe", earnings=e, multiple_now=12.0, net_cash=nc)``."""
    return leg(kind)(**values)


def describe_legs() -> pd.DataFrame:
    """Every leg's arguments as a table (leg, argument, required, role, unit, default, doc)."""
    import pandas as pd

    return pd.DataFrame([row for d in LEGS.values() for row in d.describe()])
