"""``thesis attribute NEW --from OLD`` with an OLD that is neither a scenario of NEW nor a file:
the error names --from and says what it takes, with the scenarios NEW has (or the one meant)."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
BANK = str(ROOT / "assumptions" / "examples" / "regional-bank.yaml")


@pytest.mark.parametrize(
    ("old", "hint"),
    [("nope", "known: base, bear, bull, stress"), ("bera", "did you mean 'bear'?")],
)
def test_an_unknown_older_vintage_says_what_from_takes(tmp_path, monkeypatch, capsys, old, hint):
    monkeypatch.chdir(tmp_path)  # no file of that name here
    assert main(["attribute", BANK, "--from", old, "--paths", "50"]) == 2
    # The example's own warning (its price dated late in its first year) comes first.
    lines = capsys.readouterr().err.splitlines()
    (err,) = [x + "\n" for x in lines if not x.startswith("warning: ")]
    assert "Traceback" not in err
    assert err.startswith(f"error: --from {old}: not a scenario of regional-bank.yaml")
    assert hint in err and "nor a thesis file" in err and "standard input" in err
