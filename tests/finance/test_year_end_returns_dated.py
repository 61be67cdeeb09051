"""A run without a cost of equity measures its returns over the real time from the price date.

A company with a March year end, valued and priced on 30 June 2025, pays 5 a share at each
year end and is worth 100, 105 and 110 at the ends of FY2026, FY2027 and FY2028 (a P/E of 10
on earnings of 10, half paid out, half kept as cash). FY2026 ends on 31 March 2026, nine
months after the price: its dividend goes to the buyer at the price, and the holding period
to FY2027 is 639 days, not one model year. The returns are the internal rate of return of
paying 100 on 30 June 2025 and receiving the dividends and the value on their dates, whether
or not the thesis names a cost of equity (which only discounts today's value).
"""

from __future__ import annotations

import datetime as dt

import pytest
from scipy.optimize import brentq

import model

PRICE_DATE = dt.date(2025, 6, 30)
ENDS = [dt.date(y, 3, 31) for y in (2026, 2027, 2028)]
TAU = [(end - PRICE_DATE).days / 365.0 for end in ENDS]  # ACT/365F
VALUE = [100.0, 105.0, 110.0]
PAID = 5.0


def _irr(k: int) -> float:
    """The rate at which the dividends to year end ``k`` and its value are worth the price."""

    def gap(r: float) -> float:
        flows = sum(PAID / (1 + r) ** TAU[j] for j in range(k + 1))
        return flows + VALUE[k] / (1 + r) ** TAU[k] - 100.0

    return float(brentq(gap, -0.5, 1.0, xtol=1e-14))


def _run(write_payer, cost: bool) -> model.SimulationResult:
    path = write_payer(cost, as_of="2025-06-30", fiscal_year_end="03-31", first=2026, last=2028)
    return model.simulate(model.load_thesis(path), n_paths=2, seed=1)


@pytest.mark.parametrize("cost", [False, True], ids=["year_end", "cost_of_equity"])
def test_returns_run_from_the_price_date_with_the_first_years_dividend(write_payer, cost):
    result = _run(write_payer, cost)
    assert (not cost) == ("value_today" not in result.outputs)
    assert result.outputs["value_per_share"][0] == pytest.approx(VALUE, rel=1e-12)
    # FY2026 ends 274 days after the price: the period's own return, dividend included.
    assert result.outputs["return_annual"][0, 0] == pytest.approx(0.05, rel=1e-10)
    table = result.returns_table()
    for k, year in ((1, 2027), (2, 2028)):
        r = _irr(k)
        assert result.outputs["return_annual"][0, k] == pytest.approx(r, rel=1e-9)
        total = (1 + r) ** TAU[k] - 1
        assert result.outputs["total_return"][0, k] == pytest.approx(total, rel=1e-9)
        assert table.loc[year, "years_ahead"] == pytest.approx(TAU[k], rel=1e-12)
        assert table.loc[year, "return_p50"] == pytest.approx(r, rel=1e-9)
        assert table.loc[year, "expected_return"] == pytest.approx(r, rel=1e-9)
    # Whole model years from FY2026, its dividend left out, would read 10.0% to FY2028.
    assert _irr(2) < 0.095


def test_the_console_names_the_price_date_as_the_start(write_payer, capsys):
    import sys

    from model.export.console import print_result

    print_result(_run(write_payer, False), sys.stdout)
    text = capsys.readouterr().out
    assert "Annual return from 2025-06-30 to 2028-03-31" in text
    assert "FY2026 (2026-03-31) to" not in text
