"""thesis validate checks the vintage a thesis names as previous:, as the report would run it."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

OLD = {"as_of": "2022-06-30", "first": 2022, "last": 2026, "price": 100}


def test_validate_finds_a_problem_in_the_previous_vintage(tmp_path: Path, write_vintage, capsys):
    # The old vintage quotes a price dated after its own valuation date: a run refuses it.
    write_vintage(tmp_path / "example-2022.yaml", **OLD)
    old = tmp_path / "example-2022.yaml"
    old.write_text(
        old.read_text(encoding="utf-8").replace("date: 2022-06-30", "date: 2022-09-30"),
        encoding="utf-8",
    )
    new = write_vintage(tmp_path / "example.yaml", extra_top="previous: example-2022.yaml")
    code = main(["validate", str(new)])
    err = capsys.readouterr().err
    assert code == 2
    assert "example-2022.yaml:" in err and "thesis.price.date" in err


def test_validate_passes_with_a_sound_previous_vintage(tmp_path: Path, write_vintage, capsys):
    write_vintage(tmp_path / "example-2022.yaml", **OLD)
    new = write_vintage(tmp_path / "example.yaml", extra_top="previous: example-2022.yaml")
    assert main(["validate", str(new), "-q"]) == 0
