"""The model on the Alibaba thesis: wiring, every scenario's invariants, checks against articles."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from model.engine.execution.runner import central, run
from model.errors import ThesisError
from model.inputs.assembly.thesis import load_thesis
from model.valuation import build_model

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "alibaba.yaml"

pytestmark = pytest.mark.skipif(not THESIS.exists(), reason="the Alibaba thesis is not present")


@pytest.fixture(scope="module")
def thesis():
    return load_thesis(THESIS)


@pytest.fixture(scope="module")
def base_run(thesis):
    model = build_model(thesis)
    return run(thesis.to_spec(), model, 20_000, seed=20251127).outputs


def test_builds_from_the_thesis(thesis) -> None:
    model = build_model(thesis)
    assert model.price == pytest.approx(129.5)
    assert model.years == tuple(range(2025, 2031))
    assert model.output_units["value_per_share"] == "HKD/share"
    assert model.output_units["market_cloud"] == "USD bn"
    assert model.output_units["shares"] == "shares bn"
    assert set(model.input_names) <= set(thesis.assumptions)


def test_central_path_is_finite_and_starts_at_the_market_value(thesis) -> None:
    out = central(thesis.to_spec(), build_model(thesis))
    for name, value in out.items():
        assert np.all(np.isfinite(value)), name
    # The thesis derives 2025 earnings as the late-2025 market value / 23.5x (the multiple's
    # own season): the start-of-2025 value (HKD 2.32tn less the 0.6tn gained by February)
    # after the year's 60% rise.
    mcap_usd = (2320.0 - 600.0) * 1.6 / float(central(thesis.to_spec())["fx_hkd_per_usd"])
    # The model's earnings exclude the interest on net cash (40bn at 3%, after 20% tax): the
    # net-cash roll-forward earns it, once.
    earnings_2025 = out["earnings"][0] + 40.0 * 0.03 * (1 - 0.20)
    assert earnings_2025 * 23.5 == pytest.approx(mcap_usd, rel=1e-9)


@pytest.mark.parametrize(
    "scenario",
    ["base", "bull", "bear", "crackdown_redux", "chip_controls", "competition", "view_2022"],
)
def test_every_scenario_keeps_shares_on_the_simplex(thesis, scenario: str) -> None:
    if scenario not in thesis.scenarios:
        pytest.skip(f"no scenario {scenario!r} in the thesis")
    applied = thesis.with_scenario(scenario)
    model = build_model(applied)
    out = run(applied.to_spec(), model, 4_000, seed=7).outputs
    for name, value in out.items():
        assert np.all(np.isfinite(value)), name
    groups = model.roles.share_groups()
    assert set(groups) == {"cloud", "ai_cloud"}
    for members in groups.values():
        stack = np.stack([out[m.name] for m in members])
        assert np.all((stack >= 0.0) & (stack <= 1.0))
        np.testing.assert_allclose(stack.sum(axis=0), 1.0, atol=1e-12)
    assert np.all(out["shares"] > 0)
    assert np.all(out["value_per_share"] >= 0)


def test_china_cloud_market_2026_near_canalys_85bn(base_run) -> None:
    # Compared: the whole China cloud market in 2026 (cloud ex AI plus AI cloud, i.e. the cloud
    # segment's market before netting), median over paths, against Canalys' forecast of $85bn
    # (001). The base starts on the Canalys path (25.4% a year; the 2025 market is interpolated
    # on it) and fades slowly toward a lower long-run rate, and tighter chip controls may come
    # in 2026 (15%): the median sits about 1% below $85bn. We accept 3% either side -- a
    # quarter of one year's growth -- and require the forecast inside the 90% interval.
    gross = base_run["market_cloud_gross"][:, 1]
    np.testing.assert_allclose(
        gross, base_run["market_cloud"][:, 1] + base_run["market_ai_cloud"][:, 1]
    )
    median = float(np.median(gross))
    assert abs(median / 85.0 - 1.0) < 0.03, median
    low, high = np.quantile(gross, [0.05, 0.95])
    assert low < 85.0 < high


def test_cloud_revenue_growth_2025_near_reported_34pct(base_run) -> None:
    # Compared: the median over paths of revenue_growth_cloud in the first model year (2025,
    # measured against the model's one-year backcast of 2024), against "Cloud revenue grew 34%
    # year-over-year in Q3 2025" (004). The thesis derives Alibaba's 2025 share gain from that
    # figure and the Canalys-path market growth (alibaba_cloud_drift_2025), so the model should
    # land close: the derivation ignores the rivals' own 2025 drifts (about a point lower).
    # The 34% is one quarter's year-on-year growth standing for a whole year; quarterly growth
    # of an accelerating business differs from the year's by a few points, so we accept
    # 3 points either side.
    growth = float(np.median(base_run["revenue_growth_cloud"][:, 0]))
    assert abs(growth - 0.34) <= 0.03, growth


def test_ai_cloud_market_2030_median_on_the_card_forecast(base_run) -> None:
    # Compared: the median AI-cloud market in 2030 against the card's $7.3bn (2025) growing
    # 26.8% a year (004), about $24bn. The base adds tighter chip controls as an event and
    # raises growth in the years without them by the expected drag
    # (ai_cloud_forecast_chip_allowance), so the median path, events included, should follow
    # the forecast. The allowance corrects the mean drag, not the median exactly: 3%.
    forecast = 7.3 * 1.268**5
    median = float(np.median(base_run["market_ai_cloud"][:, -1]))
    assert abs(median / forecast - 1.0) < 0.03, median


def test_chip_allowance_matches_the_base_event(thesis) -> None:
    # The allowance is a fixed number (so that scenarios with harsher controls fall below the
    # card's forecast); it must stay equal to the drag the base event is expected to cause:
    # hit x expected fraction of the five years 2026-2030 after the controls tighten.
    values = central(thesis.to_spec())
    p = float(values["chip_controls_annual_prob"])
    hit = float(values["chip_growth_hit"])
    years = 5
    fraction = 1.0 - (1.0 - p) * (1.0 - (1.0 - p) ** years) / (years * p)
    allowance = float(values["ai_cloud_forecast_chip_allowance"])
    assert allowance == pytest.approx(-hit * fraction, abs=5e-4)


def test_blend_weights_cover_states_of_the_world_once(thesis) -> None:
    # base, bull and bear carry the crackdown, chip-control and US-listing events at their own
    # odds; the stress cases and the 2022 view are what-ifs at weight 0 (no double counting).
    weights = {name: float(w.value) for name, w in thesis.weights.items()}
    assert sum(weights.values()) == pytest.approx(1.0, abs=1e-9)
    assert {name for name, w in weights.items() if w > 0} == {"base", "bull", "bear"}
    assert set(weights) <= {"base", *thesis.scenarios}


def test_view_2022_value_near_the_early_2022_price(thesis) -> None:
    # The 2022 view is the crackdown thesis applied from today's facts. Its 13x multiple and
    # 59.5% discount are already post-crackdown levels, so a further crackdown must not cut
    # them again. Compared: the median 2030 value per share against the early-2022 BABA price
    # per Hong Kong share (about HKD 91). A bear thesis of its day should value the shares
    # below that price, but not at a fraction of it: between 60% and 100%.
    applied = thesis.with_scenario("view_2022")
    out = run(applied.to_spec(), build_model(applied), 20_000, seed=20251127)
    values = central(thesis.to_spec())
    price_2022 = float(values["baba_hk_equivalent_price_2022"])
    ratio = float(np.median(out.outputs["value_per_share"][:, -1])) / price_2022
    assert 0.6 <= ratio <= 1.0, ratio


def test_capex_reaches_the_valuation(base_run) -> None:
    capex = base_run["capex"]
    assert np.all(capex[:, :3] > capex[:, 3:].max(axis=1, keepdims=True) - 1e-9)
    # the programme is ~$52bn over three years: about $17bn a year
    np.testing.assert_allclose(capex[:, 0], 52.0 / 3.0, rtol=1e-9)
    assert np.all(base_run["depreciation"][:, 0] == 0.0)
    assert np.all(base_run["depreciation"][:, 1:] > 0.0)


# -- errors pointing into the thesis file -------------------------------------------------------


def _copy_thesis(tmp_path: Path, old: str, new: str) -> Path:
    shutil.copytree(ROOT / "assumptions", tmp_path / "assumptions")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    path = tmp_path / "assumptions" / "alibaba.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"expected one {old!r} in the thesis"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_unknown_name_in_model_section_points_at_its_line(tmp_path: Path) -> None:
    old = "      value: operating_profit_cloud * (1 - tax_rate) + earnings_rest\n"
    path = _copy_thesis(tmp_path, old, old.replace("tax_rate", "tax_rat"))
    with pytest.raises(ThesisError) as info:
        build_model(load_thesis(path))
    err = info.value
    assert "did you mean 'tax_rate'" in str(err)
    assert err.field == "model.lines.earnings.value"
    assert err.line == _line_of(path, "(1 - tax_rat)")
    assert str(err).startswith(f"{err.file}:{err.line}: ")


def test_unbounded_wacc_is_an_error_naming_both_assumptions(tmp_path: Path) -> None:
    path = _copy_thesis(tmp_path, "    bounds: [0.06, 0.16]\n", "")
    with pytest.raises(ThesisError) as info:
        build_model(load_thesis(path))
    message = str(info.value)
    assert "'terminal_growth'" in message and "'wacc'" in message
    assert info.value.field == "model.valuation.legs.dcf.terminal_growth"
