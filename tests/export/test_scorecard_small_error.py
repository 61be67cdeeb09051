"""A scorecard claim that holds on a handful of paths has a small but real error: the report
page shows its two standard errors with two digits ("<1% ± 0.032%"), not "± 0.0%"."""

from __future__ import annotations

import math

import pytest

from model.export.html_report import _two_se


@pytest.mark.parametrize("hits", [1, 5, 10])
def test_a_small_error_keeps_two_digits(hits):
    n = 20_000
    p = hits / n
    se = math.sqrt(p * (1 - p) / n)
    shown = _two_se(se)
    assert shown != "0.0%" and shown.endswith("%")
    assert float(shown[:-1]) == pytest.approx(200 * se, rel=0.05)


def test_larger_errors_keep_the_page_s_precision():
    assert _two_se(0.0034) == "0.7%"
    assert _two_se(0.06) == "12%"
