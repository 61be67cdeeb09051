"""When today's value sits at its floor of zero over the whole range searched, ``implied`` does
not claim the value is independent of the assumption (it depends on it once the equity value
is positive); it says the value is floored at zero there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.valuation.finance.implied import ImpliedError, implied

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "binary-event.yaml"


def test_a_value_floored_at_zero_is_not_called_independent(tmp_path):
    text = TEMPLATE.read_text(encoding="utf-8")
    # A net debt far beyond any value of the business: the equity is worth zero throughout.
    pattern = r"(  net_cash_2025:\n(?:    .*\n)*?    value: )[^\n]+"
    worthless, n = re.subn(pattern, r"\g<1>-1e9", text)
    assert n == 1
    thesis = tmp_path / "t.yaml"
    thesis.write_text(worthless, encoding="utf-8")
    with pytest.raises(ImpliedError) as info:
        implied(thesis, "wacc", bounds=(0.05, 0.2))
    message = str(info.value)
    assert "does not depend on" not in message
    assert "floored at zero" in message
    # Where the value does not move and is not at its floor, the message stays as it was.
    thesis.write_text(text, encoding="utf-8")
    with pytest.raises(ImpliedError, match="does not depend on"):
        implied(thesis, "net_cash_2025", target="revenue", equals=1.0, bounds=(0.0, 10.0))
