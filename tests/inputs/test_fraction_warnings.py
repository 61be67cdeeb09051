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


@pytest.mark.parametrize(
    ("ci90", "words"),
    [("[0, 4]", "[0.0, 4.0] in unit '%' means 0% to 400%: whole numbers in a fraction unit"),
     ("[2, 3]", "did you mean [0.02, 0.03]?"),
     ("[-3, 1]", "did you mean [-0.03, 0.01]?")],
)  # fmt: skip
def test_whole_numbers_under_the_limit_read_as_whole_percentages(tmp_path, ci90, words):
    # Under the 500% limit of a growth rate, but no analyst writes 2% to 3% as 200% to 300%.
    path = write(tmp_path, ("ci90: [0.04, 0.12]", f"ci90: {ci90}"))
    (found,) = implausible_fractions(model.load_thesis(path))
    assert found.field == ("assumptions", "sales_growth", "ci90")
    assert words in found.message


@pytest.mark.parametrize(
    "ci90", ["[1, 1.5]", "[0, 1]", "[0.5, 2.5]", "[1.5, 3]", "[0, 2]", "[-1, 2]"]
)
def test_growth_with_a_fraction_or_below_200_percent_is_not_read_as_points(tmp_path, ci90):
    # A decimal among them, or whole numbers below 3 (a tripling, a loss of all): as meant.
    path = write(tmp_path, ("ci90: [0.04, 0.12]", f"ci90: {ci90}"))
    assert implausible_fractions(model.load_thesis(path)) == []


def test_a_bounded_quantity_keeps_its_own_limit(tmp_path):
    # A margin of 1 (100%) is at the bounded limit and 2 beyond it: the bounded warning only.
    path = write(tmp_path, (MARGIN[0], '  margin:\n    unit: "%"\n    value: 2'))
    (found,) = implausible_fractions(inner_load(path))
    assert "implausible for a bounded quantity" in found.message


@pytest.mark.parametrize(
    ("params", "warned"),
    [("dist: triangular\n    min: 1\n    mode: 2\n    max: 4", True),
     ("dist: triangular\n    min: 0.1\n    mode: 0.5\n    max: 3", False),
     ("dist: uniform\n    min: 0\n    max: 2", False)],
)  # fmt: skip
def test_a_distributions_numbers_are_read_together(tmp_path, params, warned):
    path = write(tmp_path, ("dist: normal\n    ci90: [0.04, 0.12]", params))
    found = implausible_fractions(model.load_thesis(path))
    assert bool(found) is warned
    if warned:
        (w,) = found
        assert w.field == ("assumptions", "sales_growth", "max")
        assert "means 100% to 400%" in w.message and "did you mean 0.04?" in w.message
        assert w.message.endswith("(and its other numbers alike)")
