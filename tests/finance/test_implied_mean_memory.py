"""``implied --basis mean`` evaluates all its paths at once, so paths that cannot fit in memory
are refused before anything is drawn (exit 2, saying how many fit), as a run's are, rather
than the command dying of memory (or the machine swapping) part way through."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.engine.execution import limits
from model.errors import ResourceLimitError
from model.valuation.finance.implied import implied

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "binary-event.yaml"


@pytest.fixture
def small_machine(monkeypatch):
    """A machine with 40 MB to spare, and a guard that nothing is drawn once it is refused."""
    monkeypatch.setattr(limits, "available_memory", lambda: 40 * 2**20)

    def no_draws(*args, **kwargs):
        raise AssertionError("paths were drawn before the memory was checked")

    monkeypatch.setattr("model.engine.execution.runner.sample_holding", no_draws)


def test_too_many_paths_are_refused_before_drawing(small_machine):
    thesis = model.load_thesis(TEMPLATE)
    with pytest.raises(ResourceLimitError) as info:
        implied(thesis, "peak_sales", basis="mean", n_paths=50_000_000, seed=1)
    text = str(info.value)
    assert text.startswith("the mean basis evaluates its 50,000,000 paths at once, which needs")
    fit = int(text.split("at most ")[1].split(" paths fit")[0].replace(",", ""))
    assert 1_000 < fit < 50_000_000
    assert text.endswith("give fewer paths (--paths, n_paths=)")


def test_the_command_line_exits_2_with_one_line(small_machine, capsys):
    argv = ["implied", str(TEMPLATE), "--solve-for", "peak_sales", "--basis", "mean"]
    assert main([*argv, "--paths", "50000000", "--seed", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: the mean basis evaluates its 50,000,000 paths at once")
    assert err.count("\n") == 1


def test_paths_that_fit_are_solved(monkeypatch):
    monkeypatch.setattr(limits, "available_memory", lambda: 40 * 2**20)
    thesis = model.load_thesis(TEMPLATE)
    found = implied(thesis, "peak_sales", basis="mean", n_paths=4_000, seed=1)
    assert found.value > 0
