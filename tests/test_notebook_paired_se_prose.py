"""The scenarios notebook's figures for how much pairing shrinks a difference's standard error
are those its own table shows at its default paths and seed.

The prose said "1.3 to 2.6 times for crackdown redux, bear and bull"; at 20,000 paths and seed
2025 the bull case's ratio is 2.69, which rounds to 2.7.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import model

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "02_scenarios_and_stress.ipynb"


def _prose() -> str:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    text = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return " ".join(text.split())


def _defaults() -> tuple[int, int]:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    source = "".join(next(c for c in cells if c["cell_type"] == "code")["source"])
    paths = re.search(r'THESIS_NB_PATHS", (\d+)\)', source)
    seed = re.search(r"SEED = (\d+)", source)
    assert paths is not None and seed is not None
    return int(paths.group(1)), int(seed.group(1))


def test_the_stated_ratios_are_those_of_the_notebook_run() -> None:
    prose = _prose()
    found = re.search(
        r"about ([\d.]+) and ([\d.]+) times for chip controls and competition, "
        r"([\d.]+) to ([\d.]+) times for crackdown redux, bear and bull",
        prose,
    )
    assert found is not None, "the sentence giving the ratios is gone"
    chip, competition, low, high = (float(x) for x in found.groups())
    n_paths, seed = _defaults()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        thesis = model.load_thesis(ROOT / "assumptions" / "alibaba.yaml")
        names = ["base", "bull", "bear", "crackdown_redux", "chip_controls", "competition"]
        comparison = model.compare(thesis, names, n_paths=n_paths, seed=seed)
    ratio = {}
    for name in names[1:]:
        row = comparison.difference(name, "base", "value_per_share").summary().iloc[0]
        ratio[name] = row["mean_se_unpaired"] / row["mean_se"]
    # "about N times": the nearest whole number; a range: its ends to one decimal.
    assert round(ratio["chip_controls"]) == chip
    assert round(ratio["competition"]) == competition
    trio = [ratio[n] for n in ("crackdown_redux", "bear", "bull")]
    assert round(min(trio), 1) == low
    assert round(max(trio), 1) == high
