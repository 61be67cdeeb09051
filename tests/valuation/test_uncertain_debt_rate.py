"""An uncertain ``rate:`` on a net debt is judged on its draws, not its central value.

A rate of 2% at the centre, normal with a 90% range of -1% to 5%, is below zero on about 13.6%
of paths, where the debt earns the holders interest and shrinks by itself. Judged at its
central value it drew no warning; the warning now gives the share of paths and says those
paths are valued as drawn.
"""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

import pytest
from scipy.stats import norm

import model
from model.errors import ThesisModelWarning


def _holding_thesis() -> str:
    """The holding company of the negative-rate tests (net debt earning ``rate:``)."""
    path = Path(__file__).with_name("test_negative_debt_rate.py")
    spec = importlib.util.spec_from_file_location("negative_debt_rate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.THESIS)


THESIS = _holding_thesis()


def _rate_warnings(tmp_path: Path, start: str, ci90: tuple[float, float]) -> list[str]:
    path = tmp_path / "holding.yaml"
    text = (
        THESIS.replace("START", start)
        .replace("value: RATE", f"dist: normal, ci90: [{ci90[0]}, {ci90[1]}]")
        .replace("WRITTEN", "debt_rate")
    )
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.central(model.load_thesis(path))
    return [
        str(w.message)
        for w in caught
        if issubclass(w.category, ThesisModelWarning) and ".rate:" in str(w.message)
    ]


def _share(ci90: tuple[float, float]) -> float:
    """P(rate < 0) for a normal with that 90% range, in closed form."""
    low, high = ci90
    return float(norm.cdf(0.0, (low + high) / 2, (high - low) / 2 / norm.ppf(0.95)))


def test_a_rate_positive_at_its_centre_but_often_negative_is_warned(tmp_path: Path) -> None:
    ci90 = (-0.01, 0.05)
    (message,) = _rate_warnings(tmp_path, "-450", ci90)
    assert _share(ci90) == pytest.approx(0.1364, abs=5e-4)
    assert f"below zero on {_share(ci90):.1%} of paths" in message, message
    assert "2% at its central value" in message and "net debt" in message
    assert "valued so, as drawn" in message


def test_a_rate_whose_negative_draws_are_a_far_tail_is_not_warned(tmp_path: Path) -> None:
    # 4% +- 2%: below zero on 0.05% of paths, under the 0.1% the check lets be.
    assert _share((0.02, 0.06)) < 1e-3
    assert _rate_warnings(tmp_path, "-450", (0.02, 0.06)) == []


def test_a_net_cash_earning_an_uncertain_rate_is_not_warned(tmp_path: Path) -> None:
    assert _rate_warnings(tmp_path, "300", (-0.01, 0.05)) == []


def test_a_cost_of_equity_drawn_below_zero_is_warned_with_its_share(tmp_path: Path) -> None:
    # 7.5% at the centre, 90% between -0.5% and 15.5%: below zero on about 6.2% of paths.
    path = tmp_path / "holding.yaml"
    text = (
        THESIS.replace("START", "300")
        .replace("RATE", "0.01")
        .replace("WRITTEN", "debt_rate")
        .replace("value: 0.075", "dist: normal, ci90: [-0.005, 0.155]")
    )
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.central(model.load_thesis(path))
    found = [str(w.message) for w in caught if "cost_of_equity:" in str(w.message)]
    assert len(found) == 1, found
    share = _share((-0.005, 0.155))
    assert share == pytest.approx(0.0615, abs=5e-4)
    assert f"'ke' (0.075 at its central value) is below zero on {share:.1%} of paths" in found[0]
    assert "valued as drawn" in found[0]
