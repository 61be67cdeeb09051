"""``update`` and ``backtest --paths 1`` are refused at once, saying why, as ``watch``,
``compare`` and ``report`` refuse it: one path has no distribution to reweight (its prior and
posterior sd print as 0.00%) or to place a realised value in (p5 = p50 = p95, a percentile of
0, 50 or 100%)."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
ALIBABA = str(ROOT / "assumptions" / "alibaba.yaml")
EVIDENCE = str(ROOT / "assumptions" / "evidence" / "alibaba-2025q3.yaml")


@pytest.mark.parametrize(
    ("argv", "why"),
    [
        (["update", ALIBABA, "--evidence", EVIDENCE], "reweights the paths"),
        (["backtest", ALIBABA], "places each realised value among the paths"),
    ],
    ids=["update", "backtest"],
)
def test_one_path_is_refused_saying_why(capsys, argv, why):
    with pytest.raises(SystemExit) as stop:
        main([*argv, "--paths", "1"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: argument --paths: must be at least 2 (got 1): ")
    assert why in err and err.count("\n") == 1
    with pytest.raises(SystemExit):
        main([argv[0], "--help"])
    assert "at least 2" in " ".join(capsys.readouterr().out.split())
