"""A scorecard claim over a per-year output without a [year] is bad input at its line.

``sales > 20`` is one truth value per year, not one per path: ``validate`` said OK, then every
run failed with a message naming neither the file nor the line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
OLD = 'statement: "sales[2028] >= 2 * sales[2025]"'
STATEMENTS = [
    "sales > 20",
    "sales[2028] > 20 and operating_profit > 1",
    "operating_profit / sales > 0.2",
]


def _copy(tmp_path: Path, statement: str) -> tuple[Path, int]:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert OLD in text
    text = text.replace(OLD, f'statement: "{statement}"', 1)
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    return path, next(i for i, s in enumerate(text.splitlines(), 1) if statement in s)


@pytest.mark.parametrize("statement", STATEMENTS)
@pytest.mark.parametrize("command", ["validate", "run"])
def test_the_command_line_names_the_claim(tmp_path, capsys, command, statement):
    path, line = _copy(tmp_path, statement)
    extra = {"run": ["--paths", "1000", "--seed", "1", "--no-progress"]}.get(command, [])
    assert main([command, str(path), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    field = r"scorecard\.sales_double_by_2028\.statement"
    assert re.search(rf"thesis\.yaml:{line}: {field}: ", err), err
    assert "one truth value per year" in err and "select a year, e.g. " in err


def test_a_claim_with_years_still_validates(tmp_path, capsys):
    path, _ = _copy(tmp_path, "sales[2028] > 20 and operating_profit[2028] > 1")
    assert main(["validate", str(path), "-q"]) == 0


def test_simulate_raises_a_located_thesis_error(tmp_path):
    path, line = _copy(tmp_path, STATEMENTS[0])
    with pytest.raises(ThesisError) as info:
        model.simulate(model.load_thesis(path), n_paths=1000, seed=1)
    assert info.value.line == line
