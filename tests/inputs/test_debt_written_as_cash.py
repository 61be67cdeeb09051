"""A net cash assumption above zero whose own words (label, estimate) speak of a net debt is
warned at its value with the sign meant; one below zero, one that says net cash, and a name of
debt are not."""

from __future__ import annotations

import pytest

import model
from model.inputs.plausibility import debt_written_as_cash

from .test_fraction_warnings import write

CASH = (
    '    value: 10\n    source: {estimate: "Net cash at the year end, an illustrative round '
    'number for the tests"}'
)


def _found(tmp_path, value: str, words: str) -> list:
    swap = (CASH, f'    value: {value}\n    source: {{estimate: "{words}"}}')
    return debt_written_as_cash(model.load_thesis(write(tmp_path, swap)))


def test_net_debt_written_above_zero_is_warned_at_its_value(tmp_path):
    (w,) = _found(tmp_path, "10", "Net debt of about 10 billion at the year end")
    assert w.field == ("assumptions", "net_cash_2025", "value")
    said = "'net_cash_2025' is 10 USD bn, net cash above zero, but its words speak of a net debt"
    assert said in w.message
    assert w.message.endswith("(write -10)")


@pytest.mark.parametrize(
    ("value", "words"),
    [("-10", "Net debt of about 10 billion at the year end"),
     ("10", "Net cash of 10 billion, no net debt left"),
     ("10", "Cash of 10 billion held at the year end")],
)  # fmt: skip
def test_a_sign_that_agrees_with_its_words_is_not_warned(tmp_path, value, words):
    assert _found(tmp_path, value, words) == []
