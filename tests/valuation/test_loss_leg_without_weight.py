"""A multiple leg on a loss is warned only for the years it has weight in the blend.

A loss-maker turning profitable in its third year, valued by P/E, EV/EBITDA and a DCF: the
warning at a multiple leg advises giving it no weight until the metric turns positive. A leg
given no weight (0), or none until then (``0 if year < 2027 else w``), moves no value in the
loss years, and is not warned; a leg with weight in them still is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

THESIS = """\
format: 1
thesis:
  name: "A loss-maker turning profitable"
  company: Turnaround Inc
  as_of: 2026-02-15
  currency: USD
  horizon: {first: 2025, last: 2029}
  price:
    value: 10
    unit: USD/share
    date: 2026-02-10
    source: {estimate: "An illustrative price for the check"}
assumptions:
  ebitda_0: {unit: USD m, value: -50, source: {estimate: "EBITDA this year, a loss"}}
  step: {unit: USD m, value: 40, source: {estimate: "EBITDA gained each year"}}
  cash_0: {unit: USD m, value: 100, source: {estimate: "Net cash at the first year end"}}
  shares_0: {unit: shares m, value: 50, source: {estimate: "Shares outstanding, no change"}}
  ke: {unit: "%", value: 0.10, source: {estimate: "Cost of equity and discount rate"}}
  g: {unit: "%", value: 0.02, source: {estimate: "Long-run growth of the free cash flow"}}
  pe_m: {unit: x, value: 15, source: {estimate: "Price to earnings once profitable"}}
  ev_m: {unit: x, value: 10, source: {estimate: "Enterprise value to EBITDA at exit"}}
  w_pe: {unit: "1", value: 0.3, source: {estimate: "Weight of the P/E leg once it counts"}}
  w_ev: {unit: "1", value: 0.3, source: {estimate: "Weight of the EV/EBITDA leg"}}
model:
  kind: lines
  currency: USD m
  blocks:
    count: {type: share_count, shares: shares_0}
    cash: {type: net_cash, start: cash_0, inflow: fcff, rate: ke}
  lines:
    ebitda: {value: ebitda_0 + step * t, role: ebitda}
    earnings: {value: ebitda, role: earnings}
    fcff: {value: ebitda, role: fcff}
  valuation:
    cost_of_equity: ke
    legs:
      pe: {weight: PE, multiple: pe_m}
      ev_ebitda: {weight: w_ev, multiple: ev_m}
      dcf: {weight: "1 - w_ev - (PE)", discount_rate: ke, terminal_growth: g}
"""


def _warned(tmp_path: Path, capsys: pytest.CaptureFixture[str], weight: str) -> list[str]:
    path = tmp_path / "turnaround.yaml"
    path.write_text(THESIS.replace("PE", weight), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    return [x for x in capsys.readouterr().err.splitlines() if "of a loss values" in x]


@pytest.mark.parametrize("weight", ["0", "0 if year < 2027 else w_pe", "0 * w_pe"])
def test_a_pe_leg_without_weight_in_the_loss_years_is_not_warned(tmp_path, capsys, weight):
    said = _warned(tmp_path, capsys, weight)
    assert not [x for x in said if "legs.pe:" in x], said
    # The EV/EBITDA leg weighs in the loss years (2025-2026) and is still warned.
    assert len(said) == 1 and "legs.ev_ebitda:" in said[0] and "2025-2026" in said[0], said


def test_a_pe_leg_with_weight_in_a_loss_year_names_only_those_years(tmp_path, capsys):
    said = _warned(tmp_path, capsys, "0 if year < 2026 else w_pe")
    pe = [x for x in said if "legs.pe:" in x]
    assert len(pe) == 1 and "below zero in 2026," in pe[0], said


def test_a_residual_weight_of_zero_up_to_rounding_is_not_warned(tmp_path, capsys):
    # 1 - 0.7 - 0.3 is 5.6e-17 in floating point: no weight, as the blend's sum check allows.
    text = THESIS.replace('dcf: {weight: "1 - w_ev - (PE)"', "dcf: {weight: w_dcf")
    text = text.replace("PE", "1 - w_dcf - w_ev").replace(
        "  w_ev:",
        '  w_dcf: {unit: "1", value: 0.7, source: {estimate: "Weight of the DCF leg"}}\n  w_ev:',
    )
    path = tmp_path / "turnaround.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    said = [x for x in capsys.readouterr().err.splitlines() if "of a loss values" in x]
    assert len(said) == 1 and "legs.ev_ebitda:" in said[0], said


@pytest.mark.parametrize(
    "dist", ["dist: discrete, values: [0, 1], probs: [0.7, 0.3]", "dist: bernoulli, p: 0.3"]
)
def test_a_drawn_weight_whose_central_value_is_zero_is_still_warned(tmp_path, capsys, dist):
    # A re-rating on 30% of paths: the P/E leg weighs 0.3 there and multiplies the loss, however
    # the central path draws it.
    text = THESIS.replace("PE", "w_pe * rerated").replace(
        "  w_ev:",
        "  rerated: {unit: '1', "
        + dist
        + ", source: {estimate: 'Whether earnings count'}}\n  w_ev:",
    )
    path = tmp_path / "turnaround.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    said = [x for x in capsys.readouterr().err.splitlines() if "of a loss values" in x]
    pe = [x for x in said if "legs.pe:" in x]
    assert len(pe) == 1 and "below zero in 2025-2026," in pe[0], said
