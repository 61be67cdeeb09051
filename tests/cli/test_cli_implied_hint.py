"""No root in the range: the hint names the command line's option as well as the API's."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"


def test_no_root_names_the_bounds_option(capsys):
    assert main(["implied", str(THESIS), "--solve-for", "wacc"]) == 2
    err = capsys.readouterr().err
    assert "--bounds LOW HIGH" in err, err
