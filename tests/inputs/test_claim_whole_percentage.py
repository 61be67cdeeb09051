"""A scorecard claim comparing a fraction with a whole percentage (``margin[2029] > 20``,
meaning 20 %) can never hold, and was reported as a probability of 0 without a word: it is
warned about at its statement, with the fraction meant, as an assumption's whole percentage
is. A claim on a fraction within its limits, or on an amount, is left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

OLD = '"operating_profit[2029] / sales[2029] > 0.20"'


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Run in the thesis' folder, so messages name it as ``acme.yaml``."""
    monkeypatch.chdir(tmp_path)


def _validate(tmp_path, capsys, statement: str) -> tuple[str, int]:
    """Validate the growth starter with one claim's statement replaced: (stderr, its line)."""
    assert main(["init", "acme", "--out", str(tmp_path), "--template", "growth"]) == 0
    path = tmp_path / "acme.yaml"
    text = path.read_text(encoding="utf-8")
    assert OLD in text
    text = text.replace(OLD, f'"{statement}"')
    path.write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if statement in t)
    capsys.readouterr()
    assert main(["validate", str(path), "-q"]) == 0
    return capsys.readouterr().err, line


@pytest.mark.parametrize(
    ("statement", "number", "meant"),
    [("margin[2029] > 20", "20", "0.2"), ("-25 >= growth_rate[2027]", "-25", "-0.25")],
)
def test_a_whole_percentage_in_a_claim_is_warned_about(tmp_path, capsys, statement, number, meant):
    err, line = _validate(tmp_path, capsys, statement)
    (warning,) = [w for w in err.splitlines() if "compares" in w]
    name = statement.replace("-25 >= ", "").split("[")[0]
    assert warning.startswith(
        f"warning: acme.yaml:{line}: scorecard.margin_reaches_20pct.statement: compares "
        f"'{name}' (unit '%') with {number}, which means "
    )
    assert warning.endswith(f"did you mean {meant}?")


@pytest.mark.parametrize(
    "statement", ["margin[2029] > 0.2", "sales[2029] > 20", "margin[2029] > 1"]
)
def test_plausible_claims_are_left_alone(tmp_path, capsys, statement):
    err, _ = _validate(tmp_path, capsys, statement)
    assert "compares" not in err


@pytest.mark.parametrize(
    ("statement", "side"),
    [
        ("operating_profit[2029] / sales[2029] > 20", "operating_profit[2029] / sales[2029]"),
        ("15 < operating_profit[2029] / sales[2029]", "operating_profit[2029] / sales[2029]"),
        ("margin[2029] - margin[2027] > 10", "margin[2029] - margin[2027]"),
    ],
)
def test_an_expression_whose_values_are_fractions_is_warned_about(
    tmp_path, capsys, statement, side
):
    err, line = _validate(tmp_path, capsys, statement)
    (warning,) = [w for w in err.splitlines() if "compares" in w]
    number = statement.replace(side, "").strip(" <>")
    assert warning.startswith(
        f"warning: acme.yaml:{line}: scorecard.margin_reaches_20pct.statement: compares '{side}' ("
    ), warning
    assert "on the central path, a fraction) with " in warning
    assert warning.endswith(f"did you mean {float(number) / 100:g}?"), warning


@pytest.mark.parametrize(
    "statement",
    [
        "value_per_share[2029] / eps[2029] > 20",
        "sales[2029] / operating_profit[2029] > 20",
        "operating_profit[2029] / sales[2029] > 0.2",
        # Below zero on the central path (as a net debt over profit, a leverage): no share.
        "(operating_profit[2029] - sales[2029]) / sales[2029] < 6",
    ],
)
def test_ratios_that_are_not_fractions_are_left_alone(tmp_path, capsys, statement):
    err, _ = _validate(tmp_path, capsys, statement)
    assert "compares" not in err, err


@pytest.mark.parametrize(
    ("statement", "side", "number"),
    [
        # A fraction in a minus sign is the fraction against the number's opposite.
        (
            "-(operating_profit[2029] / sales[2029]) < -20",
            "-(operating_profit[2029] / sales[2029])",
            "-20",
        ),
        # A line over an assumption: the assumption's central value is read too.
        ("operating_profit[2029] / sales_2025 > 20", "operating_profit[2029] / sales_2025", "20"),
        # A difference of margins keeps their unit: a fraction whatever its sign...
        ("margin[2029] - margin[2027] < -5", "margin[2029] - margin[2027]", "-5"),
        ("margin[2029] - margin_2025 > 10", "margin[2029] - margin_2025", "10"),
        # ... and one of margins alone lies within 1: 3 means 300%.
        ("margin[2029] - margin[2027] > 3", "margin[2029] - margin[2027]", "3"),
        (
            "growth_rate[2029] - growth_rate[2026] < -8",
            "growth_rate[2029] - growth_rate[2026]",
            "-8",
        ),
    ],
)
def test_more_fractions_compared_with_whole_percentages_are_warned_about(
    tmp_path, capsys, statement, side, number
):
    err, line = _validate(tmp_path, capsys, statement)
    (warning,) = [w for w in err.splitlines() if "compares" in w]
    assert warning.startswith(
        f"warning: acme.yaml:{line}: scorecard.margin_reaches_20pct.statement: compares '{side}' ("
    ), warning
    assert f"a fraction) with {number}, which means " in warning
    assert warning.endswith(f"did you mean {float(number) / 100:g}?"), warning


@pytest.mark.parametrize(
    "statement",
    [
        # A ratio of amounts may be a leverage: 3 times is no percentage.
        "operating_profit[2029] / sales[2029] > 3",
        # A fraction written out as a percentage.
        "margin[2029] * 100 > 20",
        "margin[2029] - margin[2027] > 0.5",
        # Growth is no part of a whole: a fall of 3 (300 points) stays below its limit.
        "growth_rate[2029] - growth_rate[2026] < -3",
        "-(value_per_share[2029] / eps[2029]) < -20",
        # Beyond [-1, 1] on the central path: a fraction scaled, no fraction itself.
        "growth_rate[2029] * 10 > 6",
    ],
)
def test_fractions_within_their_limits_are_left_alone(tmp_path, capsys, statement):
    err, _ = _validate(tmp_path, capsys, statement)
    assert "compares" not in err, err


@pytest.mark.parametrize(
    "statement",
    [
        # Times 100 is in percentage points already (a margin starting at 21%, so the points
        # it gains in a year lie within 1 on the central path).
        "(margin[2029] - margin[2028]) * 100 > 1.5",
        "(margin[2029] - margin[2028]) * 100 > -2",
        "100 * (margin[2029] - margin[2028]) < 8",
        # A ratio of amounts held under a number: a leverage under its covenant, whether it
        # reads an assumption or lines only.
        "sales_2025 / sales[2029] < 6",
        "operating_profit[2029] / sales[2029] < 6",
        "6 > operating_profit[2029] / sales[2029]",
        "-(operating_profit[2029] / sales[2029]) > -6",
    ],
)
def test_points_and_leverages_are_left_alone(tmp_path, capsys, monkeypatch, statement):
    real = Path.write_text

    def margin_from_21pct(self, text, *args, **kwargs):
        return real(self, text.replace("value: 0.12", "value: 0.21"), *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", margin_from_21pct)
    err, _ = _validate(tmp_path, capsys, statement)
    assert "compares" not in err, err
