"""What the charts say and where they put it: scenario looks, labels, errors, placement.

These follow an analyst's review of the charts: a scenario keeps its colour from chart to chart,
views are labelled, returns are called annualised, end labels do not overlap, boxes of text do
not sit on the data, and option typos fail with the list of choices.
"""

from __future__ import annotations

import datetime as dt
import itertools
from types import SimpleNamespace

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from test_plots import PRICE, YEARS, by_gid, make_result  # the same synthetic results

from model import charts as plots
from model.charts import style as st
from model.errors import HorizonError, ThesisModelError
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

THESIS_NAME = "Alibaba: China cloud and AI re-rating"
VIEWS = {
    "base": None,
    "bull": "2025",
    "bear": "2025",
    "crackdown_redux": "2022",
    "view_2022": "2022",
}
LABELS = {
    "base": f"Base case: {THESIS_NAME}",
    "bull": "Bull: AI-cloud leadership",
    "bear": "Bear: chips and competition",
    "crackdown_redux": "Stress: crackdown returns",
    "view_2022": "The 2022 view: state clouds erode Aliyun",
}


def with_thesis(result: SimulationResult, thesis: SimpleNamespace, label: str) -> SimulationResult:
    fields = {
        f: getattr(result, f)
        for f in (
            "scenario",
            "years",
            "outputs",
            "units",
            "price",
            "currency",
            "n_paths",
            "seed_entropy",
            "marks",
        )
    }
    return SimulationResult(thesis=thesis, scenario_label=label, **fields)


@pytest.fixture(scope="module")
def thesis() -> SimpleNamespace:
    scenarios = {n: SimpleNamespace(label=LABELS[n], view=v) for n, v in VIEWS.items()}
    return SimpleNamespace(
        path="assumptions/alibaba.yaml",
        name=THESIS_NAME,
        scorecard={},
        scenarios=scenarios,
        model_section={"segments": {}},
        price_info=SimpleNamespace(value=PRICE, label=None, date=None),
    )


def comparison_of(thesis, names) -> ComparisonResult:
    shift = {"base": 0.0, "bull": 0.05, "bear": -0.05, "crackdown_redux": -0.1, "view_2022": -0.08}
    return ComparisonResult(
        {n: with_thesis(make_result(n, shift=shift[n]), thesis, LABELS[n]) for n in names}
    )


@pytest.fixture(scope="module")
def scenarios(thesis) -> ComparisonResult:
    """The scenarios in story order (views interleaved)."""
    return comparison_of(thesis, ["base", "bull", "crackdown_redux", "bear", "view_2022"])


@pytest.fixture(scope="module")
def views(thesis) -> ComparisonResult:
    """The scenarios in blocks of views, as model.views() returns them."""
    return comparison_of(thesis, ["base", "crackdown_redux", "view_2022", "bull", "bear"])


def body_colors(fig: Figure) -> dict[str, str]:
    ax = fig.axes[0]
    return {
        p.get_gid()[len("body_") :]: mpl.colors.to_hex(p.get_facecolor())
        for p in ax.patches
        if (p.get_gid() or "").startswith("body_")
    }


def hex_of(scenario: str) -> str:
    return mpl.colors.to_hex(st.scenario_style(scenario)["color"])


def drawn(fig: Figure) -> None:
    """Lay the figure out as saving would (constrained layout runs at draw time)."""
    FigureCanvasAgg(fig).draw()


# -- scenario looks and labels ------------------------------------------------------------------


def test_a_scenario_has_one_look_in_every_chart(scenarios, views):
    first, second = (
        body_colors(plots.scenario_comparison(scenarios)),
        body_colors(plots.scenario_comparison(views)),
    )
    assert set(first) == set(second) == set(VIEWS)
    assert first == second
    assert len(set(first.values())) == len(first)
    cdf = plots.scenario_comparison(views, kind="cdf").axes[0]
    for name in VIEWS:
        (line,) = by_gid(cdf, f"cdf_{name}")
        assert mpl.colors.to_hex(line.get_color()) == hex_of(name)
    # The bull/base/bear marks of the value histogram use the same colours.
    hist = plots.value_distribution(scenarios).axes[0]
    for name in ("bear", "base", "bull"):
        (mark,) = by_gid(hist, f"mark_{name.title()} median")
        assert mpl.colors.to_hex(mark.get_color()) == hex_of(name)


def test_unknown_scenarios_get_a_stable_style_of_their_own():
    a, b = st.scenario_style("my_stress"), st.scenario_style("my_stress")
    assert a == b and a["color"] in {*st.COLORS, st.OKABE_ITO["yellow"]}
    assert st.scenario_style("bull") != st.scenario_style("bear")


def test_scenario_labels_drop_the_thesis_name(scenarios):
    ticks = [
        t.get_text().replace("\n", " ")
        for t in plots.scenario_comparison(scenarios).axes[0].get_yticklabels()
    ]
    assert ticks[0] == "Base case"
    assert not any(THESIS_NAME in t for t in ticks)
    foot = plots.scenario_comparison(scenarios).texts[-1].get_text()
    assert f"Thesis: assumptions/alibaba.yaml ({THESIS_NAME})" in foot
    assert "Base case: Alibaba" not in foot


def test_views_are_grouped_under_headings(views, scenarios):
    ax = plots.scenario_comparison(views).axes[0]
    ticks = {t.get_text(): t for t in ax.get_yticklabels()}
    assert {"Reference", "2022 view", "2025 view"} <= set(ticks)
    assert all(ticks[h].get_fontweight() == "bold" for h in ("2022 view", "2025 view"))
    # Each heading sits above its own scenarios.
    pos = {
        t.get_text().replace("\n", " "): y
        for t, y in zip(ax.get_yticklabels(), ax.get_yticks(), strict=True)
    }
    assert pos["2022 view"] > pos["Stress: crackdown returns"] > pos["2025 view"]
    assert pos["2025 view"] > pos["Bull: AI-cloud leadership"]
    # The story-order comparison interleaves views: no headings unless asked for.
    plain = plots.scenario_comparison(scenarios).axes[0]
    assert "2022 view" not in [t.get_text() for t in plain.get_yticklabels()]
    forced = plots.scenario_comparison(scenarios, by_view=True).axes[0]
    assert "2022 view" in [t.get_text() for t in forced.get_yticklabels()]
    # CDF legends say which view each line belongs to.
    legend = [
        t.get_text().replace("\n", " ")
        for t in plots.scenario_comparison(views, kind="cdf").axes[0].get_legend().get_texts()
    ]
    assert "2025 view: Bull: AI-cloud leadership" in legend
    assert "The 2022 view: state clouds erode Aliyun" in legend  # not "2022 view: The 2022..."


def test_price_is_never_called_current(scenarios):
    for fig in (
        plots.value_distribution(scenarios),
        plots.scenario_comparison(scenarios),
        plots.scenario_comparison(scenarios, kind="cdf"),
    ):
        texts = [t.get_text() for ax in fig.axes for t in ax.texts]
        legend = fig.axes[0].get_legend()
        texts += [t.get_text() for t in legend.get_texts()] if legend else []
        assert any(t.startswith("Price: 129.5 HKD") for t in texts)
        assert not any("current" in t.lower() or "today" in t.lower() for t in texts)


def test_price_label_and_date_are_shown_when_the_thesis_has_them(thesis):
    dated = SimpleNamespace(
        **{
            **vars(thesis),
            "price_info": SimpleNamespace(value=PRICE, label="close", date=dt.date(2025, 11, 27)),
        }
    )
    res = with_thesis(make_result(), dated, "Base case")
    assert st.price_text(res) == "Price: 129.5 HKD (27 Nov 2025)"  # short: legends, labels
    assert st.price_text(res, long=True) == "Price: 129.5 HKD (27 Nov 2025) \u2013 close"
    # Charts with the price line give the long form in the footnote.
    assert (
        "Price: 129.5 HKD (27 Nov 2025) \u2013 close"
        in plots.value_distribution(res).texts[-1].get_text()
    )


def test_thesis_file_takes_a_thesis_or_a_result(thesis, scenarios):
    assert st.thesis_file(thesis) == "assumptions/alibaba.yaml"
    assert st.thesis_file(scenarios["bull"]) == "assumptions/alibaba.yaml"
    assert st.thesis_file(scenarios) == "assumptions/alibaba.yaml"


# -- placement ----------------------------------------------------------------------------------


def test_scenario_notes_sit_beside_the_plot_and_off_the_price_line(scenarios):
    fig = plots.scenario_comparison(scenarios)
    drawn(fig)
    ax = fig.axes[0]
    frame = ax.get_window_extent()
    notes = [t for t in ax.texts if (t.get_gid() or "").startswith("note_")]
    assert len(notes) == len(scenarios.results)
    for note in notes:
        box = note.get_window_extent()
        assert box.x0 >= frame.x1  # a column right of the plot: never on a box or the price
        assert box.x1 <= fig.bbox.width
    assert plots.review_chart(fig) == []


def test_scenario_axis_covers_the_whiskers_and_the_price_not_far_tails(scenarios):
    ax = plots.scenario_comparison(scenarios).axes[0]
    lo, hi = ax.get_xlim()
    ends = [
        np.quantile(r.final("value_per_share"), [0.05, 0.95]) for r in scenarios.results.values()
    ]
    left, right = min(e[0] for e in ends), max(e[1] for e in ends)
    left, right = min(left, PRICE), max(right, PRICE)
    assert lo <= left and right <= hi
    assert (hi - lo) <= 1.2 * (right - left)


def test_end_labels_of_share_paths_do_not_overlap():
    res = make_result(
        n=50,
        extra={
            "share_ai_cloud_huawei": np.full((50, len(YEARS)), 0.11),
            "share_ai_cloud_bytedance": np.full((50, len(YEARS)), 0.103),
        },
    )
    fig = plots.share_paths(res, "ai_cloud")
    drawn(fig)
    ax = fig.axes[0]
    boxes = sorted(
        (t.get_window_extent() for t in ax.texts if (t.get_gid() or "").startswith("end_label_")),
        key=lambda b: b.y0,
    )
    assert len(boxes) == 4
    for lower, upper in itertools.pairwise(boxes):
        assert upper.y0 >= lower.y1 - 0.5
    # The label still says the line's own value.
    label = next(t for t in ax.texts if t.get_gid() == "end_label_huawei")
    assert label.get_text() == "11.0%"


def test_spread_keeps_close_values_apart_and_others_in_place():
    out = st.spread([0.11, 0.103, 0.30, 0.29], gap=0.01)
    assert abs(out[0] - out[1]) >= 0.01 - 1e-12 and abs(out[2] - out[3]) >= 0.01 - 1e-12
    assert np.mean(out[:2]) == pytest.approx(np.mean([0.11, 0.103]))
    np.testing.assert_allclose(st.spread([0.1, 0.5], gap=0.01), [0.1, 0.5])


# -- sensitivity words ---------------------------------------------------------------------------


def test_tornado_values_are_rounded_by_unit_and_yes_no_reads_so():
    bars = (
        TornadoBar("depreciation_life", "Useful life", "years", 4.99, 7.01, 195.0, 207.0),
        TornadoBar("rerating_happens", "Re-rating", "1", 0.0, 1.0, 195.0, 209.0),
        TornadoBar("growth", "Growth", "%", 0.1487, 0.251, 176.0, 233.0),
        TornadoBar("capex", "Capex", "USD bn", 11.43, 7.4, 195.0, 207.0),
    )
    fig = plots.tornado_chart(TornadoResult("value_per_share", 2030, 202.0, bars), unit="HKD/share")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert {
        "5.0 years",
        "7.0 years",
        "no",
        "yes",
        "14.9%",
        "25.1%",
        "11.4 USD bn",
        "7.4 USD bn",
    } <= set(texts)
    (base,) = by_gid(fig.axes[0], "base")
    assert base.get_label().startswith("Central case: 202.0 HKD")
    assert "central case (202.0 HKD)" in st.title_of(fig).replace("\n", " ")
    assert "not the Monte Carlo median" in fig.texts[-1].get_text()


def test_tornado_event_bars_say_whether_and_when_and_the_legend_claims_no_quantile():
    bars = (
        TornadoBar("growth", "Growth", "%", 0.1, 0.2, 180.0, 220.0),
        TornadoBar("chip_controls", "", "count", 0.0, 1.0, 205.0, 170.0, "event", 2027, 2029),
        TornadoBar("crackdown", "", "count", 0.0, 1.0, 202.0, 150.0, "event", 2028, None),
    )
    found = TornadoResult("value_per_share", 2030, 202.0, bars)
    fig = plots.tornado_chart(found, unit="HKD/share")
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts if t.get_gid() == "value_chip_controls"]
    assert texts == ["never", "from 2027"]
    # Each event says whether (and from when) the central case has it: that is why its bars
    # can point both ways.
    ticks = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert any("Chip controls (event; in the central case from 2029)" in t for t in ticks)
    assert any("Crackdown (event; not in the central case)" in t for t in ticks)
    assert "moves the value both ways" in fig.texts[-1].get_text().replace("\n", " ")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {
        "Variable at its 10% quantile; event never happens",
        "Variable at its 90% quantile; event happens (from the year shown)",
        "Central case: 202.0 HKD (deterministic)",
    } == set(legend)
    # Events alone: no quantile is mentioned at all.
    alone = TornadoResult("value_per_share", 2030, 202.0, bars[1:])
    ax = plots.tornado_chart(alone, unit="HKD/share").axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"Event never happens", "Event happens (from the year shown)"} < set(legend)
    assert not any("quantile" in text for text in legend)
    # The vertical line sits at the deterministic central case.
    (centre,) = by_gid(ax, "base")
    assert centre.get_xdata()[0] == 202.0


def test_tornado_title_stays_on_two_lines_whatever_the_label():
    long = "A new regulatory crackdown " + "with a very long explanation " * 8 + "(in brackets)"
    bars = (TornadoBar("crackdown", long, "count", 0.0, 1.0, 202.0, 100.0, "event", 2028),)
    fig = plots.tornado_chart(TornadoResult("value_per_share", 2030, 202.0, bars), unit="HKD/share")
    title = st.title_of(fig)
    assert title.count("\n") <= 1 and "(in brackets)" not in title and "\u2026" in title


def test_sobol_footnote_is_short_and_says_what_the_indices_leave_out():
    entries = (
        SobolEntry("growth", "Growth", "%", 0.6, 0.05, 0.7, 0.05),
        SobolEntry("margin", "Margin", "%", 0.05, 0.09, 0.03, 0.01),  # S1 > ST, S1 - conf < 0
    )
    long_note = (
        "inputs are sampled independently, so the thesis's rank correlations a~b (+0.5), "
        "c~d (+0.3), e~f (-0.4) and 5 more are ignored (the rank method reflects them)"
    )
    notes = (long_note, "process shocks are excluded (held at zero)", "held at central values: x")
    found = SobolResult("value_per_share", 2030, 64, 192, 0.95, 3, entries, notes=notes)
    fig = plots.sobol_bars(found, context="Thesis: t.yaml")
    foot = fig.texts[-1].get_text()
    assert foot.startswith("Thesis: t.yaml\nSobol' indices")
    assert foot.count("\n") <= 4  # five lines at most, none wrapped
    assert all(len(line) <= 160 for line in foot.split("\n"))
    assert "correlations ignored" in foot and "a~b" not in foot
    assert "process shocks are excluded" in foot
    assert "cut at 0%" in foot and "S1 above ST is estimation noise" in foot
    # The S1 whisker stops at 0 instead of running below it.
    ax = fig.axes[0]
    assert ax.get_xlim()[0] == 0.0
    assert plots.review_chart(fig) == []


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (0.1487, "%", "14.9%"),
        (0.358, "share", "35.8%"),
        (4.99, "years", "5.0 years"),
        (11.43, "USD bn", "11.4 USD bn"),
        (0.241, "USD bn", "0.24 USD bn"),
        (23.456, "x", "23.5x"),
        (7.776, "HKD/USD", "7.78 HKD/USD"),
        (1234.0, "count", "1,234"),
        (129.46, "HKD/share", "129.5 HKD"),
    ],
)
def test_format_input(value, unit, text):
    assert st.format_input(value, unit) == text


def test_tornado_footnote_names_the_deterministic_model_or_the_given_context():
    bars = (TornadoBar("x", "X", "%", 0.1, 0.2, 1.0, 2.0),)
    found = TornadoResult("value_per_share", 2030, 1.5, bars)
    res = make_result()
    foot = plots.tornado_chart(found, result=res).texts[-1].get_text()
    assert "deterministic model" in foot and "paths" not in foot
    own = plots.tornado_chart(found, context="Thesis: t.yaml  |  scenario: bear").texts[-1]
    assert own.get_text().startswith("Thesis: t.yaml  |  scenario: bear\nTornado")


def test_rank_labels_stay_inside_the_axes_and_say_what_the_share_is():
    ranks = RankCorrelationResult(
        "value_per_share",
        2030,
        20000,
        0.95,
        (
            RankEntry("crackdown", "Regulatory crackdown", "count", -0.63, -0.64, -0.62, 0.39),
            RankEntry("growth", "Growth", "%", 0.98, 0.97, 0.99, 0.61),
        ),
    )
    fig = plots.rank_correlation_bars(ranks)
    drawn(fig)
    ax = fig.axes[0]
    frame = ax.get_window_extent()
    labels = [t for t in ax.texts if t.get_gid() == "rho_label"]
    assert [t.get_text() for t in labels] == ["+0.98 (61%)", "-0.63 (39%)"]
    for text in labels:
        box = text.get_window_extent()
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts())
    assert "share of rank-correlation²" in legend and "approx. contribution to variance" in legend
    assert "of variance)" not in " ".join(t.get_text() for t in ax.texts)


# -- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "choices"),
    [
        (lambda c: plots.value_distribution(c, kind="histogram"), "'hist', 'cdf'"),
        (lambda c: plots.scenario_comparison(c, kind="boxes"), "'box', 'violin', 'cdf'"),
        (lambda c: plots.scorecard_chart(c, kind="bar"), "'auto', 'bars', 'dots'"),
    ],
)
def test_unknown_kinds_list_the_choices(scenarios, call, choices):
    with pytest.raises(plots.ChartOptionError, match=choices) as info:
        call(scenarios)
    assert isinstance(info.value, ThesisModelError) and isinstance(info.value, ValueError)


def test_year_off_the_horizon_is_a_horizon_error(scenarios):
    with pytest.raises(HorizonError, match="2040"):
        plots.value_distribution(scenarios["base"], year=2040)


def test_ax_passed_second_still_works_with_a_warning(scenarios):
    fig = Figure()
    ax = fig.subplots()
    with pytest.warns(DeprecationWarning):
        out = plots.value_distribution(scenarios["base"], ax)
    assert out is fig and by_gid(ax, "price")


def test_every_chart_takes_result_then_what_then_ax():
    import inspect

    for func, second in (
        (plots.fan_chart, "output"),
        (plots.value_distribution, "output"),
        (plots.scenario_comparison, "output"),
        (plots.convergence, "output"),
        (plots.share_paths, "segment"),
    ):
        params = list(inspect.signature(func).parameters.values())
        assert [p.name for p in params[1:3]] == [second, "ax"], func.__name__
        assert all(p.kind is p.KEYWORD_ONLY for p in params[3:]), func.__name__
    for func in (
        plots.tornado_chart,
        plots.rank_correlation_bars,
        plots.sobol_bars,
        plots.scorecard_chart,
    ):
        params = list(inspect.signature(func).parameters.values())
        assert params[1].name == "ax", func.__name__
        assert all(p.kind is p.KEYWORD_ONLY for p in params[2:]), func.__name__
