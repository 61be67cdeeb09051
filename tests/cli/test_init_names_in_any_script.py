"""``thesis init`` names the files of a thesis in any script after the thesis.

A name with no Latin letter became ``thesis.yaml``, so a second such thesis in the same folder
failed with "thesis.yaml already exists". Letters of other scripts are now kept; accented Latin
letters still fold to their base letter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.authoring import MAX_SLUG, slug
from model.cli.main import main


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("日本電産", "日本電産"),
        ("Nidec 日本電産 (6594)", "nidec-日本電産-6594"),
        ("삼성전자", "삼성전자"),
        ("Müller AG", "muller-ag"),
        ("ＡＢＣ Holdings", "abc-holdings"),
        ("🚀 Rocket_Lab", "rocket-lab"),
        ("🚀", "thesis"),
    ],
)
def test_slug_keeps_letters_of_every_script(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_a_long_name_in_another_script_still_makes_a_file_name() -> None:
    made = slug("日" * 300)
    assert len(made) == MAX_SLUG
    assert len(f"{made}-seeds".encode()) < 255  # the longest name most file systems take


def test_two_theses_in_other_scripts_get_files_of_their_own(tmp_path: Path, capsys) -> None:
    for name in ("日本電産", "任天堂"):
        assert main(["init", name, "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    made = sorted(p.name for p in tmp_path.glob("*.yaml"))
    assert made == ["任天堂.yaml", "日本電産.yaml"]
    thesis = model.load_thesis(tmp_path / "日本電産.yaml")
    assert thesis.name == "日本電産"
