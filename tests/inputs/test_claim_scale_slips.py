"""A scorecard claim comparing money with a bare number reads the number in the unit of what it
is compared with: a model line in the model's unit (``GBP m``). ``book[2030] > 6`` meant 6 bn
held on every path (book is 5,300 m) and ``dividends_per_share[2028] > 9`` meant 9p failed on
every path (the unit is pounds), both without a word: a number a power of 1000 off the central
value (or a hundredth, for a per-share amount) is warned about at the statement with the number
meant. A number far out on purpose (ten times the central value) is left alone."""

from __future__ import annotations

import pytest

from model.errors import ThesisModelWarning
from tests.inputs.insurer import validate_claim


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(
    ("statement", "side", "reads", "centre", "meant"),
    [
        ("book[2030] > 6", "book[2030]", "6 in GBP m", "5310 GBP m", "6000 (6 GBP bn)"),
        ("6.5 <= book[2030]", "book[2030]", "6.5 in GBP m", "5310 GBP m", "6500 (6.5 GBP bn)"),
        (
            "book[2030] - book[2025] > 1",
            "book[2030] - book[2025]",
            "1 in GBP m",
            "1110 GBP m",
            "1000 (1 GBP bn)",
        ),
        # Written in pounds where the model counts in millions: a million times too large.
        (
            "earnings[2030] > 900000000",
            "earnings[2030]",
            "900,000,000 in GBP m",
            "810.6 GBP m",
            "900",
        ),
        # A count of shares in shares bn, the number in millions.
        (
            "shares[2030] < 6000",
            "shares[2030]",
            "6000 in shares bn",
            "5.8 shares bn",
            "6 (6000 shares m)",
        ),
        (
            "dividends_per_share[2028] > 9",
            "dividends_per_share[2028]",
            "9 in GBP/share",
            "0.08908 GBP/share",
            "0.09 (9 pence)",
        ),
    ],
)
def test_a_number_in_another_scale_is_warned_about(
    tmp_path, capsys, statement, side, reads, centre, meant
):
    warnings, line, code = validate_claim(tmp_path, statement, capsys)
    assert code == 0
    (warning,) = warnings
    assert warning.startswith(
        f"warning: insurer.yaml:{line}: scorecard.the_claim.statement: reads "
    ), warning
    assert f": reads {reads}; " in warning, warning
    assert f"{side} is {centre} on the central path" in warning, warning
    assert f"did you mean {meant}" in warning, warning
    assert warning.endswith("read in the unit of what it is compared with"), warning


@pytest.mark.parametrize(
    "statement",
    [
        "book[2030] > 6000",
        "book[2030] > 5000 and dividends_per_share[2028] > 0.09",
        # Far out on purpose: ten times, or a tenth of, the central value.
        "book[2030] > 53000",
        "book[2030] < 530",
        "dividends_per_share[2028] > 1",
        # An assumption reads the number in its own unit (GBP bn).
        "book_2025 > 4",
        "earnings[2030] > 0",
        "value_per_share[2030] > 2.4",
        # A number the claim scales itself.
        "book[2030] / 1000 > 6",
        "shares[2030] < 6",
        "shares[2030] < 60",
    ],
)
def test_numbers_in_the_claims_scale_are_left_alone(tmp_path, capsys, statement):
    warnings, _, code = validate_claim(tmp_path, statement, capsys)
    assert code == 0
    assert warnings == []


def test_a_sum_reads_its_number_in_its_first_terms_unit(tmp_path, capsys):
    """As the README says, and as a run scores it: first in GBP m (book), then in GBP bn."""
    import model

    warnings, _, _ = validate_claim(tmp_path, "book[2030] + sub_debt > 7", capsys)
    (warning,) = warnings
    assert ": reads 7 in GBP m; book[2030] + sub_debt is 6910 GBP m" in warning, warning
    warnings, _, code = validate_claim(tmp_path, "sub_debt + book[2030] > 7", capsys)
    assert (code, warnings) == (0, [])
    # Every input is fixed, so each path is the central one: 6.91 bn is above 7 m, not 7 bn.
    result = model.simulate(model.load_thesis("insurer.yaml"), n_paths=64, seed=1)
    # Evaluated on the result too, the slipped statement is warned about, naming it.
    said = r"^statement 'book\[2030\] \+ sub_debt > 7': reads 7 in GBP m"
    with pytest.warns(ThesisModelWarning, match=said):
        assert result.prob("book[2030] + sub_debt > 7").p == 1.0
    assert result.prob("sub_debt + book[2030] > 7").p == 0.0
