"""The Thesis object: overlays, ledger, counts, locate, hashing and the engine spec."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math

import numpy as np
import pandas as pd
import pytest

from model.engine.execution.runner import run
from model.engine.spec import ModelSpec
from model.errors import ExpressionError, ThesisError
from model.inputs import LEDGER_COLUMNS, Kind, SourceKind, Thesis, load_thesis
from model.inputs.assembly.tospec import derived_function
from model.inputs.units import parse_unit

from .conftest import DATA, ThesisCopy, line_of

PATH = DATA / "minimal.yaml"


@pytest.fixture(scope="module")
def thesis() -> Thesis:
    return load_thesis(PATH)


def test_metadata(thesis: Thesis) -> None:
    assert thesis.name == "Test thesis" and thesis.company == "Test Co"
    assert thesis.ticker == "TEST"
    assert thesis.as_of == dt.date(2025, 11, 27)
    assert thesis.currency == "HKD"
    assert thesis.years == (2025, 2026, 2027, 2028, 2029, 2030)
    assert thesis.price == 129.5 and isinstance(thesis.price, float)
    assert thesis.price_info.source.doc == "article.txt"
    assert thesis.price_info.date is None and thesis.price_info.label is None
    assert thesis.price_info.describe() == "129.5 HKD"
    assert thesis.scenario == "base"
    assert list(thesis.scenarios) == ["base", "bull", "bull_plus", "bear"]
    assert thesis.scenarios["bear"].view == "2022" and thesis.scenarios["bull"].view == "2025"
    assert thesis.model_section["currency"] == "USD bn"
    assert thesis.seeds_dir == (DATA / "seeds").resolve()


def test_assumption_objects(thesis: Thesis) -> None:
    a = thesis.assumptions
    assert a["market_2021"].kind is Kind.VALUE and a["market_2021"].value == 27.4
    assert a["market_2021"].unit == parse_unit("USD bn")
    assert a["market_2021"].label == "China cloud spending, 2021"
    assert a["ai_share"].kind is Kind.DIST and a["ai_share"].dist.family == "beta"
    assert a["ai_share"].dist.mean() == pytest.approx(0.358)
    assert a["ai_share"].source.kind is SourceKind.SPREAD_ESTIMATED
    assert a["cagr"].kind is Kind.DERIVED and a["cagr"].expression.names == (
        "market_2026",
        "market_2021",
    )
    assert a["cagr"].source.kind is SourceKind.DERIVED
    assert a["growth_path"].kind is Kind.PROCESS and a["growth_path"].process.mean == "growth"
    assert a["growth"].source.kind is SourceKind.ESTIMATE
    with pytest.raises(dataclasses.FrozenInstanceError):
        a["growth"].name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        thesis.assumptions["new"] = a["growth"]  # type: ignore[index]
    assert thesis.scorecard["keeps_share"].statement == "ai_share > 0.30"
    assert thesis.scorecard["keeps_share"].source.doc == "article.txt"
    assert thesis.weights["bull"].value == 0.2


def test_overlay_extends_chain(thesis: Thesis) -> None:
    bull = thesis.with_scenario("bull")
    plus = load_thesis(PATH, scenario="bull_plus")
    assert bull.assumptions["growth"].dist.mean() == pytest.approx(0.08)
    assert bull.assumptions["pe"].value == 23.5
    # bull_plus extends bull: it keeps bull's growth and adds its own multiple
    assert plus.assumptions["growth"].dist.mean() == pytest.approx(0.08)
    assert plus.assumptions["growth"].scenario == "bull"
    assert plus.assumptions["pe"].value == 32.1 and plus.assumptions["pe"].scenario == "bull_plus"
    assert thesis.assumptions["growth"].dist.mean() == pytest.approx(0.05)
    assert plus.with_scenario("base").assumptions["pe"].value == 23.5


def test_scenario_file_overlay_replaces_events_and_correlations(thesis: Thesis) -> None:
    bear = thesis.with_scenario("bear")
    assert bear.assumptions["growth"].kind is Kind.VALUE
    assert bear.events["crackdown"].annual_prob == 0.2
    assert bear.events["crackdown"].scenario == "bear"
    assert bear.correlations == ()
    assert bear.scenarios["bear"].rationale.doc == "other.txt"
    assert thesis.correlations[0].between == ("growth", "margin")


def test_ledger(thesis: Thesis) -> None:
    table = thesis.ledger()
    assert isinstance(table, pd.DataFrame)
    assert tuple(table.columns) == LEDGER_COLUMNS
    n_assumptions = len(thesis.assumptions)
    assert len(table) == 1 + n_assumptions + 1 + 1 + 4  # price, events, correlation, weights
    rows = table.set_index("name")
    assert rows.loc["price", "item"] == "price" and rows.loc["price", "unit"] == "HKD/share"
    share = rows.loc["ai_share"]
    assert share["source"] == "sourced (spread estimated)"
    assert share["value"] == "beta(mean 0.358, sd 0.02)"
    assert share["document"] == "article.txt"
    assert share["quote"] == "Alibaba holds 35.8% of China’s AI cloud market"
    assert share["rationale"].startswith("Estimate: two points")
    assert rows.loc["cagr", "source"] == "derived"
    assert rows.loc["cagr", "value"] == "= (market_2026 / market_2021) ** (1/5) - 1"
    assert rows.loc["market_2021", "label"] == "China cloud spending, 2021"
    assert rows.loc["growth", "source"] == "estimate"
    assert rows.loc["growth", "rationale"].startswith("Mature businesses")
    assert rows.loc["market_2026", "unit"] == "USD bn"
    assert rows.loc["crackdown", "item"] == "event"
    assert rows.loc["growth ~ margin", "item"] == "correlation"
    assert set(table[table["item"] == "weight"]["name"]) == {"base", "bull", "bull_plus", "bear"}
    assert set(table["source"]) <= {s.value for s in SourceKind}
    plus = thesis.with_scenario("bull_plus").ledger().set_index("name")
    assert plus.loc["pe", "scenario"] == "bull_plus" and plus.loc["growth", "scenario"] == "bull"


def test_ledger_central_values(thesis: Thesis) -> None:
    table = thesis.ledger()
    assert table["central"].dtype == float
    central = table.set_index("name")["central"]
    # fixed values as written, distributions at their centre, fractions kept as fractions
    assert central["price"] == 129.5 and central["market_2021"] == 27.4
    assert central["ai_share"] == pytest.approx(0.358) and central["margin"] == 0.09
    # derived values from the central values of their inputs, in the declared unit
    assert central["cagr"] == pytest.approx((85 / 27.4) ** 0.2 - 1, rel=1e-12)
    assert central["market_2026_rmb"] == pytest.approx(85 * 7.27, rel=1e-12)
    assert central["buyback_usd_m"] == pytest.approx(241.0, rel=1e-12)
    assert central["ai_market_share_value"] == pytest.approx(85 * 0.358 * 1000, rel=1e-12)
    # per-year quantities have no single central value
    assert math.isnan(central["growth_path"]) and math.isnan(central["growth_gap"])
    # an event's number is its annual probability (named here), a correlation's its rho
    assert central["crackdown"] == 0.05 and central["growth ~ margin"] == 0.3
    assert central["bull"] == 0.2
    assert thesis.central_values()["cagr"] == central["cagr"]
    assert (
        thesis.with_scenario("bear").ledger().set_index("name").loc["crackdown", "central"] == 0.2
    )


def test_source_counts(thesis: Thesis) -> None:
    counts = thesis.source_counts()
    assert counts == {
        "sourced": 7,
        "derived": 5,
        "estimated": 6,
        "spread_estimated": 1,
        "total": 18,
    }
    assert counts["sourced"] + counts["derived"] + counts["estimated"] == counts["total"]


def test_locate(thesis: Thesis) -> None:
    text = PATH.read_text()
    file, line = thesis.locate(("assumptions", "ai_share", "sd"))
    assert file.endswith("minimal.yaml") and line == line_of(text, "sd: 0.02")
    assert thesis.locate("model.currency")[1] == line_of(text, "currency: USD bn")
    assert thesis.locate("correlations[0].rho")[1] == line_of(text, "rho: 0.3")
    # missing fields fall back to their parent
    assert thesis.locate("model.segments.cloud")[1] == line_of(text, "model:")
    bear_file, bear_line = thesis.locate(("scenarios", "bear", "overrides", "growth"))
    assert bear_file.endswith("scenarios.yaml")
    assert bear_line == line_of((DATA / "scenarios.yaml").read_text(), "growth:")
    err = thesis.error("model.kind", "unknown model kind")
    assert str(err).endswith(
        f"minimal.yaml:{line_of(text, 'kind: segments')}: model.kind: unknown model kind"
    )


def test_file_hash_covers_scenario_files(thesis_copy: ThesisCopy) -> None:
    first = load_thesis(thesis_copy.path).file_hash
    expected = hashlib.sha256(
        thesis_copy.path.read_bytes() + (thesis_copy.root / "scenarios.yaml").read_bytes()
    ).hexdigest()
    assert first == expected
    thesis_copy.edit("# Scenario overlays", "# The scenario overlays", name="scenarios.yaml")
    assert load_thesis(thesis_copy.path).file_hash != first


def test_to_spec(thesis: Thesis) -> None:
    spec = thesis.to_spec()
    assert isinstance(spec, ModelSpec)
    assert spec.years == thesis.years
    names = spec.variable_names
    assert "ai_share" in names and "market_2021" in names
    assert spec.variable("market_2021").dist.central() == 27.4
    # every derived assumption is a Derived; the engine computes those of static inputs first
    assert not {"cagr", "market_2026_rmb", "buyback_usd_m"} & set(names)
    static = {d.name for d in spec.static_derived}
    assert static == {"cagr", "market_2026_rmb", "buyback_usd_m", "ai_market_share_value"}
    assert {d.name for d in spec.dynamic_derived} == {"growth_gap"}
    funcs = {d.name: d.func for d in spec.derived}
    cagr = funcs["cagr"]({"market_2026": np.array([85.0]), "market_2021": np.array([27.4])})
    assert cagr == pytest.approx([(85 / 27.4) ** 0.2 - 1], rel=1e-12)
    # USD bn -> USD m: the factor 1000 is built in
    assert funcs["buyback_usd_m"]({"buyback_q3": np.array([0.241])}) == pytest.approx([241.0])
    assert [p.name for p in spec.processes] == ["growth_path"]
    assert spec.processes[0].mean == "growth" and spec.processes[0].start == 0.05
    assert [e.name for e in spec.events] == ["crackdown"]
    assert spec.events[0].effects[0].op.value == "multiply"
    assert spec.correlation.names == ("growth", "margin")
    assert spec.correlation.matrix[0, 1] == 0.3
    derived = {d.name: d for d in spec.derived}
    # USD bn x share -> USD m: the factor 1000 is built in
    value = derived["ai_market_share_value"].func(
        {"market_2026": np.array([85.0, 85.0]), "ai_share": np.array([0.5, 0.1])}
    )
    assert value == pytest.approx([42500.0, 8500.0])
    gap = derived["growth_gap"].func(
        {
            "growth_path": np.array([[0.1, 0.2, 0.3], [0.0, 0.1, 0.2]]),
            "growth": np.array([0.1, 0.0]),
        }
    )
    assert gap == pytest.approx(np.array([[0.0, 0.1, 0.2], [0.0, 0.1, 0.2]]))


def test_to_spec_of_each_scenario(thesis: Thesis) -> None:
    for name in thesis.scenarios:
        spec = thesis.with_scenario(name).to_spec()
        assert isinstance(spec, ModelSpec)
    assert thesis.with_scenario("bear").to_spec().correlation is None


def test_process_mean_may_be_derived_from_random_inputs(thesis_copy: ThesisCopy) -> None:
    thesis_copy.edit("process: {mean: growth,", "process: {mean: growth_plus,")
    thesis_copy.edit(
        "  growth_path:\n",
        '  growth_plus:\n    unit: "%"\n    derived: "growth + 0.01"\n  growth_path:\n',
    )
    spec = load_thesis(thesis_copy.path).to_spec()
    assert spec.processes[0].mean == "growth_plus"
    assert "growth_plus" in {d.name for d in spec.static_derived}
    n = 4000
    result = run(spec, lambda inputs: {"path": np.asarray(inputs["growth_path"])}, n, seed=7)
    later = result.outputs["path"][:, 1:]
    # With reversion 1 each later year is growth + 0.01 + shock: mean 0.06, and the sd of a
    # year's values is sqrt(0.04^2 + 0.04^2) (the growth draw and the shock). Five standard
    # errors of each year's mean bound it.
    tolerance = 5 * math.sqrt(0.04**2 + 0.04**2) / math.sqrt(n)
    np.testing.assert_allclose(later.mean(axis=0), 0.06, atol=tolerance)


def test_process_mean_derived_from_a_process_is_located(thesis_copy: ThesisCopy) -> None:
    thesis_copy.edit("process: {mean: growth,", "process: {mean: growth_lag,")
    text = thesis_copy.edit(
        "  growth_path:\n",
        '  growth_lag:\n    unit: "%"\n    derived: "growth_gap + growth"\n  growth_path:\n',
    )
    with pytest.raises(ThesisError) as info:
        load_thesis(thesis_copy.path)
    err = info.value
    assert err.field == "assumptions.growth_path.process.mean"
    assert err.line == line_of(text, "mean: growth_lag")
    assert (
        "'growth_lag' varies by year (it is derived from 'growth_gap', and it is derived from "
        "'growth_path', and it is a process)" in str(err)
    )


def test_derived_of_fixed_values_without_a_value_is_located(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(
        'derived: "buyback_q3"', 'derived: "buyback_q3 / (pe_multiplier - 0.8)"'
    )
    with pytest.raises(ThesisError) as info:
        load_thesis(thesis_copy.path)
    err = info.value
    assert err.field == "assumptions.buyback_usd_m.derived"
    assert err.line == line_of(text, "pe_multiplier - 0.8")
    assert (
        "has no value with the fixed values it uses (buyback_q3 = 0.241, pe_multiplier = 0.8)"
        in str(err)
    )


def test_derived_of_random_inputs_without_a_value_fails_naming_it(thesis_copy: ThesisCopy) -> None:
    thesis_copy.edit('derived: "buyback_q3"', 'derived: "buyback_q3 * 0.05 / growth"')
    thesis = load_thesis(thesis_copy.path)
    # the centre (growth 0.05) has a value, so loading succeeds
    assert thesis.central_values()["buyback_usd_m"] == pytest.approx(241.0)
    fn = derived_function(thesis, "buyback_usd_m")
    with pytest.raises(ExpressionError) as info:
        fn({"buyback_q3": np.array([0.241, 0.241]), "growth": np.array([0.05, 0.0])})
    assert str(info.value).startswith("derived 'buyback_usd_m': 'buyback_q3 * 0.05 / growth' is")
    assert "undefined on 1 of 2 paths (first on path 1: buyback_q3 = 0.241, growth = 0)" in str(
        info.value
    )


def test_thesis_and_spec_pickle(thesis: Thesis) -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(thesis.with_scenario("bull")))
    assert copy.scenario == "bull" and copy.ledger().equals(thesis.with_scenario("bull").ledger())
    spec = pickle.loads(pickle.dumps(thesis.to_spec()))
    derived = {d.name: d for d in spec.derived}
    out = derived["ai_market_share_value"].func(
        {"market_2026": np.array([85.0]), "ai_share": np.array([0.5])}
    )
    assert out == pytest.approx([42500.0])


def test_bound_expression_keeps_scale_conversion_after_pickling() -> None:
    import pickle

    from model.inputs import compile_expression

    fn = compile_expression("a + b").compile({"a": parse_unit("USD bn"), "b": parse_unit("USD m")})
    again = pickle.loads(pickle.dumps(fn))
    assert again({"a": np.array([1.0]), "b": np.array([500.0])}) == pytest.approx([1.5])


def test_price_date_and_label(thesis_copy: ThesisCopy) -> None:
    thesis_copy.edit(
        "    unit: HKD/share\n",
        '    unit: HKD/share\n    date: 2025-02-17\n    label: "Three-year high"\n',
    )
    thesis = load_thesis(thesis_copy.path)
    info = thesis.price_info
    assert info.date == dt.date(2025, 2, 17) and info.label == "Three-year high"
    assert info.describe() == "129.5 HKD (17 Feb 2025)"
    assert info.currency == "HKD" and float(info) == 129.5
    row = thesis.ledger().set_index("name").loc["price"]
    assert row["value"] == "129.5 on 2025-02-17" and row["label"] == "Three-year high"
    assert row["central"] == 129.5
