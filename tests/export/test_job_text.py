"""The report folder's README.txt describes each file as it was written."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from model.cli.main import main
from model.export.job_text import _cases_histogram

README = Path(__file__).resolve().parents[2] / "README.md"
CHART = "comparison/charts/value_histogram.png"


def _example(tmp_path: Path) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    path = tmp_path / "example.yaml"
    path.write_text(found.group(1), encoding="utf-8")
    return path


def test_histogram_of_a_thesis_without_bull_is_not_called_bull(tmp_path: Path) -> None:
    # The README example has a base and a bear case only: the chart draws those two, and
    # the index said "Bear, base and bull" whatever the thesis held.
    out = tmp_path / "out"
    argv = ["report", str(_example(tmp_path)), "--paths", "2000", "--seed", "1"]
    assert main([*argv, "--out", str(out), "-q"]) == 0
    index = (out / "README.txt").read_text(encoding="utf-8")
    entry = index.split(CHART, 1)[1].splitlines()[1].strip()
    assert entry == "Bear and base: value in 2030, each with its median"


def _report(*scenarios: str) -> SimpleNamespace:
    return SimpleNamespace(comparison=SimpleNamespace(scenarios=scenarios))


def test_histogram_description_follows_the_scenarios_drawn() -> None:
    both = _cases_histogram(_report("base", "bear", "bull", "stress"), 2031)  # type: ignore[arg-type]
    assert both == "Bear, base and bull: value in 2031, each with its median"
    alone = _cases_histogram(_report("base", "stress"), 2031)  # type: ignore[arg-type]
    assert alone == "Base case: value in 2031 with its 5th, 50th and 95th percentiles"
