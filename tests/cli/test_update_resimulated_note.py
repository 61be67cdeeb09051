"""``thesis update --resimulate`` that still leaves fewer effective paths than --min-ess (the
re-simulation stopped at its most paths) does not advise rerunning with --resimulate, which was
given: the note says the most paths were run and what else to change."""

from __future__ import annotations

import functools
from pathlib import Path

import model.learning
from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "templates" / "growth-company.yaml"
MOST = 8_000  # a small ceiling, so that the test is quick

EVIDENCE = """format: 1
evidence:
  early_growth:
    label: "Growth of the early years, as reported"
    quantity: "growth_early"
    unit: "%"
    value: 0.30
    sd: 0.01
    source: {estimate: "A reading of the early growth, for the check"}
"""


def test_no_advice_to_add_the_option_already_given(tmp_path, monkeypatch, capsys):
    evidence = tmp_path / "ev.yaml"
    evidence.write_text(EVIDENCE, encoding="utf-8")
    capped = functools.partial(model.learning.condition, max_paths=MOST)
    monkeypatch.setattr(model.learning, "condition", capped)
    argv = ["update", str(THESIS), "--evidence", str(evidence), "--paths", "2000", "--seed", "1"]
    # Without --resimulate, the note offers it.
    assert main([*argv, "--min-ess", "1e9"]) == 0
    assert "--resimulate" in capsys.readouterr().err
    assert main([*argv, "--min-ess", "1e9", "--resimulate"]) == 0
    captured = capsys.readouterr()
    assert f"of {MOST:,}" in captured.out  # it did re-simulate, up to the ceiling
    note = next(line for line in captured.err.splitlines() if line.startswith("note:"))
    assert "rerun with --resimulate" not in note
    assert f"{MOST:,}" in note and "--min-ess" in note
