"""The legs' implied exit P/E divides the equity by earnings that already bear the interest.

A utility's earnings are after the interest on its net debt. With no P/E leg, every leg's
implied P/E divided the enterprise value (equity less the net debt) by those earnings: a
regulated network worth 13 times its earnings was printed at 39x. The P/E of earnings that
carry the balance's interest is the equity over them; EV/EBITDA still takes the bridge back.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.cli.main import main
from model.valuation.legs.consistency import leg_consistency

UTILITY = """\
format: 1
thesis:
  name: "A grid utility paying out its earnings"
  company: Example Netz AG
  as_of: 2025-09-30
  currency: EUR
  horizon: {first: 2025, last: 2030}
  price: {value: 14.2, unit: EUR/share, source: {estimate: "An illustrative share price"}}
assumptions:
  rab_2025: {unit: EUR m, value: 18000, source: {estimate: "The regulated asset base today"}}
  rab_growth: {unit: "%", dist: normal, ci90: [0.04, 0.08], source: {estimate: "Grid plan pace"}}
  ebitda_on_rab: {unit: "%", value: 0.105, source: {estimate: "EBITDA per euro of the base"}}
  dep_rate: {unit: "%", value: 0.04, source: {estimate: "Assets live about 25 years"}}
  net_debt_2024: {unit: EUR m, value: 11500, source: {estimate: "Net debt a year ago"}}
  cost_of_debt: {unit: "%", value: 0.035, source: {estimate: "The coupon on the bonds"}}
  tax_rate: {unit: "%", value: 0.30, source: {estimate: "The German statutory rate"}}
  capex_to_rab: {unit: "%", value: 0.10, source: {estimate: "The build-out's spending"}}
  payout: {unit: "%", value: 0.7, source: {estimate: "The dividend policy's middle"}}
  shares_2025: {unit: shares m, value: 600, source: {estimate: "Shares outstanding today"}}
  ev_ebitda_exit: {unit: x, dist: normal, ci90: [8.5, 11], source: {estimate: "Peers trade so"}}
  ke: {unit: "%", value: 0.075, source: {estimate: "A regulated utility's cost of equity"}}
  g_long: {unit: "%", value: 0.02, source: {estimate: "Long-run growth of the dividend"}}
model:
  kind: lines
  currency: EUR m
  blocks:
    count: {type: share_count, shares: shares_2025}
  lines:
    rab: {value: "rab[t-1] * (1 + rab_growth)", start: rab_2025}
    ebitda: {value: rab * ebitda_on_rab, role: ebitda}
    depreciation: {value: rab * dep_rate, role: depreciation}
    ebit: {value: ebitda - depreciation, role: ebit}
    interest: {value: "net_cash[t-1] * cost_of_debt"}
    earnings: {value: (ebit + interest) * (1 - tax_rate), role: earnings}
    dividends: {value: "payout * max(earnings, 0)", role: dividends}
    capex: {value: rab * capex_to_rab, role: capex}
    fcf: {value: earnings + depreciation - capex}
    net_cash: {value: "net_cash[t-1] + fcf - dividends", prior: -net_debt_2024, role: net_cash}
  valuation:
    cost_of_equity: ke
    legs:
      ddm: {weight: 0.5, discount_rate: ke, terminal_growth: g_long}
      ev_ebitda: {weight: 0.5, multiple: ev_ebitda_exit}
"""


@pytest.fixture
def result(tmp_path: Path):
    path = tmp_path / "utility.yaml"
    path.write_text(UTILITY, encoding="utf-8")
    return model.simulate(model.load_thesis(path), n_paths=2000, seed=1)


def test_pe_is_equity_over_earnings_after_interest(result):
    check = leg_consistency(result)
    assert check is not None
    earnings = result.outputs["earnings"][:, -1]
    net_cash = result.outputs["net_cash"][:, -1]
    assert np.all(net_cash < 0) and np.all(earnings > 0)
    for leg in ("ddm", "ev_ebitda"):
        equity = result.outputs[f"value_{leg}"][:, -1]
        assert check.multiples.loc[leg, "pe"] == pytest.approx(np.median(equity / earnings))
        ebitda = result.outputs["ebitda"][:, -1]
        ev = np.median((equity - net_cash) / ebitda)
        assert check.multiples.loc[leg, "ev_ebitda"] == pytest.approx(ev)
    # about 13x for this utility, not the 39x of the net debt divided by its earnings
    assert 10 < check.multiples.loc["ddm", "pe"] < 16


def test_the_console_line_shows_the_equity_pe(tmp_path, capsys):
    path = tmp_path / "utility.yaml"
    path.write_text(UTILITY, encoding="utf-8")
    assert main(["run", str(path), "--paths", "2000", "--seed", "1", "--no-progress"]) == 0
    (line,) = [ln for ln in capsys.readouterr().out.splitlines() if "Implied exit P/E" in ln]
    ddm = float(line.split("ddm ")[1].split("x")[0])
    assert 10 < ddm < 16, line


def test_a_pe_leg_on_earnings_after_interest_implies_its_own_multiple(tmp_path):
    # The leg values earnings after interest at 13x and adds no balance (net_cash: 0, as the
    # warning on a balance counted twice advises): its implied P/E is 13x, not 13x plus the
    # net debt over the earnings.
    path = tmp_path / "utility.yaml"
    text = UTILITY.replace(
        "      ev_ebitda: {weight: 0.5, multiple: ev_ebitda_exit}",
        "      pe: {weight: 0.5, multiple: 13, net_cash: 0}",
    )
    path.write_text(text, encoding="utf-8")
    check = leg_consistency(model.simulate(model.load_thesis(path), n_paths=1000, seed=1))
    assert check is not None
    assert check.multiples.loc["pe", "pe"] == pytest.approx(13.0)


def test_legs_whose_equity_values_differ_are_flagged(result):
    # DDM about 13x the earnings, EV/EBITDA about 10x: a third apart. Divided after adding the
    # net debt back (39x against 36x) they looked within the tolerance.
    check = leg_consistency(result)
    assert check is not None and check.flagged
    assert any("implied exit pe" in m for m in check.messages())


ALIBABA = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"
PE_LEG = "        earnings: earnings\n        multiple: pe_alibaba\n"
REST = "      value: rest_net_income_2025 * compound(rest_earnings_growth)\n"


def _pe_of_pe_leg(tmp_path: Path, name: str, old: str = "", new: str = "") -> float:
    import shutil

    root = ALIBABA.parents[1]
    if not (tmp_path / "assumptions").exists():  # the thesis' tree: its scenarios and sources
        shutil.copytree(root / "assumptions", tmp_path / "assumptions")
        shutil.copytree(root / "seeds", tmp_path / "seeds")
    text = ALIBABA.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "assumptions" / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = model.simulate(model.load_thesis(path), n_paths=2000, seed=1)
    check = leg_consistency(result)
    assert check is not None
    return float(check.multiples.loc["pe", "pe"])


@pytest.mark.filterwarnings("ignore")
def test_the_pe_leg_implies_its_own_multiple_whatever_its_earnings_read(tmp_path):
    """Decided by what the P/E leg's bridge adds, not by whether its earnings read the balance:
    a read that changes nothing, or a leg told net_cash: 0, leaves the leg's implied P/E its
    own multiple."""
    base = _pe_of_pe_leg(tmp_path, "a.yaml")
    harmless = REST.replace(
        "\n",
        " * (1 + 0 * min(lag(net_cash_balance, 1), 0) / net_cash)\n"
        "      start: rest_net_income_2025\n",
    )
    assert _pe_of_pe_leg(tmp_path, "b.yaml", REST, harmless) == pytest.approx(base, rel=1e-9)
    no_cash = PE_LEG + "        net_cash: 0\n"
    assert _pe_of_pe_leg(tmp_path, "c.yaml", PE_LEG, no_cash) == pytest.approx(base, rel=1e-9)
