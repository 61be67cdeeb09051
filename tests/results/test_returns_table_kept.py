"""The returns of a run with ``keep=`` are those of the run that keeps every output, or they are
refused naming every output still to keep: never measured on another value unsaid.

On today's basis (a thesis with a cost of equity) the returns read today's value
(``value_today_by_year``) and the dated returns (``return_dated``) per path. A lean run that
kept neither measured the undiscounted year-end value instead, and one that kept today's value
alone read it as a year-end price (a return of about -1 % a year where the run said +8 %). On
the year-end basis (no cost of equity) they read ``value_per_share`` and the dividends.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import model
from model.errors import SettingsError

EXAMPLES = Path(__file__).resolve().parents[2] / "assumptions" / "examples"
BANK = EXAMPLES / "regional-bank.yaml"
JAPAN = EXAMPLES / "japan-conglomerate.yaml"
VALUE, PAID = "value_per_share", "dividends_per_share"
TODAY, DATED = "value_today_by_year", "return_dated"
RUN = {"n_paths": 2_000, "seed": 7}


def _named(missing: list[str]) -> str:
    """The ``keep=`` the refusal asks for, exactly these outputs in this order."""
    return re.escape(f"keep=[..., {', '.join(repr(n) for n in missing)}]")


def _simulate(thesis, keep=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the thesis' own load warnings are not the subject
        return model.simulate(thesis, **RUN, keep=keep)


@pytest.fixture(scope="module")
def bank():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.load_thesis(BANK)


@pytest.fixture(scope="module")
def full(bank):
    return _simulate(bank)


@pytest.fixture(scope="module")
def year_end(tmp_path_factory):
    """The conglomerate without its cost of equity: year-end values, dividends counted."""
    text = JAPAN.read_text(encoding="utf-8")
    line = "    cost_of_equity: ke\n"
    assert line in text
    path = tmp_path_factory.mktemp("year-end") / "year-end.yaml"
    path.write_text(text.replace(line, ""), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        thesis = model.load_thesis(path, allow_read=[JAPAN.parent])
    assert TODAY not in _simulate(thesis, keep=[VALUE]).streamed  # no today's value at all
    return thesis


@pytest.mark.parametrize(
    ("keep", "missing"),
    [
        ([VALUE, PAID], [TODAY, DATED]),  # none of what the returns read
        ([VALUE, PAID, TODAY], [DATED]),  # today's value alone read as a year-end price
        ([VALUE, DATED], [TODAY]),
    ],
)
def test_a_lean_run_on_todays_basis_is_refused_naming_what_to_keep(bank, keep, missing):
    lean = _simulate(bank, keep)
    ask = _named(missing)
    with pytest.raises(SettingsError, match=ask):
        lean.returns_table()
    # Every figure that reads them per path, not the table alone.
    for figure in (lean.expected_return, lean.returns().p_upside, lean.returns().values):
        with pytest.raises(SettingsError, match=ask):
            figure()


def test_a_run_that_keeps_what_the_returns_read_gives_the_full_runs_figures(bank, full):
    lean = _simulate(bank, [TODAY, DATED])
    pd.testing.assert_frame_equal(lean.returns_table(), full.returns_table(), rtol=1e-12)
    assert lean.expected_return() == pytest.approx(full.expected_return(), rel=1e-12)
    # By hand: the median of today's value of holding to the exit year, and the share of
    # paths above the price.
    today = full.outputs[TODAY][:, -1]
    row = lean.returns_table().loc[full.exit_year]
    assert row["value_p50"] == pytest.approx(float(np.median(today)), rel=1e-12)
    assert row["p_upside"] == pytest.approx(float(np.mean(today > full.price)), rel=1e-12)


@pytest.mark.parametrize(
    ("keep", "missing"),
    [(["net_cash"], [VALUE, PAID]), ([PAID], [VALUE]), ([VALUE, PAID], [])],
)
def test_a_lean_run_on_the_year_end_basis_is_refused_or_the_full_ones(year_end, keep, missing):
    lean = _simulate(year_end, keep)
    if missing:
        with pytest.raises(SettingsError, match=_named(missing)):
            lean.returns_table()
    else:
        full = _simulate(year_end).returns_table()
        pd.testing.assert_frame_equal(lean.returns_table(), full, rtol=1e-12)


def test_the_classic_view_of_a_lean_comparison_is_refused_or_the_full_ones(bank):
    cases = ["bull", "base", "bear"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = model.compare(bank, cases, **RUN)
        lean = model.compare(bank, cases, **RUN, keep=[VALUE, PAID])
        kept = model.compare(bank, cases, **RUN, keep=[TODAY])
    # The year-end value against today's price was another view under the same name.
    with pytest.raises(SettingsError, match=_named([TODAY])):
        lean.classic_view()
    with pytest.raises(SettingsError, match=_named([TODAY, DATED])):
        lean.returns_table()
    blend = lean.blend({"bull": 0.25, "base": 0.5, "bear": 0.25})  # picks paths of lean runs
    with pytest.raises(SettingsError, match="picks its paths from.*" + _named([TODAY, DATED])):
        blend.returns_table()
    a, b = kept.classic_view(), full.classic_view()
    assert a.expected_value == pytest.approx(b.expected_value, rel=1e-12)
    assert a.reward_to_risk == pytest.approx(b.reward_to_risk, rel=1e-12)
    # By hand: the base case's value is the median of today's value held to the exit year.
    base = full["base"].outputs[TODAY][:, -1]
    assert a.table.set_index("scenario").loc["base", "value"] == pytest.approx(
        float(np.median(base)), rel=1e-12
    )


def test_views_and_exports_of_a_lean_run_say_what_to_keep(bank, tmp_path):
    lean = _simulate(bank, [VALUE, PAID, "book"])  # book: the scorecard's claim reads it
    html = lean._repr_html_()  # a view never raises: it says what it cannot show
    assert "No headline against the price" in html and "value_today_by_year" in html
    assert "No returns" in lean.returns()._repr_html_()
    pytest.importorskip("openpyxl")
    with pytest.raises(SettingsError, match=_named([TODAY, DATED])):
        lean.to_excel(tmp_path / "lean.xlsx", max_paths=0)
    with pytest.raises(SettingsError, match=_named([TODAY, DATED])):
        lean.export(tmp_path / "lean", charts=False)
