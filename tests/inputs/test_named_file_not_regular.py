"""A scenario or evidence file that exists but is no regular file (a named pipe) is named as
such, not as missing, and is never opened (a pipe would wait for a writer)."""

from __future__ import annotations

import os

import pytest

from model.cli.main import main

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("scenario_files: [pipe.yaml]", "scenario_files[0]: scenario file is not a regular file"),
        ("evidence_file: pipe.yaml", "evidence_file: evidence_file file is not a regular file"),
    ],
)
def test_a_pipe_is_not_a_file(tmp_path, capsys, key, message):
    assert main(["init", "acme", "--out", str(tmp_path), "--template", "growth"]) == 0
    path = tmp_path / "acme.yaml"
    os.mkfifo(tmp_path / "pipe.yaml")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nweights:", f"\n{key}\nweights:"), encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(path), "-q"]) == 2
    err = capsys.readouterr().err
    assert message in err and "not found" not in err
