"""Valuation legs of small fixed theses, end to end through a line model, against closed forms.

Every thesis is valued as of 31 December 2024 with calendar years 2025-2027, so the year ends
are exactly 1, 2 and 3 years away (365 days each, no 29 February). Expected values are the
textbook formulas (Gordon growth, the value-driver terminal value, the EV-to-equity bridge),
written out here rather than read back from the toolkit.
"""

from __future__ import annotations

import numpy as np
import pytest

import model

YEARS = np.arange(3)


def df(rate: float, offset: float = 1.0) -> np.ndarray:
    """Discount factors to the three year ends, ``offset`` years to the first."""
    return (1.0 + rate) ** -(YEARS + offset)


# -- discounting legs ------------------------------------------------------------------------

DCF = """\
kind: lines
currency: USD bn
blocks:
  count: {type: share_count, shares: shares0}
  cash: {type: net_cash, start: cash0, inflow: fcff, rate: wacc}
lines:
  fcff: {value: "fcff[t-1] * (1 + growth)", start: f0, role: fcff}
valuation:
  cost_of_equity: wacc
  legs:
    dcf: {weight: 1, discount_rate: wacc, terminal_growth: g}
"""
DCF_NUMBERS = [
    ("f0", "USD bn", 10.0),
    ("growth", "%", 0.04),
    ("cash0", "USD bn", 20.0),
    ("wacc", "%", 0.08),
    ("g", "%", 0.02),
    ("shares0", "shares bn", 1.0),
]


@pytest.mark.parametrize(
    ("as_of", "days_to_first"),
    # 30 June 2025 -> 31 December 2025 is 1 + 31 + 31 + 30 + 31 + 30 + 31 = 184 days.
    [("2024-12-31", 365.0), ("2025-06-30", 184.0)],
)
def test_dcf_held_to_the_exit_is_the_textbook_dcf_today(
    write_thesis, central, as_of, days_to_first
):
    """An unlevered company keeping its free cash flow at the WACC: holding to the exit and
    discounting (net cash at the exit plus the Gordon value) is the DCF of the flows today."""
    out = central(write_thesis(DCF_NUMBERS, DCF, as_of=as_of))
    f = 10.0 * 1.04**YEARS
    tv = f[-1] * 1.02 / (0.08 - 0.02)
    # The net-cash start is year 0's closing balance, so year 0's flow is inside it.
    cash = 20.0 * 1.08**2 + f[1] * 1.08 + f[2]
    assert out["value_per_share"][0, -1] == pytest.approx(tv + cash, rel=1e-12)
    d = df(0.08, days_to_first / 365.0)
    textbook = 20.0 * d[0] + f[1] * d[1] + f[2] * d[2] + tv * d[2]
    assert out["value_today"][0] == pytest.approx(textbook, rel=1e-12)


DIVIDENDS = """\
kind: lines
currency: USD bn
blocks:
  count: {type: share_count, shares: shares0}
  cash: {type: net_cash, start: cash0, inflow: fcfe, dividends: dividends}
lines:
  earnings: {value: "earnings[t-1] * (1 + g)", start: e0, role: earnings}
  fcfe: {value: "earnings * (1 - g / roe)", role: fcfe}
  dividends: {value: fcfe, role: dividends}
valuation:
  cost_of_equity: ke
  legs:
    LEG
"""
DIVIDEND_NUMBERS = [
    ("e0", "USD bn", 8.0),
    ("g", "%", 0.03),
    ("roe", "%", 0.12),
    ("ke", "%", 0.09),
    ("cash0", "USD bn", 5.0),
    ("shares0", "shares bn", 2.0),
]


@pytest.mark.parametrize(
    ("leg", "idle_cash"),
    [
        ("ddm: {weight: 1, discount_rate: ke, terminal_growth: g}", 0.0),
        ("dcf_fcfe: {weight: 1, discount_rate: ke, terminal_growth: g}", 5.0),
        ("dcf_fcfe: {weight: 1, discount_rate: ke, terminal_growth: g, roe: roe}", 5.0),
    ],
)
def test_equity_legs_of_a_steady_grower_are_gordon_from_today(
    write_thesis, central, leg, idle_cash
):
    """Earnings growing at g with g / ROE reinvested, the rest paid out: every equity leg held to
    the exit is worth D1 / (ke - g) today; the free cash flow legs add the idle cash, discounted
    once, and the dividend discount values the dividends alone (the cash they never pay out is
    no part of them)."""
    out = central(write_thesis(DIVIDEND_NUMBERS, DIVIDENDS.replace("LEG", leg)))
    d1 = 8.0 * (1 - 0.03 / 0.12)  # paid at the first year end
    gordon = d1 / (0.09 - 0.03) + idle_cash * 1.09**-3
    assert out["value_today"][0] == pytest.approx(gordon / 2.0, rel=1e-12)


def test_fcfe_terminal_value_reinvests_g_over_roe_of_earnings(write_thesis, central):
    """With a return on equity, the terminal flow is earnings x (1 - g / ROE), whatever the
    last year's free cash flow; without it, the last free cash flow grown at g."""
    section = DIVIDENDS.replace("earnings * (1 - g / roe)", "earnings * 0.5").replace(
        "LEG", "dcf_fcfe: {weight: 1, discount_rate: ke, terminal_growth: g, roe: roe}"
    )
    out = central(write_thesis(DIVIDEND_NUMBERS, section))
    e_last = 8.0 * 1.03**2
    cash = 5.0  # the flow is all paid out
    tv = e_last * 1.03 * (1 - 0.03 / 0.12) / (0.09 - 0.03)
    assert out["value_dcf_fcfe"][0, -1] == pytest.approx(tv + cash, rel=1e-12)
    plain = central(write_thesis(DIVIDEND_NUMBERS, section.replace(", roe: roe", "")))
    tv_plain = 0.5 * e_last * 1.03 / (0.09 - 0.03)
    assert plain["value_dcf_fcfe"][0, -1] == pytest.approx(tv_plain + cash, rel=1e-12)


FIRM = """\
kind: lines
currency: USD bn
blocks:
  count: {type: share_count, shares: shares0}
lines:
  ebit: {value: "ebit[t-1] * 1.05", start: ebit0, role: ebit}
  capex: {value: "capex[t-1] * 0.8", start: capex0, role: capex}
  depreciation: {value: dep0, role: depreciation}
  fcff: {value: ebit * (1 - tax) - capex + depreciation, role: fcff}
  debt: {value: -net_debt, role: net_cash}
valuation:
  cost_of_equity: ke
  legs:
    dcf_fcff: {weight: 1, discount_rate: wacc, terminal_growth: g KEYS}
"""
FIRM_NUMBERS = [
    ("ebit0", "USD bn", 20.0),
    ("capex0", "USD bn", 6.0),
    ("dep0", "USD bn", 5.0),
    ("tax", "%", 0.25),
    ("net_debt", "USD bn", 30.0),
    ("wacc", "%", 0.08),
    ("ke", "%", 0.10),
    ("g", "%", 0.03),
    ("roic", "%", 0.15),
    ("shares0", "shares bn", 1.0),
]


@pytest.mark.parametrize("keys", ["", ", roic: roic, tax_rate: tax"])
def test_fcff_terminal_value_keeps_capex_at_depreciation_or_reinvests_g_over_roic(
    write_thesis, central, keys
):
    """Capex (3.84) falls below depreciation (5) in the last year: the terminal flow spends at
    least depreciation; with a ROIC it reinvests g / ROIC of NOPAT instead. Net debt is
    subtracted once, at each year end."""
    out = central(write_thesis(FIRM_NUMBERS, FIRM.replace(" KEYS", keys)))
    ebit = 20.0 * 1.05**YEARS
    capex = 6.0 * 0.8**YEARS
    fcff = ebit * 0.75 - capex + 5.0
    if keys:
        tv = ebit[-1] * 0.75 * 1.03 * (1 - 0.03 / 0.15) / (0.08 - 0.03)
    else:
        tv = (fcff[-1] - (5.0 - capex[-1])) * 1.03 / (0.08 - 0.03)
    ev = np.array([(fcff[1] + (fcff[2] + tv) / 1.08) / 1.08, (fcff[2] + tv) / 1.08, tv])
    np.testing.assert_allclose(out["value_dcf_fcff"][0], ev - 30.0, rtol=1e-12)


# -- multiples, the bridge and blends --------------------------------------------------------

MULTIPLES = """\
kind: lines
currency: USD bn
blocks:
  count: {type: share_count, shares: shares0, buyback_spend: buyback, dilution: dilution}
  cash:
    type: net_cash
    start: cash0
    inflow: earnings
    buybacks: buyback_spend
lines:
  revenue: {value: "revenue[t-1] * 1.1", start: revenue0, role: revenue}
  ebitda: {value: 0.3 * revenue, role: ebitda}
  ebit: {value: 0.2 * revenue, role: ebit}
  earnings: {value: 0.15 * revenue, role: earnings}
  book: {value: "book[t-1] + earnings - buyback_spend", start: book0}
  stake: {value: stake0, role: investments}
valuation:
  cost_of_equity: ke
  legs:
    pe: {weight: 0.2, multiple: pe_x}
    ev_ebitda: {weight: 0.2, multiple: ebitda_x, discount: haircut}
    ev_sales: {weight: 0.2, multiple: sales_x, investments: stake - minorities}
    ev_ebit: {weight: 0.1, multiple: ebit_x}
    parts: {type: sotp, weight: 0.2, parts: {ebitda: ebitda_x, revenue: sales_x}}
    pb: {type: sotp, weight: 0.1, parts: {book: pb_x}, net_cash: 0, investments: 0}
"""
MULTIPLE_NUMBERS = [
    ("revenue0", "USD bn", 100.0),
    ("cash0", "USD bn", -40.0),
    ("book0", "USD bn", 60.0),
    ("stake0", "USD bn", 12.0),
    ("minorities", "USD bn", 5.0),
    ("buyback", "USD bn", 3.0),
    ("dilution", "%", 0.02),
    ("shares0", "shares bn", 4.0),
    ("pe_x", "x", 15.0),
    ("ebitda_x", "x", 8.0),
    ("haircut", "%", 0.1),
    ("sales_x", "x", 1.5),
    ("ebit_x", "x", 11.0),
    ("pb_x", "x", 2.5),
    ("ke", "%", 0.10),
]


def test_every_multiple_leg_bridges_net_debt_and_stakes_once_and_blends_by_weight(
    write_thesis, central
):
    out = central(write_thesis(MULTIPLE_NUMBERS, MULTIPLES, price=30.0))
    revenue = 100.0 * 1.1**YEARS
    spend = np.array([0.0, 3.0, 3.0])
    debt = -40.0 + np.cumsum(np.concatenate([[0.0], 0.15 * revenue[1:] - spend[1:]]))
    book = 60.0 + np.cumsum(np.concatenate([[0.0], 0.15 * revenue[1:] - spend[1:]]))
    shares = [4.0]
    for t in (1, 2):
        shares.append(shares[-1] * 1.02 - spend[t] / 30.0)  # bought at the thesis price
    shares = np.array(shares)
    legs = {
        "pe": 15.0 * 0.15 * revenue + debt + 12.0,
        "ev_ebitda": 8.0 * 0.3 * revenue * (1 - 0.1) + debt + 12.0,  # the haircut spares cash
        "ev_sales": 1.5 * revenue + debt + 12.0 - 5.0,  # minorities: a negative stake
        "ev_ebit": 11.0 * 0.2 * revenue + debt + 12.0,
        "parts": 8.0 * 0.3 * revenue + 1.5 * revenue + debt + 12.0,
        "pb": 2.5 * book,
    }
    weights = {"pe": 0.2, "ev_ebitda": 0.2, "ev_sales": 0.2, "ev_ebit": 0.1, "parts": 0.2}
    weights["pb"] = 0.1
    np.testing.assert_allclose(out["shares"][0], shares, rtol=1e-12)
    for name, equity in legs.items():
        np.testing.assert_allclose(out[f"value_{name}"][0], equity, rtol=1e-12, err_msg=name)
        np.testing.assert_allclose(
            out[f"value_per_share_{name}"][0], equity / shares, rtol=1e-12, err_msg=name
        )
    blend = sum(weights[k] * legs[k] for k in legs)
    np.testing.assert_allclose(out["equity_value"][0], blend, rtol=1e-12)
    np.testing.assert_allclose(out["value_per_share"][0], blend / shares, rtol=1e-12)
    assert out["exit_pe"][0] == 15.0
    assert out["exit_ev_ebitda"][0] == 8.0


@pytest.mark.parametrize(("leg", "today"), [("dcf", False), ("dcf_v1", True)])
def test_a_dcf_leg_states_a_value_today_of_its_own_only_in_its_first_form(
    write_thesis, central, leg, today
):
    section = DCF.replace("dcf: {weight", f"{leg}: {{weight")
    out = central(write_thesis(DCF_NUMBERS, section))
    assert (f"value_{leg}_today" in out) is today
    assert "value_today" in out  # the thesis' own, on real dates


# -- scenarios: a blend of point masses, and common random numbers --------------------------

SCENARIOS = """\
scenarios:
  bear:
    label: "Bear: the multiple halves"
    rationale: {estimate: "A de-rating case for the closed-form checks of the returns"}
    overrides:
      pe_x:
        unit: x
        value: 6
        source: {estimate: "A low multiple for the bear case of the checks"}
  bull:
    label: "Bull: faster growth"
    rationale: {estimate: "A growth case for the closed-form checks of the returns"}
    overrides:
      growth:
        unit: "%"
        value: 0.15
        source: {estimate: "Faster growth for the bull case of the checks"}
weights:
  base: {value: 0.6, source: {estimate: "The central case of the checks"}}
  bull: {value: 0.2, source: {estimate: "The upside case of the checks"}}
  bear: {value: 0.2, source: {estimate: "The downside case of the checks"}}
"""
PE_ONLY = """\
kind: lines
currency: USD bn
blocks:
  count: {type: share_count, shares: shares0}
lines:
  earnings: {value: "earnings[t-1] * (1 + growth)", start: e0, role: earnings}
valuation:
  cost_of_equity: ke
  legs:
    pe: {weight: 1, multiple: pe_x}
"""
PE_NUMBERS = [
    ("e0", "USD bn", 10.0),
    ("growth", "%", 0.05),
    ("pe_x", "x", 15.0),
    ("ke", "%", 0.10),
    ("shares0", "shares bn", 1.0),
]


def test_blend_of_fixed_scenarios_gives_the_exact_loss_measures(write_thesis):
    path = write_thesis(PE_NUMBERS, PE_ONLY, price=100.0, extra=SCENARIOS)
    blend = model.blend(model.load_thesis(path), n_paths=1000, seed=3)
    row = blend.returns_table().loc[2027]
    exit_value = {  # 2027 value per share by scenario
        "base": 15.0 * 10.0 * 1.05**2,
        "bull": 15.0 * 10.0 * 1.15**2,
        "bear": 6.0 * 10.0 * 1.05**2,
    }
    weight = {"base": 0.6, "bull": 0.2, "bear": 0.2}
    today = {k: v / 1.1**3 for k, v in exit_value.items()}  # no dividends: the exit value
    assert today["bear"] < 70.0 < 100.0 < today["base"] < today["bull"]
    assert row["p_upside"] == pytest.approx(0.8, abs=1e-12)
    assert row["p_loss_30"] == pytest.approx(0.2, abs=1e-12)
    # The worst 5% of paths are all bear paths.
    assert row["expected_shortfall_5"] == pytest.approx(today["bear"] / 100 - 1, rel=1e-12)
    # The expected total return over the three years held, annualised.
    expected = (sum(weight[k] * exit_value[k] for k in weight) / 100.0) ** (1 / 3) - 1
    assert row["expected_return"] == pytest.approx(expected, rel=1e-12)
    assert row["value_mean"] == pytest.approx(sum(weight[k] * today[k] for k in weight), 1e-12)


def test_scenarios_share_draws_except_where_they_change_an_assumption(write_thesis):
    text_numbers = [n for n in PE_NUMBERS if n[0] not in ("growth", "pe_x")]
    path = write_thesis(text_numbers, PE_ONLY, price=100.0, extra=SCENARIOS)
    drawn = """\
  growth:
    unit: "%"
    dist: normal
    ci90: [0.0, 0.1]
    source: {estimate: "A wide range of growth for the checks of common random numbers"}
  pe_x:
    unit: x
    dist: lognormal
    ci90: [10, 20]
    source: {estimate: "A wide range of multiples for the checks of common random numbers"}
"""
    path.write_text(path.read_text().replace("assumptions:\n", "assumptions:\n" + drawn, 1))
    thesis = model.load_thesis(path)
    # A Sobol' design is joint over the drawn quantities: the scenarios fixing one of them
    # still take the others' points from one design spanning every scenario's quantities.
    for method in ("mc", "lhs", "sobol"):
        runs = model.compare(thesis, ["base", "bull", "bear"], n_paths=512, seed=11, method=method)
        base, bull, bear = runs["base"], runs["bull"], runs["bear"]
        assert np.array_equal(base.inputs["pe_x"], bull.inputs["pe_x"])
        assert np.array_equal(base.inputs["growth"], bear.inputs["growth"])
        assert not np.array_equal(base.inputs["growth"], bull.inputs["growth"])
        # Only the multiple differs in the bear case: value scales by 6 / pe_x path by path.
        ratio = bear.array("value_per_share") / base.array("value_per_share")
        expected = np.broadcast_to((6.0 / base.inputs["pe_x"])[:, None], ratio.shape)
        np.testing.assert_allclose(ratio, expected, rtol=1e-12)
        # The base case draws every quantity the others do: its design is its own run's.
        alone = model.simulate(thesis, "base", n_paths=512, seed=11, method=method)
        assert np.array_equal(alone.inputs["pe_x"], base.inputs["pe_x"])


def test_the_cost_of_equity_the_price_implies_is_the_yield_plus_growth(write_thesis):
    """A steady grower with no idle cash, valued by its dividends: the price implies
    ke = D1 / P + g (Gordon solved for the rate)."""
    numbers = [n if n[0] != "cash0" else ("cash0", "USD bn", 0.0) for n in DIVIDEND_NUMBERS]
    leg = "ddm: {weight: 1, discount_rate: ke, terminal_growth: g}"
    path = write_thesis(numbers, DIVIDENDS.replace("LEG", leg), price=40.0)
    found = model.implied(path, solve_for="ke", bounds=(0.04, 0.30))
    d1 = 8.0 * (1 - 0.03 / 0.12) / 2.0  # per share, paid a year from the valuation date
    assert found.value == pytest.approx(d1 / 40.0 + 0.03, rel=1e-9)


def test_a_line_model_leg_states_year_end_values_so_net_cash_today_changes_nothing(
    write_thesis, central
):
    plain = central(write_thesis(DCF_NUMBERS, DCF))
    given = central(write_thesis(DCF_NUMBERS, DCF.replace("g}", "g, net_cash_today: 3 * cash0}")))
    assert np.array_equal(plain["value_dcf"], given["value_dcf"])
    assert np.array_equal(plain["value_today"], given["value_today"])


@pytest.mark.parametrize("drift", [None, 0.10])
def test_buybacks_retire_shares_at_the_thesis_price_or_along_its_drift(
    write_thesis, central, drift
):
    section = MULTIPLES
    if drift is not None:
        section = section.replace("dilution: dilution}", "dilution: dilution, price_growth: ke}")
    out = central(write_thesis(MULTIPLE_NUMBERS, section, price=30.0))
    paid = 30.0 * (1.0 + (drift or 0.0)) ** YEARS  # USD per share in each year's buyback
    shares = [4.0]
    for t in (1, 2):
        shares.append(shares[-1] * 1.02 - 3.0 / paid[t])
    np.testing.assert_allclose(out["shares"][0], shares, rtol=1e-12)
