"""A multiple that can be drawn below zero is warned about at the leg's line.

``pe_exit`` as a normal with a 90% interval of [-2, 30] is below zero on about 7% of paths;
there the P/E leg values positive earnings as a liability, and nothing said so (no flag, no
warning), so the value's lower tail was silently wrong.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisModelWarning

README = Path(__file__).resolve().parents[2] / "README.md"
OLD = "    dist: lognormal\n    ci90: [13, 24]\n"


def _thesis(tmp_path: Path, dist: str) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None and OLD in found.group(1)
    path = tmp_path / "thesis.yaml"
    path.write_text(found.group(1).replace(OLD, dist), encoding="utf-8")
    return path


def test_validate_warns_at_the_legs_multiple(tmp_path, capsys):
    path = _thesis(tmp_path, "    dist: normal\n    ci90: [-2, 30]\n")
    line = next(
        i for i, s in enumerate(path.read_text().splitlines(), 1) if "pe: {weight: w_pe" in s
    )
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    (warning,) = [w for w in err.splitlines() if "below zero" in w]
    assert warning.startswith(f"warning: {path}:{line}: model.valuation.legs.pe.multiple: ")
    assert "'pe_exit'" in warning and "7.5% of paths" in warning, warning


def test_a_run_warns_too(tmp_path):
    path = _thesis(tmp_path, "    dist: normal\n    ci90: [-2, 30]\n")
    with pytest.warns(ThesisModelWarning, match="below zero"):
        model.simulate(model.load_thesis(path), n_paths=1000, seed=1)


@pytest.mark.parametrize(
    "dist",
    [OLD, "    dist: normal\n    ci90: [-2, 30]\n    bounds: [0, 60]\n"],
)
def test_a_multiple_that_stays_above_zero_says_nothing(tmp_path, dist):
    path = _thesis(tmp_path, dist)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ThesisModelWarning)
        warnings.filterwarnings("ignore", ".*at no rate")  # the example's idle cash, said elsewhere
        model.load_thesis(path)
        model.simulate(model.load_thesis(path), n_paths=1000, seed=1)


BANK = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "regional-bank.yaml"


def _bank(tmp_path: Path, ci90: str) -> Path:
    text = BANK.read_text(encoding="utf-8")
    old = "  pb_exit:\n    unit: x\n    dist: normal\n    ci90: [0.9, 1.5]\n"
    assert old in text
    path = tmp_path / "bank.yaml"
    path.write_text(text.replace(old, old.replace("[0.9, 1.5]", ci90)), encoding="utf-8")
    return path


def test_a_sum_of_the_parts_multiple_is_checked_too(tmp_path):
    """A part's multiple (parts: {book: pb_exit}) is warned about like a leg's multiple."""
    path = _bank(tmp_path, "[-0.2, 1.5]")
    from model.valuation import build_model

    with pytest.warns(ThesisModelWarning, match=r"legs\.pb\.parts\.book: the multiple 'pb_exit'"):
        build_model(model.load_thesis(path))
    calm = _bank(tmp_path, "[0.9, 1.5]")
    with warnings.catch_warnings():
        warnings.simplefilter("error", ThesisModelWarning)
        warnings.filterwarnings("ignore", ".*at no rate")  # the example's idle cash, said elsewhere
        warnings.filterwarnings("ignore", ".*whole dividend")  # its late price, said elsewhere
        build_model(model.load_thesis(calm))
