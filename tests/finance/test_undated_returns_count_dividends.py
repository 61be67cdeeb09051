"""Returns count the dividends a share receives on either basis, dated or not.

A company earning 10 a share a year pays half out and keeps half: its value at a P/E of 10
rises by 5 a year (100, 105, 110, 115) while it pays 5 a year. Bought at 100, the holder's
return is the internal rate of return of paying 100 and receiving 5 at each year end and the
value at the last: 10 % over one year. The price return alone (5 % a year, falling) leaves out
half of it. A run without a cost of equity (no today's value, whole model years) and one with
it (real dates from a price date at the first year end) must report the same return: both
count the time held from the price date, which here is whole years.
"""

from __future__ import annotations

import numpy as np
import pytest

import model
from model.errors import ThesisModelWarning

#: The model years: year 0 is 2024, and the price date its year end.
YEARS = {"first": 2024, "last": 2027}
VALUE = np.array([100.0, 105.0, 110.0, 115.0])  # value per share at each year end, 2024-2027
PAID = 5.0


def _irr(t: int) -> float:
    """The holding return to year ``t`` by hand: the root of ``100 x^t = 5 (x^(t-1) + ... +
    x) + 5 + V_t`` in ``x = 1 + r`` (the dividends, then the value at year end ``t``)."""
    coefficients = [100.0] + [-PAID] * (t - 1) + [-(PAID + VALUE[t])]
    roots = np.roots(coefficients)
    real = roots[(abs(roots.imag) < 1e-12) & (roots.real > 0)].real
    return float(real.max()) - 1.0


def _run(write_payer, cost: bool) -> model.SimulationResult:
    path = write_payer(cost, **YEARS)
    return model.simulate(model.load_thesis(path), n_paths=2, seed=1)


@pytest.fixture(scope="module")
def hand() -> dict[int, float]:
    return {t: _irr(t) for t in (1, 2, 3)}


def test_a_run_without_today_counts_the_dividends(write_payer, hand):
    result = _run(write_payer, False)
    assert "value_today" not in result.outputs  # a multiple alone: year-end values
    assert result.outputs["value_per_share"][0] == pytest.approx(VALUE, rel=1e-12)
    table = result.returns_table()
    for t, year in ((1, 2025), (2, 2026), (3, 2027)):
        assert table.loc[year, "return_p50"] == pytest.approx(hand[t], rel=1e-10)
        assert table.loc[year, "expected_return"] == pytest.approx(hand[t], rel=1e-10)
        assert result.outputs["return_annual"][0, t] == pytest.approx(hand[t], rel=1e-10)
        total = (1 + hand[t]) ** t - 1
        assert result.outputs["total_return"][0, t] == pytest.approx(total, rel=1e-10)
    assert hand[1] == pytest.approx(0.10, rel=1e-12)
    # Year 0 has no holding period: the engine's arrays keep the upside to its value and no
    # annual return, but its year end is the price date, so nothing is held to it and the
    # summary leaves both returns out (a total return there was no return of the buyer's).
    assert result.outputs["total_return"][0, 0] == pytest.approx(0.0, abs=1e-12)
    assert result.outputs["return_annual"][0, 0] == 0.0
    summary = result.summary()
    for name in ("total_return", "return_annual"):
        assert summary.loc[(name, 2024), "n"] == 0


def test_dated_and_undated_runs_agree(write_payer, hand):
    undated = _run(write_payer, False).returns_table()
    dated = _run(write_payer, True).returns_table()
    columns = ["return_p50", "expected_return"]
    # The price date is the first year end: whole years from it are the model years.
    assert dated["years_ahead"].tolist() == pytest.approx([1.0, 2.0, 3.0], rel=1e-12)
    np.testing.assert_allclose(dated[columns], undated[columns], rtol=1e-10)
    outputs = _run(write_payer, True).outputs
    # One definition, dividends counted once: the model's returns are the dated ones.
    np.testing.assert_allclose(outputs["return_annual"][:, 1:], outputs["return_dated"][:, 1:])
    np.testing.assert_allclose(
        outputs["total_return"][:, 1:], outputs["total_return_dated"][:, 1:], rtol=1e-12
    )


def test_a_run_that_kept_no_dividends_says_its_returns_leave_them_out(write_payer):
    path = write_payer(**YEARS)
    lean = model.simulate(model.load_thesis(path), n_paths=2, seed=1, keep=["value_per_share"])
    with pytest.warns(ThesisModelWarning, match="leave out the dividends"):
        row = lean.returns_table().loc[2025]
    assert row["return_p50"] == pytest.approx(VALUE[1] / 100.0 - 1, rel=1e-12)  # price alone


def test_a_loss_on_the_year_end_basis_counts_the_dividends(write_payer):
    # At a P/E of 6.4 the share is worth 69 after a year (64 of earnings value, 5 kept) and
    # has paid 5: the holder lost 26 %, not the 31 % of the price alone.
    path = write_payer(pe=6.4, **YEARS)
    result = model.simulate(model.load_thesis(path), n_paths=2, seed=1)
    row = result.returns_table().loc[2025]
    assert result.outputs["value_per_share"][0, 1] == pytest.approx(69.0, rel=1e-12)
    assert row["p_loss_30"] == 0.0
    assert row["expected_shortfall_5"] == pytest.approx((69.0 + PAID) / 100.0 - 1, rel=1e-12)
    loss = result.returns().p_loss(0.25, 2025)
    assert loss.p == 1.0 and loss.statement == "total_return[2025] < -0.25"
    assert result.prob(loss.statement).p == 1.0  # the statement reads the same paths


def _own_model(inputs):
    """The payer's value and dividends, stated by a function of the analyst's own."""
    n = np.shape(inputs["earn0"])[0]
    return {
        "value_per_share": np.tile(VALUE, (n, 1)),
        "dividends_per_share": np.full((n, VALUE.size), PAID),
    }


def test_a_model_function_of_ones_own_counts_its_dividends_too(write_payer, hand):
    path = write_payer(**YEARS)
    result = model.simulate(model.load_thesis(path), n_paths=2, seed=1, model=_own_model)
    table = result.returns_table()
    for t, year in ((1, 2025), (2, 2026), (3, 2027)):
        assert result.outputs["return_annual"][0, t] == pytest.approx(hand[t], rel=1e-10)
        total = (1 + hand[t]) ** t - 1
        assert result.outputs["total_return"][0, t] == pytest.approx(total, rel=1e-10)
        assert table.loc[year, "expected_return"] == pytest.approx(hand[t], rel=1e-10)


def test_a_chart_of_a_payers_return_annual_is_not_called_a_price_return(write_payer):
    from model.charts.text import value_words

    dated = _run(write_payer, True)
    assert value_words(dated, "return_annual", 2027).startswith("Annualised return, ")
    # Without a dividends line the same run's return_annual is the price return alone.
    path = write_payer(True, dividends=False, **YEARS)
    plain = model.simulate(model.load_thesis(path), n_paths=2, seed=1)
    assert value_words(plain, "return_annual", 2027).startswith("Annualised price return, ")


def test_the_rates_of_return_are_solved_once_for_every_year(write_payer, monkeypatch):
    # With dividends each path's rate of return is solved for by iteration: a table of every
    # year solves them once, not once a year (a million paths would take minutes).
    from model.valuation.finance import today

    calls = []
    solve = today.held_returns
    monkeypatch.setattr(today, "held_returns", lambda *a: calls.append(1) or solve(*a))
    result = _run(write_payer, False)
    calls.clear()
    result.returns_table()
    result.returns().p_loss(0.3, 2026)
    assert len(calls) == 1


def test_the_returns_table_reads_the_runs_own_returns_instead_of_solving_again(
    write_payer, monkeypatch
):
    import model.results.analysis as analysis
    from model.valuation.finance import today

    result = model.simulate(model.load_thesis(write_payer(**YEARS)), n_paths=500, seed=1)
    solved_on: list[int] = []
    solve = today.held_returns

    def spy(value, price, years, paid=None):
        solved_on.append(np.shape(value)[0])
        return solve(value, price, years, paid)

    monkeypatch.setattr(today, "held_returns", spy)
    table = result.returns_table()
    assert solved_on and max(solved_on) <= analysis._PROBE  # a probe, not every path again
    # The same table as the full solve gives.
    monkeypatch.setattr(analysis, "_kept_holding", lambda *args: None)
    result._stats.clear()
    pd_testing = pytest.importorskip("pandas.testing")
    pd_testing.assert_frame_equal(table, result.returns_table())
