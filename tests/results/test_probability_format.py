"""A probability formats like a number in an f-string, as a notebook user writes it."""

from __future__ import annotations

from model.results.values import Probability


def test_format_spec_formats_the_probability() -> None:
    p = Probability("value_per_share[2030] > 150", 0.865, 0.0062, 3000)
    assert f"{p:.1%}" == "86.5%"
    assert f"{p:.3f}" == "0.865"
    assert format(p, ">8.0%") == "     86%"


def test_no_spec_is_the_text() -> None:
    p = Probability("x[2030] > 1", 0.5, 0.01, 2500)
    assert f"{p}" == str(p) and "x[2030] > 1" in f"{p}"


def test_a_width_or_a_string_spec_formats_the_text() -> None:
    p = Probability("value_today > price", 0.865, 0.003, 10_000)
    text = str(p)
    assert f"{p:>{len(text) + 5}}" == " " * 5 + text
    assert f"{p:s}" == text
    assert f"{p:<{len(text) + 2}}|" == text + "  |"
    assert f"{p:.3e}" == "8.650e-01"
    assert f"{p:,.1%}" == "86.5%"
