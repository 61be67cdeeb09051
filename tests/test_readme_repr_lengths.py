"""The README's account of ``repr()`` holds: one line for runs, comparisons, probabilities and
learning results, a heading and at most three inputs for a sensitivity result.

The README said every ``repr()`` is one short line; a tornado's runs to a heading, its central
case and its first three bars.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import model

ROOT = Path(__file__).resolve().parents[1]
THESIS = ROOT / "assumptions" / "examples" / "saas-subscription.yaml"


def test_the_readme_says_what_each_repr_holds() -> None:
    text = " ".join(ROOT.joinpath("README.md").read_text(encoding="utf-8").split())
    assert "`repr()` is one short line" not in text
    assert re.search(r"for a sensitivity result a heading and its first three inputs", text)


def test_reprs_are_as_long_as_the_readme_says() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        thesis = model.load_thesis(THESIS)
        run = model.simulate(thesis, n_paths=400, seed=3)
        tornado = model.sensitivity(thesis, method="tornado")
    one_liners = [
        run,
        model.compare(thesis, n_paths=400, seed=3),
        run.prob("value_per_share[2031] > 0"),
    ]
    for result in one_liners:
        assert "\n" not in repr(result), repr(result)
    numbered = [ln for ln in repr(tornado).splitlines() if re.match(r"\s+\d+\. ", ln)]
    assert len(tornado.bars) > 3
    assert len(numbered) == 3
    assert repr(tornado).splitlines()[-1].strip().startswith(f"... {len(tornado.bars) - 3} more")
