"""The commands ``thesis init`` suggests next can be pasted into a shell as printed, even for a
folder whose name has spaces."""

from __future__ import annotations

import shlex
from pathlib import Path

from model.cli.main import main


def test_the_next_commands_are_quoted_for_the_shell(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "Acme Robotics", "--out", "my theses"]) == 0
    out = capsys.readouterr().out
    (line,) = [x for x in out.splitlines() if x.startswith("next:")]
    for command in line.removeprefix("next:").split("|"):
        words = shlex.split(command)
        assert words[:2] == ["thesis", words[1]] and len(words) == 3
        assert Path(words[2]).is_file()
