"""A base correlation that a scenario's override breaks names the scenario and the override.

The bear case fixes ``growth_late``, which the base correlates with ``margin_target``: the
correlation cannot apply in the bear case. Before, the error said at the base's correlation
line that ``growth_late`` is a value assumption, which the base file plainly contradicts.
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
BEAR_GROWTH = """      growth_late:
        unit: "%"
        dist: normal
        ci90: [-0.10, 0.05]
"""
CORRELATION = """correlations:
  - between: [growth_late, margin_target]
    rho: 0.4
    source: {estimate: "Growth and margins rise and fall together"}

"""


def _copy(tmp_path: Path) -> tuple[Path, int, int]:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert BEAR_GROWTH in text and "\nscenarios:\n" in text
    fixed = '      growth_late:\n        unit: "%"\n        value: -0.02\n'
    text = text.replace(BEAR_GROWTH, fixed)
    text = text.replace("\nscenarios:\n", "\n" + CORRELATION + "scenarios:\n", 1)
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    between = next(i for i, s in enumerate(lines, 1) if "between: [growth_late" in s)
    bear = next(i for i, s in enumerate(lines, 1) if s.startswith("  bear:"))
    override = next(i for i, s in enumerate(lines, 1) if i > bear and "growth_late:" in s)
    return path, between, override


def test_the_base_still_validates(tmp_path, capsys):
    path, _, _ = _copy(tmp_path)
    assert main(["validate", str(path), "-q"]) == 0


def test_the_error_names_the_scenario_and_its_override(tmp_path, capsys):
    path, between, override = _copy(tmp_path)
    assert main(["validate", str(path), "--scenario", "bear"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert re.search(rf"thesis\.yaml:{between}: correlations\[0\]\.between\[0\]: ", err), err
    assert f"in scenario 'bear' (its override at {path}:{override})" in err, err
    assert "its own correlations" in err
