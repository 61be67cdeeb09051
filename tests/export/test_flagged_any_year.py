"""The flagged-path counts say they count a path that broke a check in any model year.

A loss-making company valued partly on a P/E has its P/E leg applied to a loss in the early
years on every path: the summary read "invalid_pe on 2,000 of 2,000 paths" with nothing to say
that the exit year, profitable on every path, was not what broke it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

import model
from model.cli.main import main


def _loss_then_profit(body: str, tmp_path: Path) -> Path:
    # An operating loss this year (margin -5%), gliding to a profit: earnings < 0 in 2025 only.
    old = '  margin_2025:\n    unit: "%"\n    value: 0.14'
    assert old in body
    path = tmp_path / "turnaround.yaml"
    path.write_text(body.replace(old, old.replace("0.14", "-0.05")), encoding="utf-8")
    return path


def test_the_counts_say_any_model_year(readme_example, tmp_path: Path, capsys) -> None:
    path = _loss_then_profit(readme_example, tmp_path)
    run = model.simulate(model.load_thesis(path), n_paths=2000, seed=1, keep=["earnings"])
    earnings = run.paths("earnings")
    assert np.all(earnings[2025] < 0) and np.all(earnings[2030] > 0)
    assert run.invalid["invalid_pe"] == 2000  # every path, from its year-0 loss alone
    assert main(["run", str(path), "--paths", "2000", "--seed", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "Paths flagged by the model's checks in any model year" in out, out
    assert "invalid_pe on 2,000 of 2,000 paths" in out, out
    assert "checks in any model year (kept in every figure)" in run._repr_html_()
