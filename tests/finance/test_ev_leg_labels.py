"""An enterprise-value leg is labelled as analysts write its multiple: EV/EBITDA, not EV EBITDA.

The leg's lines took their labels from its name read word by word, so a thesis valued on
EV/EBITDA listed "Value by EV EBITDA" and "Multiple (EV EBITDA)" in ``thesis outputs``, the
charts and the workbook.
"""

from __future__ import annotations

import pytest

import model
from model.valuation import build_model

NUMBERS = [
    ("ebitda0", "USD m", 100.0),
    ("cash0", "USD m", 0.0),
    ("shares0", "shares m", 10.0),
    ("mult", "x", 8.0),
]


@pytest.mark.parametrize(
    ("leg", "role", "words"),
    [
        ("ev_ebitda", "ebitda", "EV/EBITDA"),
        ("ev_ebit", "ebit", "EV/EBIT"),
        ("ev_sales", "revenue", "EV/sales"),
    ],
)
def test_an_ev_leg_reads_as_its_multiple(write_thesis, leg, role, words):
    section = f"""\
    kind: lines
    currency: USD m
    blocks:
      count: {{type: share_count, shares: shares0}}
    lines:
      metric: {{value: ebitda0, role: {role}}}
      net_cash: {{value: cash0, role: net_cash}}
    valuation:
      legs:
        {leg}: {{weight: 1, multiple: mult}}
    """
    roles = build_model(model.load_thesis(write_thesis(NUMBERS, section))).roles
    labels = {line.name: line.label for line in roles.lines}
    assert labels[f"value_{leg}"] == f"Value by {words}"
    assert labels[f"value_per_share_{leg}"] == f"Value per share by {words}"
    assert labels[f"{leg}_multiple"] == f"Multiple ({words})"
