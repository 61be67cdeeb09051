"""Stock-based pay a DCF's flow adds back is paid in new shares, and the share count stops at
the last model year: the terminal value must count it as a cash cost, not grow the add-back
for ever. A leg's ``stock_pay:`` names the line; ``validate`` warns at the leg when a flow adds
back a line with role ``stock_pay`` and the leg does not name it."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

import model
from model.cli.main import main
from model.errors import ThesisError, ThesisModelWarning
from model.valuation.legs import value_leg

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "assumptions" / "examples" / "saas-subscription.yaml"

# A flat flow F = 100 of which S = 20 is stock pay added back, growth g = 3% after the last
# year, rate r = 10%: the terminal value is (F - S)(1 + g)/(r - g) with the pay counted as a
# cost, F(1 + g)/(r - g) without.
F, S, G, R, YEARS = 100.0, 20.0, 0.03, 0.10, 5
THESIS = """\
format: 1
thesis:
  name: "A flat flow with stock pay added back"
  company: Flat Co
  ticker: FLT
  as_of: 2025-12-31
  currency: USD
  horizon: {first: 2026, last: 2030}
  price:
    {value: 10.0, unit: USD/share, date: 2025-12-31, source: {estimate: "An illustrative price"}}
assumptions:
  cash_profit: {unit: USD m, value: 80, source: {estimate: "Cash profit, pay paid in cash"}}
  pay: {unit: USD m, value: 20, source: {estimate: "Stock pay, a non-cash expense added back"}}
  shares_0: {unit: shares m, value: 100, source: {estimate: "Shares outstanding at the start"}}
  dilution: {unit: "%", value: 0.02, source: {estimate: "New shares that pay the stock pay"}}
  rate: {unit: "%", value: 0.10, source: {estimate: "A cost of capital for the test"}}
  growth: {unit: "%", value: 0.03, source: {estimate: "Growth after the last model year"}}
model:
  kind: lines
  currency: USD m
  blocks:
    count: {type: share_count, shares: shares_0, dilution: dilution}
  lines:
    sbc: {value: pay, role: stock_pay}
    fcf: {value: cash_profit + sbc, role: fcff}
  valuation:
    legs:
      dcf: {weight: 1, discount_rate: rate, terminal_growth: growth, net_cash: 0, stock_pay: sbc}
"""
LEG = "      dcf: {weight: 1, discount_rate: rate, terminal_growth: growth, net_cash: 0"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _central(tmp_path: Path, text: str) -> tuple[dict[str, np.ndarray], list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = model.central(model.load_thesis(_write(tmp_path, text)))
    said = [str(w.message) for w in caught if issubclass(w.category, ThesisModelWarning)]
    values = {k: np.asarray(v, dtype=float) for k, v in out.items()}
    # The value of each year's shares to their holders (the leg's equity is the company's).
    if "value_per_share_dcf" in values:
        values["held_dcf"] = values["value_per_share_dcf"] * values["shares"]
    return values, [m for m in said if "stock" in m]


def _line(text: str, start: str) -> int:
    return next(n for n, s in enumerate(text.splitlines(), 1) if s.startswith(start))


def _by_hand(terminal: float, flow: float = F) -> np.ndarray:
    """The leg's value at each year end: the later flows, kept nowhere and paid to no one, and
    the year's shares' part of the terminal value (the count grows 2% a year to the last
    year), discounted."""
    out = []
    for t in range(YEARS):
        later = sum(flow / (1 + R) ** (k - t) for k in range(t + 1, YEARS))
        held = 1.02 ** (t - (YEARS - 1))
        out.append(later + held * terminal / (1 + R) ** (YEARS - 1 - t))
    return np.array(out)


def test_the_terminal_flow_counts_the_named_stock_pay_as_a_cost(tmp_path):
    values, said = _central(tmp_path, THESIS)
    terminal = (F - S) * (1 + G) / (R - G)
    np.testing.assert_allclose(values["held_dcf"], _by_hand(terminal), rtol=1e-12)
    assert values["held_dcf"][-1] == pytest.approx(80 * 1.03 / 0.07, rel=1e-12)
    shares = 100 * 1.02 ** np.arange(YEARS)
    np.testing.assert_allclose(values["value_per_share"], _by_hand(terminal) / shares, rtol=1e-12)
    assert said == []


def test_without_the_option_the_add_back_is_grown_for_ever_and_warned_at_the_leg(tmp_path):
    text = THESIS.replace(", stock_pay: sbc}", "}")
    values, said = _central(tmp_path, text)
    np.testing.assert_allclose(values["held_dcf"], _by_hand(F * (1 + G) / (R - G)), rtol=1e-12)
    assert len(said) == 1, said
    assert said[0].startswith(f"{tmp_path / 'thesis.yaml'}:{_line(text, LEG)}: "), said[0]
    assert "model.valuation.legs.dcf: the flow 'fcf' holds 1.00 of the last model year's" in said[0]
    assert "stock-based pay 'sbc' (role stock_pay)" in said[0]
    assert "give the leg 'stock_pay: sbc'" in said[0]


@pytest.mark.parametrize(
    ("lines", "warned"),
    [
        # Through a line it reads: operating cash flow adds the pay back, free cash flow keeps it.
        (
            "    cfo: {value: cash_profit + 2 * sbc / 2}\n    fcf: {value: cfo - 0, role: fcff}\n",
            True,
        ),
        ("    fcf: {value: -(sbc * -1) + cash_profit, role: fcff}\n", True),
        # Paid as a cost, or taken out again: nothing grows for ever.
        ("    fcf: {value: cash_profit - sbc, role: fcff}\n", False),
        ("    fcf: {value: cash_profit + sbc - sbc, role: fcff}\n", False),
        ("    fcf: {value: cash_profit, role: fcff}\n", False),
        # Not linear in the pay: measured on the central path all the same.
        ('    fcf: {value: "cash_profit + max(sbc, 0)", role: fcff}\n', True),
    ],
)
def test_the_warning_follows_the_flow_s_formula_not_the_names(tmp_path, lines, warned):
    old = "    fcf: {value: cash_profit + sbc, role: fcff}\n"
    text = THESIS.replace(", stock_pay: sbc}", "}").replace(old, lines)
    _, said = _central(tmp_path, text)
    assert len(said) == int(warned), said


@pytest.mark.parametrize("after_tax", ["(1 - 0.21)", "(1 - rate - 0.11)"])
def test_the_textbook_flow_after_tax_adds_the_pay_back_and_is_warned(tmp_path, after_tax):
    # EBIT bears the pay (100 - 20 = 80), the flow adds it back after tax: 80 * 0.79 + 20 =
    # 83.2, of which 20 - 0.79 * 20 = 4.2 (0.21 of the pay) is pay nobody pays in cash.
    old = "    fcf: {value: cash_profit + sbc, role: fcff}\n"
    lines = (
        "    adj_ebit: {value: cash_profit + pay}\n"
        "    ebit: {value: adj_ebit - sbc, role: ebit}\n"
        f'    fcf: {{value: "ebit * {after_tax} + sbc", role: fcff}}\n'
    )
    text = THESIS.replace(old, lines)
    flow = 80 * 0.79 + 20
    values, said = _central(tmp_path, text.replace(", stock_pay: sbc}", "}"))
    np.testing.assert_allclose(
        values["held_dcf"], _by_hand(flow * (1 + G) / (R - G), flow), rtol=1e-12
    )
    assert len(said) == 1, said
    assert "the flow 'fcf' holds 0.21 of the last model year's stock-based pay 'sbc'" in said[0]
    values, said = _central(tmp_path, text)
    terminal = (flow - S) * (1 + G) / (R - G)
    np.testing.assert_allclose(values["held_dcf"], _by_hand(terminal, flow), rtol=1e-12)
    assert said == []


def test_no_role_no_warning_and_other_names_are_found_by_role(tmp_path):
    text = THESIS.replace(", stock_pay: sbc}", "}")
    _, said = _central(tmp_path, text.replace(", role: stock_pay}", "}"))
    assert said == []
    renamed = text.replace("sbc", "aktienverguetung")
    _, said = _central(tmp_path, renamed)
    assert len(said) == 1 and "'stock_pay: aktienverguetung'" in said[0], said


def test_a_return_on_new_capital_builds_the_terminal_flow_from_profit(tmp_path):
    # Profit already bears the pay as an expense: no warning, and the option changes nothing.
    extra = "    ebit: {value: cash_profit, role: ebit}\n"
    text = THESIS.replace("  lines:\n", "  lines:\n" + extra).replace(
        "net_cash: 0", "net_cash: 0, roic: 0.2, tax_rate: 0"
    )
    with_pay, said = _central(tmp_path, text)
    assert len(said) == 1, said
    assert f"thesis.yaml:{_line(text, LEG)}: model.valuation.legs.dcf.stock_pay: " in said[0]
    assert "with 'roic:' the terminal flow is built from profit" in said[0]
    assert "so 'stock_pay:' changes nothing here" in said[0]
    without, said = _central(tmp_path, text.replace(", stock_pay: sbc}", "}"))
    assert said == []
    np.testing.assert_allclose(with_pay["held_dcf"], without["held_dcf"], rtol=1e-12)
    terminal = 80 * (1 + G) * (1 - G / 0.2) / (R - G)
    assert with_pay["held_dcf"][-1] == pytest.approx(terminal, rel=1e-12)


def test_the_first_dcf_leg_is_checked_too(tmp_path):
    text = THESIS.replace("      dcf: {", "      dcf_v1: {").replace(", stock_pay: sbc}", "}")
    _, said = _central(tmp_path, text)
    assert len(said) == 1, said
    assert "model.valuation.legs.dcf_v1: the flow 'fcf' holds 1.00 of" in said[0]
    assert "value it with the 'dcf' leg, whose 'stock_pay: sbc' counts it" in said[0]


@pytest.mark.parametrize("option", [", stock_pay: sbc}", "}"])
def test_an_add_back_with_no_dilution_is_warned(tmp_path, option):
    text = THESIS.replace(", dilution: dilution}", "}").replace(", stock_pay: sbc}", option)
    _, said = _central(tmp_path, text)
    flat = [m for m in said if "does not grow" in m]
    assert len(flat) == 1, said
    assert f"thesis.yaml:{_line(text, LEG)}: model.valuation.legs.dcf: " in flat[0]
    assert "the share count 'shares' does not grow over the model years" in flat[0]
    assert "no dilution pays for that pay" in flat[0]


def test_a_named_line_the_flow_does_not_add_back_is_warned(tmp_path):
    old = "    fcf: {value: cash_profit + sbc, role: fcff}\n"
    text = THESIS.replace(old, "    fcf: {value: cash_profit - sbc, role: fcff}\n")
    _, said = _central(tmp_path, text)
    assert len(said) == 1, said
    assert "model.valuation.legs.dcf.stock_pay: the flow 'fcf' adds back 0.00 of" in said[0]
    assert "it does not add it back" in said[0]


def test_a_partial_add_back_is_warned_and_a_lagged_one_counts(tmp_path):
    old = "    fcf: {value: cash_profit + sbc, role: fcff}\n"
    # Half the pay added back: the option still takes the whole pay away, and says so.
    half = THESIS.replace(old, "    fcf: {value: cash_profit + 0.5 * sbc, role: fcff}\n")
    values, said = _central(tmp_path, half)
    flow = F - 0.5 * S
    np.testing.assert_allclose(
        values["held_dcf"], _by_hand((flow - S) * (1 + G) / (R - G), flow), rtol=1e-12
    )
    assert len(said) == 1, said
    assert "dcf.stock_pay: the flow 'fcf' adds back 0.50 of the last model year's" in said[0]
    assert "takes away the whole of this year's pay" in said[0]
    # Last year's pay added back (flat here): the terminal flow holds it and the option takes
    # it away, (F - S)(1 + g)/(r - g), with no warning that it counts twice.
    lagged = THESIS.replace(old, '    fcf: {value: "cash_profit + sbc[t-1]", role: fcff}\n')
    lagged = lagged.replace("role: stock_pay}", "role: stock_pay, prior: pay}")
    values, said = _central(tmp_path, lagged)
    np.testing.assert_allclose(
        values["held_dcf"], _by_hand((F - S) * (1 + G) / (R - G)), rtol=1e-12
    )
    assert said == []


@pytest.mark.parametrize("option", [", stock_pay: sbc}", "}"])
def test_stock_pay_written_as_a_cost_is_refused_at_its_line(tmp_path, capsys, option):
    # The pay with its sign, subtracted by the flow: with the option the terminal flow would
    # add it (F + S), without it nothing would be said.
    text = (
        THESIS.replace("sbc: {value: pay, role: stock_pay}", "sbc: {value: -pay, role: stock_pay}")
        .replace("cash_profit + sbc, role: fcff", "cash_profit + pay - sbc - pay, role: fcff")
        .replace(", stock_pay: sbc}", option)
    )
    path = _write(tmp_path, text)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    at = f"{path}:{_line(text, '    sbc:')}: model.lines.sbc"
    assert at in err, err
    assert "has role stock_pay, a positive amount of stock-based pay, but it is -20" in err, err
    with pytest.raises(ThesisError, match="positive amount of stock-based pay"):
        model.central(model.load_thesis(path))


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("sbcc", "'sbcc' is neither a line of the model nor an assumption; did you mean 'sbc'"),
        ("pay", "'pay' is an assumption, not a line of the model"),
        ("sbc * 2", "must name one line, not a formula"),
        ("SBC", "there is no line named 'SBC'; did you mean 'sbc'?"),
        ("margin", "'margin' is not the model's line of stock-based pay: the line with role"),
        ("fcf", "'fcf' is not the model's line of stock-based pay: the line with role"),
    ],
)
def test_bad_stock_pay_is_refused_at_its_line(tmp_path, capsys, given, message):
    text = THESIS.replace("stock_pay: sbc}", f"stock_pay: {given}}}").replace(
        "  lines:\n", '  lines:\n    margin: {value: sbc / fcf, unit: "%"}\n'
    )
    path = _write(tmp_path, text)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:{_line(text, LEG)}: model.valuation.legs.dcf.stock_pay: " in err, err
    assert message in err, err
    with pytest.raises(ThesisError, match="stock_pay"):
        model.central(model.load_thesis(path))


def test_stock_pay_without_a_line_of_that_role_is_refused(tmp_path, capsys):
    text = THESIS.replace(", role: stock_pay}", "}")
    path = _write(tmp_path, text)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:{_line(text, LEG)}: model.valuation.legs.dcf.stock_pay: " in err, err
    assert "no line has role stock_pay; give the line of stock pay 'role: stock_pay'" in err, err


@pytest.mark.parametrize("kind", ["dcf_fcff", "dcf_fcfe"])
def test_the_leg_takes_the_pay_out_of_the_terminal_flow_on_every_path(kind):
    rng = np.random.default_rng(11)
    n, years = 400, 6
    flow = rng.normal(100.0, 20.0, (n, years))
    pay = rng.uniform(5.0, 30.0, (n, years))
    capex = rng.uniform(10.0, 20.0, (n, years))
    dep = rng.uniform(10.0, 20.0, (n, years))
    g = rng.uniform(0.0, 0.04, (n, 1))
    r = rng.uniform(0.07, 0.12, (n, 1))
    key, rate = ("fcff", "wacc") if kind == "dcf_fcff" else ("fcfe", "cost_of_equity")
    args = {key: flow, rate: r, "terminal_growth": g, "capex": capex, "depreciation": dep}
    with_pay = value_leg(kind, stock_pay=pay, **args)
    plain = value_leg(kind, **args)
    # Capex is kept at depreciation in perpetuity, then the pay is a cost.
    gap = np.maximum(dep[:, -1] - capex[:, -1], 0.0)
    expected = (flow[:, -1] - gap - pay[:, -1]) * (1 + g[:, 0]) / (r[:, 0] - g[:, 0])
    np.testing.assert_allclose(with_pay.parts["terminal"], expected, rtol=1e-12)
    drop = pay[:, -1] * (1 + g[:, 0]) / (r[:, 0] - g[:, 0])
    np.testing.assert_allclose(
        plain.equity[:, -1] - with_pay.equity[:, -1], drop, rtol=1e-9, atol=1e-9
    )


def test_the_subscription_example_names_its_stock_pay(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "role: stock_pay" in text and "stock_pay: sbc" in text
    _, said = _central(tmp_path, text)
    assert said == []
    _, said = _central(tmp_path, text.replace(", stock_pay: sbc}", "}"))
    assert len(said) == 1 and "model.valuation.legs.dcf:" in said[0], said


def test_a_line_reading_the_pay_added_back_lagged_counts_its_year_before(tmp_path):
    # A line that reads the pay, added back a year late: the year before's pay, as the inline
    # lagged add-back, not a pay the flow does not add back at all.
    saas = EXAMPLE.read_text(encoding="utf-8")
    flow = "ebit - max(ebit, 0) * tax_rate + adj[t-1] - capex_to_revenue * revenue"
    text = _saas_flow(saas, flow, extra="    adj: {value: sbc}\n")
    _, inline = _central(tmp_path, _saas_flow(saas, flow.replace("adj[t-1]", "sbc[t-1]")))
    _, said = _central(tmp_path, text)
    assert len(said) == 1, said
    assert "counts twice" not in said[0]
    assert "takes away the whole of this year's pay" in said[0]
    assert said[0].split("adds back ")[1][:4] == inline[0].split("adds back ")[1][:4] == "0.84"


SAAS_FLOW = '"ebit - max(ebit, 0) * tax_rate + sbc - capex_to_revenue * revenue"'


def _saas_flow(saas: str, flow: str, extra: str = "") -> str:
    """The subscription example with its free cash flow written as ``flow`` and ``extra``
    lines added before it."""
    assert SAAS_FLOW in saas
    return saas.replace("    fcf:\n", f"{extra}    fcf:\n").replace(SAAS_FLOW, f'"{flow}"')


@pytest.mark.parametrize("option", [", stock_pay: sbc}", "}"])
def test_a_pay_that_stops_in_the_last_year_but_is_added_back_lagged_is_warned(tmp_path, option):
    saas = EXAMPLE.read_text(encoding="utf-8")
    saas = saas.replace(
        "value: revenue * sbc_to_revenue\n",
        'value: "revenue * sbc_to_revenue * min(max(5 - t, 0), 1)"\n',
    )
    text = _saas_flow(saas, SAAS_FLOW.strip('"').replace("+ sbc ", "+ sbc[t-1] "))
    text = text.replace(", stock_pay: sbc}", option)
    _, said = _central(tmp_path, text)
    assert len(said) == 1, said
    assert "model.valuation.legs.dcf: the flow 'fcf' adds back" in said[0]
    assert "while the last year's pay is zero" in said[0]
    assert "would remove nothing" in said[0]


def test_an_add_back_with_the_share_count_an_assumption_is_warned(tmp_path):
    saas = EXAMPLE.read_text(encoding="utf-8")
    text = saas.replace(
        "  valuation:\n    cost_of_equity",
        "  valuation:\n    shares: shares_2026\n    cost_of_equity",
    )
    assert text != saas
    _, said = _central(tmp_path, text)
    flat = [m for m in said if "does not grow" in m]
    assert len(flat) == 1, said
    assert "the share count 'shares_2026' does not grow over the model years" in flat[0]


def test_a_diluted_count_that_buybacks_make_fall_is_not_warned_as_flat(tmp_path):
    saas = EXAMPLE.read_text(encoding="utf-8")
    text = saas.replace(
        "      dilution: dilution\n", "      dilution: dilution\n      buyback_spend: revenue * 2\n"
    )
    assert text != saas
    _, said = _central(tmp_path, text)
    assert [m for m in said if "does not grow" in m] == [], said
    # Without the dilution the falling count pays for none of the pay: still warned.
    _, said = _central(tmp_path, text.replace("      dilution: dilution\n", ""))
    assert len([m for m in said if "does not grow" in m]) == 1, said


def test_a_negative_pay_in_a_scenario_is_refused_by_validate_naming_it(tmp_path, capsys):
    saas = EXAMPLE.read_text(encoding="utf-8")
    bear = (
        "    overrides:\n"
        '      sbc_to_revenue: {unit: "%", value: -0.1, source: {estimate: "Pay as a cost"}}\n'
    )
    text = saas.replace(
        '    rationale: {estimate: "The leader matches our product"}\n    overrides:\n',
        '    rationale: {estimate: "The leader matches our product"}\n' + bear,
        1,
    )
    assert text != saas
    path = _write(tmp_path, text)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "in scenario 'bear'" in err, err
    assert "has role stock_pay, a positive amount of stock-based pay" in err, err


def test_each_scenario_s_warning_names_its_scenario(tmp_path, capsys):
    # A lagged add-back gives each scenario's central path its own share of the pay: the
    # warnings of `validate --all-scenarios` say which scenario each one is.
    saas = EXAMPLE.read_text(encoding="utf-8")
    flow = "ebit - max(ebit, 0) * tax_rate + sbc[t-1] - capex_to_revenue * revenue"
    path = _write(tmp_path, _saas_flow(saas, flow))
    assert main(["validate", str(path), "--all-scenarios"]) == 0
    said = [s for s in capsys.readouterr().err.splitlines() if "adds back" in s]
    assert len(said) == 3, said
    assert sum("in scenario" not in s for s in said) == 1, said  # the base case
    assert any("in scenario 'bull'" in s for s in said), said
    assert any("in scenario 'bear'" in s for s in said), said
