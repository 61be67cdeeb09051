"""An amount in parentheses right after one in another currency restates it, as results in
renminbi give their dollar translation: it has the sign of the amount it restates, not the
accounts' minus of parentheses around an amount standing alone."""

from __future__ import annotations

import pytest

from tests.inputs.quote_signs import assert_states_with_its_sign


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("revenue was RMB 236.5 billion (US$32.6 billion), up 5%", 32.6, "USD bn"),
        ("cloud revenue rose 3% to RMB 26.5 billion (US$3.6 billion)", 3.6, "USD bn"),
        # The restated amount's own sign carries over, whatever marks it.
        ("a loss of RMB 5 billion (US$0.7 billion) in the year", -0.7, "USD bn"),
        ("operating income of RMB (5.0) billion (US$(0.7) billion)", -0.7, "USD bn"),
        # Alone, or after an amount in its own currency, parentheses are still a minus.
        ("in 2024 ($12 billion) of revenue", -12, "USD bn"),
        ("capex of RMB 5 billion (RMB 4 billion) last year", -4, "RMB bn"),
    ],
)
def test_a_translation_in_parentheses_has_the_sign_of_the_amount(
    quote: str, value: float, unit: str
) -> None:
    assert_states_with_its_sign(quote, value, unit)
