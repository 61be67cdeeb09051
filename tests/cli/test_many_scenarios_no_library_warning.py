"""A thesis with many scenarios compares without a pandas performance warning reaching the
user (a message about DataFrame internals that an analyst cannot act on)."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
MANY = 120  # pandas warns past 100 columns added one at a time


def _many_scenarios(tmp_path: Path) -> Path:
    from model.inputs.assembly.thesis import load_thesis

    thesis = load_thesis(EXAMPLE)
    name, a = next((n, a) for n, a in thesis.assumptions.items() if getattr(a, "dist", None))
    text = EXAMPLE.read_text(encoding="utf-8")
    overlays = "".join(
        f"""  many_{k}:
    label: "Case {k}"
    rationale: {{estimate: "one of many cases, to compare them all"}}
    overrides:
      {name}:
        unit: "{a.unit}"
        value: {a.central() * (1 + k / 1000)}
        source: {{estimate: "a value near the central one, for the check"}}
"""
        for k in range(MANY)
    )
    at = text.index("\nscenarios:\n") + len("\nscenarios:\n")
    path = tmp_path / "many.yaml"
    path.write_text(text[:at] + overlays + text[at:], encoding="utf-8")
    return path


def test_many_scenarios_compare_without_a_pandas_warning(tmp_path, capsys):
    thesis = _many_scenarios(tmp_path)
    assert main(["compare", str(thesis), "--paths", "2", "--seed", "1", "-q"]) == 0
    err = capsys.readouterr().err
    assert "fragmented" not in err and "DataFrame" not in err
