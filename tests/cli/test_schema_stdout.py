"""``thesis schema --out -`` prints the schema, as ``--csv -`` does, and writes no file '-'."""

from __future__ import annotations

import json

from model.cli.main import main


def test_out_dash_is_standard_output(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["schema", "--out", "-"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["$schema"].startswith("https://json-schema.org/")
    assert not (tmp_path / "-").exists()
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == out
