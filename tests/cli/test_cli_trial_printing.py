"""What implied, attribute and update print: ordinal percentiles, a fixed assumption said to be
fixed, the attribution as a table, and the low-effective-sample note at the top."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.valuation.finance.implied import percentile_text

DATA = Path(__file__).parents[1] / "valuation" / "data" / "multi_legs.yaml"
LEGS = (
    "pe: {weight: 0.5, multiple: pe_exit}\n"
    "      dcf: {weight: 0.5, discount_rate: wacc, terminal_growth: long_growth}"
)
BEAR = """
scenarios:
  bear:
    label: "Bear: growth stalls"
    rationale: {estimate: "Orders stall in a downturn of the customers' industries"}
    overrides:
      sales_growth:
        unit: "%"
        value: 0.0
        source: {estimate: "Sales stay flat through the horizon in the bear case"}
      pe_exit:
        unit: x
        value: 14
        source: {estimate: "The multiple falls to the market's in the bear case"}
"""


@pytest.fixture
def thesis_path(tmp_path: Path) -> Path:
    path = tmp_path / "thesis.yaml"
    path.write_text(DATA.read_text().replace("LEGS", LEGS) + BEAR)
    return path


@pytest.mark.parametrize(
    ("p", "text"),
    [(0.97, "at the 97th percentile"), (0.21, "at the 21st percentile"),
     (0.02, "at the 2nd percentile"), (0.13, "at the 13th percentile"),
     (0.033, "at the 3rd percentile"), (0.001, "below the 1st percentile"),
     (0.999, "above the 99th percentile")],
)  # fmt: skip
def test_percentiles_are_ordinals(p, text):
    assert percentile_text(p) == text


def test_implied_says_a_fixed_assumption_is_fixed(thesis_path):
    fixed = model.implied(model.load_thesis(thesis_path), solve_for="wacc", bounds=(0.04, 0.3))
    text = fixed.describe()
    assert "the thesis fixes wacc at 9.00%" in text
    assert "distribution lies below" not in text
    drawn = model.implied(model.load_thesis(thesis_path), solve_for="sales_growth", n_paths=2000)
    text = drawn.describe()
    assert "of the thesis' distribution lies below" in text
    assert "% percentile" not in text
    sits = r"the price sits (at the \d+(st|nd|rd|th)|below the 1st|above the 99th) percentile"
    assert re.search(sits, text)


def test_attribute_prints_a_table_not_a_repr(thesis_path, capsys):
    assert main(["attribute", str(thesis_path), "--from", "bear", "--to", "base",
                 "--paths", "1000"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "<Attribution" not in out
    lines = out.splitlines()
    assert lines[0].startswith("Attribution of value_today from bear to base (USD/share): ")
    assert lines[1].split() == ["step", "median", "change", "mean", "change", "±", "se",
                                "median", "level", "assumptions"]  # fmt: skip
    assert lines[2].lstrip().startswith("bear (2029)")
    assert lines[-2].lstrip().startswith("base (2029)")
    assert lines[-1].startswith("seed ")  # fresh, printed so the run can be repeated


def test_update_puts_the_low_effective_sample_note_at_the_top(thesis_path, tmp_path, capsys):
    evidence = tmp_path / "evidence.yaml"
    evidence.write_text(
        "format: 1\nevidence:\n  growth_2026:\n"
        '    quantity: "revenue[2026] / revenue[2025] - 1"\n    unit: "%"\n'
        "    value: 0.115\n    sd: 0.002\n"
        '    source: {estimate: "A tight reading of next year\'s growth, to leave few paths"}\n'
    )
    assert main(["update", str(thesis_path), "--evidence", str(evidence),
                 "--paths", "2000"]) == 0  # fmt: skip
    captured = capsys.readouterr()
    lines, notes = captured.out.splitlines(), captured.err.splitlines()
    assert "effective paths of 2,000" in lines[0]
    # The note is on stderr (printed before the tables), never among them on stdout.
    assert notes[0].startswith("note: low effective sample: the evidence leaves ")
    assert "--resimulate" in notes[0]
    assert not any(line.startswith(("note:", "warning:")) for line in lines)
    assert not any(line.startswith("warning: the evidence leaves") for line in notes)
