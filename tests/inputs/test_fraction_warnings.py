"""A fraction written as a whole percentage (a margin of 40 meaning 40 %) is a warning on
validate, at its line, with the fraction meant; legitimate large fractions (growth 150 %) pass."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.inputs.assembly.thesis import load_thesis as inner_load
from model.inputs.plausibility import implausible_fractions

DATA = Path(__file__).parents[1] / "valuation" / "data" / "multi_legs.yaml"


def write(tmp_path: Path, *swaps: tuple[str, str]) -> Path:
    text = DATA.read_text().replace("LEGS", "pe: {weight: 1, multiple: pe_exit}")
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    return path


MARGIN = ('  margin:\n    unit: "%"\n    value: 0.30', '  margin:\n    unit: "%"\n    value: 40')
TAX = ('  tax_rate:\n    unit: "%"\n    value: 0.20', '  tax_rate:\n    unit: "%"\n    value: 20')
GROWTH_CI = ("ci90: [0.04, 0.12]", "ci90: [4, 12]")
GROWTH_150 = ("ci90: [0.04, 0.12]", "ci90: [0.8, 1.5]")


def test_the_file_as_written_has_no_warning(tmp_path):
    assert implausible_fractions(model.load_thesis(write(tmp_path))) == []


@pytest.mark.parametrize(
    ("swap", "name", "key", "meant"),
    [(MARGIN, "margin", "value", "0.4"), (TAX, "tax_rate", "value", "0.2"),
     (GROWTH_CI, "sales_growth", "ci90", "[0.04, 0.12]")],
)  # fmt: skip
def test_a_whole_percentage_is_found_with_the_fraction_meant(tmp_path, swap, name, key, meant):
    # Read as written: a tax rate of 20 makes the dividends negative, which a load refuses.
    (found,) = implausible_fractions(inner_load(write(tmp_path, swap)))
    assert found.field == ("assumptions", name, key)
    assert f"did you mean {meant}?" in found.message


def test_growth_of_150_percent_is_legitimate(tmp_path):
    assert implausible_fractions(model.load_thesis(write(tmp_path, GROWTH_150))) == []


def test_validate_warns_at_the_line_and_still_succeeds(tmp_path, capsys):
    path = write(tmp_path, MARGIN)
    line = 1 + path.read_text().splitlines().index("    value: 40")
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"thesis.yaml:{line}: assumptions.margin.value: 40 in unit '%' means 4,000%" in err
    assert "did you mean 0.4?" in err
