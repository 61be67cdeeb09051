"""``thesis init`` names the file after the thesis with accents folded, not dropped:
"Müller AG" used to become ``m-ller-ag.yaml``."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.authoring import slug
from model.cli.main import main


@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("Müller AG", "muller-ag"),
        ("Société Générale", "societe-generale"),
        ("Ørsted A/S", "orsted-a-s"),
        ("Straße & Söhne", "strasse-sohne"),
        ("Ｆｕｌｌ Width", "full-width"),
        ("阿里巴巴", "阿里巴巴"),  # other scripts are kept (see test_init_names_in_any_script)
    ],
)
def test_accents_are_folded(name: str, file: str) -> None:
    assert slug(name) == file


def test_init_writes_the_folded_name(tmp_path: Path, capsys) -> None:
    assert main(["init", "Crédit Agricole", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "credit-agricole.yaml").is_file()
    assert main(["validate", str(tmp_path / "credit-agricole.yaml"), "-q"]) == 0


@pytest.mark.parametrize("template", ["growth", "segments"])
def test_a_long_name_makes_a_file_name_the_system_accepts(tmp_path: Path, capsys, template) -> None:
    # The file name is kept short whatever the name (a long one once gave "File name too long").
    name = "Very Long Holdings " * 10
    assert main(["init", name, "--out", str(tmp_path), "--template", template]) == 0
    (written,) = tmp_path.glob("*.yaml")
    assert len(written.stem) <= 80 and not written.stem.endswith("-")
    assert main(["validate", str(written), "-q"]) == 0


def test_a_name_too_long_for_a_title_is_refused_before_anything_is_written(tmp_path, capsys):
    # The starter would carry it as its name and company, which validate refuses past 200.
    assert main(["init", "Very Long Holdings " * 16, "--out", str(tmp_path)]) == 2
    assert "at most 200 characters" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
