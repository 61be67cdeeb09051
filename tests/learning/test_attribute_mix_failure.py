"""Two thesis files that each run alone but whose values do not fit together (one thesis'
valuation weight swapped into the other's) are refused naming both files, not blaming a line of
one of them for a value that came from the other."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def test_a_mix_of_two_theses_names_both(capsys):
    new = ROOT / "assumptions" / "alibaba.yaml"
    old = ROOT / "assumptions" / "amazon.yaml"
    code = main(["attribute", str(new), "--from", str(old), "--paths", "500", "--seed", "1"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    error = next(line for line in err.splitlines() if line.startswith("error:"))
    assert "amazon.yaml" in error and "alibaba.yaml" in error, error
    assert "do not fit together" in error, error
    assert "valuation weights" in error, error
    assert ".yaml:" not in error, error  # no one line of either file is to blame
