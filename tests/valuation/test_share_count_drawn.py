"""A share count the lines compute that an event takes to zero or below on some paths only passes
the central path, but stops a run that draws such a path: ``validate`` refuses it at the count's
line from its drawn paths, naming the share of them and the event."""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisError
from model.valuation.checking.leg_bounds import DRAWN_PATHS

LINE = "    shares:\n      value: shares[t-1] * (1 - retired)\n      start: shares_2025\n"


def _thesis(tmp_path: Path, readme_example: str, by: float, prob: float = 0.03) -> Path:
    """The README's example with a count line retiring 2% a year, and a tender event adding
    ``by`` to the share retired."""
    block = (
        "    count:                               # the line 'shares' (role shares)\n"
        "      type: share_count\n      shares: shares_2025\n"
    )
    text = readme_example
    assert text.count(block) == 1 and text.count("  lines:\n") == 1
    text = text.replace(block, "").replace(
        "  lines:\n", "  lines:\n" + LINE + "      role: shares\n"
    )
    text = text.replace(
        "  w_pe:\n",
        '  retired:\n    unit: "%"\n    value: 0.02\n'
        '    source: {estimate: "Buybacks retire 2% a year"}\n  w_pe:\n',
    )
    text = text.replace(
        "\nscorecard:\n",
        "\nevents:\n  tender:\n    label: A tender for most shares\n"
        f"    annual_prob: {prob}\n    effects:\n"
        f"      - {{target: retired, op: add, by: {by}}}\n"
        '    source: {estimate: "A holder may tender for the float"}\n\nscorecard:\n',
    )
    path = tmp_path / "count.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_count_an_event_takes_below_zero_is_refused_from_drawn_paths(
    tmp_path, readme_example, capsys
):
    path = _thesis(tmp_path, readme_example, by=1.0)
    line = path.read_text().splitlines().index("      value: shares[t-1] * (1 - retired)") + 1
    assert main(["validate", str(path)]) == 2
    (said,) = [x for x in capsys.readouterr().err.splitlines() if x.startswith("error: ")]
    assert said.startswith(f"error: {path}:{line}: model.lines.shares.value: "), said
    assert "though not on the central path (event 'tender' adds 1.0 to 'retired'" in said, said
    found = re.search(r"on ([\d,]+) of ([\d,]+) drawn paths", said)
    assert found is not None, said
    bad, n = (int(g.replace(",", "")) for g in found.groups())
    assert n == DRAWN_PATHS
    # The count falls below zero in the year the tender comes: any of the five years after the
    # first, whose count is given.
    p = 1 - (1 - 0.03) ** 5
    assert abs(bad / n - p) <= 4 * math.sqrt(p * (1 - p) / n), (bad, n, p)
    # A run that draws such a path stops with the same complaint, as it did before.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        thesis = model.load_thesis(path)  # the central path is sound: the load does not draw
        with pytest.raises(ThesisError, match="at or below zero on"):
            model.simulate(thesis, n_paths=2000, seed=1)


def test_a_count_that_stays_above_zero_passes(tmp_path, readme_example, capsys):
    path = _thesis(tmp_path, readme_example, by=0.5)
    assert main(["validate", str(path)]) == 0, capsys.readouterr().err
    assert "share count" not in capsys.readouterr().err
