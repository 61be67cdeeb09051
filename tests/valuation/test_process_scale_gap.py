"""A mean-reverting process whose start is about a power of 1000 off its mean (a copper price
starting at 9.8 beside a long-run 9,500 USD/t) is warned at its ``start``; a start a few times
off its mean, and a random walk, are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

EXAMPLE = Path(__file__).parents[2] / "assumptions" / "examples" / "copper-miner.yaml"
PROCESS = (
    "process: {start: copper_price_2026, mean: copper_long_run, shock_sd: 1200, reversion: 0.35}"
)


def _said(tmp_path: Path, capsys: pytest.CaptureFixture[str], process: str) -> list[str]:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert PROCESS in text
    path = tmp_path / EXAMPLE.name
    path.write_text(text.replace(PROCESS, process), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    return [x for x in capsys.readouterr().err.splitlines() if "the mean it reverts to" in x]


def test_a_start_a_thousandfold_below_its_mean_is_warned_at_the_start(tmp_path, capsys):
    process = "process: {start: 9.8, mean: copper_long_run, shock_sd: 1200, reversion: 0.35}"
    (said,) = _said(tmp_path, capsys, process)
    assert (
        ": assumptions.copper_price.process.start: the process 'copper_price' starts at 9.8 "
        in (said)
    )
    assert "about 1,000 times below the mean it reverts to" in said


@pytest.mark.parametrize(
    "process",
    ["process: {start: 4000, mean: copper_long_run, shock_sd: 1200, reversion: 0.35}",
     "process: {start: 9.8, mean: copper_long_run, shock_sd: 1200, reversion: 0}"],
)  # fmt: skip
def test_a_start_a_few_times_off_or_a_random_walk_is_not_warned(tmp_path, capsys, process):
    assert _said(tmp_path, capsys, process) == []
