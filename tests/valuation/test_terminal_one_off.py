"""A special dividend paid in the last model year is capitalised by a dividend discount leg's
terminal value as if it recurred: ``validate`` warns at the leg, naming the two years; a one-off
in an earlier year, or a steady flow, is not warned."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisModelWarning

THESIS = """\
format: 1
thesis:
  name: "A special dividend"
  company: Payout Corp
  as_of: 2025-12-31
  currency: USD
  horizon: {first: 2025, last: 2029}
  price:
    value: 100
    unit: USD/share
    date: 2025-12-31
    source: {estimate: "An illustrative price for the check"}
assumptions:
  regular: {unit: USD m, value: 60, source: {estimate: "The regular dividend, flat"}}
  special: {unit: USD m, value: 300, source: {estimate: "A special dividend paid once"}}
  shares_0: {unit: shares m, value: 10, source: {estimate: "Shares outstanding, no change"}}
  ke: {unit: "%", value: 0.10, source: {estimate: "Cost of equity"}}
  g: {unit: "%", value: 0.02, source: {estimate: "Long-run growth of the dividend"}}
model:
  kind: lines
  currency: USD m
  blocks:
    count: {type: share_count, shares: shares_0}
  lines:
    dividends:
      value: "regular + (special if year == YEAR else 0 * special)"
      role: dividends
  valuation:
    legs:
      ddm: {weight: 1, discount_rate: ke, terminal_growth: g}
"""


def _write(tmp_path: Path, year: int) -> Path:
    path = tmp_path / "special.yaml"
    path.write_text(THESIS.replace("YEAR", str(year)), encoding="utf-8")
    return path


def test_a_special_dividend_in_the_last_year_is_warned_at_the_leg(tmp_path, capsys):
    path = _write(tmp_path, 2029)
    assert main(["validate", str(path)]) == 0
    said = [x for x in capsys.readouterr().err.splitlines() if "grows that last flow" in x]
    line = 1 + path.read_text().splitlines().index("      ddm: {weight: 1, discount_rate: ke, "
                                                   "terminal_growth: g}")  # fmt: skip
    assert len(said) == 1 and f"special.yaml:{line}: model.valuation.legs.ddm: " in said[0]
    assert "from 60 in 2028 to 360 in 2029, 6 times" in said[0]
    # What it warns of, by hand: the last dividend grown for ever, six times the regular one.
    with pytest.warns(ThesisModelWarning, match="grows that last flow"):
        thesis = model.load_thesis(path)
    value = model.simulate(thesis, n_paths=2, seed=1).paths("value_ddm")
    assert float(value.iloc[0, -1]) == pytest.approx(360 * 1.02 / 0.08, rel=1e-12)


@pytest.mark.parametrize("year", [2027, 2040])
def test_a_special_dividend_before_the_last_year_or_none_is_not_warned(tmp_path, capsys, year):
    assert main(["validate", str(_write(tmp_path, year))]) == 0
    assert "grows that last flow" not in capsys.readouterr().err


def test_a_one_off_in_the_last_year_of_a_first_dcf_leg_is_warned(tmp_path, capsys):
    # dcf_v1 grows its last cash flow for ever too (a Gordon value), so it is judged alike.
    path = _write(tmp_path, 2029)
    leg = "      ddm: {weight: 1, discount_rate: ke, terminal_growth: g}"
    first = "      dcf_v1: {weight: 1, cash_flow: dividends, discount_rate: ke, terminal_growth: g}"
    path.write_text(path.read_text(encoding="utf-8").replace(leg, first), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    said = [x for x in capsys.readouterr().err.splitlines() if "grows that last flow" in x]
    assert len(said) == 1 and "model.valuation.legs.dcf_v1: " in said[0], said
    assert "from 60 in 2028 to 360 in 2029, 6 times" in said[0]
