"""``thesis report --paths 2`` or ``3``: refused before the run, saying why, rather than failing
after every scenario ran when its rank correlations find too few paths to rank."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli import parsers
from model.cli.main import main
from model.errors import SettingsError
from model.export.job import ReportSettings
from model.scenarios import RunSettings
from model.sensitivities.rank import MIN_RANK_PATHS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "model" / "cli" / "starters" / "growth.yaml")


@pytest.mark.parametrize("paths", ["2", "3"])
def test_too_few_paths_are_refused_at_once(tmp_path, capsys, paths):
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as stop:
        main(["report", EXAMPLE, "--paths", paths, "--seed", "1", "--out", str(out)])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: argument --paths: must be at least 4 (got {paths}): ")
    assert "rank correlation" in err and err.count("\n") == 1
    assert not out.exists()


def test_four_paths_make_a_report(tmp_path, capsys):
    out = tmp_path / "out"
    argv = ["report", EXAMPLE, "--paths", "4", "--seed", "1", "--no-charts", "--no-progress"]
    assert main([*argv, "--out", str(out), "-q"]) == 0
    assert (out / "sensitivity" / "rank_correlation.csv").is_file()


def test_the_python_settings_refuse_them_too():
    with pytest.raises(SettingsError, match=r"at least 4 paths per scenario \(got 3\): its sens"):
        ReportSettings(run=RunSettings(n_paths=3))
    assert parsers._RANKED[0] == MIN_RANK_PATHS
