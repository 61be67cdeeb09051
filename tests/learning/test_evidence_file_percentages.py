"""An observation of an evidence file given with ``--evidence`` that looks written as a whole
percentage (3.9 meaning 3.9 %) is warned about at its line, as the thesis' own evidence is,
before the update refuses it as incompatible with every path."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
BANK = str(ROOT / "assumptions" / "examples" / "regional-bank.yaml")
EVIDENCE = """\
format: 1
evidence:
  margin_2026:
    label: "Net interest margin 2026"
    quantity: "nii[2026] / loans[2026]"
    unit: "%"
    value: {value}
    sd: {sd}
    source: {{estimate: "Guidance from the third-quarter call for next year"}}
"""


def test_a_whole_percentage_in_an_evidence_file_is_warned(tmp_path, capsys):
    path = tmp_path / "ev.yaml"
    path.write_text(EVIDENCE.format(value=3.9, sd=0.1), encoding="utf-8")
    main(["update", BANK, "--evidence", str(path), "--paths", "1000", "--seed", "1"])
    err = capsys.readouterr().err
    assert f"{path}:5: margin_2026: 3.9 in unit '%' means 390%" in err, err
    assert "did you mean 0.039?" in err


def test_a_fraction_draws_no_warning(tmp_path, capsys):
    path = tmp_path / "ev.yaml"
    path.write_text(EVIDENCE.format(value=0.039, sd=0.001), encoding="utf-8")
    assert main(["update", BANK, "--evidence", str(path), "--paths", "1000", "--seed", "1"]) == 0
    assert "means" not in capsys.readouterr().err
