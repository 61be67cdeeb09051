"""``thesis run --paths 1``: one drawn path, shown with its errors as n/a and exported with
them blank; the commands whose figures need a spread of paths refuse fewer, naming the minimum
and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "alibaba.yaml")
ONE = ["--paths", "1", "--seed", "1", "--no-progress"]


def test_run_of_one_path_prints_its_values_and_no_errors(capsys):
    assert main(["run", THESIS, *ONE]) == 0
    text = capsys.readouterr().out
    assert "1 path," in text and "P(upside):" in text and "± n/a" in text
    assert "Scorecard" in text


def test_run_of_one_path_as_json_has_null_errors(capsys):
    assert main(["run", THESIS, *ONE, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    (row,) = [r for r in doc["returns"] if r["year"] == doc["exit_year"]]
    assert row["n"] == 1 and row["p_upside_se"] is None and row["value_p50"] is not None


def test_run_help_says_one_path_is_allowed(capsys):
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    assert "1 path" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize(
    ("argv", "least"),
    [
        (["compare", THESIS], 2),
        (["report", THESIS, "--out", "{tmp}/r"], 4),
        (["sensitivity", THESIS, "--method", "rank"], 4),
    ],
)
def test_commands_that_need_a_spread_refuse_one_path(argv, least, tmp_path, capsys):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    try:
        code = main([*argv, *ONE])
    except SystemExit as stop:  # refused by the parser, before anything loads
        code = stop.code
    assert code == 2
    err = capsys.readouterr().err
    assert f"at least {least}" in err and "Traceback" not in err
    assert "thesis run" in err or "spread" in err or "rank" in err
    assert not (tmp_path / "r").exists()


def test_run_of_one_path_writes_its_export(tmp_path, capsys):
    import pandas as pd

    out = tmp_path / "check"
    assert main(["run", THESIS, *ONE, "--out", str(out), "--no-charts"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    returns = pd.read_csv(out / "returns.csv")
    assert (returns["n"] == 1).all() and returns["value_p50"].notna().all()
    assert returns.filter(like="_se").isna().all().all()
    assert json.loads((out / "manifest.json").read_text("utf-8"))["n_paths"] == 1


def test_run_help_no_longer_refuses_an_export_of_one_path(capsys):
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    assert "not exported" not in " ".join(capsys.readouterr().out.split())
