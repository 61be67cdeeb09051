"""Messages name an option or field once, and call a folder a folder: ``--chart x.png`` that
exists, ``previous: .``, ``scenario_files: [.]`` and ``attribute --from FOLDER/``."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


def _error(capsys, args: list[str]) -> str:
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    return err


def test_existing_chart_file_names_the_option_once(tmp_path, capsys) -> None:
    chart = tmp_path / "x.png"
    chart.write_bytes(b"mine")
    err = _error(capsys, ["implied", str(TEMPLATE), "--solve-for", "x", "--chart", str(chart)])
    assert err.count("--chart") == 1, err
    assert "did not write it" in err
    assert chart.read_bytes() == b"mine"


@pytest.mark.parametrize(
    ("line", "field"), [("previous: .", "previous"), ("scenario_files: [.]", "scenario_files")]
)
def test_a_folder_named_as_a_file_is_called_a_folder(tmp_path, capsys, line, field) -> None:
    thesis = tmp_path / "thesis.yaml"
    text = TEMPLATE.read_text(encoding="utf-8").rstrip("\n") + f"\n{line}\n"
    thesis.write_text(text, encoding="utf-8")
    err = _error(capsys, ["validate", str(thesis)])
    at = len(text.splitlines())
    assert f"thesis.yaml:{at}: {field}" in err, err
    assert "is a folder" in err
    assert "not found" not in err
    assert err.count(field) == 1, err


def test_attribute_from_a_folder_says_folder(tmp_path, capsys) -> None:
    err = _error(capsys, ["attribute", str(TEMPLATE), "--from", f"{tmp_path}/"])
    assert "is a folder" in err
    assert "no such" not in err
