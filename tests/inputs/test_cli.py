"""`thesis validate` and `thesis sources`."""

from __future__ import annotations

import pandas as pd
import pytest

from model.cli.main import main
from model.inputs import LEDGER_COLUMNS

from .conftest import DATA, ThesisCopy

PATH = str(DATA / "minimal.yaml")


SCORECARD = """scorecard:
  keeps_share:
    statement: "ai_share > 0.30"
    label: "Keeps more than 30% of the AI cloud market"
    source: {doc: article.txt, quote: "Alibaba holds 35.8% of China's AI cloud market"}
"""


@pytest.fixture
def no_scorecard(thesis_copy: ThesisCopy, monkeypatch: pytest.MonkeyPatch) -> str:
    """The test thesis without its scorecard, validated without its model.

    ``validate`` builds the valuation model to check the names of the assumptions and the
    scorecard statements against its outputs, and the test thesis' ``model:`` section is a stub
    (the input layer does not read it). These tests are about the summary lines, so they leave
    the scorecard out and skip the model check (the Alibaba thesis exercises it).
    """
    import model.results.statements
    import model.valuation.checks

    thesis_copy.edit(SCORECARD, "")
    monkeypatch.setattr(model.results.statements, "check_scorecard", lambda *a, **k: None)
    monkeypatch.setattr(model.valuation.checks, "check_central_path", lambda *a, **k: None)
    return str(thesis_copy.path)


def test_validate(no_scorecard: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", no_scorecard]) == 0
    out = capsys.readouterr().out.strip()
    assert out == (
        "OK: Test thesis: 18 assumptions (7 sourced, 5 derived, 6 estimated; the spread of 1 "
        "sourced is estimated), scenarios: bull, bull_plus, bear"
    )


def test_validate_scenario_and_all(no_scorecard: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", no_scorecard, "--scenario", "bear"]) == 0
    assert "OK: Test thesis [scenario bear]: 18 assumptions" in capsys.readouterr().out
    assert main(["validate", no_scorecard, "--all-scenarios"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4
    assert out[1].startswith("  OK: scenario bull: 18 assumptions")


def test_validate_checks_the_scorecard_against_the_model(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The stub model section cannot produce the outputs a scorecard may name.
    assert main(["validate", PATH]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "minimal.yaml:" in err and "model." in err


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
    assert "estimate" in out and "derived" in out
    assert "18 assumptions (7 sourced, 5 derived, 6 estimated" in out
    assert f"wrote {target}" in out
    # the CSV has every column in full
    table = pd.read_csv(target)
    assert tuple(table.columns) == LEDGER_COLUMNS
    rows = table.set_index("name")
    assert rows.loc["pe", "scenario"] == "bull_plus"
    assert rows.loc["cagr", "central"] == pytest.approx((85 / 27.4) ** 0.2 - 1, rel=1e-12)
    assert "Estimate: two points, research houses differ by that much" in set(table["rationale"])
    # no temporary files left; the record of the files thesis wrote there
    assert sorted(p.name for p in tmp_path.iterdir()) == [".thesis-files.json", "ledger.csv"]


def test_sources_table_is_readable_at_120_columns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources", PATH]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split() == ["name", "item", "central", "unit", "source"]
    assert max(len(line) for line in lines) <= 120
    assert any(line.split()[:3] == ["ai_share", "dist", "35.8%"] for line in lines)
    assert main(["sources", PATH, "--full"]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 120
    assert "quote: predicts that China's cloud market will reach $85 billion by 2026" in out


def test_sources_csv_into_missing_folder(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "nope" / "x.csv"
    # A mistyped folder is bad input, as a file in the way of a folder is.
    assert main(["sources", PATH, "--csv", str(target)]) == 2
    assert f"cannot write {target}: there is no folder" in capsys.readouterr().err
    assert not (tmp_path / "nope").exists()


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "validate" in out and "sources" in out
    with pytest.raises(SystemExit):
        main(["sources", "--help"])
    assert "--csv FILE" in capsys.readouterr().out
