"""The line model: expressions over years, recursions, units, cycles, blocks in closed form."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import ParameterError, ThesisError
from model.inputs.expressions.expr import compile_expression
from model.valuation import build_model
from model.valuation.lines import LineModel
from model.valuation.roles import Role

HERE = Path(__file__).resolve().parent
EUR = HERE / "data" / "eur_two_segments.yaml"
YEARS = (2025, 2026, 2027, 2028)
UNITS = {
    "rev0": "USD bn",
    "g": "%",
    "x": "USD bn",
    "rate": "%",
    "debt0": "USD bn",
    "deficit": "USD m",
    "m0": "%",
    "m1": "%",
    "years": "years",
    "life": "years",
    "capex0": "USD bn",
    "eur_cost": "EUR bn",
}


def make(lines=None, blocks=None, units=UNITS, valuation=None, price=10.0):
    section = {"kind": "lines", "currency": "USD bn"}
    if lines:
        section["lines"] = lines
    if blocks:
        section["blocks"] = blocks
    if valuation:
        section["valuation"] = valuation
    return LineModel.from_config(section, price=price, years=YEARS, units=units)


def test_growth_recursion_matches_compounding() -> None:
    m = make({"revenue": {"start": "rev0", "value": "revenue[t-1] * (1 + g)"}})
    out = m({"rev0": np.array([100.0, 50.0]), "g": np.array([0.1, -0.2])})
    t = np.arange(4)
    np.testing.assert_allclose(out["revenue"][0], 100.0 * 1.1**t)
    np.testing.assert_allclose(out["revenue"][1], 50.0 * 0.8**t)
    assert m.output_units["revenue"] == "USD bn"


def test_cumsum_lag_growth_and_year_index_by_hand() -> None:
    x = np.array([[1.0, 2.0, 3.0, 4.0]])
    m = make(
        {
            "total": "cumsum(x)",
            "before": {"value": "lag(x, 1)", "start": "0"},
            "change": {"value": "growth(total)", "start": "0", "unit": "%"},
            "ramp": {"value": "min(t / 2, 1)", "unit": "1"},
            "calendar": {"value": "year", "unit": "1"},
            "index": {"value": "rev0 * compound(g)"},
        }
    )
    out = m({"x": x, "rev0": 10.0, "g": np.array([[0.5, 0.1, 0.2, 0.0]])})
    np.testing.assert_allclose(out["total"], [[1, 3, 6, 10]])
    np.testing.assert_allclose(out["before"], [[0, 1, 2, 3]])
    np.testing.assert_allclose(out["change"], [[0, 2.0, 1.0, 4 / 6]])
    np.testing.assert_allclose(out["ramp"], [[0, 0.5, 1, 1]])
    np.testing.assert_allclose(out["calendar"], [YEARS])
    # growth into year 0 does not move year 0: 10, 11, 13.2, 13.2
    np.testing.assert_allclose(out["index"], [[10, 11, 13.2, 13.2]])


def test_recursion_through_two_lines_is_computed_year_by_year() -> None:
    # debt_t = debt_{t-1} + interest_t + deficit; interest_t = rate * debt_{t-1}
    m = make(
        {
            "debt": {"start": "debt0", "value": "debt[t-1] + interest + deficit"},
            "interest": {"value": "rate * debt[t-1]", "start": "0 * debt0", "unit": "USD bn"},
        }
    )
    out = m({"debt0": 100.0, "rate": 0.05, "deficit": 10_000.0})  # USD m: 10 bn a year
    want = [100.0]
    for _ in range(3):
        want.append(want[-1] * 1.05 + 10.0)
    np.testing.assert_allclose(out["debt"][0], want)
    np.testing.assert_allclose(out["interest"][0, 1:], 0.05 * np.array(want[:-1]))


def test_scales_and_currencies_in_lines() -> None:
    m = make({"cost": "x + deficit"})  # USD bn + USD m: converted
    out = m({"x": 1.0, "deficit": 500.0})
    np.testing.assert_allclose(out["cost"], 1.5)
    with pytest.raises(ThesisError, match="cannot add"):
        make({"bad": "x + eur_cost"})


def test_line_expressions_reject_what_they_cannot_do() -> None:
    with pytest.raises(ThesisError, match="later year"):
        make({"a": "x[t+1]"})
    with pytest.raises(ThesisError, match="no value in the first model year"):
        make({"a": "x * 2", "b": "a[t-1]"})
    with pytest.raises(ThesisError, match="declare its unit"):
        make({"a": "a[t-1] + x"})
    # derived assumptions do not get the functions along the years
    with pytest.raises(Exception, match="model lines only"):
        compile_expression("cumsum(x)")


def test_cycle_within_a_year_names_every_line() -> None:
    with pytest.raises(ThesisError) as info:
        make({"a": "b + x", "b": "c * 2", "c": "a - x"})
    message = str(info.value)
    assert "circular reference" in message
    assert "a -> b -> c -> a" in message


def test_unknown_and_reserved_names() -> None:
    with pytest.raises(ThesisError, match=r"did you mean 'revenue'"):
        make({"revenue": "x", "profit": "revenu * 0.1"}, units={**UNITS})
    with pytest.raises(ThesisError, match="reserved word"):
        make({"year": "x"})
    with pytest.raises(ThesisError, match="already an assumption"):
        make({"x": "rev0"})


def test_undefined_values_are_an_error_naming_the_line_and_year() -> None:
    m = make({"ratio": {"value": "x / (rev0 - 1)", "unit": "1"}})
    with pytest.raises(ParameterError, match=r"line 'ratio' has no value on 1 of 2 paths in 2025"):
        m({"x": 1.0, "rev0": np.array([1.0, 2.0])})


def test_model_pickles_and_reproduces() -> None:
    m = make({"revenue": {"start": "rev0", "value": "revenue[t-1] * (1 + g)"}})
    inputs = {"rev0": np.array([3.0, 4.0]), "g": 0.1}
    again = pickle.loads(pickle.dumps(m))
    np.testing.assert_array_equal(again(inputs)["revenue"], m(inputs)["revenue"])


# -- blocks against closed forms --------------------------------------------------------------


def test_market_segment_with_constant_shares() -> None:
    blocks = {
        "seg": {
            "type": "market_segment",
            "market": "x",
            "growth": "g",
            "players": {"us": "m0", "them": "m1"},
            "company": "us",
        }
    }
    m = make(blocks=blocks, lines={"sales_growth": {"value": "growth(revenue_seg)", "unit": "%"}})
    out = m({"x": 100.0, "g": 0.1, "m0": 0.2, "m1": 0.3})
    t = np.arange(4)
    np.testing.assert_allclose(out["market_seg"][0], 100 * 1.1**t)
    np.testing.assert_allclose(out["revenue_seg"][0], 20 * 1.1**t)
    np.testing.assert_allclose(out["share_seg_rest"], 0.5)
    # year-0 growth is measured against the one-year backcast
    np.testing.assert_allclose(out["sales_growth"], 0.1)
    groups = m.roles.share_groups()
    assert [line.name for line in groups["seg"]] == [
        "share_seg_us",
        "share_seg_them",
        "share_seg_rest",
    ]
    assert groups["seg"][0].company and groups["seg"][-1].rest


def test_market_segment_drift_stays_on_the_simplex() -> None:
    blocks = {
        "seg": {
            "type": "market_segment",
            "market": "x",
            "growth": "g",
            "players": {"us": "m0", "them": "m1"},
            "company": "us",
            "share_drift": {"us": "rate", "rest": "g"},
        }
    }
    out = make(blocks=blocks)({"x": 1.0, "g": -0.3, "m0": 0.2, "m1": 0.3, "rate": 0.4})
    total = out["share_seg_us"] + out["share_seg_them"] + out["share_seg_rest"]
    np.testing.assert_allclose(total, 1.0, atol=1e-12)
    w = np.array([0.2 * np.exp(0.4 * 3), 0.3, 0.5 * np.exp(-0.3 * 3)])
    np.testing.assert_allclose(out["share_seg_us"][0, 3], w[0] / w.sum())


def test_growth_segment_and_margin_glide() -> None:
    blocks = {
        "lic": {"type": "growth_segment", "start": "x", "growth": "g"},
        "margin": {"type": "margin_glide", "start": "m0", "target": "m1", "years": "years"},
    }
    out = make(blocks=blocks)({"x": 10.0, "g": 0.2, "m0": 0.1, "m1": 0.3, "years": 2.0})
    np.testing.assert_allclose(out["revenue_lic"][0], 10 * 1.2 ** np.arange(4))
    np.testing.assert_allclose(out["margin"][0], [0.1, 0.2, 0.3, 0.3])


def test_capex_schedule_depreciation_closed_form() -> None:
    # constant capex C with life L: dep_t = C * min(t, L) / L; existing charge E for 2.5 years
    blocks = {
        "capex": {
            "type": "capex_schedule",
            "capex": "capex0",
            "life": "life",
            "existing_depreciation": "x",
            "existing_life": "years",
        }
    }
    out = make(blocks=blocks)({"capex0": 12.0, "life": 2.0, "x": 4.0, "years": 2.5})
    np.testing.assert_allclose(out["capex"], 12.0)
    new = 12.0 * np.minimum(np.arange(4), 2.0) / 2.0
    old = 4.0 * np.array([1, 1, 0.5, 0])
    np.testing.assert_allclose(out["depreciation"][0], new + old)


def test_share_count_buyback_and_dilution() -> None:
    units = {**UNITS, "n0": "shares bn", "budget": "USD bn", "d": "%"}
    blocks = {
        "count": {
            "type": "share_count",
            "shares": "n0",
            "buyback": "budget",
            "buyback_years": "years",
        }
    }
    out = make(blocks=blocks, units=units, price=20.0)({"n0": 10.0, "budget": 40.0, "years": 2.0})
    # 20 bn a year in years 1 and 2 at USD 20 a share retires 1 bn shares a year
    np.testing.assert_allclose(out["shares"][0], [10, 9, 8, 8])
    np.testing.assert_allclose(out["buyback_spend"][0], [0, 20, 20, 0])
    blocks = {"count": {"type": "share_count", "shares": "n0", "dilution": "d"}}
    out = make(blocks=blocks, units=units)({"n0": 10.0, "d": 0.02})
    np.testing.assert_allclose(out["shares"][0], 10 * 1.02 ** np.arange(4))


def test_net_cash_roll_forward_closed_form() -> None:
    blocks = {"cash": {"type": "net_cash", "start": "x", "inflow": "capex0", "rate": "rate"}}
    out = make(blocks=blocks)({"x": 100.0, "capex0": 10.0, "rate": 0.05})
    t = np.arange(4)
    want = 100 * 1.05**t + 10 * (1.05**t - 1) / 0.05
    np.testing.assert_allclose(out["net_cash"][0], want)
    blocks = {"cash": {"type": "net_cash", "start": "x", "inflow": "capex0", "dividends": "m0 * x"}}
    out = make(blocks=blocks)({"x": 100.0, "capex0": 10.0, "m0": 0.05})
    np.testing.assert_allclose(out["net_cash"][0], 100 + 5 * t)


def test_block_errors_point_at_their_field() -> None:
    with pytest.raises(ThesisError, match="unknown block type 'market_segmnt'; did you mean"):
        make(blocks={"s": {"type": "market_segmnt"}})
    with pytest.raises(ThesisError, match="company"):
        make(
            blocks={
                "s": {
                    "type": "market_segment",
                    "market": "x",
                    "growth": "g",
                    "players": {"a": "m0"},
                    "company": "b",
                }
            }
        )
    with pytest.raises(ThesisError, match="must be an amount of USD"):
        make(blocks={"lic": {"type": "growth_segment", "start": "g", "growth": "g"}})


# -- a thesis of another shape, end to end ----------------------------------------------------


@pytest.fixture(scope="module")
def eur():
    return model.load_thesis(EUR)


def test_eur_thesis_runs_end_to_end(eur) -> None:
    m = build_model(eur)
    assert m.output_units["revenue"] == "EUR m"
    assert m.output_units["value_per_share"] == "EUR/share"
    roles = m.roles
    assert roles.one(Role.REVENUE).name == "revenue"
    assert roles.one(Role.NET_CASH).name == "cash_position"
    assert roles.segments() == ["licences", "services"]
    result = model.simulate(eur, n_paths=2_000, seed=3)
    vps = result.outputs["value_per_share"]
    assert vps.shape == (2_000, 5) and np.all(np.isfinite(vps))
    comparison = model.compare(eur, ["base", "bear"], n_paths=2_000, seed=3)
    base = comparison.results["base"].outputs["revenue_licences"][:, -1]
    bear = comparison.results["bear"].outputs["revenue_licences"][:, -1]
    np.testing.assert_allclose(bear, 400.0)  # no licence growth in the bear case
    assert np.median(base) > 500.0
    assert len(result.scorecard()) == 1


def test_eur_thesis_central_path_by_hand(eur) -> None:
    from model.engine.execution.runner import central

    out = central(eur.to_spec(), build_model(eur))
    t = np.arange(5)
    licences = 400 * 1.08**t
    np.testing.assert_allclose(out["revenue_licences"], licences)
    share = out["share_services_us"]
    np.testing.assert_allclose(out["revenue_services"], 2500 * 1.05**t * share)
    revenue = licences + out["revenue_services"]
    capex = 0.05 * revenue
    new = np.array(
        [sum(capex[v] * min(max(5 - (k - v - 1), 0), 1) / 5 for v in range(k)) for k in t]
    )
    dep = new + 30 * np.clip(3 - t, 0, 1)
    np.testing.assert_allclose(out["depreciation"], dep)
    margin = 0.18 + (0.25 - 0.18) * np.minimum(t / 4, 1)
    income = (revenue * margin - dep) * 0.75
    np.testing.assert_allclose(out["net_income"], income)
    cash = 150 + np.concatenate([[0], np.cumsum((income + dep - capex - 0.3 * income)[1:])])
    np.testing.assert_allclose(out["cash_position"], cash)
    np.testing.assert_allclose(out["shares"], 40 * 1.01**t)


def test_unit_error_in_a_thesis_points_at_file_and_line(tmp_path: Path) -> None:
    copy = tmp_path / "t.yaml"
    text = EUR.read_text(encoding="utf-8")
    old = "      value: revenue * margin\n"
    assert text.count(old) == 1
    copy.write_text(text.replace(old, "      value: revenue + margin\n"), encoding="utf-8")
    with pytest.raises(ThesisError) as info:
        build_model(model.load_thesis(copy))
    err = info.value
    lines = copy.read_text(encoding="utf-8").splitlines()
    assert err.line == 1 + lines.index("      value: revenue + margin")
    assert err.field == "model.lines.ebitda.value"
    assert "cannot add" in str(err) and str(err).startswith(f"{err.file}:{err.line}:")


def test_cycle_in_a_thesis_points_at_file_and_line(tmp_path: Path) -> None:
    copy = tmp_path / "t.yaml"
    text = EUR.read_text(encoding="utf-8")
    old = "      value: ebitda - depreciation\n"
    copy.write_text(text.replace(old, "      value: net_income - depreciation\n"), encoding="utf-8")
    with pytest.raises(ThesisError) as info:
        build_model(model.load_thesis(copy))
    assert "circular reference within one year: ebit -> net_income -> ebit" in str(info.value)
    assert info.value.line is not None


def test_missing_model_section_says_what_goes_in_it(tmp_path: Path) -> None:
    copy = tmp_path / "t.yaml"
    text = EUR.read_text(encoding="utf-8")
    head, rest = text.split("\nmodel:\n")
    copy.write_text(head + "\n" + rest[rest.index("\nscorecard:") :], encoding="utf-8")
    with pytest.raises(ThesisError, match="kind: lines"):
        build_model(model.load_thesis(copy))


# -- a custom Python model -----------------------------------------------------------------


def _services_model(inputs):
    t = np.arange(5)
    services = 2500.0 * 1.05**t * np.asarray(inputs["share_us"])[:, None]
    licences = np.asarray(inputs["licence_revenue_2025"]).reshape(-1, 1) * np.ones((1, 5))
    value = (services + licences) * 0.2 / 40.0
    return {"revenue_services": services, "revenue": services + licences, "value_per_share": value}


def test_custom_model_gets_results_scorecard_and_export(eur, tmp_path: Path) -> None:
    roles = {"revenue": "revenue", "revenue_services": "segment_revenue"}
    units = {"revenue": "EUR m", "revenue_services": "EUR m"}
    result = model.simulate(
        eur, model=_services_model, roles=roles, units=units, n_paths=1_000, seed=5
    )
    share = result.inputs["share_us"]
    np.testing.assert_allclose(result.outputs["revenue_services"][:, 2], 2500 * 1.05**2 * share)
    vps = result.outputs["value_per_share"]
    np.testing.assert_allclose(result.outputs["total_return"], vps / 42.0 - 1.0)
    assert result.units["revenue"] == "EUR m" and result.units["value_per_share"] == "EUR/share"
    card = result.scorecard()
    assert len(card) == 1
    comparison = model.compare(eur, ["base", "bear"], model=_services_model, n_paths=500, seed=5)
    assert set(comparison.results) == {"base", "bear"}
    result.export(tmp_path / "out")
    assert (tmp_path / "out" / "manifest.json").exists()


def test_custom_model_errors_are_clear(eur) -> None:
    with pytest.raises(ParameterError, match="is not an output of the model function"):
        model.simulate(eur, model=_services_model, roles={"ebitda": "ebitda"}, n_paths=100)

    def broken(inputs):
        raise KeyError("no_such_input")

    with pytest.raises(ParameterError, match="failed on the central inputs: KeyError"):
        model.simulate(eur, model=broken, n_paths=100)


def test_default_labels_keep_the_usual_acronyms() -> None:
    # A line without a label is named for people from its name: "ebit_cloud" is EBIT, not Ebit.
    m = make(
        {
            "ebit_cloud": {"value": "rev0 * 0.1"},
            "ai_revenue": {"value": "rev0"},
            "revenue_cloud": {"value": "rev0"},
        }
    )
    labels = m.roles.labels
    assert labels["ebit_cloud"] == "EBIT cloud"
    assert labels["ai_revenue"] == "AI revenue"
    assert labels["revenue_cloud"] == "Revenue cloud"
