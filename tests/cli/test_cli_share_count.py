"""A share count of zero (or one that can reach zero) is refused at the block's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

DATA = Path(__file__).parents[1] / "valuation" / "data" / "multi_legs.yaml"
LEGS = "pe: {weight: 1.0, multiple: pe_exit}"
OLD = "  shares_2025:\n    unit: shares bn\n    value: 1.0\n"


@pytest.mark.parametrize(
    ("new", "words"),
    [
        ("  shares_2025:\n    unit: shares bn\n    value: 0\n", "'shares_2025' is 0"),
        (
            # P(count <= 0) = 0.6%: many paths of a run would divide by zero or less.
            "  shares_2025:\n    unit: shares bn\n    dist: normal\n    mean: 1.0\n    sd: 0.4\n",
            "'shares_2025' can fall to -",
        ),
    ],
)
def test_share_count_must_be_positive(tmp_path, capsys, new, words):
    text = DATA.read_text().replace("LEGS", LEGS).replace(OLD, new)
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.strip() == "shares: shares_2025")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {path}:{line}: model.blocks.count.shares: "), err
    assert words in err, err


@pytest.mark.parametrize(
    "new",
    [
        # Always positive: the lognormal's support starts at 0, but no path holds 0.
        "  shares_2025:\n    unit: shares bn\n    dist: lognormal\n    ci90: [0.95, 1.05]\n",
        # Zero lies 20 sd below the mean: no path the engine can draw reaches it.
        "  shares_2025:\n    unit: shares bn\n    dist: normal\n    mean: 1.0\n    sd: 0.05\n",
    ],
)
def test_share_count_that_no_path_takes_to_zero_is_accepted(tmp_path, capsys, new):
    text = DATA.read_text().replace("LEGS", LEGS).replace(OLD, new)
    assert new in text
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    assert main(["validate", str(path)]) == 0, capsys.readouterr().err
