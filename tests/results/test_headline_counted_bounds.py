"""The notebook headline's probabilities against the price (P(value > price) and the loss
measure) counted at 0 or n of n paths show the 95% bound, as ``prob()`` and the scorecard do,
never a "0% ± 0%" that claims a certainty the paths cannot give; any other count keeps its
standard error."""

from __future__ import annotations

import html
import re
import warnings
from pathlib import Path

import pytest

import model
from model.results.display import pct_with_se
from model.results.display.views import _returns_rows
from model.results.values import bound_text

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "assumptions" / "examples" / "regional-bank.yaml"
GROWTH = ROOT / "assumptions" / "templates" / "growth-company.yaml"
N = 2_000


def _bank_at(price: float, folder: Path) -> Path:
    """The regional bank's thesis with another share price (its numbers are all estimates)."""
    text = BANK.read_text(encoding="utf-8")
    assert "    value: 48.50\n" in text
    path = folder / f"bank-{price:g}.yaml"
    path.write_text(text.replace("    value: 48.50\n", f"    value: {price}\n", 1), "utf-8")
    return path


def _run(path: Path) -> model.SimulationResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (a price far from the value is warned about)
        return model.simulate(model.load_thesis(path), n_paths=N, seed=3)


def _rows(result: model.SimulationResult) -> dict[str, str]:
    rows = dict(_returns_rows(result))
    upside = next(k for k in rows if k.startswith("P(value > price"))
    return {"upside": rows[upside], "loss": rows["P(value today < 70% of price)"]}


def _text(result: model.SimulationResult) -> str:
    page = re.sub(r"<svg.*?</svg>", "", result._repr_html_(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_no_path_above_the_price_shows_the_bound():
    result = _run(BANK)  # every path is worth less than the price of 48.5 today
    row = result.returns().table([result.exit_year]).iloc[0]
    assert row.p_upside == 0.0 and row.n == N
    shown = _rows(result)
    assert shown["upside"] == f"0.0% ({bound_text(0.0, N)})" == "0.0% (< 0.15%, 95% bound)"
    # The same words as the probability the statement gives.
    assert "(< 0.15%, 95% bound)" in str(result.prob("value_today > 48.5"))
    assert "P(value > price 48.5) 0.0% (< 0.15%, 95% bound)" in _text(result)
    assert "0% ± 0%" not in _text(result)


@pytest.mark.parametrize(
    ("price", "upside", "loss"),
    [
        (1.0, "100.0% (> 99.85%, 95% bound)", "0.0% (< 0.15%, 95% bound)"),
        (1000.0, "0.0% (< 0.15%, 95% bound)", "100.0% (> 99.85%, 95% bound)"),
    ],
)
def test_every_path_or_none_shows_the_bound_in_both_rows(tmp_path, price, upside, loss):
    result = _run(_bank_at(price, tmp_path))
    row = result.returns().table([result.exit_year]).iloc[0]
    assert {row.p_upside, row.p_loss_30} == {0.0, 1.0}
    assert _rows(result) == {"upside": upside, "loss": loss}
    assert "± 0%" not in _text(result)


def test_an_ordinary_count_keeps_its_standard_error():
    result = _run(GROWTH)
    row = result.returns().table([result.exit_year]).iloc[0]
    assert 0.0 < row.p_upside < 1.0 and 0.0 < row.p_loss_30 < 1.0
    assert _rows(result) == {
        "upside": pct_with_se(row.p_upside, row.p_upside_se),
        "loss": pct_with_se(row.p_loss_30, row.p_loss_30_se),
    }
    assert "95% bound" not in "".join(_rows(result).values())


def test_the_comparison_view_shows_the_bound_too(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        comparison = model.compare(_bank_at(1.0, tmp_path), ["base", "bear"], n_paths=N, seed=3)
    table = comparison.returns_table()
    assert set(table["p_upside"]) == {1.0}
    page = html.unescape(comparison._repr_html_())
    assert page.count("100.0% (> 99.85%, 95% bound)") == len(table)
