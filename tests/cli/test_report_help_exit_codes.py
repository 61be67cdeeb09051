"""``thesis report --help`` lists every exit code the README documents for it.

The help gave 0, 1 and 2; a Ctrl-C exits 130 (README "Exit codes"), which a script wrapping a
batch of reports needs to tell apart from a failed run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _codes(text: str) -> set[int]:
    return {
        int(c) for c in re.findall(r"\b(0|1|2|130) (?:ok|success|the run|bad|interrupted)", text)
    }


def test_report_help_gives_the_exit_codes_of_the_readme(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    helptext = " ".join(capsys.readouterr().out.split())
    readme = README.read_text(encoding="utf-8")
    line = next(ln for ln in readme.splitlines() if ln.startswith("Exit codes:"))
    assert _codes(line) == {0, 1, 2, 130}
    assert _codes(helptext) == _codes(line)
