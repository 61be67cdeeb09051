"""The README's ways of valuing a depositary share (an ADS of several ordinary shares) agree.

A price per ADS needs every per-share figure per ADS: the ratio folded into ``fx_to_price``
(the README's snippet, or the expression written in place), or the share count in ADSs. Each
is run on the README's example, with a buyback, against the same thesis priced per ordinary
share: the values per ADS are the ordinary share's times the ratio, path by path.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import model

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
MODEL_CURRENCY = "  currency: EUR m                        # every money line is in EUR m\n"
BUYBACK = (
    "  buyback_eur:\n    unit: EUR m\n    value: 150\n"
    '    source: {estimate: "A three-year buyback the board has authorised"}\n'
)
PER_ADS = ("usd_per_eur_per_ads", "usd_per_eur * shares_per_ads")


def _paragraph() -> str:
    start = README.index("**Depositary shares.**")
    return README[start : README.index("\n### ", start)]


def _snippet() -> tuple[str, str]:
    """The README snippet's assumptions (as YAML lines) and its ``fx_to_price`` line."""
    block = re.search(r"```yaml\n(.*?)```", _paragraph(), re.S)
    assert block is not None
    text = block.group(1)
    assumptions = text.split("assumptions:\n", 1)[1].split("model:\n", 1)[0]
    fx = re.search(r"^  fx_to_price: .*\n", text, re.M)
    assert fx is not None
    return assumptions, fx.group(0)


def _write(tmp_path: Path, name: str, *, currency: str, price: float, fx: str, ads: bool = False):
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", README, re.S)
    assert found is not None
    body = found.group(1)
    assumptions, _ = _snippet()
    extra = assumptions + BUYBACK + '  ads_per_share:\n    unit: "1"\n    value: 2\n'
    extra += '    source: {estimate: "A second listing: two ADSs make one share"}\n'
    extra += '  ads_2025:\n    unit: shares m\n    derived: "shares_2025 / shares_per_ads"\n'
    count = "      shares: ads_2025\n" if ads else "      shares: shares_2025\n"
    for old, new in (
        ("  currency: EUR    ", f"  currency: {currency}    "),
        ("    value: 38.0\n    unit: EUR/share", f"    value: {price}\n    unit: {currency}/share"),
        ("\nassumptions:\n", "\nassumptions:\n" + extra),
        (MODEL_CURRENCY, MODEL_CURRENCY + f"  fx_to_price: {fx}\n"),
        (
            "      shares: shares_2025\n",
            count + "      buyback: buyback_eur\n      buyback_years: 3\n",
        ),
    ):
        assert old in body, old
        body = body.replace(old, new, 1)
    path = tmp_path / f"{name}.yaml"
    path.write_text(body, encoding="utf-8")
    return model.load_thesis(path)


def _run(thesis) -> dict[str, np.ndarray]:
    result = model.simulate(thesis, n_paths=2000, seed=11, progress=False)
    return {k: result.array(k) for k in ("value_per_share", "eps", "return_annual")}


def test_the_readme_names_both_ways() -> None:
    flat = " ".join(_paragraph().split())
    _, fx = _snippet()
    assert fx.split("#")[0].split(":", 1)[1].strip() == PER_ADS[0]
    assert f'{PER_ADS[0]}: {{unit: USD/EUR, derived: "{PER_ADS[1]}"}}' in _paragraph()
    for words in (
        "`usd_per_eur / ads_per_share`",
        "`fx_to_price: shares_per_ads`",
        "`ordinary_shares / shares_per_ads`, unit `shares m`",
        "The two give the same values per ADS",
    ):
        assert words in flat, words


@pytest.mark.filterwarnings("ignore::model.errors.ThesisModelWarning")
def test_every_way_values_the_ads_at_eight_ordinary_shares(tmp_path: Path) -> None:
    _, fx = _snippet()
    per_share = _run(_write(tmp_path, "ordinary", currency="USD", price=4.75, fx="usd_per_eur"))
    ways = {
        "snippet": dict(fx=fx.split("#")[0].split(":", 1)[1].strip()),
        "expression": dict(fx=PER_ADS[1]),
        "ads_count": dict(fx="usd_per_eur", ads=True),
    }
    for name, how in ways.items():
        got = _run(_write(tmp_path, name, currency="USD", price=38.0, **how))
        for key in ("value_per_share", "eps"):
            np.testing.assert_allclose(got[key], 8 * per_share[key], rtol=1e-12, err_msg=name)
        np.testing.assert_allclose(
            got["return_annual"], per_share["return_annual"], rtol=1e-12, err_msg=name
        )
    # Two ADSs to a share: each ADS is half a share, priced at half the share's price.
    half = _run(
        _write(tmp_path, "half", currency="USD", price=2.375, fx="usd_per_eur / ads_per_share")
    )
    np.testing.assert_allclose(half["value_per_share"], per_share["value_per_share"] / 2, 1e-12)


@pytest.mark.filterwarnings("ignore::model.errors.ThesisModelWarning")
def test_a_model_in_the_price_currency_takes_the_ratio_alone(tmp_path: Path) -> None:
    plain = _run(_write(tmp_path, "plain", currency="EUR", price=4.75, fx="1"))
    ads = _run(_write(tmp_path, "ads", currency="EUR", price=38.0, fx="shares_per_ads"))
    np.testing.assert_allclose(ads["value_per_share"], 8 * plain["value_per_share"], rtol=1e-12)
