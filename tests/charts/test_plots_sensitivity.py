"""Tornado, rank-correlation, Sobol and scorecard charts draw exactly the analysed numbers."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from matplotlib.container import BarContainer, ErrorbarContainer
from matplotlib.figure import Figure

from model import charts as plots
from model.charts import style as st
from model.results.comparison import ComparisonResult
from model.results.results import SimulationResult
from model.sensitivities.results import (
    RankCorrelationResult,
    RankEntry,
    SobolEntry,
    SobolResult,
    TornadoBar,
    TornadoResult,
)

YEARS = (2025, 2026, 2027)
SHARE = "Alibaba's share of China's AI-cloud market, 2025"


def bar_containers(ax) -> list[BarContainer]:
    """The bar groups of an axes (error bars are separate containers)."""
    return [c for c in ax.containers if isinstance(c, BarContainer)]


@pytest.fixture(scope="module")
def result() -> SimulationResult:
    n = 200
    value = np.linspace(100.0, 200.0, n)[:, None] * np.ones(len(YEARS))
    return SimulationResult(
        thesis=SimpleNamespace(path="assumptions/alibaba.yaml", scorecard={}),
        scenario="base",
        scenario_label="Base case",
        years=YEARS,
        outputs={"value_per_share": value},
        units={"value_per_share": "HKD/share"},
        price=129.5,
        currency="HKD",
        n_paths=n,
        seed_entropy=7,
    )


@pytest.fixture(scope="module")
def tornado() -> TornadoResult:
    bars = (
        TornadoBar("ai_share", SHARE, "share", 0.33, 0.385, 150.0, 190.0),
        TornadoBar("wacc", "Cost of capital", "%", 0.08, 0.11, 182.0, 158.0),
        TornadoBar("pe_amazon", "Amazon P/E", "x", 28.0, 36.0, 160.0, 185.0),
        # Non-monotone: both ends on the same side of the base case.
        TornadoBar("tax_rate", "Tax rate", "%", 0.15, 0.25, 173.0, 171.0),
    )
    return TornadoResult("value_per_share", 2027, 170.0, bars)


def test_tornado_bars_start_at_base_and_differ_by_the_swing(tornado, result):
    fig = plots.tornado_chart(tornado, result=result)
    ax = fig.axes[0]
    low = [p for p in ax.patches if p.get_gid() == "low"]
    high = [p for p in ax.patches if p.get_gid() == "high"]
    frame = tornado.to_frame()
    frame = frame.iloc[np.argsort(-frame["swing"].abs().to_numpy(), kind="stable")]
    assert [r.input for r in frame.itertuples()] == ["ai_share", "pe_amazon", "wacc", "tax_rate"]
    assert len(low) == len(high) == len(frame)
    for lo, hi, row in zip(low, high, frame.itertuples(), strict=True):
        assert lo.get_x() == hi.get_x() == 170.0
        assert lo.get_width() == pytest.approx(row.output_at_low - 170.0)
        assert hi.get_width() == pytest.approx(row.output_at_high - 170.0)
        assert hi.get_width() - lo.get_width() == pytest.approx(row.swing)
    # Largest |swing| at the top.
    ys = [p.get_y() for p in high]
    assert ys == sorted(ys, reverse=True)
    assert ax.get_yticklabels()[0].get_text().replace("\n", " ") == SHARE
    assert "HKD per share" in ax.get_xlabel() and "2027" in ax.get_xlabel()
    texts = [t.get_text() for t in ax.texts]
    # Inputs read at one decimal in their unit; fractions as percentages.
    assert "33.0%" in texts and "38.5%" in texts and "28.0x" in texts
    assert "40.0 HKD" in st.title_of(fig)
    foot = fig.texts[-1].get_text()
    assert "10% / 90% quantiles" in foot and "scenario: base" in foot
    assert "Central case 170.0 HKD" in foot and "paths" not in foot  # deterministic, no run


def test_tornado_top_and_without_context(tornado):
    ax = plots.tornado_chart(tornado, top=2, unit="HKD/share").axes[0]
    assert len([p for p in ax.patches if p.get_gid() == "low"]) == 2
    assert "HKD per share" in ax.get_xlabel()


def test_rank_correlation_bars_are_the_rhos(result):
    ranks = RankCorrelationResult(
        "value_per_share",
        2027,
        200,
        0.95,
        (
            RankEntry("ai_share", SHARE, "share", 0.6, 0.55, 0.65, 0.6),
            RankEntry("wacc", "Cost of capital", "%", -0.45, -0.5, -0.4, 0.35),
            RankEntry("tax", "Tax rate", "%", -0.05, -0.1, 0.0, 0.05),
        ),
    )
    fig = plots.rank_correlation_bars(ranks, result=result)
    ax = fig.axes[0]
    (bars,) = bar_containers(ax)
    np.testing.assert_allclose([b.get_width() for b in bars], [0.6, -0.45, -0.05])
    segs = bars.errorbar.lines[2][0].get_segments()
    np.testing.assert_allclose([s[:, 0].min() for s in segs], [0.55, -0.5, -0.1])
    np.testing.assert_allclose([s[:, 0].max() for s in segs], [0.65, -0.4, 0.0])
    assert "unitless" in ax.get_xlabel()
    assert [t.get_text() for t in ax.texts] == ["+0.60 (60%)", "-0.45 (35%)", "-0.05 (5%)"]
    # Labels sit on the other side of zero from their bar, so they never leave the axes.
    assert [t.xy[0] for t in ax.texts] == [0.0, 0.0, 0.0]
    assert [t.get_ha() for t in ax.texts] == ["right", "left", "left"]


def test_sobol_bars_are_the_indices_with_conf_whiskers(result):
    sobol = SobolResult(
        "value_per_share",
        2027,
        256,
        256 * 4,
        0.95,
        99,
        (
            SobolEntry("wacc", "Cost of capital", "%", 0.25, 0.04, 0.3, 0.05),
            SobolEntry("ai_share", SHARE, "share", 0.45, 0.05, 0.52, 0.06),
        ),
    )
    fig = plots.sobol_bars(sobol, result=result)
    ax = fig.axes[0]
    st_bars, s1_bars = bar_containers(ax)
    # Sorted by ST: ai_share first.
    np.testing.assert_allclose([b.get_width() for b in st_bars], [0.52, 0.3])
    np.testing.assert_allclose([b.get_width() for b in s1_bars], [0.45, 0.25])
    segs = st_bars.errorbar.lines[2][0].get_segments()
    np.testing.assert_allclose([np.ptp(s[:, 0]) / 2 for s in segs], [0.06, 0.05])
    assert "(%)" in ax.get_xlabel()
    assert "52%" in st.title_of(fig)
    assert "seed 99" in fig.texts[-1].get_text()


class CardResult(SimulationResult):
    """A result with a fixed scorecard (the claims' evaluation is tested elsewhere)."""

    def scorecard(self) -> pd.DataFrame:
        shift = {"bull": 0.2, "bear": -0.299}.get(self.scenario, 0.0)
        return pd.DataFrame(
            {
                "claim": ["ai_lead", "cloud_double", "erosion"],
                "label": [
                    "Alibaba keeps over 30% of AI cloud",
                    "Cloud revenue doubles by 2030",
                    "Aliyun's erosion resumes",
                ],
                "statement": ["a", "b", "c"],
                "probability": [0.6 + shift, 0.3 + shift, 0.7],
                "probability_se": [0.01, 0.02, 0.003],
                "source": ["x", "y", "z"],
            }
        )


def _card(result, scenario):
    fields = {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
    # The third claim belongs to the opposing 2022 view.
    items = {"erosion": SimpleNamespace(view="2022")}
    fields.update(
        scenario=scenario,
        scenario_label=scenario.title(),
        thesis=SimpleNamespace(path="assumptions/alibaba.yaml", scorecard=items),
    )
    return CardResult(**fields)


def whiskers(ax, name):
    """Half-widths of the ±2 s.e. whiskers drawn for one scenario."""
    (container,) = [
        c
        for c in ax.containers
        if isinstance(c, ErrorbarContainer) and c.get_label() == f"_whiskers_{name}"
    ]
    return [np.ptp(seg[:, 0]) / 2 for seg in container.lines[2][0].get_segments()]


def test_scorecard_bars_are_probabilities_with_two_se_whiskers(result):
    fig = plots.scorecard_chart(_card(result, "base"))
    ax = fig.axes[0]
    (bars,) = bar_containers(ax)
    np.testing.assert_allclose([b.get_width() for b in bars], [0.6, 0.3, 0.7])
    np.testing.assert_allclose(whiskers(ax, "base"), [0.02, 0.04, 0.006])
    # The thesis' own claims are counted; the 2022 view's claim is named apart.
    title = st.title_of(fig).replace("\n", " ")
    assert "1 of the thesis' 2 claims" in title and "the 2022 view's claim on 70%" in title
    ticks = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert ticks[-1].startswith("[2022 view]")
    assert "% of paths" in ax.get_xlabel()
    assert plots.review_chart(fig) == []


def test_scorecard_labels_never_round_a_rare_outcome_to_zero(result):
    fig = plots.scorecard_chart(_card(result, "bear"))
    labels = [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "p_bear"]
    assert labels == ["30%", "<1%", "70%"]
    assert [st.format_probability(p) for p in (0.0, 0.004, 0.5, 0.996, 1.0)] == [
        "0%", "<1%", "50%", ">99%", "100%",
    ]  # fmt: skip


def test_scorecard_of_a_comparison_groups_scenarios(result):
    comp = ComparisonResult({"base": _card(result, "base"), "bull": _card(result, "bull")})
    fig = plots.scorecard_chart(comp)
    ax = fig.axes[0]
    base, bull = bar_containers(ax)
    np.testing.assert_allclose([b.get_width() for b in base], [0.6, 0.3, 0.7])
    np.testing.assert_allclose([b.get_width() for b in bull], [0.8, 0.5, 0.7])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Base", "Bull"]
    table = plots.scorecard_table(comp)
    assert list(table["scenario"]) == ["base"] * 3 + ["bull"] * 3
    assert plots.review_chart(fig) == []


def test_scorecard_of_many_scenarios_is_a_dot_plot_with_visible_whiskers(result):
    names = ["base", "bull", "bear", "crackdown_redux"]
    comp = ComparisonResult({n: _card(result, n) for n in names})
    fig = plots.scorecard_chart(comp)
    ax = fig.axes[0]
    assert not bar_containers(ax)
    (bull,) = [line for line in ax.lines if line.get_gid() == "claims_bull"]
    np.testing.assert_allclose(bull.get_xdata(), [0.8, 0.5, 0.7])
    np.testing.assert_allclose(whiskers(ax, "bull"), [0.02, 0.04, 0.006])
    # Every scenario has its own line in each claim's row: no two markers share a height.
    heights = [y for line in ax.lines if (line.get_gid() or "").startswith("claims_")
               for y in line.get_ydata()]  # fmt: skip
    assert len(set(np.round(heights, 6))) == len(heights)
    # The whiskers' caps are drawn over the markers and reach beyond them, so a whisker
    # narrower than its marker still shows; a marker at 0% sits inside the axes.
    (container,) = [c for c in ax.containers if c.get_label() == "_whiskers_bull"]
    caps = container.lines[1]
    assert caps and all(cap.get_zorder() > bull.get_zorder() for cap in caps)
    assert caps[0].get_markersize() > bull.get_markersize()
    assert ax.get_xlim()[0] < 0
    assert plots.review_chart(fig) == []
    # Forced bars on the callers' axes keep the legend on those axes.
    own = Figure()
    axes = own.subplots()
    plots.scorecard_chart(comp, ax=axes, kind="bars")
    assert len(bar_containers(axes)) == 4 and axes.get_legend() is not None


def test_standard_charts_add_sensitivity_charts(result, tornado):
    charts = plots.standard_charts(result, tornado=tornado)
    assert "tornado" in charts and "value_histogram" in charts


def test_tornado_title_names_an_unlabelled_input_as_its_tick_label_does():
    # An input without a label carries its name as label: the title quoted "ev_ebitda_exit"
    # over a tick label reading "EV EBITDA exit".
    bars = (
        TornadoBar("ev_ebitda_exit", "ev_ebitda_exit", "x", 9.4, 12.6, 15.8, 23.2),
        TornadoBar("rcv_growth", "rcv_growth", "%", 0.054, 0.086, 17.7, 21.5),
    )
    fig = plots.tornado_chart(TornadoResult("value_per_share", 2031, 19.5, bars), unit="GBP/share")
    title = " ".join(st.title_of(fig).split())
    assert "\u201cEV EBITDA exit\u201d" in title and "ev_ebitda_exit" not in title
    ticks = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    assert ticks[0] == "EV EBITDA exit"
