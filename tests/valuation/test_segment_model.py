"""The whole model: hand-computed deterministic path, output contract, invariants, pickling."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest
from segment_data import CENTRAL, PRICE, SECTION, central_inputs

from model.errors import ParameterError
from model.valuation import SegmentModel

# A one-segment model small enough to recompute by hand.
HAND_SECTION = {
    "kind": "segments",
    "currency": "USD bn",
    "segments": {
        "cloud": {
            "market": "market",
            "market_growth": "growth",
            "players": {"alibaba": "share_a", "rival": "share_r"},
            "company": "alibaba",
            "share_drift": {"alibaba": "drift_a"},
            "other_revenue": "other",
            "margin_start": "m0",
            "margin_target": "m1",
            "margin_years": "my",
        }
    },
    "rest": {"earnings": "rest", "growth": "rest_g"},
    "tax_rate": "tax",
    "capex": "capex",
    "capex_years": "capex_years",
    "maintenance_capex": "maint",
    "depreciation_life": "life",
    "net_cash": "cash",
    "shares": "shares",
    "buyback": "bb",
    "buyback_years": "bb_years",
    "fx_to_price": "fx",
    "valuation": {
        "pe": {
            "multiple_now": "pe_now",
            "multiple_peer": "pe_peer",
            "rerating": "rerate",
            "rerating_fraction": "frac",
        },
        "dcf": {"wacc": "wacc", "terminal_growth": "g"},
        "sotp": {
            "cloud_multiple": "ev_sales",
            "rest_multiple": "rest_pe",
            "regulatory_discount": "disc",
        },
        "weights": {"pe": "w_pe", "dcf": "w_dcf", "sotp": "w_sotp"},
    },
}
HAND_INPUTS = {
    "market": 100.0, "growth": 0.10, "share_a": 0.30, "share_r": 0.20, "drift_a": math.log(1.2),
    "other": 10.0, "m0": 0.10, "m1": 0.20, "my": 2.0, "rest": 10.0, "rest_g": 0.05,
    "tax": 0.20, "capex": 20.0, "capex_years": 1.0, "maint": 5.0, "life": 4.0, "cash": 20.0,
    "shares": 2.0, "bb": 8.0, "bb_years": 2.0, "fx": 7.8, "pe_now": 20.0, "pe_peer": 30.0,
    "rerate": 1.0, "frac": 0.5, "wacc": 0.10, "g": 0.02, "ev_sales": 3.0, "rest_pe": 10.0,
    "disc": 0.10, "w_pe": 0.5, "w_dcf": 0.25, "w_sotp": 0.25,
}  # fmt: skip
HAND_PRICE = 100.0  # HKD per share


def test_deterministic_path_matches_hand_arithmetic() -> None:
    model = SegmentModel.from_config(
        HAND_SECTION, price=HAND_PRICE, years=(2025, 2026, 2027), price_unit="HKD/share"
    )
    out = model({k: np.array([v]) for k, v in HAND_INPUTS.items()})

    def check(name: str, expected: list[float]) -> None:
        np.testing.assert_allclose(out[name][0], expected, rtol=1e-12, err_msg=name)

    # market 100 growing 10 % a year
    check("market_cloud", [100.0, 110.0, 121.0])
    # log-share drift ln 1.2: Alibaba's weight 0.30 -> 0.36 -> 0.432; rival 0.2, rest 0.5 fixed
    check("share_cloud_alibaba", [0.30, 0.36 / 1.06, 0.432 / 1.132])
    check("share_cloud_rival", [0.20, 0.20 / 1.06, 0.20 / 1.132])
    check("share_cloud_rest", [0.50, 0.50 / 1.06, 0.50 / 1.132])
    rev = [30.0 + 10.0, 110.0 * 0.36 / 1.06 + 10.0, 121.0 * 0.432 / 1.132 + 10.0]
    check("revenue_cloud", rev)
    check("revenue_cloud_total", rev)
    # backcast 2024: market 100 / 1.1, share 0.25 / 0.95 (one drift step back), other 10
    prior = 100.0 / 1.1 * (0.25 / 0.95) + 10.0
    check("revenue_growth_cloud", [rev[0] / prior - 1, rev[1] / rev[0] - 1, rev[2] / rev[1] - 1])
    # margin 10 % -> 20 % over two years
    check("margin_cloud", [0.10, 0.15, 0.20])
    # capex 20 in year 0 (programme of one year), then 5; life 4, from the following year
    check("capex", [20.0, 5.0, 5.0])
    check("depreciation", [0.0, 5.0, 5.0 + 1.25])
    op = [rev[0] * 0.10 - 0.0, rev[1] * 0.15 - 5.0, rev[2] * 0.20 - 6.25]
    check("operating_profit_cloud", op)
    rest = [10.0, 10.5, 11.025]
    check("earnings_rest", rest)
    e = [op[i] * 0.8 + rest[i] for i in range(3)]
    check("earnings", e)
    fcf = [e[0] + 0.0 - 20.0, e[1] + 5.0 - 5.0, e[2] + 6.25 - 5.0]
    check("fcf", fcf)
    # P/E: re-rating happens and closes half of the 20x -> 30x gap
    assert out["exit_pe"][0] == pytest.approx(25.0)
    value_pe = [25.0 * x for x in e]
    check("value_pe", value_pe)
    # DCF at 10 %, terminal growth 2 %, plus net cash 20
    tv = fcf[2] * 1.02 / 0.08
    dcf0 = fcf[1] / 1.1 + (fcf[2] + tv) / 1.21 + 20.0
    dcf = [dcf0, (fcf[2] + tv) / 1.1 + 20.0, tv + 20.0]
    assert out["value_dcf"][0] == pytest.approx(dcf0, rel=1e-12)
    check("value_dcf_path", dcf)
    # SOTP: 3x revenue + 10x rest earnings + cash, less a 10 % discount
    sotp = [(3.0 * rev[i] + 10.0 * rest[i] + 20.0) * 0.9 for i in range(3)]
    check("value_sotp", sotp)
    equity = [0.5 * value_pe[i] + 0.25 * dcf[i] + 0.25 * sotp[i] for i in range(3)]
    check("equity_value", equity)
    # buyback 8 over two years after 2025 at HKD 100 with 7.8 HKD/USD: 4 * 7.8 / 100 = 0.312bn
    check("buyback_spend", [0.0, 4.0, 4.0])
    shares = [2.0, 2.0 - 0.312, 2.0 - 0.624]
    check("shares", shares)
    vps = [equity[i] * 7.8 / shares[i] for i in range(3)]
    check("value_per_share", vps)
    check("eps", [e[i] * 7.8 / shares[i] for i in range(3)])
    check("total_return", [v / 100.0 - 1 for v in vps])
    check("return_annual", [0.0, vps[1] / 100.0 - 1, math.sqrt(vps[2] / 100.0) - 1])
    assert not any(v.any() for k, v in out.items() if k.startswith("_invalid_"))


def test_outputs_match_the_declared_names_units_and_shapes(model: SegmentModel) -> None:
    out = model(central_inputs(3))
    masks = {k for k in out if k.startswith("_invalid_")}
    assert set(out) - masks == set(model.output_names)
    assert masks == set(model.invalid_names)
    for name, arr in out.items():
        if name in masks:
            assert arr.shape == (3,) and arr.dtype == bool
        elif name in ("exit_pe", "value_dcf"):
            assert arr.shape == (3,)
        else:
            assert arr.shape == (3, 6), name
        assert np.all(np.isfinite(arr)), name
    units = model.output_units
    assert units["market_cloud"] == "USD bn"
    assert units["value_per_share"] == "HKD/share"
    assert units["share_cloud_rest"] == "share"
    assert units["return_annual"] == "%"
    assert units["exit_pe"] == "x"
    assert {"market_cloud_gross", "share_ai_cloud_rest", "segment_profit_ai_cloud"} <= set(units)


def test_model_is_picklable_and_deterministic(model: SegmentModel) -> None:
    again = pickle.loads(pickle.dumps(model))
    a, b = model(central_inputs(2)), again(central_inputs(2))
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])


def test_per_year_inputs_from_events_apply_from_their_year(model: SegmentModel) -> None:
    inputs = central_inputs(1)
    base = model(inputs)
    shocked = dict(inputs)
    # an event halving the P/E multiple from 2028 (year index 3)
    shocked["pe_now"] = np.where(np.arange(6) >= 3, 0.5, 1.0)[None, :] * CENTRAL["pe_now"]
    out = model(shocked)
    np.testing.assert_allclose(out["value_pe"][0, :3], base["value_pe"][0, :3])
    np.testing.assert_allclose(out["value_pe"][0, 3:], 0.5 * base["value_pe"][0, 3:])
    assert out["exit_pe"][0] == pytest.approx(0.5 * CENTRAL["pe_now"])


@pytest.mark.parametrize("seed", range(3))
def test_random_inputs_keep_invariants(model: SegmentModel, seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 3000
    inputs = {k: np.full(n, v) for k, v in CENTRAL.items()}
    for k in ("ai_growth", "cloud_growth"):
        inputs[k] = rng.normal(CENTRAL[k], 0.1, (n, 6))
    for k in ("ai_drift_alibaba",):
        inputs[k] = rng.normal(0.0, 0.3, n)
    for k in (
        "ai_share_alibaba",
        "ai_share_bytedance",
        "cloud_share_alibaba",
        "cloud_share_huawei",
    ):
        inputs[k] = rng.uniform(0.0, 0.5, n)
    for k in ("cloud_margin_target", "ai_margin_target"):
        inputs[k] = rng.normal(0.15, 0.2, n)  # includes loss-making paths
    inputs["rerating"] = rng.integers(0, 2, n).astype(float)
    inputs["ai_market"] = rng.uniform(1.0, 80.0, n)  # sometimes larger than the whole cloud
    out = model(inputs)
    for name, arr in out.items():
        assert np.all(np.isfinite(arr)), name
    for seg, players in (("ai_cloud", ("alibaba", "bytedance")), ("cloud", ("alibaba", "huawei"))):
        stack = np.stack([out[f"share_{seg}_{p}"] for p in (*players, "rest")])
        assert np.all((stack >= 0) & (stack <= 1))
        np.testing.assert_allclose(stack.sum(axis=0), 1.0, atol=1e-12)
    assert np.all(out["market_cloud"] >= 0)
    assert out["_invalid_net_market_cloud"].any()  # flagged, not hidden
    # exactly the paths with a netted-out market are flagged: in a model year, or in the
    # backcast year behind year-0 growth (each market divided by its own year-0 growth)
    in_years = np.any(out["market_cloud_gross"] < out["market_ai_cloud"], axis=1)
    cloud_before = CENTRAL["cloud_market"] / (1.0 + inputs["cloud_growth"][:, 0])
    ai_before = inputs["ai_market"] / (1.0 + inputs["ai_growth"][:, 0])
    np.testing.assert_array_equal(
        out["_invalid_net_market_cloud"], in_years | (cloud_before < ai_before)
    )
    assert np.all(out["shares"] > 0) and np.all(out["value_per_share"] >= 0)
    assert out["_invalid_pe_on_losses"].any()
    np.testing.assert_array_equal(
        out["_invalid_negative_value"], np.any(out["equity_value"] < 0, axis=1)
    )


def test_monotonicity_through_the_whole_model(model: SegmentModel) -> None:
    base = model(central_inputs(1))
    assert np.all(
        model(central_inputs(1, pe_now=25.0))["value_per_share"] >= base["value_per_share"]
    )
    assert np.all(
        model(central_inputs(1, cloud_ev_sales=5.0))["value_per_share"] > base["value_per_share"]
    )
    assert model(central_inputs(1, wacc=0.12))["value_dcf"][0] < base["value_dcf"][0]
    more_capex = model(central_inputs(1, capex=25.0))
    assert np.all(more_capex["fcf"][0, :3] < base["fcf"][0, :3])
    assert more_capex["value_dcf"][0] < base["value_dcf"][0]
    assert more_capex["value_per_share"][0, -1] < base["value_per_share"][0, -1]
    no_buyback = model(central_inputs(1, buyback=0.0))
    assert np.all(no_buyback["shares"] == CENTRAL["shares"])
    assert np.all(base["shares"][0, 1:] < CENTRAL["shares"])


def test_errors_for_bad_inputs(model: SegmentModel) -> None:
    with pytest.raises(ParameterError, match=r"terminal_growth.*wacc"):
        model(central_inputs(2, terminal_growth=0.10))
    with pytest.raises(ParameterError, match="sum to 1"):
        model(central_inputs(2, w_pe=0.5))
    inputs = central_inputs(2)
    del inputs["wacc"]
    with pytest.raises(ParameterError, match="wacc"):
        model(inputs)


def test_standalone_units_convert_scales() -> None:
    units = {name: "%" for name in CENTRAL}
    units.update(
        {
            k: "USD bn"
            for k in (
                "ai_market",
                "cloud_market",
                "intl_revenue",
                "rest_earnings",
                "capex",
                "maintenance_capex",
                "net_cash",
            )
        }
    )
    units.update(
        buyback="USD m",
        shares="shares m",
        fx="HKD/USD",
        margin_years="years",
        capex_years="years",
        depreciation_life="years",
        buyback_years="years",
        pe_now="x",
        pe_peer="x",
        cloud_ev_sales="x",
        rest_pe="x",
    )
    scaled = SegmentModel.from_config(SECTION, price=PRICE, years=6, price_unit="HKD", units=units)
    plain = SegmentModel.from_config(SECTION, price=PRICE, years=6, price_unit="HKD/share")
    a = plain(central_inputs(1))
    b = scaled(
        central_inputs(1, buyback=CENTRAL["buyback"] * 1000, shares=CENTRAL["shares"] * 1000)
    )
    np.testing.assert_allclose(b["value_per_share"], a["value_per_share"], rtol=1e-12)
    np.testing.assert_allclose(b["shares"], a["shares"] * 1000, rtol=1e-12)
    assert scaled.output_units["shares"] == "shares m"


def _evaluate_in_worker(model: SegmentModel, inputs: dict) -> dict:
    return model(inputs)


def test_model_runs_in_a_worker_process(model: SegmentModel) -> None:
    import concurrent.futures
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
        remote = pool.submit(_evaluate_in_worker, model, central_inputs(2)).result()
    local = model(central_inputs(2))
    for k in local:
        np.testing.assert_array_equal(remote[k], local[k])
