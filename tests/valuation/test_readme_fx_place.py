"""The README shows where ``fx_to_price`` goes: a key of ``model:``, beside ``currency:``.

A reader put it under ``valuation:``; the README now says it belongs to ``model:`` and what
``validate`` says otherwise, and both statements are checked on the README's own example.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from model.cli.main import main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
RATE = (
    "\nassumptions:\n  chf_per_eur:\n    unit: CHF/EUR\n    value: 0.94\n"
    '    source: {estimate: "The exchange rate on the valuation date"}\n'
)


def _section() -> str:
    start = README.index("\n### Currencies and FX\n")
    return README[start : README.index("\n### ", start + 1)]


def _thesis(tmp_path: Path, price: str, where: str) -> Path:
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", README, re.S)
    assert found is not None
    body = found.group(1)
    line = "  fx_to_price: chf_per_eur\n"
    for old, new in (
        ("  currency: EUR    ", f"  currency: {price}    "),
        ("unit: EUR/share", f"unit: {price}/share"),
        ("\nassumptions:\n", RATE),
        ("  currency: EUR m   ", line + "  currency: EUR m   " if where == "model" else None),
        ("  valuation:\n", "  valuation:\n  " + line if where == "valuation" else None),
    ):
        assert old in body, old
        body = body.replace(old, new, 1) if new is not None else body
    path = tmp_path / "francs.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_the_readme_shows_fx_to_price_under_model() -> None:
    section = _section()
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block is not None
    shown = yaml.safe_load(block.group(1).replace("{...}", "{}"))
    assert list(shown) == ["model"]
    assert shown["model"]["fx_to_price"] == "fx_hkd_per_usd"
    assert "fx_to_price" not in (shown["model"]["valuation"] or {})
    assert "a key of `model:` itself, beside `currency:`, not of `valuation:`" in section


def test_what_validate_says_is_what_the_readme_says(tmp_path: Path, capsys) -> None:
    assert main(["validate", str(_thesis(tmp_path, "CHF", "model"))]) == 0, capsys.readouterr()
    assert main(["validate", str(_thesis(tmp_path, "CHF", "valuation"))]) == 2
    err = capsys.readouterr().err
    assert "model.fx_to_price: the price is in CHF but the model in EUR" in err, err
    flat = " ".join(_section().split())
    assert "names the rate missing at `model.fx_to_price`" in flat
    # With one currency the misplaced key is the only problem left.
    assert main(["validate", str(_thesis(tmp_path, "EUR", "valuation"))]) == 2
    err = capsys.readouterr().err
    assert "model.valuation.fx_to_price: unknown key 'fx_to_price'" in err, err
    assert "`fx_to_price` as an unknown key of `model.valuation`" in flat
