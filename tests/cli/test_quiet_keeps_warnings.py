"""``-q`` silences the summary and the chatter, never a warning about the thesis."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

WARNING = "did you mean 0.2?"


@pytest.fixture
def percent_thesis(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A starter whose tax rate is written as a whole percentage (20 for 20 %)."""
    assert main(["init", "acme", "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    path = tmp_path / "acme.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    value: 0.20\n" in text
    path.write_text(text.replace("    value: 0.20\n", "    value: 20\n"), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["validate", "--all-scenarios"],
        ["run", "--paths", "200", "--seed", "1", "--no-progress"],
    ],
)
def test_quiet_prints_the_warning_on_stderr(
    command: list[str], percent_thesis: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command, str(percent_thesis)]) == 0
    loud = capsys.readouterr()
    assert WARNING in loud.err
    assert main([*command, str(percent_thesis), "-q"]) == 0
    quiet = capsys.readouterr()
    assert quiet.out == ""
    assert WARNING in quiet.err
