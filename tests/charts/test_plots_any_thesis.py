"""Charts of theses other than the flagship one: lines picked by role, titled in the thesis' words.

The report's charts must not know any company: a thesis whose revenue line is ``sales``, whose
segments are AWS and retail, whose money is in TWD or JPY, or whose market-share lines carry its
own names gets fans of its own lines, market-share charts of its own players, and titles, axis
labels and units from its own model. Each chart also passes the chart review.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
import yaml

import model
from model import charts as plots
from model.charts import lines
from model.valuation import build_model
from model.valuation.roles import Role

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = {
    "amazon": ROOT / "assumptions" / "amazon.yaml",
    "growth": ROOT / "assumptions" / "templates" / "growth-company.yaml",
    "event": ROOT / "assumptions" / "templates" / "binary-event.yaml",
}
EUR = ROOT / "tests" / "valuation" / "data" / "eur_two_segments.yaml"
#: Words of the flagship thesis that no other thesis' chart may carry.
FLAGSHIP = re.compile(r"\b(cloud|alibaba|aliyun|hkd|china|volcano|bytedance)\b", re.I)


def texts(fig) -> list[str]:
    """Every visible string of a figure: titles, axis labels, legends, notes, tick labels."""
    found = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    return [t for t in found if t.strip()]


def fan_label(fig) -> str:
    return fig.axes[0].get_ylabel()


@pytest.fixture(scope="module", params=list(EXAMPLES))
def example(request):
    thesis = model.load_thesis(EXAMPLES[request.param])
    result = model.simulate(thesis, n_paths=300, seed=4)
    return thesis, result, plots.standard_charts(result)


def test_every_chart_speaks_of_its_own_thesis(example):
    thesis, _result, charts = example
    currency = thesis.currency
    assert currency != "HKD"
    for name, fig in charts.items():
        words = " ".join(texts(fig))
        assert not FLAGSHIP.search(words), f"{name}: {FLAGSHIP.search(words)[0]!r} in {words!r}"
        assert thesis_file(thesis) in words, name  # the footnote names this thesis
    value_axis = charts["value_histogram"].axes[0].get_xlabel()
    assert f"({currency} per share)" in value_axis


def thesis_file(thesis) -> str:
    return "/".join(Path(thesis.path).parts[-2:])


def test_fans_of_the_role_lines_with_their_labels_and_units(example):
    thesis, result, charts = example
    roles = build_model(thesis).roles
    revenue = roles.one(Role.REVENUE)
    fan = charts[f"fan_{revenue.name}"]
    axis = fan_label(fan)
    # The thesis' label of its revenue line (e.g. "Amazon revenue", "Sales") and its unit.
    assert axis == f"{revenue.label} ({revenue.unit})"
    assert plots.style.title_of(fan).startswith(revenue.label)
    for seg in roles.all(Role.SEGMENT_REVENUE):
        seg_fan = charts[f"fan_{seg.name}"]
        assert fan_label(seg_fan) == f"{seg.label} ({seg.unit})"
    earnings = roles.one(Role.EARNINGS)
    assert f"fan_{earnings.name}" in charts
    # No chart for a line the model does not mark (nothing drawn by name alone).
    drawn = {k[len("fan_") :] for k in charts if k.startswith("fan_")}
    marked = {line.name for r in (Role.REVENUE, Role.SEGMENT_REVENUE, Role.EARNINGS)
              for line in roles.all(r)}  # fmt: skip
    assert drawn == marked
    assert plots.fan_chart(result).axes[0].get_ylabel() == axis  # the default is revenue


def test_charts_of_other_theses_pass_review(example):
    _thesis, _result, charts = example
    problems = [f"{name}: {p}" for name, fig in charts.items() for p in plots.review_chart(fig)]
    assert problems == [], "\n".join(problems)


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """The two-segment EUR thesis with the services block's lines renamed by the analyst."""
    raw = yaml.safe_load(EUR.read_text())
    services = raw["model"]["blocks"]["services"]
    services["label"] = "IT services"
    services["players"] = {"example": "share_us", "rival_a": "share_rival_a",
                           "rival_b": "share_rival_b"}  # fmt: skip
    services["company"] = "example"
    services["share_drift"] = {"example": "drift_us"}
    services["outputs"] = {
        "market": "services_tam",
        "revenue": "services_sales",
        "share:example": "our_share",
        "share:rival_a": "leader_share",
    }
    lines_ = raw["model"]["lines"]
    lines_["revenue"]["value"] = "revenue_licences + services_sales"
    raw["scorecard"]["doubles_services"]["statement"] = (
        "services_sales[2029] > 1.5 * services_sales[2025]"
    )
    folder = tmp_path_factory.mktemp("renamed")
    path = folder / "renamed.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    return model.simulate(path, n_paths=300, seed=2)


def test_market_share_chart_follows_roles_not_names(renamed):
    charts = plots.standard_charts(renamed)
    assert "share_paths_services" in charts
    assert {"fan_services_tam", "fan_services_sales"} <= set(charts)
    ax = charts["share_paths_services"].axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    # The company first, its rivals by their names, the rest of the market last.
    medians = [t for t in legend if t.endswith("(median)")]
    assert medians == [
        "Example (median)",
        "Rival a (median)",
        "Rival b (median)",
        "Rest of market (median)",
    ]
    title = plots.style.title_of(charts["share_paths_services"])
    assert title.startswith("Example share of the IT services market")
    assert ax.get_ylabel() == "Share of IT services market (%)"
    # The plotted company median is the renamed share line's.
    (company,) = [line for line in ax.lines if line.get_gid() == "median_example"]
    np.testing.assert_allclose(
        company.get_ydata(), np.nanmedian(renamed.outputs["our_share"], axis=0)
    )
    assert fan_label(charts["fan_services_tam"]) == "IT services market (EUR m)"
    assert plots.style.output_label(renamed, "our_share") == "Example share of IT services"
    assert lines.share_segments(renamed) == ["services"]


def custom_fn(inputs):
    """A user's model whose lines have no conventional names."""
    years = np.arange(6)
    umsatz = np.asarray(inputs["sales_2025"])[:, None] * (1.0 + 0.1) ** years
    ergebnis = 0.15 * umsatz
    shares = np.asarray(inputs["shares_2025"])[:, None]
    wert = 20.0 * ergebnis * 1000.0 / shares
    # The thesis' scorecard speaks of sales and operating profit: the model states them too.
    return {
        "umsatz": umsatz,
        "ergebnis": ergebnis,
        "wert_je_aktie": wert,
        "sales": umsatz,
        "operating_profit": ergebnis,
    }


def test_a_custom_models_roles_choose_the_charts():
    result = model.simulate(
        EXAMPLES["growth"],
        model=custom_fn,
        roles={"umsatz": "revenue", "ergebnis": "earnings", "wert_je_aktie": "value_per_share"},
        units={"umsatz": "TWD bn", "ergebnis": "TWD bn", "wert_je_aktie": "TWD/share"},
        n_paths=200,
        seed=1,
    )
    assert result.roles is not None and result.roles.one(Role.REVENUE).name == "umsatz"
    charts = plots.standard_charts(result)
    assert {"fan_umsatz", "fan_ergebnis", "value_histogram", "convergence"} <= set(charts)
    assert "TWD per share" in charts["value_histogram"].axes[0].get_xlabel()
    assert plots.fan_chart(result).axes[0].get_ylabel() == "Umsatz (TWD bn)"


def test_a_custom_models_value_line_of_its_own_name_feeds_the_headline_tables():
    result = model.simulate(
        EXAMPLES["growth"],
        model=custom_fn,
        roles={"umsatz": "revenue", "wert_je_aktie": "value_per_share"},
        units={"umsatz": "TWD bn", "wert_je_aktie": "TWD/share"},
        n_paths=300,
        seed=2,
    )
    wert = result.final("wert_je_aktie")
    table = result.returns_table()
    assert table.loc[result.exit_year, "value_p50"] == pytest.approx(np.median(wert))
    assert table.loc[result.exit_year, "p_upside"] == pytest.approx(np.mean(wert > result.price))
    assert result.units["value_per_share"] == "TWD/share"


def test_sensitivity_charts_speak_of_their_own_thesis():
    thesis = model.load_thesis(EXAMPLES["amazon"])
    result = model.simulate(thesis, n_paths=300, seed=4)
    tornado = model.sensitivity(thesis, output="revenue")
    ranks = model.sensitivity(thesis, method="rank", result=result, output="earnings")
    charts = plots.standard_charts(result, tornado=tornado, ranks=ranks)
    tornado_words = " ".join(texts(charts["tornado"]))
    # The output is named by the thesis' label of its revenue line, in its own unit.
    assert "Amazon revenue" in tornado_words and "USD bn" in tornado_words
    assert "earnings in 2030" in plots.style.title_of(charts["rank_correlation"]).lower()
    for name in ("tornado", "rank_correlation"):
        words = " ".join(texts(charts[name]))
        assert not FLAGSHIP.search(words), f"{name}: {FLAGSHIP.search(words)[0]!r}"
        assert plots.review_chart(charts[name]) == [], name


@pytest.mark.parametrize("output", ["dividends_per_share", "eps"])
def test_a_flow_per_share_is_not_drawn_against_the_price(output):
    # A bank's dividend or earnings per share is in USD/share like the price, but a year's
    # flow: no price line and no P(> price) beside each scenario; value per share keeps the
    # line, and today's value the P(> price) too (a year-end value against today's price is
    # no upside).
    bank = model.load_thesis(ROOT / "assumptions" / "examples" / "regional-bank.yaml")
    comparison = model.compare(bank, ["base", "bear"], n_paths=1_000, seed=3)
    cases = ((output, False, False), ("value_per_share", True, False), ("value_today", True, True))
    for name, priced, upside in cases:
        fig = plots.scenario_comparison(comparison, name)
        try:
            words = " ".join(texts(fig))
            assert ("P(> price)" in words) is upside and ("Price:" in words) is priced
            assert [line.get_gid() for line in fig.axes[0].lines].count("price") == int(priced)
        finally:
            plt.close(fig)
        fig = plots.value_distribution(comparison["base"], name)
        try:
            assert ("Price:" in " ".join(texts(fig))) is priced
        finally:
            plt.close(fig)
