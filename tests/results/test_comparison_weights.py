"""A blend without weights says how to give them, on the command line as in Python."""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def test_blend_without_weights_says_to_add_the_section(tmp_path: Path, capsys) -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    body, _, _ = found.group(1).partition("\nweights:\n")
    path = tmp_path / "example.yaml"
    path.write_text(body + "\n", encoding="utf-8")
    assert main(["run", str(path), "--blend", "--paths", "2000", "--seed", "1"]) == 2
    err = capsys.readouterr().err
    # A command-line user cannot pass weights={...}: the file is where they go.
    assert "add one to the thesis file" in err and "Traceback" not in err
