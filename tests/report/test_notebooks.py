"""The analyst notebooks run top to bottom, write their charts, and are stored without outputs.

Each notebook runs in a kernel started from the interpreter running the tests (so CI needs no
registered kernel) with a small number of paths and its own output folder.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "thesis-model-tests"

#: Notebook -> the charts it must write.
EXPECTED: dict[str, set[str]] = {
    "01_from_articles_to_value": {
        "fan_market_ai_cloud", "fan_market_cloud_gross", "fan_revenue_cloud_total",
        "share_paths_ai_cloud", "value_histogram", "value_cdf", "convergence",
    },
    "02_scenarios_and_stress": {
        "scenarios_value", "scenarios_value_cdf", "scenarios_return",
        "share_paths_cloud_base_vs_crackdown", "views_value_cdf", "views_scorecard",
        "blend_value_histogram",
    },
    "03_sensitivity_and_what_to_watch": {
        "tornado", "rank_correlation", "sobol", "scorecard",
    },
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


@pytest.fixture(scope="module")
def kernel_dir(tmp_path_factory) -> Path:
    """A kernel spec that starts this very interpreter."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "thesis-model tests",
        "language": "python",
    }))
    return root


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_runs_and_writes_its_charts(name, kernel_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", str(kernel_dir))
    monkeypatch.setenv("THESIS_NB_PATHS", "400")
    monkeypatch.setenv("THESIS_NB_SOBOL_BASE", "32")
    monkeypatch.setenv("THESIS_NB_OUTPUT", str(tmp_path / "charts"))
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name=KERNEL,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    written = {p.stem for p in (tmp_path / "charts").glob("*.png")}
    assert EXPECTED[name] <= written
    for png in (tmp_path / "charts").glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors
    # The charts also show in the notebook itself (a returned Figure displays as a PNG).
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {})]
    assert len(images) >= len(EXPECTED[name])
