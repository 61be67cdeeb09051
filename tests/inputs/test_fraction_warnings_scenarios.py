"""A whole percentage written in a scenario's override is warned about by every command that
may apply it, not only by ``validate --scenario NAME``.

A bull case's ``margin_target`` of ``25`` (meaning 25 %) ran as 2,500 % without a word in
``validate --all-scenarios``, ``run``, ``compare`` and ``report``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
BULL = "    overrides:\n      fade_year:\n"
OVERRIDE = """    overrides:
      margin_target:
        unit: "%"
        value: 25
        source: {estimate: "A second generation sells at a premium"}
      fade_year:
"""


def _copy(tmp_path: Path) -> tuple[Path, int]:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert text.count(BULL) == 1
    text = text.replace(BULL, OVERRIDE)
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s == "        value: 25")
    return path, line


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "--all-scenarios"],
        ["validate"],
        ["run", "--paths", "1000", "--seed", "1", "--no-progress"],
        ["compare", "--paths", "1000", "--seed", "1", "--no-progress"],
    ],
)
def test_the_override_is_warned_about_once_at_its_line(tmp_path, capsys, command):
    path, line = _copy(tmp_path)
    assert main([command[0], str(path), *command[1:]]) == 0
    err = capsys.readouterr().err
    field = "scenarios.bull.overrides.margin_target.value"
    assert err.count(f"{path}:{line}: {field}: 25 in unit '%' means 2,500%") == 1, err
