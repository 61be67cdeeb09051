"""A share count given as an assumption is refused at or below zero wherever the model reads
it: the ``start:`` of a line with role ``shares``, its ``value:``, or ``valuation.shares``,
as for a ``share_count`` block's ``shares``."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

DATA = Path(__file__).parent / "data" / "multi_legs.yaml"
LEGS = "pe: {weight: 1.0, multiple: pe_exit}"
OLD = "  shares_2025:\n    unit: shares bn\n    value: 1.0\n"
BLOCK = "    count:\n      type: share_count\n      shares: shares_2025\n"
#: The count as a line of the model's own (role shares), growing by 1% a year.
LINE = (
    "    shares:\n      value: shares[t-1] * 1.01\n      start: shares_2025\n      role: shares\n"
)
COUNTS = {
    "negative": ("  shares_2025:\n    unit: shares bn\n    value: -150\n", "'shares_2025' is -150"),
    "zero": ("  shares_2025:\n    unit: shares bn\n    value: 0\n", "'shares_2025' is 0"),
    # P(count <= 0) = 0.6%: many paths of a run would divide by zero or less.
    "can_fall": (
        "  shares_2025:\n    unit: shares bn\n    dist: normal\n    mean: 1.0\n    sd: 0.4\n",
        "'shares_2025' can fall to -",
    ),
}


def _thesis(tmp_path: Path, count: str, line: str, legs: str = LEGS) -> tuple[Path, list[str]]:
    text = DATA.read_text().replace(OLD, count).replace(BLOCK, "")
    text = text.replace("  lines:\n", "  lines:\n" + line, 1).replace("LEGS", legs)
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    return path, text.splitlines()


@pytest.mark.parametrize("kind", sorted(COUNTS))
@pytest.mark.parametrize(
    ("line", "key"),
    [
        (LINE, "start"),
        ("    shares:\n      value: shares_2025\n      role: shares\n", "value"),
    ],
    ids=["start", "value"],
)
def test_line_count_must_be_positive(tmp_path, capsys, kind, line, key):
    count, words = COUNTS[kind]
    path, lines = _thesis(tmp_path, count, line)
    at = next(i for i, s in enumerate(lines, 1) if s.strip() == f"{key}: shares_2025")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {path}:{at}: model.lines.shares.{key}: "), err
    assert words in err and "must be above zero on every path" in err, err


def test_valuation_shares_must_be_positive(tmp_path, capsys):
    count, words = COUNTS["negative"]
    legs = f"{LEGS}\n    shares: shares_2025"
    path, lines = _thesis(tmp_path, count, "", legs)
    at = next(i for i, s in enumerate(lines, 1) if s.strip() == "shares: shares_2025")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {path}:{at}: model.valuation.shares: "), err
    assert words in err, err


def test_line_count_above_zero_is_accepted(tmp_path, capsys):
    count = "  shares_2025:\n    unit: shares bn\n    dist: lognormal\n    ci90: [0.95, 1.05]\n"
    path, _ = _thesis(tmp_path, count, LINE)
    assert main(["validate", str(path)]) == 0, capsys.readouterr().err
