"""Valuation legs against hand arithmetic; the bridge counted once; blend and consistency."""

from __future__ import annotations

import numpy as np
import pytest

from model.errors import ParameterError
from model.valuation.legs import (
    LEGS,
    LegKind,
    UnitKind,
    blend_legs,
    check_consistency,
    describe_legs,
    implied_multiples,
    value_leg,
    weight_sensitivity,
)

N, T = 3, 5


def flat(x: float) -> np.ndarray:
    return np.full((N, T), float(x))


def test_pe_leg_adds_net_cash_and_stakes_once():
    out = value_leg("pe", earnings=flat(10), multiple_now=12.0, net_cash=5.0, investments=3.0)
    np.testing.assert_allclose(out.equity, 128.0)
    np.testing.assert_allclose(out.operating, 120.0)


def test_rerating_phases_in_from_the_year_it_happens():
    out = value_leg(
        "pe", earnings=flat(1), multiple_now=10.0, multiple_peer=20.0, rerating=1.0,
        rerating_fraction=0.5, rerating_start=2.0, rerating_years=2.0,
    )  # fmt: skip
    np.testing.assert_allclose(out.parts["multiple"][0], [10, 10, 12.5, 15, 15])
    # A per-year flag from an event (on from year 3) phases in from that year; a path without
    # the re-rating keeps today's multiple.
    flag = np.array([[0, 0, 0, 1, 1], [0, 0, 0, 0, 0], [1, 1, 1, 1, 1]], dtype=float)
    ev = value_leg("pe", earnings=flat(1), multiple_now=10.0, multiple_peer=20.0, rerating=flag)
    np.testing.assert_allclose(ev.parts["multiple"][0], [10, 10, 10, 20, 20])
    np.testing.assert_allclose(ev.parts["multiple"][1], 10.0)
    np.testing.assert_allclose(ev.parts["multiple"][2], [10, 20, 20, 20, 20])  # not in year 0


def test_ev_legs_and_a_discount_on_the_operating_value_only():
    out = value_leg("ev_ebitda", ebitda=flat(20), multiple=8.0, net_cash=5.0)
    np.testing.assert_allclose(out.equity, 165.0)
    disc = value_leg("ev_ebitda", ebitda=flat(20), multiple=8.0, net_cash=5.0, discount=0.2)
    np.testing.assert_allclose(disc.equity, 128.0 + 5.0)
    np.testing.assert_allclose(value_leg("ev_sales", revenue=flat(50), multiple=2.0).equity, 100)
    np.testing.assert_allclose(value_leg("ev_ebit", ebit=flat(7), multiple=10.0).equity, 70)
    loss = value_leg("ev_ebit", ebit=np.array([[1.0], [-1.0]]) * np.ones((2, T)), multiple=10.0)
    assert loss.invalid.tolist() == [False, True]


def test_sum_of_the_parts_over_any_segment_lines():
    out = value_leg(
        "sotp", metrics=[flat(10), flat(4)], multiples=[3.0, 12.0], net_cash=7.0,
        investments=2.0, discount=0.1,
    )  # fmt: skip
    np.testing.assert_allclose(out.equity, (30 + 48) * 0.9 + 9)
    with pytest.raises(ParameterError, match="one multiple per segment"):
        value_leg("sotp", metrics=[flat(10), flat(4)], multiples=[3.0])


def test_dcf_of_a_flat_perpetuity_and_its_value_today():
    f, r = 10.0, 0.08
    out = value_leg("dcf_fcff", fcff=flat(f), wacc=r, terminal_growth=0.0, net_cash=5.0)
    np.testing.assert_allclose(out.operating, f / r, rtol=1e-12)
    np.testing.assert_allclose(out.equity, f / r + 5.0, rtol=1e-12)
    np.testing.assert_allclose(out.today, f / r + 5.0, rtol=1e-12)
    # Dated: the first year end 34 days away; flows a year apart -> (1 + r)^(1 - tau0) f / r.
    tau = 34 / 365 + np.arange(T)
    dated = value_leg(
        "dcf_fcff", fcff=flat(f), wacc=r, terminal_growth=0.0, times=tau, net_cash=0.0
    )
    np.testing.assert_allclose(dated.today, (1 + r) ** (1 - tau[0]) * f / r, rtol=1e-12)


def test_dcf_terminal_value_with_reinvestment_and_capex_floor():
    nopat, g, roic, r = 10.0, 0.03, 0.12, 0.09
    out = value_leg(
        "dcf_fcff", fcff=flat(8), wacc=r, terminal_growth=g, ebit=flat(nopat / 0.75),
        tax_rate=0.25, roic=roic,
    )  # fmt: skip
    tv = nopat * (1 + g) * (1 - g / roic) / (r - g)
    np.testing.assert_allclose(out.parts["terminal"], tv)
    np.testing.assert_allclose(out.operating[:, -1], tv)
    # Without a ROIC: terminal capex below depreciation is normalised up to depreciation ...
    low = value_leg(
        "dcf_fcff", fcff=flat(10), wacc=r, terminal_growth=g, capex=flat(3), depreciation=flat(5)
    )
    np.testing.assert_allclose(low.parts["terminal"], 8 * (1 + g) / (r - g))
    # ... unless the thesis says the business may run its assets down.
    free = value_leg(
        "dcf_fcff", fcff=flat(10), wacc=r, terminal_growth=g, capex=flat(3),
        depreciation=flat(5), allow_disinvestment=1.0,
    )  # fmt: skip
    np.testing.assert_allclose(free.parts["terminal"], 10 * (1 + g) / (r - g))


def test_dcf_terminal_on_ebit_needs_the_tax_rate():
    with pytest.raises(ParameterError, match="tax rate"):
        value_leg("dcf_fcff", fcff=flat(8), wacc=0.09, terminal_growth=0.02, ebit=flat(9),
                  roic=0.1)  # fmt: skip


def test_dcf_growth_at_the_rate_is_an_error_naming_both():
    with pytest.raises(ParameterError, match=r"'terminal_growth'.*'wacc'"):
        value_leg("dcf_fcff", fcff=flat(1), wacc=0.05, terminal_growth=0.05)


def test_fcfe_and_dividend_discount_legs():
    out = value_leg("dcf_fcfe", fcfe=flat(6), cost_of_equity=0.1, terminal_growth=0.0)
    np.testing.assert_allclose(out.equity, 60.0)
    ddm = value_leg(
        "ddm", dividends=flat(3), cost_of_equity=0.1, terminal_growth=0.02, net_cash=4.0
    )
    np.testing.assert_allclose(ddm.equity[:, -1], 3 * 1.02 / 0.08 + 4.0)
    # Before the exit, value = next dividends discounted + the rolled terminal value + cash.
    expect_t3 = (3 + 3 * 1.02 / 0.08) / 1.1 + 4.0
    np.testing.assert_allclose(ddm.equity[:, 3], expect_t3)


def test_the_bridge_is_counted_once_equal_inputs_make_legs_agree():
    earnings, k, m, nc, inv = 10.0, 1.5, 8.0, 30.0, 12.0  # EBITDA = 1.5 x earnings
    pe = m * k  # the P/E that EV/EBITDA m implies on these earnings
    legs = {
        "pe": value_leg("pe", earnings=flat(earnings), multiple_now=pe, net_cash=nc,
                        investments=inv),
        "ev_ebitda": value_leg("ev_ebitda", ebitda=flat(earnings * k), multiple=m, net_cash=nc,
                               investments=inv),
        # No growth, capex = depreciation: FCFF = NOPAT = earnings; 1 / r = the same P/E.
        "dcf": value_leg("dcf_fcff", fcff=flat(earnings), wacc=1 / pe, terminal_growth=0.0,
                         net_cash=nc, investments=inv),
    }  # fmt: skip
    for v in legs.values():
        np.testing.assert_allclose(v.equity, pe * earnings + nc + inv, rtol=1e-12)
    metrics = {"earnings": flat(earnings), "ebitda": flat(earnings * k)}
    check = check_consistency(legs, metrics, nc, inv, tolerance=0.01)
    assert not check.flagged and check.spread["pe"] == pytest.approx(0.0, abs=1e-12)
    assert check.multiples.loc["dcf", "pe"] == pytest.approx(pe)
    assert check.multiples.loc["pe", "ev_ebitda"] == pytest.approx(m)


def test_consistency_flags_legs_that_disagree_beyond_the_tolerance():
    e = flat(10)
    legs = {
        "pe": value_leg("pe", earnings=e, multiple_now=25.65),
        "dcf": value_leg("dcf_fcff", fcff=e, wacc=1 / 18.5, terminal_growth=0.0),
    }
    check = check_consistency(legs, {"earnings": e}, tolerance=0.25, multiples=("pe",))
    assert check.flagged and check.spread["pe"] == pytest.approx(25.65 / 18.5 - 1)
    assert check.share_flagged["pe"] == 1.0
    assert "25.6x" in check.messages()[0] and "18.5x" in check.messages()[0]
    assert not check_consistency(legs, {"earnings": e}, tolerance=0.5, multiples=("pe",)).flagged
    assert "flagged" in repr(check) and "<table" in check._repr_html_()


def test_implied_multiples_run_the_bridge_backwards():
    eq = np.array([[150.0, 90.0]])
    out = implied_multiples(eq, {"earnings": np.array([[10.0, -1.0]])}, net_cash=50.0)
    assert out["pe"][0, 0] == pytest.approx(10.0) and np.isnan(out["pe"][0, 1])


def test_blend_weights_are_inputs_that_sum_to_one():
    a, b = flat(100), flat(200)
    w = np.array([0.25, 0.5, 1.0])  # a weight per path, as a random input would be
    out = blend_legs({"a": a, "b": b}, {"a": w, "b": 1 - w})
    np.testing.assert_allclose(out[:, 0], 100 * w + 200 * (1 - w))
    sens = weight_sensitivity({"a": a, "b": b}, {"a": 0.25, "b": 0.75})
    # Moving weight to a leg changes the blend by (value - blend) / (1 - w) per unit.
    np.testing.assert_allclose(sens["a"], (100 - 175) / 0.75)
    eps = 1e-6
    bumped = blend_legs({"a": a, "b": b}, {"a": 0.25 + eps, "b": 0.75 - eps})
    np.testing.assert_allclose((bumped - 175) / eps, sens["a"], rtol=1e-6)
    with pytest.raises(ParameterError, match="sum to 1"):
        blend_legs({"a": a, "b": b}, {"a": 0.5, "b": 0.6})
    with pytest.raises(ParameterError, match=">= 0"):
        blend_legs({"a": a, "b": b}, {"a": -0.5, "b": 1.5})


def test_registry_is_self_describing_and_checks_arguments():
    table = describe_legs()
    assert set(table["leg"]) == {k.value for k in LegKind}
    assert table["doc"].str.len().min() > 5
    for kind, d in LEGS.items():
        assert d.kind is kind and d.required and d.doc
        names = [a.name for a in d.args]
        assert len(names) == len(set(names))
        assert all(isinstance(a.unit, UnitKind) for a in d.args)
        # Every leg values with its required arguments alone.
        args = {a: (flat(5.0) if d.arg(a).unit is UnitKind.MONEY else 0.1) for a in d.required}
        if kind is LegKind.SOTP:
            args = {"metrics": [flat(5.0)], "multiples": [2.0]}
        if "terminal_growth" in args:
            args["terminal_growth"] = 0.0
        out = d(**args)
        assert out.equity.shape == (N, T) and np.all(np.isfinite(out.equity))
    assert LEGS[LegKind.PE].roles["earnings"] == "earnings"
    used = {a.role for d in LEGS.values() for a in d.args if a.role is not None}
    assert used <= {
        "revenue", "segment_revenue", "ebitda", "ebit", "depreciation", "capex", "earnings",
        "fcff", "fcfe", "dividends", "net_cash", "investments",
    }  # fmt: skip
    assert LEGS[LegKind.DCF_FCFF].arg("net_cash").role == "net_cash"
    with pytest.raises(ParameterError, match="needs multiple_now"):
        value_leg("pe", earnings=flat(1))
    with pytest.raises(ParameterError, match=r"no argument.*ebitda.*arguments: earnings"):
        value_leg("pe", earnings=flat(1), multiple_now=3.0, ebitda=flat(2))
    with pytest.raises(ParameterError, match="unknown valuation leg 'pb'"):
        value_leg("pb", equity=flat(1))


def test_a_discount_beyond_100pct_is_clipped_and_flagged():
    disc = np.array([[0.2], [1.3], [0.5]]) * np.ones((N, T))
    out = value_leg("ev_sales", revenue=flat(10), multiple=2.0, net_cash=5.0, discount=disc)
    np.testing.assert_allclose(out.equity[:, 0], [21.0, 5.0, 15.0])  # cash is never discounted
    assert out.invalid.tolist() == [False, True, False]
