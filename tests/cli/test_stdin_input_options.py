"""A thesis read from standard input (``PATH`` is ``-``) takes the same ``--allow-read`` and
``--repair-correlations`` as one read from a file: the options are not dropped on the way."""

from __future__ import annotations

import io
from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "assumptions" / "templates" / "growth-company.yaml"

# Three correlations that no correlation matrix can hold (a ~ b and b ~ c strongly positive,
# a ~ c strongly negative).
CONFLICT = """
correlations:
  - {{between: [{a}, {b}], rho: 0.9, source: {{estimate: "these two move together, by design"}}}}
  - {{between: [{b}, {c}], rho: 0.9, source: {{estimate: "these two move together, by design"}}}}
  - {{between: [{a}, {c}], rho: -0.9, source: {{estimate: "these two move apart, by design"}}}}
"""


def _uncertain() -> list[str]:
    from model.inputs.assembly.thesis import load_thesis

    thesis = load_thesis(EXAMPLE)
    return [n for n, a in thesis.assumptions.items() if getattr(a, "dist", None)][:3]


def _conflicting_thesis() -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "\ncorrelations:" not in text
    a, b, c = _uncertain()
    return text + CONFLICT.format(a=a, b=b, c=c)


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode()), "utf-8"))


def test_repair_correlations_applies_to_a_thesis_read_from_stdin(tmp_path, monkeypatch, capsys):
    text = _conflicting_thesis()
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # From a file: refused without the option, accepted with it.
    assert main(["validate", "t.yaml"]) == 2
    assert main(["validate", "t.yaml", "--repair-correlations"]) == 0
    capsys.readouterr()
    _stdin(monkeypatch, text)
    assert main(["validate", "-", "--repair-correlations"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("OK:")
    assert "pass --repair-correlations" not in captured.err


def test_allow_read_applies_to_a_thesis_read_from_stdin(tmp_path, monkeypatch, capsys):
    seeds = tmp_path / "shared seeds"
    seeds.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8") + f"seeds_dir: '{seeds}'\n"
    monkeypatch.chdir(work)
    _stdin(monkeypatch, text)
    assert main(["validate", "-"]) == 2
    assert "outside the thesis folder tree" in capsys.readouterr().err
    _stdin(monkeypatch, text)
    assert main(["validate", "-", "--allow-read", str(seeds)]) == 0
    assert capsys.readouterr().out.startswith("OK:")
