"""An exchange rate into the price currency at or below zero is refused at ``model.fx_to_price``.

The rate multiplies every value, dividend and buyback on its way into the price currency: at
zero it states the share as worthless without a word, below zero it turns the dividends into
payments by the holders (which used to fail inside the dated returns, naming no line). It is
refused at the model's ``fx_to_price`` line on the central path (``validate``, the load), on
``validate``'s drawn paths when a distribution of the rate can reach zero, and by a run that
draws such a path.
"""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path

import pytest
from scipy.stats import norm

import model
from model.cli.main import main
from model.errors import ThesisError
from model.valuation.checking.leg_bounds import DRAWN_PATHS

MODEL_CURRENCY = "  currency: EUR m                        # every money line is in EUR m\n"


def _thesis(tmp_path: Path, readme_example: str, rate: str) -> Path:
    """The README's example priced in USD, with the rate ``usd_per_eur`` given by ``rate``
    (the YAML of the assumption after its unit)."""
    text = readme_example
    for old, new in (
        ("  currency: EUR    ", "  currency: USD    "),
        ("    unit: EUR/share", "    unit: USD/share"),
        (
            "\nassumptions:\n",
            "\nassumptions:\n  usd_per_eur:\n    unit: USD/EUR\n"
            f"{rate}"
            '    source: {estimate: "The dollar per euro over the years held"}\n',
        ),
        (MODEL_CURRENCY, MODEL_CURRENCY + "  fx_to_price: usd_per_eur\n"),
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "fx.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _fx_line(path: Path) -> int:
    return path.read_text().splitlines().index("  fx_to_price: usd_per_eur") + 1


@pytest.mark.parametrize(("value", "shown"), [("0", "0"), ("-1.1", "-1.1")])
def test_a_rate_at_or_below_zero_is_refused_at_its_line(
    tmp_path, readme_example, capsys, value, shown
):
    path = _thesis(tmp_path, readme_example, f"    value: {value}\n")
    assert main(["validate", str(path)]) == 2
    (said,) = [x for x in capsys.readouterr().err.splitlines() if x.startswith("error: ")]
    head = f"error: {path}:{_fx_line(path)}: model.fx_to_price: "
    assert said.startswith(head), said
    assert f"the exchange rate 'usd_per_eur' is {shown} in 2025;" in said, said
    assert "must be above zero on every path" in said, said
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ThesisError, match=r"model\.fx_to_price: the exchange rate"):
            model.load_thesis(path)


def test_a_drawn_rate_that_can_reach_zero_is_refused_from_drawn_paths(
    tmp_path, readme_example, capsys
):
    low, high = 0.1, 2.1
    path = _thesis(tmp_path, readme_example, f"    dist: normal\n    ci90: [{low}, {high}]\n")
    assert main(["validate", str(path)]) == 2
    (said,) = [x for x in capsys.readouterr().err.splitlines() if x.startswith("error: ")]
    assert said.startswith(f"error: {path}:{_fx_line(path)}: model.fx_to_price: "), said
    found = re.search(r"on ([\d,]+) of ([\d,]+) drawn paths, though not on the central path", said)
    assert found is not None, said
    bad, n = (int(g.replace(",", "")) for g in found.groups())
    assert n == DRAWN_PATHS
    # The rate is drawn once a path: below zero with the normal's probability.
    mean, sd = (low + high) / 2, (high - low) / 2 / norm.ppf(0.95)
    p = float(norm.cdf(-mean / sd))
    assert abs(bad / n - p) <= 4 * math.sqrt(p * (1 - p) / n), (bad, n, p)
    # The central path is sound, so the load passes; a run that draws such a path stops.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        thesis = model.load_thesis(path)
        with pytest.raises(ThesisError, match=r"fx_to_price.*on some paths of the run"):
            model.simulate(thesis, n_paths=2000, seed=1)


def test_a_rate_above_zero_on_every_path_passes(tmp_path, readme_example, capsys):
    path = _thesis(tmp_path, readme_example, "    dist: lognormal\n    ci90: [0.9, 1.4]\n")
    assert main(["validate", str(path)]) == 0, capsys.readouterr().err
    assert "exchange rate" not in capsys.readouterr().err
