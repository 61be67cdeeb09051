"""Dates and numbers a thesis cannot mean: a valuation date after the model's last year is refused,
not valued backwards; a negative whole percentage is warned about with its sign."""

from __future__ import annotations

import pytest

from .conftest import ThesisCopy, assert_at, fail_load, line_of


@pytest.mark.parametrize("as_of", ["2031-01-01", "2030-12-31", "2099-06-30"])
def test_as_of_on_or_after_the_last_year_end_is_refused(
    thesis_copy: ThesisCopy, as_of: str
) -> None:
    text = thesis_copy.edit("as_of: 2025-11-27", f"as_of: {as_of}")
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, "as_of:"), "thesis.as_of", "2030-12-31", "horizon")


def test_as_of_respects_the_fiscal_year_end(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit("as_of: 2025-11-27", 'as_of: 2030-04-01\n  fiscal_year_end: "03-31"')
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, "as_of:"), "thesis.as_of", "2030-03-31")


def test_as_of_inside_the_last_year_is_accepted(thesis_copy: ThesisCopy) -> None:
    from model.inputs import load_thesis

    thesis_copy.edit("as_of: 2025-11-27", "as_of: 2030-06-30")
    assert load_thesis(thesis_copy.path).as_of.isoformat() == "2030-06-30"


def test_a_negative_whole_percentage_is_shown_negative(tmp_path) -> None:
    import model
    from model.inputs.plausibility import implausible_fractions

    from .test_fraction_warnings import write

    path = write(
        tmp_path,
        (
            '  tax_rate:\n    unit: "%"\n    value: 0.20',
            '  tax_rate:\n    unit: "%"\n    value: -20',
        ),
    )
    (found,) = implausible_fractions(model.load_thesis(path))
    assert "-20 in unit '%' means -2,000%" in found.message
    assert "did you mean -0.2?" in found.message


def test_a_horizon_of_one_year_is_refused_at_its_line(thesis_copy: ThesisCopy) -> None:
    # A run of it would have no year to value or to measure a return to (the report failed).
    text = thesis_copy.edit(
        "horizon: {first: 2025, last: 2030}", "horizon: {first: 2025, last: 2025}"
    )
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, "horizon:"), "thesis.horizon.last", "at least two")
