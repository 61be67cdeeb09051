"""The input options of ``load_thesis``: ``allow_read`` (``--allow-read``) names folders (empty
text, a file or a missing folder is refused, in the caller's spelling of the option, and an
empty name never stands for the current folder), and ``repair_correlations`` is True or
False."""

from __future__ import annotations

import pytest

from model.cli.main import main
from model.errors import ThesisError
from model.inputs import load_thesis


@pytest.fixture
def thesis(tmp_path):
    assert main(["init", "acme", "--out", str(tmp_path / "t"), "--template", "growth"]) == 0
    return tmp_path / "t" / "acme.yaml"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("", "{name}: an empty folder name"),
        ("  ", "{name}: an empty folder name"),
        ("{thesis}", "{name} {folder}: is a file, not a folder"),
        ("{missing}", "{name} {folder}: no such folder"),
    ],
)
def test_a_bad_folder_is_refused_in_the_callers_spelling(thesis, tmp_path, capsys, given, message):
    """From Python the message names the argument ``allow_read``; from the command line, the
    option ``--allow-read`` (it named the option to a Python caller, who has none)."""
    folder = given.format(thesis=thesis, missing=tmp_path / "missing")
    with pytest.raises(ThesisError) as info:
        load_thesis(thesis, allow_read=[folder])
    assert message.format(name="allow_read", folder=folder) in str(info.value)
    assert "--allow-read" not in str(info.value)
    capsys.readouterr()
    assert main(["validate", str(thesis), "--allow-read", folder, "-q"]) == 2
    assert message.format(name="--allow-read", folder=folder) in capsys.readouterr().err


def test_a_folder_is_allowed(thesis, tmp_path):
    assert load_thesis(thesis, allow_read=[tmp_path]).name == "acme"


@pytest.mark.parametrize("given", ["/", "{tmp}", 3, "path"])
def test_one_folder_not_in_a_list_is_refused(thesis, tmp_path, given):
    from pathlib import Path

    value = Path(tmp_path) if given == "path" else given
    if isinstance(value, str):
        value = value.format(tmp=tmp_path)
    with pytest.raises(ThesisError, match="allow_read must be a list of folders"):
        load_thesis(thesis, allow_read=value)


def test_a_folder_of_the_wrong_kind_is_refused(thesis, tmp_path):
    with pytest.raises(ThesisError, match=r"a folder must be a str or pathlib\.Path, got bytes"):
        load_thesis(thesis, allow_read=[bytes(str(tmp_path), "utf-8")])


@pytest.mark.parametrize("given", ["no", "false", 0, None])
def test_repair_correlations_is_true_or_false(thesis, given):
    from model.errors import SettingsError

    with pytest.raises(SettingsError, match="repair_correlations must be True or False"):
        load_thesis(thesis, repair_correlations=given)
