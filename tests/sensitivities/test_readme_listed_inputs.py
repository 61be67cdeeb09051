"""Which inputs the sensitivity tables list, as the README says: every uncertain one, an
assumption the output never reads included, at zero.

A reader found an assumption ``validate`` warned about as unused in the tornado, rank and Sobol'
tables with nothing against it; the README now says the tables list it and what its zero row
means. Fixed and derived assumptions are not listed.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

import model
from model.cli.main import main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
ADDED = (
    '  peer_growth:\n    unit: "%"\n    dist: normal\n    mean: 0.05\n    sd: 0.02\n'
    '    source: {estimate: "Peers\' growth, kept beside the thesis for context"}\n'
    '  peer_margin:\n    unit: "%"\n    value: 0.2\n'
    '    source: {estimate: "A peer\'s margin, kept beside the thesis for context"}\n'
    '  peer_gap:\n    unit: "%"\n    derived: "peer_growth - 0.01"\n'
)


def _paragraph() -> str:
    start = README.index("**Which assumptions matter.**")
    return " ".join(README[start : README.index("\n\n", start)].split())


@pytest.fixture(scope="module")
def path(tmp_path_factory) -> Path:
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", README, re.S)
    assert found is not None
    body = found.group(1).replace("\nassumptions:\n", "\nassumptions:\n" + ADDED, 1)
    out = tmp_path_factory.mktemp("listed") / "thesis.yaml"
    out.write_text(body, encoding="utf-8")
    return out


def test_the_readme_says_what_the_tables_list() -> None:
    text = _paragraph()
    for words in (
        "each lists every uncertain input: each assumption with a spread (not a fixed `value`, "
        "nor a `derived` one",
        "one `validate` warns about as unused",
        "is listed all the same, with a tornado swing of 0, Sobol' indices of 0 and a rank "
        "correlation of 0 but for sampling noise",
    ):
        assert words in text, words


def test_an_unused_assumption_is_listed_at_zero(path: Path, capsys) -> None:
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "'peer_growth'" in err and "not used" in err, err
    thesis = model.load_thesis(path)
    tornado = model.sensitivity(thesis, method="tornado").to_frame().set_index("input")
    # Fixed and derived ones are not listed; the unused one with a spread is, at zero.
    assert list(tornado.index) == ["sales_growth", "pe_exit", "margin_target", "peer_growth"]
    assert tornado.loc["peer_growth", "swing"] == 0.0
    sobol = model.sensitivity(thesis, method="sobol", n_base=64, seed=5).to_frame()
    row = sobol.set_index("input").loc["peer_growth"]
    assert row["S1"] == 0.0 and row["ST"] == 0.0
    n = 4000
    rank = model.sensitivity(thesis, method="rank", n_paths=n, seed=5).to_frame()
    rho = rank.set_index("input").loc["peer_growth", "rho"]
    # Spearman's rho of independent draws has a standard error of 1 / sqrt(n - 1).
    assert abs(rho) < 4 / math.sqrt(n - 1)
