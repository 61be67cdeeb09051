"""thesis validate refuses an evidence: entry as thesis update would: a quantity the model
does not have, a per-year one without its year, a year off the horizon or a true/false
statement is said at the entry's line with exit 2, not passed as OK for update to refuse."""

from __future__ import annotations

import pytest
from test_thesis_sections import EVIDENCE

from model.cli.main import main


def _line_of(path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(
    ("quantity", "words"),
    [
        ("growht", "growht"),
        ("sales", "select a year"),
        ("sales[2040]", "2040"),
        ("growth > 0", "true/false"),
    ],
)
def test_validate_refuses_an_observation_update_would_refuse(
    tmp_path, write_vintage, capsys, quantity, words
):
    path = write_vintage(
        tmp_path / "example.yaml",
        extra_top=EVIDENCE.replace('quantity: "growth"', f'quantity: "{quantity}"'),
    )
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    line = _line_of(path, f'quantity: "{quantity}"')
    assert f"example.yaml:{line}: evidence.growth_seen: " in err and words in err, err
    assert "Traceback" not in err
    # update refuses it too, at the same entry
    assert main(["update", str(path), "--paths", "200", "--seed", "1"]) == 2
    assert f"example.yaml:{line}: evidence.growth_seen: " in capsys.readouterr().err


def test_validate_passes_an_observation_of_the_model(tmp_path, write_vintage):
    path = write_vintage(tmp_path / "example.yaml", extra_top=EVIDENCE)
    assert main(["validate", str(path), "-q"]) == 0
