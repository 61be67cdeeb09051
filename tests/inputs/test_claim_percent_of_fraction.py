"""A scorecard claim that scales a fraction to a percentage and compares it with a fraction,
``roe * 100 > 0.12`` (ROE above 12% meant), holds on every path without a word: ``validate``
warns at the statement with both ways to write it. A percentage compared with a percentage, or
with a small number far from the fraction (a percentage on purpose), is left alone."""

from __future__ import annotations

import pytest

import model
from model.errors import ThesisModelWarning
from tests.inputs.insurer import validate_claim


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(
    ("statement", "side", "fraction", "ways"),
    [
        ("roe * 100 > 0.12", "roe * 100", "roe", ("roe > 0.12", "roe * 100 > 12")),
        ("100 * roe >= 0.1", "100 * roe", "roe", ("roe >= 0.1", "100 * roe >= 10")),
        # The number on the left reads the comparison from the side: 0.12 < x is x > 0.12.
        ("0.12 < roe / 0.01", "roe / 0.01", "roe", ("roe > 0.12", "roe / 0.01 > 12")),
        # A ratio of two lines, a pure number, scaled the same way.
        (
            "earnings[2028] / book[2028] * 100 > 0.12",
            "earnings[2028] / book[2028] * 100",
            "earnings[2028] / book[2028]",
            ("earnings[2028] / book[2028] > 0.12",),
        ),
    ],
)
def test_a_percentage_compared_with_a_fraction_is_warned_about(
    tmp_path, capsys, statement, side, fraction, ways
):
    warnings, line, code = validate_claim(tmp_path, statement, capsys)
    assert code == 0
    (warning,) = warnings
    assert warning.startswith(
        f"warning: insurer.yaml:{line}: scorecard.the_claim.statement: compares {side}, a "
        "percentage ("
    ), warning
    assert f"a fraction like {fraction} itself" in warning, warning
    for way in ways:
        assert f"({way})" in warning, warning


@pytest.mark.parametrize(
    "statement",
    [
        "roe * 100 > 12",
        "roe > 0.12",
        # Far from the fraction (0.16): a percentage of half a point, on purpose.
        "roe * 100 > 0.5",
        "roe * 100 > -0.12",
        "roe * 10 > 0.12",
    ],
)
def test_percentages_and_fractions_compared_alike_are_left_alone(tmp_path, capsys, statement):
    warnings, _, code = validate_claim(tmp_path, statement, capsys)
    assert (code, warnings) == (0, [])


def test_the_result_warns_at_the_statement_it_evaluates(tmp_path, capsys):
    validate_claim(tmp_path, "roe > 0.12", capsys)
    result = model.simulate(model.load_thesis("insurer.yaml"), n_paths=64, seed=1)
    # Every input is fixed: ROE is 16% on each path, so the slipped claim always holds.
    with pytest.warns(ThesisModelWarning, match=r"^statement 'roe \* 100 > 0.12': compares"):
        assert result.prob("roe * 100 > 0.12").p == 1.0
