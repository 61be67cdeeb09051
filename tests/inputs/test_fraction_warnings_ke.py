"""A cost of equity named by its usual symbol (``ke``) written as a whole percentage warns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.inputs.plausibility import implausible_fractions

WACC = '  wacc:\n    unit: "%"\n    value: 0.085'


def _example(body: str, tmp_path: Path, name: str, value: str) -> Path:
    assert WACC in body
    body = body.replace(WACC, WACC.replace("0.085", value))
    path = tmp_path / "example.yaml"
    path.write_text(re.sub(r"\bwacc\b", name, body), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["ke", "k_e", "coe", "ke_2025"])
def test_a_cost_of_equity_of_450_percent_is_flagged(
    readme_example, tmp_path: Path, name: str
) -> None:
    # README's valuation example names the cost of equity 'ke'; 4.5 meaning 4.5% ran silently
    # (the any-fraction limit is 500%), discounting at 450% a year.
    (found,) = implausible_fractions(
        model.load_thesis(_example(readme_example, tmp_path, name, "4.5"))
    )
    assert found.field == ("assumptions", name, "value")
    assert "did you mean 0.045?" in found.message


def test_validate_warns_at_the_line(readme_example, tmp_path: Path, capsys) -> None:
    path = _example(readme_example, tmp_path, "ke", "8.5")
    line = 1 + path.read_text().splitlines().index("    value: 8.5")
    assert main(["validate", str(path)]) == 0
    assert f"example.yaml:{line}: assumptions.ke.value: 8.5 in unit '%'" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["ke", "stroke_rate_growth", "bike_sales"])
def test_the_fraction_as_meant_and_other_words_pass(
    readme_example, tmp_path: Path, name: str
) -> None:
    # 'ke' inside a word (stroke, bike) is not the symbol.
    value = "0.085" if name == "ke" else "4.5"
    if name == "stroke_rate_growth":
        value = "1.5"  # growth of 150% is legitimate
    assert (
        implausible_fractions(model.load_thesis(_example(readme_example, tmp_path, name, value)))
        == []
    )
