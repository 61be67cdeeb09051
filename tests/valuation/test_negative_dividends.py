"""A dividend below zero is refused at the dividends line with exit 2, on the central path
(validate) and on sampled paths alike, not as a failed chunk of the run without a place."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_dividends_leave_cash import THESIS

from model.cli.main import main

PAID = "cash[t-1] + earnings - dividends"


def _write(tmp_path: Path, profit: str, dividends: str) -> tuple[Path, int]:
    text = THESIS.replace("CASH", PAID).replace(
        "  profit: {unit: JPY bn, value: 200,", "  profit: {unit: JPY bn, " + profit + ","
    )
    text = text.replace("value: payout * earnings", f"value: {dividends}")
    path = tmp_path / "holding.yaml"
    path.write_text(text, encoding="utf-8")
    line = 1 + text.splitlines().index("    dividends:")
    return path, line


@pytest.mark.parametrize(
    ("command", "profit", "dividends"),
    [
        (["validate"], "value: 200", "-payout * earnings"),
        (
            ["run", "--paths", "2000", "--seed", "1"],
            "dist: normal, mean: 200, sd: 300",
            "payout * earnings",
        ),
    ],
    ids=["central_path", "some_paths"],
)
def test_negative_dividends_are_a_located_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    profit: str,
    dividends: str,
) -> None:
    path, line = _write(tmp_path, profit, dividends)
    assert main([command[0], str(path), *command[1:]]) == 2
    # Warnings may come first: the error is one line.
    err = "\n".join(
        x for x in capsys.readouterr().err.strip().splitlines() if not x.startswith("warning:")
    )
    assert err.count("\n") == 0, err
    assert err.startswith(f"error: {path}:{line}: model.lines.dividends: "), err
    assert "must be >= 0" in err and "max(earnings, 0)" in err, err


def test_dividends_floored_at_zero_run(tmp_path: Path) -> None:
    path, _ = _write(tmp_path, "dist: normal, mean: 200, sd: 300", "payout * max(earnings, 0)")
    assert main(["run", str(path), "--paths", "2000", "--seed", "1", "-q"]) == 0
