"""Charts: the plotted data equal the results' numbers, units are labelled, PNGs are reproducible.

The results here are real :class:`SimulationResult` / :class:`ComparisonResult` objects holding
small synthetic outputs, so every expected number can be computed directly from the arrays.
"""

from __future__ import annotations

import hashlib
import re
from types import SimpleNamespace

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from model import charts as plots
from model.charts import style as st
from model.charts.paths import convergence_table
from model.errors import EmptySampleError, UnknownNameError, UnknownScenarioError
from model.results.comparison import ComparisonResult
from model.results.results import Mark, SimulationResult

YEARS = tuple(range(2025, 2031))
PRICE = 129.5
PLAYERS = ("alibaba", "bytedance", "huawei", "rest")


def make_result(
    scenario: str = "base",
    n: int = 400,
    seed: int = 0,
    shift: float = 0.0,
    label: str | None = None,
    extra: dict | None = None,
) -> SimulationResult:
    """A deterministic result wired like the Alibaba thesis (two segments, four players)."""
    rng = np.random.default_rng(seed)
    t = np.arange(len(YEARS))
    growth = rng.normal(0.25 + shift, 0.05, (n, 1))
    market_ai = 7.3 * (1.0 + growth) ** t
    market_cloud = 40.0 * (1.0 + rng.normal(0.2, 0.04, (n, 1))) ** t
    logits = np.stack(
        [np.log(s) + rng.normal(0.0, 0.1, (n, 1)) * t for s in (0.358, 0.148, 0.131, 0.363)]
    )
    shares = np.exp(logits) / np.exp(logits).sum(axis=0)
    outputs = {"market_ai_cloud": market_ai, "market_cloud": market_cloud}
    for player, share in zip(PLAYERS, shares, strict=True):
        outputs[f"share_ai_cloud_{player}"] = share
    outputs["share_cloud_alibaba"] = np.full((n, len(YEARS)), 0.3)
    outputs["share_cloud_rest"] = np.full((n, len(YEARS)), 0.7)
    outputs["revenue_ai_cloud"] = market_ai * shares[0]
    outputs["revenue_cloud"] = market_cloud * 0.3
    outputs["revenue_cloud_total"] = outputs["revenue_ai_cloud"] + outputs["revenue_cloud"]
    value = PRICE * np.exp(rng.normal(0.2 + 3 * shift, 0.3, (n, 1)) * (t + 1) / len(YEARS))
    outputs["value_per_share"] = value
    outputs["return_annual"] = (value / PRICE) ** (1.0 / np.maximum(t, 1)) - 1.0
    outputs["price"] = np.full(n, PRICE)
    outputs.update(extra or {})
    units = {k: "USD bn" for k in outputs}
    units.update({k: "share" for k in outputs if k.startswith("share_")})
    units.update(value_per_share="HKD/share", return_annual="%", price="HKD/share")
    units.update({k: "HKD/share" for k in ("value_today",) if k in outputs})
    thesis = SimpleNamespace(
        path="/x/repo/assumptions/alibaba.yaml",
        name="Alibaba",
        scorecard={},
        model_section={
            "segments": {
                "ai_cloud": {"label": "AI cloud", "company": "alibaba"},
                "cloud": {"label": "Cloud (ex-AI)", "company": "alibaba"},
            }
        },
    )
    marks = (
        Mark("market_cloud", 2026, 85.0, "Canalys forecast", "001_050c0987e8467d7b.txt"),
        Mark("market_ai_cloud", 2025, 7.3, "AI-cloud market", "004_ee90e3727d2ffaf9.txt"),
    )
    return SimulationResult(
        thesis=thesis,
        scenario=scenario,
        scenario_label=label or scenario.title(),
        years=YEARS,
        outputs=outputs,
        units=units,
        price=PRICE,
        currency="HKD",
        n_paths=n,
        seed_entropy=1234,
        marks=marks,
    )


@pytest.fixture(scope="module")
def result() -> SimulationResult:
    return make_result()


@pytest.fixture(scope="module")
def comparison() -> ComparisonResult:
    return ComparisonResult(
        {
            "base": make_result("base"),
            "bull": make_result("bull", shift=0.05, label="Bull: AI-cloud leadership"),
            "bear": make_result("bear", shift=-0.05, label="Bear: chips and competition"),
        }
    )


def by_gid(ax, gid):
    """The artists of an axes with a given gid (lines, collections, patches, texts)."""
    artists = [*ax.lines, *ax.collections, *ax.patches, *ax.texts]
    return [a for a in artists if a.get_gid() == gid]


def band_limits(collection: PolyCollection) -> tuple[np.ndarray, np.ndarray]:
    """(lower, upper) edges of a fill_between polygon over integer x positions."""
    verts = collection.get_paths()[0].vertices
    xs = np.unique(verts[:, 0])
    lower = np.array([verts[verts[:, 0] == x, 1].min() for x in xs])
    upper = np.array([verts[verts[:, 0] == x, 1].max() for x in xs])
    return lower, upper


# -- fan chart ----------------------------------------------------------------------------------


def test_fan_chart_plots_the_results_quantiles(result):
    fig = plots.fan_chart(result, "revenue_cloud_total")
    ax = fig.axes[0]
    q = result.quantiles("revenue_cloud_total")
    (median,) = by_gid(ax, "median")
    np.testing.assert_allclose(median.get_xdata(), YEARS)
    np.testing.assert_allclose(median.get_ydata(), q["p50"].to_numpy())
    lo, hi = band_limits(by_gid(ax, "band_90")[0])
    np.testing.assert_allclose(lo, q["p5"].to_numpy())
    np.testing.assert_allclose(hi, q["p95"].to_numpy())
    lo, hi = band_limits(by_gid(ax, "band_50")[0])
    np.testing.assert_allclose(lo, q["p25"].to_numpy())
    np.testing.assert_allclose(hi, q["p75"].to_numpy())
    assert "USD bn" in ax.get_ylabel()
    assert ax.get_xlabel() == "Year"


def test_fan_chart_marks_sourced_points_with_their_source(result):
    ax = plots.fan_chart(result, "market_cloud").axes[0]
    (mark,) = by_gid(ax, "mark_0")
    assert list(mark.get_xdata()) == [2026]
    assert list(mark.get_ydata()) == [85.0]
    # What the point is sits in the legend, not in a box over the bands.
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts()).replace("\n", " ")
    assert "Sourced: 85.0 USD bn in 2026, Canalys forecast" in legend
    assert "001_050c0987e8467d7b.txt" in legend
    assert not [t for t in ax.texts if "Canalys" in t.get_text()]
    # Marks of other outputs are not drawn.
    assert not by_gid(plots.fan_chart(result, "revenue_cloud").axes[0], "mark_0")
    assert not by_gid(plots.fan_chart(result, "market_cloud", marks=False).axes[0], "mark_0")


def test_title_and_footnote_say_what_and_where(result):
    fig = plots.fan_chart(result, "market_ai_cloud")
    title = st.title_of(fig)
    median = result.quantiles("market_ai_cloud")["p50"].iloc[-1]
    assert "AI cloud market" in title and "2030" in title
    assert st.format_value(median, "USD bn") in title
    foot = fig.texts[-1].get_text()
    assert "assumptions/alibaba.yaml" in foot
    assert "scenario: base" in foot and "400 paths" in foot and "seed 1234" in foot


def test_chart_on_callers_axes_returns_that_figure_without_footnote(result):
    fig = Figure()
    ax1, ax2 = fig.subplots(1, 2)
    out = plots.fan_chart(result, "market_cloud", ax=ax2)
    assert out is fig
    assert not fig.texts  # no figure-level footnote on someone else's figure
    assert ax2.get_title(loc="left") and not ax1.lines
    plots.fan_chart(result, "market_cloud", ax=ax1, footnote=True)
    assert fig.texts


# -- value distribution -------------------------------------------------------------------------


def test_histogram_counts_sum_to_paths_and_price_is_marked(result):
    fig = plots.value_distribution(result)
    ax = fig.axes[0]
    bars = [p for p in ax.patches if p.get_gid() == "hist" or p.get_height() > 0]
    assert sum(p.get_height() for p in bars) == result.n_paths
    (price,) = by_gid(ax, "price")
    assert list(price.get_xdata()) == [PRICE, PRICE]
    values = result.final("value_per_share")
    p = np.mean(values > PRICE)
    se = np.sqrt(p * (1 - p) / len(values))
    title = st.title_of(fig).replace("\n", " ")
    # P(value > price) is said once, in the title, with its standard error.
    assert f"{p:.0%} of paths above the price of 129.5 HKD (s.e. {se:.1%})" in title
    assert title.count("price") == 1 and not by_gid(ax, "p_upside")
    assert price.get_label() == "Price: 129.5 HKD"
    assert "HKD per share" in ax.get_xlabel() and "2030" in ax.get_xlabel()
    p5, p50, p95 = np.quantile(values, [0.05, 0.5, 0.95])
    assert by_gid(ax, "mark_Median")[0].get_xdata()[0] == pytest.approx(p50)
    assert by_gid(ax, "mark_5th percentile")[0].get_xdata()[0] == pytest.approx(p5)
    assert by_gid(ax, "mark_95th percentile")[0].get_xdata()[0] == pytest.approx(p95)
    # The axis covers every path here, so nothing is said to be cut.
    lo, hi = ax.get_xlim()
    assert lo <= values.min() and values.max() <= hi
    assert not [t for t in ax.get_legend().get_texts() if t.get_gid() == "cut_note"]


def test_year_end_value_beside_todays_value_claims_no_upside():
    # With today's value in the run, P(value > price) belongs to today's basis: a year-end
    # (undiscounted) histogram states its spread and today's price, not a share above it.
    n = 400
    today = np.random.default_rng(3).normal(PRICE, 20.0, n)
    res = make_result(n=n, extra={"value_today": today})
    title = st.title_of(plots.value_distribution(res)).replace("\n", " ")
    assert "year-end and undiscounted" in title and "above the price" not in title
    assert "90% range" in title and "the price today is 129.5 HKD" in title
    own = st.title_of(plots.value_distribution(res, "value_today")).replace("\n", " ")
    p = np.mean(today > PRICE)
    assert f"{p:.0%} of paths above the price of 129.5 HKD" in own


def test_histogram_and_cdf_titles_differ(result):
    hist = st.title_of(plots.value_distribution(result, kind="hist"))
    cdf = st.title_of(plots.value_distribution(result, kind="cdf"))
    assert hist != cdf and "cumulative" in cdf and "at or below the price" in cdf.replace("\n", " ")


def test_histogram_with_extreme_tail_cuts_the_axis_and_says_how_many_paths():
    n = 300
    value = np.full((n, len(YEARS)), 150.0) + np.linspace(0, 10, n)[:, None]
    value[0, -1] = 1e9  # one absurd path must neither vanish silently nor make 10^7 bins
    res = make_result(n=n, extra={"value_per_share": value})
    fig = plots.value_distribution(res)
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches]
    assert sum(heights) == n - 1
    assert ax.get_xlim()[1] < 1000
    (note,) = [t for t in ax.get_legend().get_texts() if t.get_gid() == "cut_note"]
    assert "1 above" in note.get_text() and "300 paths" in note.get_text().replace("\n", " ")
    assert plots.review_chart(fig) == []


def test_non_finite_paths_are_left_out_and_said_so():
    res = make_result(n=200)
    value = np.array(res.outputs["value_per_share"])
    value[:5, -1] = np.nan
    res = make_result(n=200, extra={"value_per_share": value})
    fig = plots.value_distribution(res)
    assert sum(p.get_height() for p in fig.axes[0].patches) == 195
    assert "5 paths with a non-finite value" in fig.texts[-1].get_text()


def test_cdf_is_the_empirical_distribution(result):
    ax = plots.value_distribution(result, kind="cdf").axes[0]
    (line,) = by_gid(ax, "cdf")
    np.testing.assert_allclose(line.get_xdata(), np.sort(result.final("value_per_share")))
    np.testing.assert_allclose(line.get_ydata(), np.arange(1, 401) / 400)
    assert "%" in ax.get_ylabel()


def test_comparison_histogram_draws_each_marked_scenario_with_its_median(comparison):
    fig = plots.value_distribution(comparison)
    ax = fig.axes[0]
    meds = {}
    for name in ("bear", "base", "bull"):
        median = np.median(comparison[name].final("value_per_share"))
        (line,) = by_gid(ax, f"mark_{name.title()} median")
        assert line.get_xdata()[0] == pytest.approx(median)
        meds[name] = median
        # Each scenario's own distribution is drawn, not the base one under every median.
        (outline,) = [p for p in ax.patches if p.get_gid() == f"hist_{name}"]
        assert outline.get_facecolor()[3] == 0 or not outline.get_fill()
    title = st.title_of(fig).replace("\n", " ")
    assert "bear, base and bull scenarios" in title and "base scenario:" not in title
    for text in st.format_values(list(meds.values()), "HKD/share"):
        assert text in title
    # One scenario alone on request.
    alone = plots.value_distribution(comparison, scenario="bull")
    assert "bull scenario" in st.title_of(alone)
    with pytest.raises(UnknownScenarioError, match="unknown scenario 'nope'"):
        plots.value_distribution(comparison, scenario="nope")


def test_blend_histogram_is_stacked_by_scenario(result):
    labels = np.array(["base", "bull", "bear", "base"] * 100)
    blended = SimulationResult(
        **{
            **{
                f: getattr(result, f)
                for f in ("thesis", "years", "outputs", "units", "price", "n_paths", "seed_entropy")
            },
            "scenario": "blend",
            "scenario_label": "Blend",
            "path_scenarios": labels,
            "weights": {"base": 0.5, "bull": 0.25, "bear": 0.25},
        }
    )
    ax = plots.value_distribution(blended).axes[0]
    counts = {
        name: sum(p.get_height() for p in ax.patches if p.get_gid() == f"hist_{name}")
        for name in ("base", "bull", "bear")
    }
    assert counts == {"base": 200, "bull": 100, "bear": 100}
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Base (50%)" in legend and "Bull (25%)" in legend
    flat = plots.value_distribution(blended, by_scenario=False).axes[0]
    assert sum(p.get_height() for p in flat.patches) == 400


def test_value_in_another_year(result):
    ax = plots.value_distribution(result, year=2027, kind="cdf").axes[0]
    np.testing.assert_allclose(
        by_gid(ax, "cdf")[0].get_xdata(), np.sort(result.outputs["value_per_share"][:, 2])
    )
    assert "2027" in ax.get_xlabel()


# -- scenarios side by side ---------------------------------------------------------------------


def test_box_comparison_draws_percentiles_per_scenario(comparison):
    fig = plots.scenario_comparison(comparison)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Base" and "Bull" in labels[1]
    for name in comparison.scenarios:
        v = comparison[name].final("value_per_share")
        note = by_gid(ax, f"note_{name}")[0].get_text()
        assert st.format_value(np.median(v), "HKD/share") in note
        assert f"P(> price) {np.mean(v > PRICE):.0%}" in note
    # Median lines of the boxes sit at the medians (bxp draws one line per box).
    medians = sorted(np.median(comparison[n].final("value_per_share")) for n in comparison)
    drawn = sorted(
        line.get_xdata()[0]
        for line in ax.lines
        if len(set(line.get_xdata())) == 1
        and line.get_gid() is None
        and line.get_color() == st.INK
        and line.get_linewidth() == 2
    )
    np.testing.assert_allclose(drawn, medians)
    assert by_gid(ax, "price")
    assert "HKD per share" in ax.get_xlabel()
    assert "whiskers: 5th-95th" in fig.texts[-1].get_text()


@pytest.mark.parametrize("kind", ["violin", "cdf"])
def test_other_comparison_kinds(comparison, kind):
    ax = plots.scenario_comparison(comparison, kind=kind).axes[0]
    if kind == "cdf":
        for name in comparison.scenarios:
            (line,) = by_gid(ax, f"cdf_{name}")
            np.testing.assert_allclose(
                line.get_xdata(), np.sort(comparison[name].final("value_per_share"))
            )
    else:
        assert len([c for c in ax.collections if (c.get_gid() or "").startswith("body_")]) == 3


def test_return_comparison_has_a_zero_line_and_percent_axis(comparison):
    ax = plots.scenario_comparison(comparison, "return_annual").axes[0]
    assert by_gid(ax, "zero") and not by_gid(ax, "price")
    # The 2030 value of return_annual is the annualised return from 2025, not a 2030 return.
    assert ax.get_xlabel() == "Annualised return, 2025-2030 (% a year)"


def test_zero_line_stays_on_the_axis_when_every_return_is_positive():
    # A thesis far below its value: every annualised return above zero, and the break-even
    # line was drawn past the plot's left edge (the chart review calls that data cut).
    spread = np.linspace(0.0, 0.05, 400)[:, None] + np.zeros((1, len(YEARS)))
    rich = {
        n: make_result(n, extra={"return_annual": r + spread})
        for n, r in (("base", 0.15), ("bear", 0.08))
    }
    fig = plots.scenario_comparison(ComparisonResult(rich), "return_annual")
    ax = fig.axes[0]
    low, high = ax.get_xlim()
    assert low < 0.0 < high and by_gid(ax, "zero")
    assert plots.review_chart(fig) == []


# -- market shares ------------------------------------------------------------------------------


def test_share_paths_plot_median_shares_with_company_bands(result):
    ax = plots.share_paths(result, "ai_cloud").axes[0]
    for player in PLAYERS:
        (line,) = by_gid(ax, f"median_{player}")
        np.testing.assert_allclose(
            line.get_ydata(), np.median(result.outputs[f"share_ai_cloud_{player}"], axis=0)
        )
    lo, hi = band_limits(by_gid(ax, "band_90")[0])
    q = result.quantiles("share_ai_cloud_alibaba")
    np.testing.assert_allclose(lo, q["p5"].to_numpy())
    np.testing.assert_allclose(hi, q["p95"].to_numpy())
    assert "(%)" in ax.get_ylabel() and "AI cloud" in ax.get_ylabel()


def test_share_paths_company_falls_back_to_largest_share(result):
    res = SimulationResult(
        **{
            **{
                f: getattr(result, f)
                for f in (
                    "scenario",
                    "scenario_label",
                    "years",
                    "outputs",
                    "units",
                    "price",
                    "n_paths",
                )
            },
            "thesis": SimpleNamespace(),
        }
    )
    fig = plots.share_paths(res, "ai_cloud")
    assert st.title_of(fig).startswith("Alibaba share")  # 0.358 beats the others (not "rest")


def test_stacked_shares_add_up_to_one(result):
    ax = plots.share_paths(result, "ai_cloud", stacked=True).axes[0]
    polys = [c for c in ax.collections if (c.get_gid() or "").startswith("stack_")]
    assert len(polys) == len(PLAYERS)
    top = polys[-1].get_paths()[0].vertices[:, 1].max()
    assert top == pytest.approx(1.0)
    with pytest.raises(UnknownNameError, match="unknown segment with market shares 'nope'"):
        plots.share_paths(result, "nope")


# -- convergence --------------------------------------------------------------------------------


def test_convergence_ends_at_the_full_run_estimates(result):
    values = result.final("value_per_share")
    ax = plots.convergence(result).axes[0]
    (mean,) = by_gid(ax, "running_mean")
    assert mean.get_xdata()[-1] == 400
    assert mean.get_ydata()[-1] == pytest.approx(values.mean())
    (p50,) = by_gid(ax, "running_p50")
    assert p50.get_ydata()[-1] == pytest.approx(np.quantile(values, 0.5))
    assert ax.get_xscale() == "log" and "HKD per share" in ax.get_ylabel()


def test_convergence_title_shows_a_narrow_band():
    # A band of 0.03 printed at the mean's one decimal read "± 0.0", as if there were no
    # uncertainty: the title keeps the band's first digit and gives the mean as many decimals.
    n = 400
    narrow = 19.5 + np.random.default_rng(3).normal(0.0, 0.3, (n, len(YEARS)))
    fig = plots.convergence(make_result(n=n, extra={"narrow": narrow}), "narrow")
    title = " ".join(fig.get_suptitle().split())
    half = re.search(r"± ([0-9.]+) USD bn", title)
    assert half is not None, title
    assert float(half.group(1)) > 0
    assert re.search(r"mean 19\.[0-9]{2} USD bn ±", title), title


def test_convergence_table_bands():
    values = np.random.default_rng(3).normal(10.0, 2.0, 5000)
    table = convergence_table(values, ("mean", "p5", "p95"), checkpoints=20)
    k = table["n"].to_numpy()
    assert k[-1] == 5000 and np.all(np.diff(k) > 0)
    expected = [values[:m].mean() for m in k]
    np.testing.assert_allclose(table["mean"], expected)
    se = np.array([values[:m].std(ddof=1) / np.sqrt(m) for m in k])
    np.testing.assert_allclose(table["mean_hi"] - table["mean"], 2 * se, rtol=1e-9)
    assert np.all(table["p5_lo"] <= table["p5"]) and np.all(table["p5"] <= table["p5_hi"])
    # The quantile band narrows roughly like 1/sqrt(n).
    width = (table["p95_hi"] - table["p95_lo"]).to_numpy()
    assert width[-1] < width[0] / 3
    with pytest.raises(UnknownNameError, match="unknown statistic 'p42'"):
        plots.convergence(make_result(), stats=("p42",))
    with pytest.raises(EmptySampleError, match="at least 2"):
        convergence_table(values[:1])


# -- style, saving, and the rules every chart follows ------------------------------------------


def test_save_png_is_byte_identical_and_has_no_software_stamp(result, tmp_path):
    a = plots.save_png(plots.fan_chart(result, "market_ai_cloud"), tmp_path / "a.png")
    b = plots.save_png(plots.fan_chart(result, "market_ai_cloud"), tmp_path / "sub" / "b.png")
    data = a.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert hashlib.sha256(data).digest() == hashlib.sha256(b.read_bytes()).digest()
    assert b"Software" not in data and b"matplotlib" not in data.lower()
    # Atomic write: nothing but the targets (and the record of what was written) is left.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".thesis-files.json", "a.png", "sub"]


def test_save_png_under_another_rc_context_gives_the_same_bytes(result, tmp_path):
    first = plots.save_png(plots.value_distribution(result), tmp_path / "a.png").read_bytes()
    with mpl.rc_context({"font.size": 20, "lines.linewidth": 5, "axes.grid": False}):
        again = plots.save_png(plots.value_distribution(result), tmp_path / "b.png").read_bytes()
    assert first == again


def test_render_png_draws_once_the_pixels_savefig_draws_and_keeps_the_layout(result, monkeypatch):
    import io

    def bytes_of(fig):
        buffer = io.BytesIO()
        with st.house_style():
            fig.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
        return buffer.getvalue()

    expected = bytes_of(plots.fan_chart(result, "market_ai_cloud"))
    draws = []
    real = Figure.draw

    def counted(self, renderer):
        draws.append(renderer)
        return real(self, renderer)

    monkeypatch.setattr(Figure, "draw", counted)
    fig = plots.fan_chart(result, "market_ai_cloud")
    engine = fig.get_layout_engine()
    # user settings that would pick a layout engine of their own change nothing
    with mpl.rc_context({"figure.constrained_layout.use": True, "figure.autolayout": True}):
        assert st.render_png(fig) == expected
    assert len(draws) == 1  # savefig alone draws twice (once with drawing disabled)
    assert fig.get_layout_engine() is engine


def test_save_png_keeps_the_old_file_when_saving_fails(result, tmp_path):
    target = tmp_path / "c.png"
    target.write_bytes(b"old")

    class Broken(Figure):
        def savefig(self, *args, **kwargs):
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        plots.save_png(Broken(), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["c.png"]


def test_save_png_failure_names_the_target_file(result, tmp_path):
    from model.errors import ExportError, WriteError

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    target = blocker / "charts" / "fan.png"
    with pytest.raises(WriteError, match=re.escape(f"cannot write to {target}")):
        plots.save_png(plots.fan_chart(result, "market_ai_cloud"), target)
    folder = tmp_path / "charts"
    folder.mkdir()
    (folder / "fan.png").mkdir()  # a folder where the chart should go: bad input
    with pytest.raises(ExportError, match=re.escape(str(folder / "fan.png"))):
        plots.save_png(plots.fan_chart(result, "market_ai_cloud"), folder / "fan.png")
    assert sorted(p.name for p in folder.iterdir()) == ["fan.png"]  # no temporary file left


def test_standard_charts_never_show_and_leave_global_state_alone(result, comparison, monkeypatch):
    import matplotlib.pyplot as plt

    def boom(*args, **kwargs):
        raise AssertionError("a chart function called show()")

    monkeypatch.setattr(plt, "show", boom)
    before = dict(mpl.rcParams)
    open_before = plt.get_fignums()
    single = plots.standard_charts(result)
    multi = plots.standard_charts(comparison)
    assert dict(mpl.rcParams) == before
    assert plt.get_fignums() == open_before  # figures are not registered with pyplot
    assert {
        "fan_revenue_cloud_total",
        "fan_market_ai_cloud",
        "fan_market_cloud",
        "value_histogram",
        "value_cdf",
        "share_paths_ai_cloud",
        "convergence",
    } <= set(single)
    assert "scorecard" not in single  # the thesis has no claims
    assert {"scenarios_value", "scenarios_value_cdf", "scenarios_return", "value_histogram"} <= set(
        multi
    )
    for fig in (*single.values(), *multi.values()):
        assert isinstance(fig, Figure)
        ax = fig.axes[0]
        assert ax.get_xlabel()
        assert "Thesis: assumptions/alibaba.yaml" in fig.texts[-1].get_text()
        assert st.title_of(fig)


def test_every_axis_label_carries_a_unit(result, comparison):
    charts = {**plots.standard_charts(result), **plots.standard_charts(comparison)}
    units = ("USD bn", "HKD", "%", "paths", "Year")
    for name, fig in charts.items():
        ax = fig.axes[0]
        for label in (ax.get_xlabel(), ax.get_ylabel()):
            if label:
                assert any(u in label for u in units), (name, label)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (129.5, "HKD/share", "129.5 HKD"),
        (0.358, "share", "35.8%"),
        (-0.05, "%", "-5.0%"),
        (85.0, "USD bn", "85.0 USD bn"),
        (7.69, "USD bn", "7.69 USD bn"),
        (23.5, "x", "23.5x"),
        (12345.6, "USD bn", "12,346 USD bn"),
        (float("nan"), "USD bn", "n/a"),
    ],
)
def test_format_value(value, unit, text):
    assert st.format_value(value, unit) == text


def test_axis_labels_and_names(result):
    assert st.axis_label("Revenue", "USD bn") == "Revenue (USD bn)"
    assert st.axis_label("Share", "share") == "Share (%)"
    assert st.axis_label("Value", "HKD/share") == "Value (HKD per share)"
    assert st.output_label(result, "market_cloud") == "Cloud (ex-AI) market"
    assert st.output_label(result, "share_ai_cloud_alibaba") == "Alibaba share of AI cloud"
    assert st.value_label(result, "return_annual", 2030) == (
        "Annualised return, 2025-2030 (% a year)"
    )
    assert st.humanize("ai_cloud") == "AI cloud"


def test_colours_survive_greyscale():
    # Fan bands get darker from outer band to median line.
    grey = [np.dot(mpl.colors.to_rgb(c), [0.299, 0.587, 0.114]) for c in st.BAND_COLORS]
    assert grey[0] > grey[1] > grey[2]
    # Every series has its own line style and hatch as well as its own colour.
    assert len(set(st.COLORS)) == len(st.COLORS)
    assert len(set(map(str, st.LINESTYLES))) == len(st.LINESTYLES) >= len(st.COLORS)
    assert len(set(st.HATCHES)) == len(st.HATCHES) >= len(st.COLORS)
