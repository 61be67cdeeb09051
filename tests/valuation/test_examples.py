"""The example theses in assumptions/ (Amazon and the templates): they validate, run, compare
their scenarios, compute what their model section says, and go through ``thesis report``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import model
from model.cli.main import main
from model.results.statements import check_scorecard

ROOT = Path(__file__).resolve().parents[2]
AMAZON = ROOT / "assumptions" / "amazon.yaml"
GROWTH = ROOT / "assumptions" / "templates" / "growth-company.yaml"
EVENT = ROOT / "assumptions" / "templates" / "binary-event.yaml"
EXAMPLES = {"amazon": AMAZON, "growth": GROWTH, "event": EVENT}
N = 4000


@pytest.fixture(scope="module")
def runs() -> dict[str, model.SimulationResult]:
    return {
        key: model.simulate(model.load_thesis(path), n_paths=N, seed=11, progress=False)
        for key, path in EXAMPLES.items()
    }


@pytest.mark.parametrize("key", list(EXAMPLES))
def test_every_scenario_validates_and_compares(key: str) -> None:
    thesis = model.load_thesis(EXAMPLES[key])
    assert set(thesis.scenarios) >= {"base", "bear"}
    for name in thesis.scenarios:
        check_scorecard(thesis.with_scenario(name))
    comparison = model.compare(thesis, n_paths=1000, seed=5, progress=False)
    table = comparison.summary("value_per_share")
    assert len(table) >= len(thesis.scenarios)
    bear = comparison.results["bear"].final("value_per_share")
    base = comparison.results["base"].final("value_per_share")
    # Each example's bear case is worse than its base case on the same draws.
    assert np.median(bear) < np.median(base)


@pytest.mark.parametrize(
    ("key", "currency", "legs"),
    [
        ("amazon", "USD", {"sotp", "ev_ebit"}),
        ("growth", "TWD", {"ev_sales"}),
        ("event", "JPY", {"dcf"}),
    ],
)
def test_currency_and_legs(key: str, currency: str, legs: set[str], runs) -> None:
    result = runs[key]
    assert result.thesis.currency == currency
    assert {
        n[len("value_per_share_") :] for n in result.outputs if n.startswith("value_per_share_")
    } == legs
    vps = result.final("value_per_share")
    assert np.all(np.isfinite(vps)) and np.median(vps) > 0


def test_amazon_sources_the_articles_numbers() -> None:
    thesis = model.load_thesis(AMAZON)
    ledger = thesis.ledger()
    quoted = ledger[ledger["name"].isin(["amazon_market_value", "pe_amazon"])]
    assert len(quoted) == 2
    assert set(quoted["document"].astype(str)) == {
        "003_c54d60cc8747594a.txt",
        "004_ee90e3727d2ffaf9.txt",
    }
    values = thesis.central_values()
    assert values["amazon_market_value"] == pytest.approx(2420.0)  # $2.42 trillion in USD bn
    assert values["pe_amazon"] == pytest.approx(32.1)
    assert values["market_value_per_share"] == pytest.approx(2420.0 / 10.6)


def test_amazon_sum_of_the_parts_by_hand(runs) -> None:
    r = runs["amazon"]
    aws = r.array("revenue_aws") * r.array("margin_aws")
    retail = r.array("revenue_retail") * r.array("margin_retail")
    np.testing.assert_allclose(r.array("aws_operating_profit"), aws, rtol=1e-12)
    sotp = (
        aws * r.array("aws_ev_ebit")[:, None]
        + retail * r.array("retail_ev_ebit")[:, None]
        + r.array("net_cash")
    )
    np.testing.assert_allclose(r.array("value_sotp"), sotp, rtol=1e-10)
    # Every leg adds net cash once (the role net_cash), the EV/EBIT leg too; its multiple is
    # the quoted P/E on after-tax operating profit.
    multiple = r.array("pe_amazon") * (1 - r.array("tax_rate"))
    ev_ebit = r.array("operating_profit") * multiple[:, None] + r.array("net_cash")
    np.testing.assert_allclose(r.array("value_ev_ebit"), ev_ebit, rtol=1e-10)
    np.testing.assert_allclose(r.array("equity_value"), 0.5 * sotp + 0.5 * ev_ebit, rtol=1e-10)
    # AWS revenue compounds from its 2025 level at the drawn growth.
    g = r.array("aws_growth")
    np.testing.assert_allclose(r.array("revenue_aws")[:, -1], 125.0 * (1 + g) ** 5, rtol=1e-10)


def test_growth_template_switches_growth_in_the_fade_year(runs) -> None:
    r = runs["growth"]
    sales = r.array("sales")
    growth = sales[:, 1:] / sales[:, :-1] - 1  # growth into 2026 .. 2030
    np.testing.assert_allclose(sales[:, 0], 18.0)
    np.testing.assert_allclose(growth[:, 0], r.array("growth_early"), rtol=1e-10)  # 2026
    np.testing.assert_allclose(growth[:, 1], r.array("growth_early"), rtol=1e-10)  # 2027
    np.testing.assert_allclose(growth[:, 2], r.array("growth_late"), rtol=1e-10)  # 2028
    np.testing.assert_allclose(growth[:, 4], r.array("growth_late"), rtol=1e-10)  # 2030
    eps = r.array("eps")
    np.testing.assert_allclose(eps, r.array("earnings") * 1e3 / r.array("shares"), rtol=1e-10)


def test_binary_event_matches_its_probability(runs) -> None:
    r = runs["event"]
    p = 0.45  # approval_prob
    on_market = r.array("years_on_market")
    # The licence is granted from year 1 on, independently each year until it happens.
    for k, year in enumerate(r.years):
        expected = 1.0 - (1.0 - p) ** k
        share = float(np.mean(on_market[:, k] >= 1))
        se = max(np.sqrt(expected * (1 - expected) / r.n_paths), 1e-12)
        assert abs(share - expected) < 4.5 * se + 1e-12, (year, share, expected)
    # No product sales before the licence; a ramp to the peak after it.
    sales = r.array("product_sales")
    assert np.all(sales[on_market == 0] == 0.0)
    peak = np.broadcast_to(r.array("peak_sales")[:, None], sales.shape)
    ramp = np.minimum(on_market / 4.0, 1.0)
    np.testing.assert_allclose(sales, peak * ramp, rtol=1e-12)
    claim = r.prob("years_on_market[2027] >= 1")
    assert abs(claim.p - (1 - (1 - p) ** 2)) < 4.5 * claim.se


@pytest.mark.parametrize("key", list(EXAMPLES))
def test_report_writes_every_scenario_and_chart(key: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / key
    code = main(
        [
            "report",
            str(EXAMPLES[key]),
            "--paths",
            "400",
            "--seed",
            "3",
            "--out",
            str(out),
            "--no-progress",
        ]
    )
    assert code == 0, capsys.readouterr().err
    manifest = json.loads((out / "manifest.json").read_text())
    thesis = model.load_thesis(EXAMPLES[key])
    assert set(manifest["scenarios"]) == set(thesis.scenarios)
    for name, entry in manifest["scenarios"].items():
        assert entry["weight"] == pytest.approx(thesis.weights[name].value)
    charts = set(manifest["charts"])
    assert {"comparison/charts/scenarios_value.png", "base/charts/value_histogram.png"} <= charts
    # Fans of the lines the thesis marks as revenue, whatever their names.
    revenue = {"amazon": "revenue", "growth": "sales", "event": "revenue"}[key]
    assert f"base/charts/fan_{revenue}.png" in charts
    if key == "amazon":
        assert {"base/charts/fan_revenue_aws.png", "base/charts/fan_revenue_retail.png"} <= charts
    assert all((out / c).is_file() for c in charts)
    assert thesis.name in (out / "summary.txt").read_text()
