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
        ("阿里巴巴", "thesis"),
    ],
)
def test_accents_are_folded(name: str, file: str) -> None:
    assert slug(name) == file


def test_init_writes_the_folded_name(tmp_path: Path, capsys) -> None:
    assert main(["init", "Crédit Agricole", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "credit-agricole.yaml").is_file()
    assert main(["validate", str(tmp_path / "credit-agricole.yaml"), "-q"]) == 0
