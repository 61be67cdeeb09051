"""`thesis validate` and `thesis sources`."""

from __future__ import annotations

import pandas as pd
import pytest

from model.cli import main
from model.inputs import LEDGER_COLUMNS

from .conftest import DATA, ThesisCopy

PATH = str(DATA / "minimal.yaml")


def test_validate(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", PATH]) == 0
    out = capsys.readouterr().out.strip()
    assert out == (
        "OK: Test thesis: 18 assumptions (7 sourced, 5 derived, 6 estimated; the spread of 1 "
        "sourced is estimated), scenarios: bull, bull_plus, bear"
    )


def test_validate_scenario_and_all(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", PATH, "--scenario", "bear"]) == 0
    assert "OK: Test thesis [scenario bear]: 18 assumptions" in capsys.readouterr().out
    assert main(["validate", PATH, "--all-scenarios"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4
    assert out[1].startswith("  OK: scenario bull: 18 assumptions")


def test_validate_error_has_no_traceback(
    thesis_copy: ThesisCopy, capsys: pytest.CaptureFixture[str]
) -> None:
    thesis_copy.edit("    mean: 0.05\n", "    meen: 0.05\n")
    assert main(["validate", str(thesis_copy.path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ")
    assert "minimal.yaml:" in captured.err and "did you mean 'mean'?" in captured.err
    assert "Traceback" not in captured.err
    assert captured.err.count("\n") == 1


def test_missing_file_and_unknown_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "no/such/file.yaml"]) == 2
    assert "file not found" in capsys.readouterr().err
    assert main(["validate", PATH, "--scenario", "bul"]) == 2
    assert "did you mean 'bull'?" in capsys.readouterr().err


def test_sources_table_and_csv(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "ledger.csv"
    assert main(["sources", PATH, "--scenario", "bull_plus", "--csv", str(target)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Test thesis - scenario bull_plus\n")
    header = out.splitlines()[1]
    for column in LEDGER_COLUMNS:
        assert column in header
    assert "sourced (spread estimated)" in out and "estimate" in out and "derived" in out
    assert "18 assumptions (7 sourced, 5 derived, 6 estimated" in out
    assert f"wrote {target}" in out
    # long texts are shortened on screen, never in the CSV
    assert max(len(line) for line in out.splitlines()) < 400
    table = pd.read_csv(target)
    assert tuple(table.columns) == LEDGER_COLUMNS
    assert table.set_index("name").loc["pe", "scenario"] == "bull_plus"
    assert "Estimate: two points, research houses differ by that much" in set(table["rationale"])
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.csv"]  # no temporary files left


def test_sources_csv_into_missing_folder(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources", PATH, "--csv", str(tmp_path / "nope" / "x.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "validate" in out and "sources" in out
    with pytest.raises(SystemExit):
        main(["sources", "--help"])
    assert "--csv FILE" in capsys.readouterr().out
