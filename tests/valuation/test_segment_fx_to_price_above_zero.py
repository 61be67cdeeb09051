"""A segments model refuses an exchange rate at or below zero, as a line model does.

``model.fx_to_price`` multiplies every value into the price currency: at zero a segments model
stated the share as worthless, below zero floored it at zero, without a word, while the README
says ``validate`` refuses such a rate. It is refused at the model's ``fx_to_price`` line on the
central path (``validate``, the load), on ``validate``'s drawn paths when a distribution of the
rate can reach zero, and by a run that draws such a path, with the line model's message.
"""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
import yaml
from scipy.stats import norm
from segment_data import CENTRAL, PRICE, SECTION, central_inputs

import model
from model.cli.main import main
from model.errors import ParameterError, ThesisError
from model.valuation.checking.leg_bounds import DRAWN_PATHS
from model.valuation.segment_model import SegmentModel

#: Units of the test model's inputs; the rest are fractions.
UNITS = {
    **dict.fromkeys(
        ("ai_market", "cloud_market", "intl_revenue", "rest_earnings", "capex"), "USD bn"
    ),
    **dict.fromkeys(("maintenance_capex", "net_cash", "buyback"), "USD bn"),
    **dict.fromkeys(("margin_years", "capex_years", "depreciation_life", "buyback_years"), "years"),
    **dict.fromkeys(("pe_now", "pe_peer", "cloud_ev_sales", "rest_pe"), "x"),
    "shares": "shares bn",
    "fx": "HKD/USD",
}


def _renamed(x: object) -> object:
    """The section with every assumption prefixed (``shares`` is an output's name too)."""
    if isinstance(x, dict):
        return {k: _renamed(v) for k, v in x.items()}
    return f"a_{x}" if isinstance(x, str) and x in CENTRAL else x


def _thesis(tmp_path: Path, fx: dict) -> Path:
    """The two-segment test model as a thesis priced in HKD, the rate ``a_fx`` given by ``fx``."""
    why = {"estimate": "A round figure for the test model"}
    assumptions = {
        f"a_{k}": {"unit": UNITS.get(k, "%"), **(fx if k == "fx" else {"value": v}), "source": why}
        for k, v in CENTRAL.items()
    }
    doc = {
        "format": 1,
        "thesis": {
            "name": "Two segments",
            "company": "Test Co",
            "ticker": "TEST",
            "as_of": "2025-11-27",
            "currency": "HKD",
            "horizon": {"first": 2025, "last": 2030},
            "price": {"value": PRICE, "unit": "HKD/share", "source": why},
        },
        "assumptions": assumptions,
        "model": _renamed(SECTION),
    }
    path = tmp_path / "segments.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def _fx_line(path: Path) -> int:
    return path.read_text().splitlines().index("  fx_to_price: a_fx") + 1


@pytest.mark.parametrize("rate", [0.0, -1.0])
def test_the_model_refuses_a_rate_at_or_below_zero(rate):
    built = SegmentModel.from_config(SECTION, price=PRICE, years=tuple(range(2025, 2031)))
    assert built(central_inputs(2))["value_per_share"].min() > 0.0
    with pytest.raises(ParameterError, match="the exchange rate 'fx' is") as caught:
        built(central_inputs(2, fx=rate))
    assert caught.value.at == ("model", "fx_to_price")


@pytest.mark.parametrize(("value", "shown"), [("0", "0"), ("-1", "-1")])
def test_a_rate_at_or_below_zero_is_refused_at_its_line(tmp_path, capsys, value, shown):
    path = _thesis(tmp_path, {"value": float(value)})
    assert main(["validate", str(path)]) == 2
    (said,) = [x for x in capsys.readouterr().err.splitlines() if x.startswith("error: ")]
    assert said.startswith(f"error: {path}:{_fx_line(path)}: model.fx_to_price: "), said
    assert f"the exchange rate 'a_fx' is {shown} in 2025;" in said, said
    assert "must be above zero on every path" in said, said
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ThesisError, match=r"model\.fx_to_price: the exchange rate"):
            model.load_thesis(path)


def test_a_drawn_rate_that_can_reach_zero_is_refused_from_drawn_paths(tmp_path, capsys):
    low, high = 0.5, 15.0
    path = _thesis(tmp_path, {"dist": "normal", "ci90": [low, high]})
    assert main(["validate", str(path)]) == 2
    (said,) = [x for x in capsys.readouterr().err.splitlines() if x.startswith("error: ")]
    assert said.startswith(f"error: {path}:{_fx_line(path)}: model.fx_to_price: "), said
    found = re.search(r"on ([\d,]+) of ([\d,]+) drawn paths, though not on the central path", said)
    assert found is not None, said
    bad, n = (int(g.replace(",", "")) for g in found.groups())
    assert n == DRAWN_PATHS
    # The rate is drawn once a path: at or below zero with the normal's probability.
    mean, sd = (low + high) / 2, (high - low) / 2 / norm.ppf(0.95)
    p = float(norm.cdf(-mean / sd))
    assert abs(bad / n - p) <= 4 * math.sqrt(p * (1 - p) / n), (bad, n, p)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        thesis = model.load_thesis(path)
        with pytest.raises(ThesisError, match=r"fx_to_price.*on some paths of the run"):
            model.simulate(thesis, n_paths=2000, seed=1)


def test_a_rate_above_zero_on_every_path_passes(tmp_path, capsys):
    path = _thesis(tmp_path, {"dist": "lognormal", "ci90": [7.0, 8.6]})
    assert main(["validate", str(path)]) == 0, capsys.readouterr().err
    assert "exchange rate" not in capsys.readouterr().err
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        central = model.central(model.load_thesis(path))
    assert np.all(central["value_per_share"] > 0.0)
