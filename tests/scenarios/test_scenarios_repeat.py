"""A scenario named twice is refused, naming it, by ``report`` and ``compare`` alike (the
report used to run it once without a word, as if it had been asked for once)."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import SettingsError
from model.export.job import ReportSettings

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"


def test_the_report_refuses_a_repeated_scenario(tmp_path, capsys):
    out = tmp_path / "out"
    args = ["report", str(THESIS), "--scenarios", "base", "bull", "base"]
    code = main([*args, "--paths", "64", "--seed", "1", "--out", str(out), "--no-charts"])
    err = capsys.readouterr().err
    assert code == 2
    assert "scenarios repeat: base; give each scenario once" in err
    assert not out.exists()  # refused before anything runs


def test_compare_names_the_repeated_scenario(capsys):
    code = main(["compare", str(THESIS), "--scenarios", "bull", "bull", "--paths", "64", "-q"])
    assert code == 2
    assert "scenarios repeat: bull; give each scenario once" in capsys.readouterr().err


def test_the_python_api_refuses_it_too():
    with pytest.raises(SettingsError, match="scenarios repeat: bear; give each scenario once"):
        ReportSettings(scenarios=("bull", "bear", "bear"))
    with pytest.raises(SettingsError, match="scenarios repeat: bull; give each scenario once"):
        model.compare(THESIS, ["bull", "base", "bull"], n_paths=64, seed=1)


def test_distinct_scenarios_are_accepted():
    assert ReportSettings(scenarios=("bull", "base")).scenarios == ("bull", "base")
