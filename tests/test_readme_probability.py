"""The probability the README quotes for the Alibaba base case is the one a run gives."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

import model

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
STATEMENT = "share_ai_cloud_alibaba[2030] > 0.30"
_QUOTED = re.compile(r"Probability\(p=(?P<p>[\d.]+) ± (?P<se>[\d.]+),\s+n=(?P<n>\d+)")


def _quoted() -> list[tuple[float, float, int]]:
    found = [(float(m["p"]), float(m["se"]), int(m["n"])) for m in _QUOTED.finditer(README)]
    assert found, "the README quotes a Probability repr"
    return found


def test_quoted_standard_errors_fit_their_probability_and_paths() -> None:
    # A binomial proportion's standard error is sqrt(p (1 - p) / n).
    for p, se, n in _quoted():
        assert se == pytest.approx(math.sqrt(p * (1 - p) / n), rel=0.1)


@pytest.mark.filterwarnings("ignore::model.errors.ThesisModelWarning")
def test_quoted_probability_is_what_the_base_case_gives() -> None:
    thesis = model.load_thesis(ROOT / "assumptions" / "alibaba.yaml")
    n_paths = 20_000  # the README's 100,000 paths are a larger run of the same statement
    got = model.simulate(thesis, scenario="base", n_paths=n_paths, seed=2025).prob(STATEMENT)
    for p, se, _ in _quoted():
        # Four standard errors of the difference of the two estimates.
        own = math.sqrt(got.p * (1 - got.p) / n_paths)
        assert abs(got.p - p) < 4 * math.hypot(own, se), (p, got.p)
