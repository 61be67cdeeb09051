"""The probability text the console and the notebooks share."""

from __future__ import annotations

from model.results.values import pct_se, se_pct


def test_se_of_rounding_noise_reads_as_zero() -> None:
    # Every path at the same return leaves a standard error of float noise, not a number to
    # print to sixteen decimals.
    assert se_pct(1.1e-18) == "0.0%"
    assert pct_se(-0.292, 1.1e-18) == "-29.2% ± 0.0%"


def test_small_errors_keep_their_first_digit() -> None:
    assert se_pct(0.0004) == "0.04%"
    assert se_pct(0.011) == "1.1%"
    assert se_pct(0.0) == "0.0%"
    assert se_pct(float("nan")) == "n/a"
