"""A claim on a model line that divides amounts is checked for a whole percentage as the ratio
written out is: ``leverage[2030] > 20`` (a line ``sub_debt / (sub_debt + book)``, 0.23 on the
central path) could never hold and was reported as 0% without a word, while
``sub_debt / book[2030] > 20`` was warned about. A balance over a flow (net debt over a year's
earnings) is a multiple, no part of a whole: a leverage-breach claim of 6 times on a ratio
below 1 is no whole percentage, written out or as a line."""

from __future__ import annotations

import pytest

from tests.inputs.insurer import validate_claim


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(
    ("statement", "side", "number"),
    [
        ("leverage[2030] > 20", "leverage[2030]", "20"),
        ("-leverage[2030] < -20", "-leverage[2030]", "-20"),
        ("sub_debt / book[2030] > 20", "sub_debt / book[2030]", "20"),
        # A flow over a balance is a return (on equity), a fraction too.
        ("earnings[2030] / book[2030] > 12", "earnings[2030] / book[2030]", "12"),
    ],
)
def test_a_line_that_is_a_part_of_a_whole_is_checked(tmp_path, capsys, statement, side, number):
    warnings, line, code = validate_claim(tmp_path, statement, capsys)
    assert code == 0
    (warning,) = warnings
    assert warning.startswith(
        f"warning: insurer.yaml:{line}: scorecard.the_claim.statement: compares '{side}' ("
    ), warning
    assert f"a fraction) with {number}, which means " in warning, warning
    assert warning.endswith(f"did you mean {float(number) / 100:g}?"), warning


@pytest.mark.parametrize(
    "statement",
    [
        # A balance over a flow: a leverage of net debt to earnings breaching 6 times.
        "net_debt_2025 / earnings[2030] > 6",
        "debt_cover[2030] > 6",
        "-debt_cover[2030] < -6",
        # The leverage line as a fraction.
        "leverage[2030] < 0.25",
        "leverage[2030] > 0.2",
    ],
)
def test_multiples_and_fractions_are_left_alone(tmp_path, capsys, statement):
    warnings, _, code = validate_claim(tmp_path, statement, capsys)
    assert code == 0
    assert warnings == []


@pytest.mark.parametrize(
    ("statement", "side", "number"),
    [
        ("leverage[2030] < 25", "leverage[2030]", "25"),
        ("leverage[2030] < 3", "leverage[2030]", "3"),
        ("30 > sub_debt / (sub_debt + book[2030])", "sub_debt / (sub_debt + book[2030])", "30"),
    ],
)
def test_a_part_of_its_total_held_under_a_whole_percentage_is_warned_about(
    tmp_path, capsys, statement, side, number
):
    """A part over a total that adds it (0.23) held under 25 always holds: no leverage under a
    covenant of 25 times, which a ratio of amounts of unknown make may be."""
    warnings, line, code = validate_claim(tmp_path, statement, capsys)
    assert code == 0
    (warning,) = warnings
    assert warning.startswith(
        f"warning: insurer.yaml:{line}: scorecard.the_claim.statement: compares '{side}' ("
    ), warning
    assert warning.endswith(f"did you mean {float(number) / 100:g}?"), warning


@pytest.mark.parametrize(
    "statement", ["sub_debt / book[2030] < 6", "net_debt_2025 / earnings[2030] < 6"]
)
def test_other_ratios_held_under_a_number_are_left_alone(tmp_path, capsys, statement):
    warnings, _, code = validate_claim(tmp_path, statement, capsys)
    assert (code, warnings) == (0, [])
