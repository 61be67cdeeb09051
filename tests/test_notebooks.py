"""The analyst notebooks run top to bottom, write their charts, and are stored without outputs.

Each notebook runs in a kernel started from the interpreter running the tests (so CI needs no
registered kernel) with a small number of paths and its own output folder; the three run at the
same time to keep the suite fast.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
from pathlib import Path

import numpy as np
import pytest

# The notebooks extra is optional: without it these tests skip, and the reason shows in the
# summary (``-ra``), so a missing package is reported rather than hidden.
_EXTRA = "needs the notebooks extra: pip install -e '.[notebooks]'"
pytest.importorskip("ipykernel", reason=_EXTRA)  # the kernel the notebooks run in
nbclient = pytest.importorskip("nbclient", reason=_EXTRA)
nbformat = pytest.importorskip("nbformat", reason=_EXTRA)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "thesis-model-tests"

#: Notebook -> the charts it must write.
EXPECTED: dict[str, set[str]] = {
    "01_from_articles_to_value": {
        "fan_market_ai_cloud",
        "fan_market_cloud_gross",
        "fan_revenue_cloud_total",
        "share_paths_ai_cloud",
        "value_histogram",
        "value_cdf",
        "convergence",
    },
    "02_scenarios_and_stress": {
        "scenarios_value",
        "scenarios_value_cdf",
        "scenarios_value_today",
        "scenarios_return",
        "share_paths_cloud_base_vs_crackdown",
        "views_value",
        "views_value_cdf",
        "views_scorecard",
        "blend_value_histogram",
    },
    "03_sensitivity_and_what_to_watch": {
        "tornado",
        "rank_correlation",
        "sobol",
        "scorecard",
    },
    "04_update_and_watch": {"prior_posterior", "waterfall", "watch", "backtest"},
}


def test_every_notebook_is_covered():
    assert {p.stem for p in NOTEBOOKS.glob("*.ipynb")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_is_stored_clean(name):
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert "THESIS_NB_PATHS" in tagged[0].source and "OUTPUT_DIR" in tagged[0].source
    assert sum(c.cell_type == "markdown" for c in nb.cells) >= 5  # a story, not a script


def _source(name: str) -> tuple[str, str]:
    """(code, markdown) of a notebook, each cell's text joined."""
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return code, prose


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_uses_the_public_api_and_the_report_seed(name):
    code, _ = _source(name)
    assert "import model\n" in code and "model.load_thesis(" in code
    # Only the public API and the charts module: no reaching into the package's insides.
    assert not re.search(r"from model\.(inputs|scenarios|report\.sensitivity)\b", code)
    # The README's report job runs with --seed 2025: the notebooks give the same numbers.
    assert re.search(r"^SEED = 2025\b", code, flags=re.MULTILINE)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_prose_never_calls_the_thesis_price_current(name):
    _, prose = _source(name)
    assert "current price" not in prose.lower() and "today's price" not in prose.lower()
    # The tornado starts from the deterministic central case, not the "base-case value".
    assert "base-case value" not in prose


def test_the_answer_sets_todays_value_against_the_price():
    # P(value > price) is measured on today's value (held to the exit year, discounted at the
    # cost of equity): the median printed beside it and the histograms the prose reads the
    # probability from are on that basis too, not the undiscounted year-end value.
    nb = nbformat.read(NOTEBOOKS / "01_from_articles_to_value.ipynb", as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    answer = next(s for s in code if "p_upside()" in s)
    assert 'final("value_today")' in answer and "undiscounted" in answer
    charts = [s for s in code if "value_distribution(result" in s]
    assert len(charts) == 2 and all('value_distribution(result, "value_today"' in s for s in charts)


def test_the_answer_says_where_the_histogram_gives_the_probability():
    # The prose points the reader at what the chart shows: P(value > price) with its standard
    # error is in the histogram's title, and the price line's label names only the price.
    import model
    from model.charts import value_distribution

    nb = nbformat.read(NOTEBOOKS / "01_from_articles_to_value.ipynb", as_version=4)
    prose = next(
        c.source
        for c in nb.cells
        if c.cell_type == "markdown" and "probability that value exceeds the price" in c.source
    )
    result = model.simulate(ROOT / "assumptions" / "alibaba.yaml", n_paths=300, seed=2025)
    fig = value_distribution(result, "value_today")
    ax = fig.axes[0]
    title = " ".join(t.get_text() for t in (fig._suptitle, ax.title) if t is not None)
    assert "above the price" in title and "s.e." in title
    price = next(line for line in ax.get_lines() if line.get_gid() == "price")
    assert "%" not in price.get_label()
    assert "its title gives" in prose and "label above the price line" not in prose


def test_the_scenarios_notebook_reads_p_upside_off_todays_value():
    # A box chart of the undiscounted year-end value notes only the medians (a 2030 value is no
    # upside against a 2025 price): the probability the prose promises beside each box is on
    # the chart of today's value, which the notebook must therefore draw.
    nb = nbformat.read(NOTEBOOKS / "02_scenarios_and_stress.ipynb", as_version=4)
    cells = [(c.cell_type, c.source) for c in nb.cells]
    promise = next(
        i
        for i, (kind, text) in enumerate(cells)
        if kind == "markdown" and "worth more than the thesis price" in text
    )
    assert "today's value" in cells[promise][1] and "undiscounted" in cells[promise][1]
    charts = [text for kind, text in cells[promise + 1 :] if "scenario_comparison(" in text]
    assert any('scenario_comparison(comparison, "value_today")' in t for t in charts)


def test_the_blend_is_drawn_on_the_basis_of_the_classic_view_beside_it():
    # The classic view weighs the cases' medians of today's value; the blend histogram set
    # against it must be of today's value too, not the undiscounted 2030 value (whose median
    # is half as large again and which gives no P(value > price)).
    import model

    comparison = model.compare(
        ROOT / "assumptions" / "alibaba.yaml", ["base", "bull", "bear"], n_paths=300, seed=2025
    )
    values = comparison.classic_view().table.set_index("scenario")["value"]
    for name in ("base", "bull", "bear"):
        today = comparison[name].final("value_today")
        assert values[name] == pytest.approx(float(np.median(today)))
    nb = nbformat.read(NOTEBOOKS / "02_scenarios_and_stress.ipynb", as_version=4)
    blend = next(c.source for c in nb.cells if "blend_value_histogram" in c.source)
    assert 'value_distribution(blended, "value_today")' in blend


@pytest.fixture(scope="module")
def kernel_dir(tmp_path_factory) -> Path:
    """A kernel spec that starts this very interpreter."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "thesis-model tests",
                "language": "python",
            }
        )
    )
    return root


@pytest.fixture(scope="module")
def executed(kernel_dir, tmp_path_factory) -> dict[str, tuple[object, Path]]:
    """Each notebook run once at a small path count: (the executed notebook or the error, its
    chart folder). The notebooks are independent, so they run at the same time."""
    out = tmp_path_factory.mktemp("notebooks")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(kernel_dir))
        clients = {
            name: nbclient.NotebookClient(
                nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4),
                timeout=600,
                kernel_name=KERNEL,
                resources={"metadata": {"path": str(NOTEBOOKS)}},
            )
            for name in sorted(EXPECTED)
        }

        async def run(name: str, client: nbclient.NotebookClient) -> object:
            env = {
                **os.environ,
                "THESIS_NB_PATHS": "400",
                "THESIS_NB_SOBOL_BASE": "32",
                "THESIS_NB_OUTPUT": str(out / name),
            }
            return await client.async_execute(env=env)

        async def run_all() -> list[object]:
            return await asyncio.gather(
                *(run(n, c) for n, c in clients.items()), return_exceptions=True
            )

        done = asyncio.run(run_all())
    return {name: (nb, out / name) for name, nb in zip(clients, done, strict=True)}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_runs_and_writes_its_charts(name, executed):
    nb, charts = executed[name]
    if isinstance(nb, BaseException):
        raise nb
    written = {p.stem for p in charts.glob("*.png")}
    assert EXPECTED[name] <= written
    for png in charts.glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    errors = [
        o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert not errors
    # The charts also show in the notebook itself (the saved PNG is displayed).
    images = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "image/png" in o.get("data", {})
    ]
    assert len(images) >= len(EXPECTED[name])
    printed = "\n".join(
        o.get("text", "")
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "stream"
    )
    assert "seed 2025" in printed and "400 paths" in printed


def test_a_report_built_in_a_notebook_draws_its_charts_on_every_core(kernel_dir, tmp_path):
    # A kernel runs threads of its own; they must not keep a report's chart workers from
    # forking (a notebook's report would take half as long again), and the charts the workers
    # draw there are the ones drawn one by one here.
    from model import load_thesis
    from model.engine.execution.backends import default_workers
    from model.export.job import ReportSettings, report_folder
    from model.scenarios import RunSettings

    if sys.platform != "linux" or default_workers() < 2:
        pytest.skip("chart workers are forked on Linux with two cores or more")
    thesis = ROOT / "assumptions" / "examples" / "saas-subscription.yaml"
    there, here = tmp_path / "kernel", tmp_path / "here"
    code = f"""
from model import load_thesis
from model.export import render
from model.export.job import ReportSettings, report_folder
from model.scenarios import RunSettings

forked = []
enter = render.ChartGroups.__enter__
def counting(self):
    out = enter(self)
    forked.append(len(self._workers))
    return out
render.ChartGroups.__enter__ = counting
settings = ReportSettings(run=RunSettings(n_paths=600, seed=7, progress=False))
report_folder(load_thesis({str(thesis)!r}), {str(there)!r}, settings)
print("workers", forked)
"""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(kernel_dir))
        nbclient.NotebookClient(nb, timeout=300, kernel_name=KERNEL).execute()
    printed = "".join(o.get("text", "") for o in nb.cells[0].outputs)
    assert re.search(r"workers \[[2-9]", printed), printed

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("model.export.render.fork_ok", lambda: False)
        settings = ReportSettings(run=RunSettings(n_paths=600, seed=7, progress=False))
        report_folder(load_thesis(thesis), here, settings)
    charts = sorted(p.relative_to(here) for p in here.rglob("*.png"))
    assert charts and charts == sorted(p.relative_to(there) for p in there.rglob("*.png"))
    assert all((here / p).read_bytes() == (there / p).read_bytes() for p in charts)
