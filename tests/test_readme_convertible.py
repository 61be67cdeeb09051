"""The README's two ways of counting a convertible bond: as debt in the net cash, or as if
converted in the share count; each counts the bond once."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import model

ROOT = Path(__file__).resolve().parents[1]
README = " ".join(ROOT.joinpath("README.md").read_text(encoding="utf-8").split())
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
SHARES = "shares_2026 + converted * convertible / conversion_price"
CASH = "cash_2025 - (1 - converted) * convertible"
BOND = """  cash_2025: {unit: TWD bn, value: 5, source: {estimate: "Cash at the year end, made up"}}
  convertible: {unit: TWD bn, value: 3, source: {estimate: "Convertible bonds (illustrative)"}}
  conversion_price:
    unit: TWD/share
    value: 500
    source: {estimate: "The bonds' conversion price (illustrative)"}
  converted: {unit: "1", value: CONVERTED, source: {estimate: "Whether the bonds convert"}}
"""


def _central(tmp_path: Path, converted: int) -> dict:
    text = TEMPLATE.read_text(encoding="utf-8")
    text = text.replace(
        "\nmodel:\n", "\n" + BOND.replace("CONVERTED", str(converted)) + "\nmodel:\n"
    )
    text = text.replace(
        "      shares: shares_2025\n",
        f'      shares: "{SHARES.replace("shares_2026", "shares_2025")}"\n',
    )
    text = text.replace(
        "  lines:\n",
        f'  lines:\n    net_cash: {{value: "{CASH}", role: net_cash}}\n',
    )
    path = tmp_path / f"bond{converted}.yaml"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.central(model.load_thesis(path))


def test_the_readme_gives_both_ways():
    assert "**A convertible bond** is counted once" in README
    assert f"`{SHARES}`" in README
    assert f"`{CASH}`" in README


def test_as_debt_or_as_if_converted_the_bond_is_counted_once(tmp_path: Path):
    debt, converted = _central(tmp_path, 0), _central(tmp_path, 1)
    # Converted: 3 TWD bn at 500 TWD a share is 6 m more shares, and the cash stays whole.
    assert converted["shares"][0] / debt["shares"][0] == pytest.approx(126 / 120, rel=1e-12)
    gap = converted["equity_value"] - debt["equity_value"]
    assert gap == pytest.approx(3.0, rel=1e-12)
