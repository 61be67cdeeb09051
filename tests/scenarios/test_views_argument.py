"""``views``: a list of tags, each once; one string or a repeated tag is refused in those terms
(it used to read '2022' as four tags, or say that scenarios the caller never listed repeat)."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import SettingsError
from model.scenarios.run import view_scenarios

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(THESIS)


def test_one_string_is_refused(thesis):
    with pytest.raises(SettingsError, match="views must be a list of view tags, not one string"):
        model.views(thesis, "2022", n_paths=64, seed=1)
    with pytest.raises(SettingsError, match="not one string"):
        view_scenarios(thesis, "2022")


def test_a_repeated_view_is_named(thesis):
    with pytest.raises(SettingsError, match="views repeat: 2022; give each view once"):
        model.views(thesis, ["2022", "2025", "2022"], n_paths=64, seed=1)


def test_the_command_line_says_the_views_repeat(capsys):
    code = main(["compare", str(THESIS), "--views", "2022", "2022", "--paths", "64", "-q"])
    assert code == 2
    err = capsys.readouterr().err
    assert "views repeat: 2022" in err and "scenarios repeat" not in err


def test_distinct_views_still_compare(thesis):
    assert view_scenarios(thesis, ["2022"]) == ["crackdown_redux"]
