"""What results show in a notebook and a terminal: short reprs, HTML tables, inline charts."""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from model.errors import ThesisModelWarning, warn
from model.results import display as d
from model.results.comparison import ComparisonResult
from model.results.results import Probability
from model.sensitivities.results import (
    RankCorrelationResult,
    RankEntry,
    SobolEntry,
    SobolResult,
    TornadoBar,
    TornadoResult,
)

THESIS = "assumptions/alibaba.yaml"


def well_formed(html: str) -> ET.Element:
    """The HTML parses as XML: every tag closed, every attribute quoted, text escaped."""
    return ET.fromstring(html)


# ---------------------------------------------------------------------- number formats


@pytest.mark.parametrize(
    ("x", "se", "text"),
    [
        (0.85312, 0.0015, "0.853 ± 0.0015"),
        (198.244, 0.9499, "198.2 ± 0.95"),
        (12345.6, 12.0, "12,346 ± 12"),
        (0.5, 0.0, "0.5 ± 0"),
        (3.0, float("nan"), "3"),
    ],
)
def test_values_are_rounded_to_their_standard_error(x, se, text):
    assert d.with_se(x, se) == text


def test_an_error_at_floating_point_noise_is_shown_as_none():
    # A share count the same on every path, its mean summed in chunks: 589.1 ± 0, not a
    # sixteen-digit mean beside a standard error of 8e-13.
    assert d.with_se(589.1153824273814, 7.9e-13) == "589.1 ± 0"
    assert d.with_se_unit(589.1153824273814, 7.9e-13, "shares m") == "589.1 ± 0 shares m"
    assert d.with_se(1e-9, 1e-12) == "0.000000001000 ± 0.0000000000010"  # a real error


def test_percentages_keep_small_errors_visible():
    assert d.pct_with_se(0.853, 0.0015) == "85.3% ± 0.15%"
    assert d.pct_with_se(0.0005, 0.00035) == "0.05% ± 0.035%"
    assert d.fmt_percent(0.0005) == "0.05%" and d.fmt_percent(-0.386) == "-38.6%"


def test_side_by_side_numbers_share_their_decimals():
    assert d.fmt_same([95.53, 201.04, 294.88]) == ["95.5", "201.0", "294.9"]
    assert d.fmt_same([1234.5, 20.25]) == ["1,234", "20"]
    assert d.fmt_same([float("nan"), 1.5]) == ["n/a", "1.500"]


def test_html_table_escapes_text_but_not_raw_columns():
    html = d.html_table(["a<b", "svg"], [("<script>", "<b>bold</b>")], raw=[False, True])
    root = well_formed(html)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert root.find(".//b") is not None


# ---------------------------------------------------------------------- inline histogram


def test_histogram_counts_the_paths_outside_its_axis():
    x = np.r_[np.linspace(0.0, 1.0, 1_000), [50.0, np.nan]]
    svg = d.svg_histogram(x, marker=0.5, marker_label="price 0.5")
    root = well_formed(svg)
    bars = [r for r in root.iter() if r.tag.endswith("rect")]
    assert 0 < len(bars) <= d.HIST_BINS
    # the axis spans the 0.5th to 99.5th percentile: what lies beyond it (the outlier among
    # others) and the NaN path are counted under the chart
    lo, hi = np.nanquantile(x, [d.HIST_TAIL, 1 - d.HIST_TAIL])
    outside = int(np.sum((x < lo) | (x > hi))) + 1
    assert outside > 2 and f">{outside} paths outside the axis<" in svg
    assert "price 0.5" in svg
    assert d.svg_histogram(np.array([np.nan])) == ""


def test_histogram_is_deterministic_and_shares_an_axis_when_asked():
    rng = np.random.default_rng(1)
    x = rng.normal(size=500)
    assert d.svg_histogram(x) == d.svg_histogram(x.copy())
    spark = d.svg_histogram(x, limits=(-10.0, 10.0), labels=False)
    assert "<text" not in spark and "outside" not in spark


# ---------------------------------------------------------------------- warnings


def _library_call():
    warn("something was left out")


def test_warnings_point_at_the_callers_line():
    with pytest.warns(ThesisModelWarning) as caught:
        _library_call()
    assert caught[0].filename == __file__
    assert str(caught[0].message) == "something was left out"


def test_salib_warnings_become_one_clean_line(monkeypatch):
    from SALib.analyze import sobol as sobol_analyze

    from model.engine.draws.distributions import from_params
    from model.engine.spec import ModelSpec, Variable
    from model.sensitivities.sobol import sobol_indices

    real = sobol_analyze.analyze

    def noisy(*args, **kwargs):
        warnings.warn("Sample size N   is\n  not what\nit should be", UserWarning, stacklevel=2)
        return real(*args, **kwargs)

    monkeypatch.setattr(sobol_analyze, "analyze", noisy)
    spec = ModelSpec(
        (
            Variable("a", from_params("uniform", {"min": 0, "max": 1})),
            Variable("b", from_params("uniform", {"min": 0, "max": 1})),
        ),
        years=(2025,),
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sobol_indices(spec, lambda x: {"y": x["a"] + 2 * x["b"]}, "y", n_base=16, seed=1)
    (only,) = caught
    assert only.category is ThesisModelWarning and only.filename == __file__
    assert str(only.message) == "Sobol' indices (SALib): Sample size N is not what it should be"


# ---------------------------------------------------------------------- small result values


def test_probability_repr_is_rounded_and_short():
    p = Probability("value_per_share[2030] > 129.5", 0.853, 0.001494116166501119, 20_000)
    assert repr(p) == (
        "Probability(p=0.853 ± 0.0015, n=20000, statement='value_per_share[2030] > 129.5')"
    )
    html = p._repr_html_()
    well_formed(html)
    assert "85.3% ± 0.15%" in html and "20,000" in html
    assert "n_undefined=3" in repr(Probability("x > 1", 0.5, 0.01, 100, 3))


def test_sensitivity_results_show_tables_in_a_notebook():
    bars = (
        TornadoBar("crackdown", "A crackdown", "", 0, 1, 227.2, 126.7, "event", 2028),
        TornadoBar("growth", "Growth", "%", 0.02, 0.08, 202.2, 257.45),
    )
    tornado = TornadoResult("value_per_share", 2030, 227.2, bars, output_unit="HKD/share")
    html = tornado._repr_html_()
    well_formed(html)
    # one unit in the header, numbers with one count of decimals
    assert "output at low (HKD/share)" in html and "-100.5" in html and "55.2<" in html
    ranks = RankCorrelationResult(
        "value_per_share", 2030, 2000, 0.95,
        (RankEntry("growth", "Growth", "%", 0.32, 0.28, 0.36, 0.1034),),
    )  # fmt: skip
    html = ranks._repr_html_()
    well_formed(html)
    assert "+0.32" in html and "10.3%" in html
    sobol = SobolResult(
        "value_per_share", 2030, 64, 2624, 0.95, 1,
        (SobolEntry("growth", "Growth", "%", 0.21, 0.15, 0.26, 0.13),),
        notes=("inputs are sampled independently",),
    )  # fmt: skip
    html = sobol._repr_html_()
    well_formed(html)
    assert "21.0% ± 15.0%" in html and "26.0% ± 13.0%" in html
    assert "Inputs are sampled independently." in html


# ---------------------------------------------------------------------- the thesis' results


@pytest.fixture(scope="module")
def trio() -> ComparisonResult:
    from model.scenarios import compare

    return compare(THESIS, ["base", "bull", "bear"], n_paths=2_000, seed=3)


def test_simulation_shows_headline_chart_scorecard_and_outputs(trio):
    base = trio["base"]
    text = repr(base)
    assert text == (
        "SimulationResult(scenario='base', 2,000 paths, 2025..2030, "
        f"{len(base.outputs)} outputs, method='mc', seed 3)"
    )
    html = base._repr_html_()
    root = well_formed(html)
    assert "2,000 paths · mc · seed 3" in html
    assert "P(value &gt; price 129.5)" in html and "HKD/share" in html
    # the inline histogram with the price line
    svg = [e for e in root.iter() if e.tag.endswith("svg")]
    assert len(svg) == 1 and "price 129.5" in ET.tostring(svg[0], encoding="unicode")
    # every claim of the scorecard with its probability and error, every output in a fold
    card = base.scorecard()
    for claim, p, se in card[["claim", "probability", "probability_se"]].itertuples(False):
        assert claim in html
        assert d.pct_with_se(p, se) in html
    assert f"All {len(base.outputs)} outputs in 2030" in html
    assert re.search(r"value_per_share</td><td[^>]*>HKD/share</td>", html)


def test_comparison_difference_and_classic_view_are_short(trio):
    text = repr(trio)
    assert text.startswith("ComparisonResult(3 scenarios: base, bull, bear; 2,000 paths each")
    html = trio._repr_html_()
    well_formed(html)
    assert html.count("<svg") == 3  # one sparkline per scenario
    assert "return/yr median" in html and "return/yr mean" in html
    diff = trio.difference("bull", "base")
    assert "array" not in repr(diff) and len(repr(diff)) < 160
    assert repr(diff).startswith("Difference(bull - base: value_per_share in 2030, mean ")
    assert "HKD/share" in repr(diff) and diff.unit == "HKD/share" and diff.n == 2_000
    well_formed(diff._repr_html_())
    view = trio.classic_view()
    # The cases' values are today's (the thesis has a cost of equity), and say so.
    assert repr(view).startswith(
        "ClassicView(bull/base/bear medians of today's value (held to 2030) weighted "
    )
    assert "table=" not in repr(view)
    well_formed(view._repr_html_())
    returns = trio["base"].returns()
    assert len(repr(returns)) < 120
    well_formed(returns._repr_html_())
