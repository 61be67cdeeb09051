"""P/E, DCF (against the closed-form Gordon value), sum of the parts, buybacks, blending."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from model.errors import ParameterError
from model.valuation.valuation import (
    ValuationMethod,
    blend,
    buyback_spend,
    dcf_value,
    discount_factors,
    pe_multiple,
    per_share,
    share_count,
    sotp_value,
)


def full(value: float, n: int = 1, t: int = 6) -> np.ndarray:
    return np.full((n, t), float(value))


def test_pe_rerating_moves_toward_peer_only_when_it_happens() -> None:
    pe = pe_multiple(full(23.5, 2), full(32.1, 2), np.array([[0.0] * 6, [1.0] * 6]), full(0.5, 2))
    np.testing.assert_allclose(pe[:, -1], [23.5, 23.5 + 0.5 * 8.6])


@pytest.mark.parametrize("t", [1, 2, 6, 15])
@pytest.mark.parametrize(("r", "g"), [(0.10, 0.03), (0.08, -0.02), (0.12, 0.0)])
def test_dcf_equals_gordon_growth_for_constant_growth(t: int, r: float, g: float) -> None:
    f0, cash = 10.0, 7.0
    fcf = f0 * (1 + g) ** np.arange(t)[None, :]
    out = dcf_value(fcf, full(r, t=t), full(g, t=t), full(cash, t=t))
    gordon = f0 * (1 + g) / (r - g)  # value today of fcf_1, fcf_2, ... growing at g
    assert out.value[0] == pytest.approx(gordon + cash, rel=1e-12)
    # rolled forward, the value at the end of year k is the Gordon value of the flows after k
    np.testing.assert_allclose(out.path[0], fcf[0] * (1 + g) / (r - g) + cash, rtol=1e-12)
    assert out.terminal[0] == pytest.approx(fcf[0, -1] * (1 + g) / (r - g))


def test_dcf_discounts_each_year_at_its_own_rate() -> None:
    fcf = np.array([[100.0, 10.0, 20.0]])
    wacc = np.array([[0.5, 0.10, 0.20]])
    out = dcf_value(fcf, wacc, full(0.0, t=3), full(0.0, t=3))
    tv = 20.0 / 0.20
    expected = 10.0 / 1.1 + (20.0 + tv) / (1.1 * 1.2)  # year 0's flow and rate are not used
    assert out.value[0] == pytest.approx(expected)
    np.testing.assert_allclose(discount_factors(wacc)[0], [1, 1 / 1.1, 1 / 1.32])


def test_dcf_rejects_terminal_growth_at_or_above_wacc_naming_both() -> None:
    g = np.array([[0.02] * 3, [0.09] * 3])
    with pytest.raises(ParameterError, match=r"terminal_growth_x.*wacc_x") as info:
        dcf_value(
            full(1.0, 2, 3),
            full(0.09, 2, 3),
            g,
            full(0.0, 2, 3),
            names=("wacc_x", "terminal_growth_x"),
        )
    assert "1 of 2 paths" in str(info.value)


def test_higher_wacc_never_raises_dcf_value() -> None:
    # Monotone whenever the future cash flows are positive (a negative flow is a cost that a
    # higher rate discounts more, so no such claim holds for it).
    rng = np.random.default_rng(1)
    fcf = rng.uniform(0.5, 20.0, (500, 6))
    values = [
        dcf_value(fcf, full(r, 500), full(0.02, 500), full(5.0, 500)).value
        for r in (0.03, 0.06, 0.08, 0.10, 0.15, 0.30)
    ]
    for lo, hi in itertools.pairwise(values):
        assert np.all(hi < lo)


def test_higher_multiples_never_lower_value() -> None:
    rev, rest, cash, disc = full(30.0), full(12.0), full(50.0), full(0.1)
    low, _ = sotp_value(rev, full(3.0), rest, full(10.0), cash, disc)
    high, _ = sotp_value(rev, full(4.0), rest, full(11.0), cash, disc)
    assert np.all(high > low)
    e = full(14.0)
    assert np.all(
        e * pe_multiple(full(25.0), full(32.0), full(1.0), full(0.5))
        >= e * pe_multiple(full(23.5), full(32.0), full(1.0), full(0.5))
    )


def test_sotp_value_and_discount_clipping() -> None:
    value, bad = sotp_value(full(30.0), full(4.0), full(10.0), full(12.0), full(50.0), full(0.1))
    np.testing.assert_allclose(value, (120 + 120 + 50) * 0.9)
    assert not bad.any()
    value, bad = sotp_value(full(1.0), full(1.0), full(0.0), full(1.0), full(0.0), full(1.5))
    assert bad.all()
    np.testing.assert_allclose(value, 0.0)


def test_buyback_spend_is_even_after_year_zero() -> None:
    spend = buyback_spend(full(19.1, t=5), full(1.5, t=5))
    np.testing.assert_allclose(spend[0], [0, 19.1 / 1.5, 19.1 * 0.5 / 1.5, 0, 0])
    assert spend.sum() == pytest.approx(19.1)
    np.testing.assert_allclose(buyback_spend(full(6.0, t=3), full(0.0, t=3))[0], [0, 6, 0])


def test_buybacks_reduce_share_count_at_the_current_price() -> None:
    spend = buyback_spend(full(19.1, t=4), full(2.0, t=4))
    shares, bad = share_count(full(19.0, t=4), spend, price=130.0, fx_to_price=full(7.8, t=4))
    bought = 9.55 * 7.8 / 130.0
    np.testing.assert_allclose(
        shares[0], [19.0, 19.0 - bought, 19.0 - 2 * bought, 19.0 - 2 * bought]
    )
    assert not bad.any()
    assert np.all(np.diff(shares[0]) <= 0)


def test_impossible_buybacks_are_flagged_and_floored() -> None:
    shares, bad = share_count(full(1.0, t=3), full(1e6, t=3), 1.0, full(1.0, t=3))
    assert bad.all()
    assert np.all(shares > 0)


def test_blend_validates_weights() -> None:
    vm = ValuationMethod
    assert [m.value for m in vm] == ["pe", "dcf", "sotp"] and str(vm.DCF) == "dcf"
    values = {m: full(float(i + 1)) for i, m in enumerate(vm)}
    weights = {vm.PE: full(0.5), vm.DCF: full(0.25), vm.SOTP: full(0.25)}
    np.testing.assert_allclose(blend(values, weights), 0.5 + 0.5 + 0.75)
    with pytest.raises(ParameterError, match="sum to 1"):
        blend(values, {**weights, vm.PE: full(0.6)})
    with pytest.raises(ParameterError, match=">= 0"):
        blend(values, {vm.PE: full(1.5), vm.DCF: full(-0.5), vm.SOTP: full(0.0)})


def test_per_share_converts_currency_and_floors_at_zero() -> None:
    v, bad = per_share(np.array([[100.0, -5.0]]), np.array([[20.0, 20.0]]), np.array([[7.8, 7.8]]))
    np.testing.assert_allclose(v[0], [39.0, 0.0])
    assert bad.all()
