"""The report page shows no rounding noise as a standard error.

A result whose inputs are all fixed has a mean that differs from its paths in the last digit, so
its standard error came out as 2e-18 and the page read "-17.7% ± 3.9e-16%". An error below a
billionth of a point is shown as 0; a small real one keeps its two digits.
"""

from __future__ import annotations

from model.export.text import html_blocks as hb


def test_an_error_of_rounding_reads_zero() -> None:
    assert hb._pct(-0.177, 1.95e-18) == "-17.7% ± 0.0%"
    assert hb._pct(0.25, 4e-12) == "25.0% ± 0.0%"


def test_a_small_sampling_error_keeps_two_digits() -> None:
    assert hb._pct(0.0344, 0.00017) == "3.4% ± 0.034%"
    assert hb._pct(0.0344, 1e-8) == "3.4% ± 2e-06%"
