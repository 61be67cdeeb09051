"""An event on the count a ``share_count`` block reads is a share issue in its year, under one
rule whatever else the block is given (buybacks, dilution, a drifting buyback price): never
accepted with some parameters and refused as 'changing nothing' with others."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pytest

import model
from model.cli.main import main

THESIS = textwrap.dedent(
    """\
    format: 1
    thesis:
      name: Share issue check
      company: Issuer AG
      as_of: 2025-06-30
      currency: EUR
      horizon: {first: 2025, last: 2029}
      price: {value: 40, unit: EUR/share, source: {estimate: "A price for the check"}}
    assumptions:
      sales_2025: {unit: EUR m, value: 1000, source: {estimate: "Sales for the check"}}
      wacc: {unit: "%", value: 0.09, source: {estimate: "A WACC for the check"}}
      tg: {unit: "%", value: 0.02, source: {estimate: "Growth after the horizon"}}
      bb: {unit: EUR m, value: 100, source: {estimate: "A buyback of EUR 100m a year"}}
      dil: {unit: "%", value: 0.01, source: {estimate: "One percent a year of stock pay"}}
      drift: {unit: "%", value: 0.05, source: {estimate: "The buyback price drifts up"}}
      shares_2025: {unit: shares m, value: 50, source: {estimate: "Fifty million shares"}}
    events:
      issue:
        label: "A rights issue"
        annual_prob: 1.0
        repeatable: false
        years: [2027]
        effects:
          - {target: shares_2025, op: multiply, by: 1.1}
        source: {estimate: "A rights issue of ten percent of the opening count in 2027"}
    model:
      kind: lines
      currency: EUR m
      blocks:
        count: {type: share_count, shares: shares_2025, buyback_spend: bbEXTRA}
      lines:
        sales: {value: sales_2025, role: revenue}
        fcff: {value: 0.1 * sales, role: fcff}
      valuation:
        legs:
          dcf: {weight: 1, discount_rate: wacc, terminal_growth: tg}
    """
)

CONFIGS = {
    "buybacks": "",
    "dilution": ", dilution: dil",
    "price_growth": ", price_growth: drift",
    "both": ", dilution: dil, price_growth: drift",
    "zero_dilution": ", dilution: 0",
}


def _path(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "issuer.yaml"
    path.write_text(THESIS.replace("EXTRA", extra), encoding="utf-8")
    return path


def _shares(path: Path) -> np.ndarray:
    result = model.simulate(model.load_thesis(path), n_paths=8, seed=1, progress=False)
    return np.asarray(result.array("shares"))[0]


@pytest.mark.parametrize("config", list(CONFIGS))
def test_an_issue_validates_whatever_the_block_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str
) -> None:
    assert main(["validate", str(_path(tmp_path, CONFIGS[config]))]) == 0, capsys.readouterr()


@pytest.mark.parametrize("config", list(CONFIGS))
def test_the_issue_adds_its_shares_in_its_year(tmp_path: Path, config: str) -> None:
    shares = _shares(_path(tmp_path, CONFIGS[config]))
    d = 0.01 if "dilution: dil" in CONFIGS[config] else 0.0
    drift = 0.05 if "drift" in CONFIGS[config] else 0.0
    expected = [50.0]
    for t in range(1, 5):
        retired = 100.0 / (40.0 * (1.0 + drift) ** t)
        issued = 5.0 if t == 2 else 0.0  # 10% of the opening 50, in 2027
        expected.append(expected[-1] * (1.0 + d) + issued - retired)
    np.testing.assert_allclose(shares, expected, rtol=1e-12)


def test_without_dilution_one_rule_gives_one_count(tmp_path: Path) -> None:
    # The block's two ways to count (with and without dilution) agree at a dilution of 0.
    plain = _shares(_path(tmp_path, ""))
    zero = _shares(_path(tmp_path, ", dilution: 0"))
    np.testing.assert_allclose(zero, plain, rtol=1e-12)
