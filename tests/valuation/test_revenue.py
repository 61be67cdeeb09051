"""Markets, the share simplex, net_of and segment revenue."""

from __future__ import annotations

import numpy as np
import pytest

from model.errors import ParameterError
from model.valuation.revenue import (
    REST,
    SegmentInputs,
    growth_rate,
    market_shares,
    net_market,
    project_segment,
    project_segments,
    segment_order,
)
from model.valuation.shapes import (
    any_by_path,
    as_paths,
    grow,
    growth_index,
    running_product,
    running_sum,
    sum_by_path,
)

N, T = 4, 5


def full(value: float, n: int = N, t: int = T) -> np.ndarray:
    return np.full((n, t), float(value))


def test_any_by_path_flags_the_paths_numpy_flags() -> None:
    rng = np.random.default_rng(8)
    for shape in ((1, 1), (1, 6), (7, 1), (50, 6), (50, 9)):
        for p in (0.0, 0.05, 0.5, 1.0):
            mask = rng.random(shape) < p
            got = any_by_path(mask)
            assert got.dtype == np.bool_ and got.shape == (shape[0],)
            np.testing.assert_array_equal(got, np.any(mask, axis=1))
            # A strided or broadcast mask, as an input of the model may be.
            np.testing.assert_array_equal(any_by_path(mask[:, ::2]), np.any(mask[:, ::2], axis=1))
            row = np.broadcast_to(mask[:, :1], shape)
            np.testing.assert_array_equal(any_by_path(row), np.any(row, axis=1))
    # The mask is read, never written.
    mask = np.array([[False, True], [False, False]])
    any_by_path(mask)
    np.testing.assert_array_equal(mask, [[False, True], [False, False]])
    assert any_by_path(np.zeros((3, 0), dtype=bool)).tolist() == [False] * 3


@pytest.mark.parametrize("ours, numpys", [(running_sum, np.cumsum), (running_product, np.cumprod)])
def test_running_sums_and_products_are_numpys_to_the_bit(ours, numpys) -> None:
    rng = np.random.default_rng(9)
    for shape in ((1, 1), (3, 0), (5, 1), (2_000, 6), (300, 11)):
        wide = rng.normal(0.0, 1e3, shape) * rng.lognormal(0.0, 5.0, shape)
        layouts = (
            wide,
            np.asfortranarray(rng.normal(size=shape)),
            rng.normal(size=(shape[0], shape[1] + 2))[:, 1:-1],
            np.broadcast_to(rng.normal(size=(shape[0], 1)), shape),
            wide[:, ::-1],
        )
        for x in layouts:
            got, want = ours(x), numpys(x, axis=1)
            assert got.shape == want.shape
            np.testing.assert_array_equal(got, want)  # exact, not close
            np.testing.assert_array_equal(np.signbit(got), np.signbit(want))
    signed = np.array([[-0.0, -0.0, 1.0], [np.nan, 1.0, np.inf], [1e308, 1e308, -1e308]])
    with np.errstate(over="ignore", invalid="ignore"):
        got, want = ours(signed), numpys(signed, axis=1)
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(np.signbit(got), np.signbit(want))
    out = np.full((3, 3), 7.0)
    assert ours(signed[:, :1] + 1.0, out=out[:, :1]) is not None and out[0, 1] == 7.0


def test_sums_by_path_are_numpys_to_the_bit() -> None:
    rng = np.random.default_rng(10)
    specials = [0.0, -0.0, 1e-300, -1e-300, 1.0, -7.1e-5, 1e308, -1e308, np.inf, -np.inf, np.nan]
    for n in (1, 2, 3, 9, 8_193):
        for k in range(10):
            for x in (
                rng.lognormal(0.0, 3.0, (n, k)) * rng.choice([-1.0, 1.0], (n, k)),
                rng.choice(specials, (n, k)),
                np.asfortranarray(rng.normal(size=(n, k))),
                rng.normal(size=(n, k + 2))[:, 1:-1],
            ):
                with np.errstate(over="ignore", invalid="ignore"):
                    got, want = sum_by_path(x), x.sum(axis=1)
                np.testing.assert_array_equal(got, want)
                np.testing.assert_array_equal(np.signbit(got), np.signbit(want))


def test_market_compounds_growth_from_year_one() -> None:
    growth = np.array([[0.5, 0.1, 0.2, -0.1, 0.0]])  # g_0 only feeds the backcast
    level, bad = grow(np.full((1, T), 100.0), growth)
    expected = 100.0 * np.array([1.0, 1.1, 1.1 * 1.2, 1.1 * 1.2 * 0.9, 1.1 * 1.2 * 0.9])
    np.testing.assert_allclose(level[0], expected)
    assert not bad.any()


def test_backcast_divides_by_year_zero_growth() -> None:
    factor, _ = growth_index(np.full((1, 3), 0.25), prior=True)
    np.testing.assert_allclose(factor[0], [0.8, 1.0, 1.25, 1.5625])


def test_growth_below_minus_100_percent_is_flagged_and_floored() -> None:
    growth = np.array([[0.0, -1.5, 0.1], [0.0, 0.1, 0.1]])
    level, bad = grow(np.full((2, 3), 10.0), growth)
    assert bad.tolist() == [True, False]
    assert np.all(level >= 0.0)


def test_as_paths_broadcasts_and_rejects_bad_shapes() -> None:
    assert as_paths(2.0, 3, 4).shape == (3, 4)
    np.testing.assert_array_equal(as_paths(np.arange(3.0), 3, 2), [[0, 0], [1, 1], [2, 2]])
    per_year = np.arange(12.0).reshape(3, 4)
    out = as_paths(per_year, 3, 4)
    np.testing.assert_array_equal(out, per_year)
    assert not out.flags.writeable  # a broadcast view: the model never writes into inputs
    with pytest.raises(ParameterError, match="shape"):
        as_paths(np.zeros((3, 5)), 3, 4, "market")


def test_net_of_subtracts_and_flags_negative_markets() -> None:
    gross = np.array([[10.0, 12.0], [10.0, 12.0]])
    excluded = np.array([[4.0, 5.0], [4.0, 13.0]])
    net, bad = net_market(gross, excluded)
    np.testing.assert_allclose(net, [[6.0, 7.0], [6.0, 0.0]])
    assert bad.tolist() == [False, True]


def test_segments_net_of_uses_the_other_segments_market() -> None:
    ai = SegmentInputs(full(7.0), full(0.3), {"a": full(0.4)}, "a")
    cloud = SegmentInputs(full(50.0), full(0.1), {"a": full(0.3)}, "a")
    out = project_segments({"cloud": cloud, "ai": ai}, {"cloud": "ai", "ai": None})
    assert list(out) == ["cloud", "ai"]  # declaration order kept
    np.testing.assert_allclose(out["cloud"].market, out["cloud"].gross - out["ai"].market)
    np.testing.assert_allclose(out["cloud"].market[:, 0], 43.0)
    np.testing.assert_allclose(out["cloud"].revenue[:, 0], 43.0 * 0.3)
    assert not out["cloud"].invalid["net_market"].any()


def test_segment_order_detects_cycles_and_unknown_targets() -> None:
    assert segment_order({"a": "b", "b": None}) == ["b", "a"]
    with pytest.raises(ParameterError, match="cycle"):
        segment_order({"a": "b", "b": "a"})
    with pytest.raises(ParameterError, match="unknown"):
        segment_order({"a": "zzz"})


def test_shares_without_drift_stay_at_base_and_rest_is_implied() -> None:
    shares, flags = market_shares({"x": full(0.3), "y": full(0.2)})
    np.testing.assert_allclose(shares["x"], 0.3)
    np.testing.assert_allclose(shares["y"], 0.2)
    np.testing.assert_allclose(shares[REST], 0.5)
    assert not flags["share_sum"].any()


def test_log_share_drift_is_a_softmax() -> None:
    d = np.log(1.2)
    shares, _ = market_shares({"x": full(0.3), "y": full(0.2)}, {"x": full(d)})
    for t in range(T):
        w = 0.3 * 1.2**t
        np.testing.assert_allclose(shares["x"][:, t], w / (w + 0.2 + 0.5))
        np.testing.assert_allclose(shares["y"][:, t], 0.2 / (w + 0.2 + 0.5))
    # before renormalising, log-shares move linearly: the x/y log ratio grows by d per year
    ratio = np.log(shares["x"] / shares["y"])
    np.testing.assert_allclose(np.diff(ratio, axis=1), d)


@pytest.mark.parametrize("seed", range(5))
def test_simplex_invariant_under_random_inputs(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, t, players = 2000, 8, 4
    raw = rng.dirichlet(np.ones(players + 1), size=n)  # last column = rest
    base = {f"p{i}": np.repeat(raw[:, i : i + 1], t, axis=1) for i in range(players)}
    drift = {f"p{i}": rng.normal(0, 0.5, (n, t)) for i in range(players)}
    drift[REST] = rng.normal(0, 0.5, (n, 1)) * np.ones((1, t))
    # event-style per-year shifts of some base shares
    base["p0"] = base["p0"] * np.where(np.arange(t) >= 3, rng.uniform(0.2, 3.0, (n, 1)), 1.0)
    for prior in (False, True):
        shares, flags = market_shares(base, drift, prior=prior)
        stack = np.stack(list(shares.values()))
        assert np.all(stack >= 0.0) and np.all(stack <= 1.0)
        np.testing.assert_allclose(stack.sum(axis=0), 1.0, atol=1e-12)
        assert np.all(np.isfinite(stack))
        assert not flags["share_sum"].any()


def test_base_shares_above_one_are_flagged_and_renormalised() -> None:
    shares, flags = market_shares({"x": full(0.7, n=2), "y": np.array([[0.5] * T, [0.2] * T])})
    assert flags["share_sum"].tolist() == [True, False]
    np.testing.assert_allclose(shares[REST][0], 0.0)
    np.testing.assert_allclose(shares["x"][0], 0.7 / 1.2)
    np.testing.assert_allclose(sum(shares.values()), 1.0)


def test_negative_share_input_is_flagged() -> None:
    shares, flags = market_shares({"x": full(-0.1, n=1)})
    assert flags["share_input"].all()
    np.testing.assert_allclose(shares["x"], 0.0)
    np.testing.assert_allclose(shares[REST], 1.0)


def test_revenue_includes_other_revenue_and_growth_backcast() -> None:
    seg = SegmentInputs(
        market=full(100.0, 1, 3),
        market_growth=full(0.1, 1, 3),
        shares={"a": full(0.25, 1, 3)},
        company="a",
        other_revenue=full(5.0, 1, 3),
        other_revenue_growth=full(0.2, 1, 3),
    )
    proj = project_segment(seg)
    expected = [100 * 0.25 + 5, 110 * 0.25 + 6, 121 * 0.25 + 7.2]
    np.testing.assert_allclose(proj.revenue[0], expected)
    prior = 100 / 1.1 * 0.25 + 5 / 1.2
    np.testing.assert_allclose(proj.revenue_ext[0, 0], prior)
    growth, bad = growth_rate(proj.revenue_ext)
    np.testing.assert_allclose(growth[0], [30 / prior - 1, 33.5 / 30 - 1, (30.25 + 7.2) / 33.5 - 1])
    assert not bad.any()


def test_segment_inputs_are_checked() -> None:
    with pytest.raises(ParameterError, match="implied"):
        SegmentInputs(full(1), full(0), {REST: full(0.1)}, REST)
    with pytest.raises(ParameterError, match="not a player"):
        SegmentInputs(full(1), full(0), {"a": full(0.1)}, "b")
    with pytest.raises(ParameterError, match="unknown player"):
        SegmentInputs(full(1), full(0), {"a": full(0.1)}, "a", {"b": full(0.0)})
