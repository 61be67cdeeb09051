"""Chart review of every chart the report draws, and of every chart function's variants.

Each figure is laid out as it is saved and checked with :func:`model.charts.review_chart`: no
text off the figure, no text on text, no legend or note on a drawn line, no data cut without a
note saying what and how much, no axis mostly empty; and its footnote fits the figure's width
line by line (a footer that wraps reads as a mistake).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model import charts as plots
from model.charts.style import FOOTNOTE_SIZE
from model.export import job
from model.scenarios import RunSettings

# The Sobol' analysis warns that it ignores the thesis's correlations; that is known here.
pytestmark = pytest.mark.filterwarnings("ignore:Sobol' indices:UserWarning")

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "alibaba.yaml"


def footnote_problems(fig) -> list[str]:
    """Footnote lines longer than the figure is wide (they would wrap)."""
    foot = fig.texts[-1].get_text() if fig.texts else ""
    width = int(fig.get_figwidth() * 16)  # characters per line at the footnote size
    assert FOOTNOTE_SIZE <= 8
    return [f"footnote line of {len(line)} characters wraps" for line in foot.split("\n")
            if len(line) > width]  # fmt: skip


def review(name: str, fig) -> list[str]:
    return [f"{name}: {p}" for p in plots.review_chart(fig)] + [
        f"{name}: {p}" for p in footnote_problems(fig)
    ]


@pytest.fixture(scope="module")
def report():
    settings = job.ReportSettings(run=RunSettings(n_paths=400, seed=5), sobol=True, n_base=16)
    return job.build_report(THESIS, settings)


def test_every_chart_of_the_report_passes_review(report, tmp_path, monkeypatch):
    from model.export import render

    reviewed: dict[str, list[str]] = {}
    draw = render.render_group

    def reviewing(folder, build):
        figures = build()
        for name, fig in figures.items():
            reviewed[f"{Path(folder).parent.name}/{name}"] = review(name, fig)
        return draw(folder, lambda: figures)

    # Every chart drawn in this process (not by worker processes), where it can be reviewed.
    monkeypatch.setattr(render, "fork_ok", lambda: False)
    monkeypatch.setattr(render, "render_group", reviewing)
    folder = job.write_report(report, tmp_path / "report")
    written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.png"))
    assert len(reviewed) == len(written) >= 20  # every chart written was reviewed
    assert "views/views_scorecard" not in reviewed  # the comparison's scorecard says it all
    problems = [p for found in reviewed.values() for p in found]
    assert problems == [], "\n".join(problems)


def _variants(report):
    comp, base = report.comparison, report.base
    yield "fan", plots.fan_chart(base, "market_ai_cloud")
    yield "fan_earnings", plots.fan_chart(base, "earnings")
    for kind in ("hist", "cdf"):
        yield f"value_{kind}", plots.value_distribution(base, kind=kind)
        yield f"value_{kind}_comparison", plots.value_distribution(comp, kind=kind)
        yield f"value_{kind}_blend", plots.value_distribution(report.blend, kind=kind)
        yield f"value_{kind}_one", plots.value_distribution(comp, kind=kind, scenario="bear")
    yield "value_flat_blend", plots.value_distribution(report.blend, by_scenario=False)
    for kind in ("box", "violin", "cdf"):
        yield f"scenarios_{kind}", plots.scenario_comparison(comp, kind=kind)
        yield f"returns_{kind}", plots.scenario_comparison(comp, "return_annual", kind=kind)
        yield f"views_{kind}", plots.scenario_comparison(report.views, kind=kind, by_view=True)
    for seg in ("ai_cloud", "cloud"):
        yield f"shares_{seg}", plots.share_paths(base, seg)
        yield f"shares_{seg}_stacked", plots.share_paths(base, seg, stacked=True)
    yield "scorecard_one", plots.scorecard_chart(base)
    yield "scorecard_bars", plots.scorecard_chart(comp, scenarios=["base", "bull", "bear"])
    yield "scorecard_dots", plots.scorecard_chart(comp)
    yield "convergence", plots.convergence(base)
    yield "tornado", plots.tornado_chart(report.tornado, result=base)
    yield "tornado_all", plots.tornado_chart(report.tornado, result=base, top=None)
    yield "rank", plots.rank_correlation_bars(report.ranks, result=base)
    yield "sobol", plots.sobol_bars(report.sobol, result=base)


def test_every_chart_function_passes_review_in_its_variants(report):
    problems = [p for name, fig in _variants(report) for p in review(name, fig)]
    assert problems == [], "\n".join(problems)


def test_legends_name_documents_and_players_as_the_thesis_does(report):
    base = report.base
    fan = plots.fan_chart(base, "market_ai_cloud")
    legend = " ".join(t.get_text() for t in fan.axes[0].get_legend().get_texts())
    # The seeds' index names the document; no raw file name is shown.
    assert "Equity research summary card" in legend and ".txt" not in legend
    shares = plots.share_paths(base, "ai_cloud")
    names = [t.get_text() for t in shares.axes[0].get_legend().get_texts()]
    assert "Volcano Engine (ByteDance) (median)" in names
    cloud = plots.share_paths(base, "cloud")
    names = [t.get_text() for t in cloud.axes[0].get_legend().get_texts()]
    assert "China Telecom (median)" in names and not any("telecom" in n for n in names)
