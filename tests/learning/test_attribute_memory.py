"""An attribution whose runs cannot fit in memory is refused before the first path is drawn.

Its shared runs keep every output of every path; they were never checked, so ``thesis
attribute ... --paths 99999999999`` ran on (for as long as the memory lasted) instead of saying
at once how many paths fit, as ``run``, ``compare`` and ``watch`` do. The available memory is
made small here, so the code before the check would finish the attribution and pass nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import model
import model.engine.execution.limits as limits
from model.cli.main import main
from model.errors import ResourceLimitError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
PATHS = 100_000


@pytest.fixture
def small_machine(monkeypatch):
    monkeypatch.setattr(limits, "available_memory", lambda: 200 * 2**20)


def test_attribute_between_scenarios_refuses_at_once(small_machine):
    with pytest.raises(ResourceLimitError, match="paths a run fit"):
        model.attribute(model.load_thesis(TEMPLATE), "bear", "base", n_paths=PATHS, seed=1)


def test_the_command_line_exits_2_naming_what_fits(small_machine, capsys):
    code = main(["attribute", str(TEMPLATE), "--from", "bear", "--paths", str(PATHS)])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and f"{PATHS:,} paths in each of 2 runs need about" in err


def test_a_path_count_that_fits_still_runs():
    att = model.attribute(model.load_thesis(TEMPLATE), "bear", "base", n_paths=2000, seed=1)
    assert att.n_paths == 2000
