"""Return labels start where the returns do: at the price's date, not an earlier model year."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import model
from model.cli.main import main
from model.results.analysis import returns_start_year
from model.results.display.views import _returns_rows

README = Path(__file__).resolve().parents[2] / "README.md"


def _example(tmp_path: Path, first: int) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    body = found.group(1)
    assert "horizon: {first: 2025, last: 2030}" in body and "as_of: 2025-06-30" in body
    path = tmp_path / f"example-{first}.yaml"
    path.write_text(body.replace("first: 2025,", f"first: {first},"), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("first", "label"),
    [(2024, "from 2025-06-30 to 2030"), (2025, "from 2025-06-30 to 2030")],
)
def test_console_and_notebook_labels(tmp_path: Path, capsys, first: int, label: str) -> None:
    # Model year 2024 is the last reported one; the price (as of 30 June 2025) comes after it.
    path = _example(tmp_path, first)
    result = model.simulate(model.load_thesis(path), n_paths=2000, seed=1)
    assert result.years[0] == first
    assert returns_start_year(result) == 2025
    measures = [measure for measure, _ in _returns_rows(result)]
    # The notebook states the real dates: from the price's date to the exit year end.
    assert "annual return from 2025-06-30 to 2030-12-31, median" in measures
    assert main(["compare", str(path), "--paths", "2000", "--seed", "1"]) == 0
    assert f"r/yr: annual return {label} against the price" in capsys.readouterr().out


def test_fiscal_year_label_starts_in_the_price_year(tmp_path: Path, capsys) -> None:
    # Fiscal years ending 31 March: model year 2026 ends after the price of 30 June 2025, so
    # the returns run from 2025, not from the first model year's number.
    path = _example(tmp_path, 2026)
    text = path.read_text(encoding="utf-8")
    text = text.replace("as_of: 2025-06-30", 'as_of: 2025-06-30\n  fiscal_year_end: "03-31"')
    path.write_text(text.replace("last: 2030}", "last: 2031}"), encoding="utf-8")
    result = model.simulate(model.load_thesis(path), n_paths=2000, seed=1)
    assert returns_start_year(result) == 2025
    assert main(["compare", str(path), "--paths", "2000", "--seed", "1"]) == 0
    # The real dates: from the price's date to the end of March 2031, not "2025-2031".
    out = capsys.readouterr().out
    assert "r/yr: annual return from 2025-06-30 to 2031-03-31 against the price" in out


def test_a_price_written_without_per_share_gives_todays_value_per_share(tmp_path: Path) -> None:
    # "EUR" as the price's unit means EUR a share (value per share says so): today's value is
    # in EUR/share too, not in EUR, beside a value per share in EUR/share.
    path = _example(tmp_path, 2025)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "unit: EUR/share", "unit: EUR", 1), encoding="utf-8")  # fmt: skip
    result = model.simulate(model.load_thesis(path), n_paths=1000, seed=1)
    assert result.units["value_per_share"] == "EUR/share"
    assert result.units["value_today"] == "EUR/share"
    assert result.units["value_today_by_year"] == "EUR/share"


def test_year_ends_before_the_price_date_have_no_dated_statistics(tmp_path: Path) -> None:
    # A June year end priced in November: model year 2025 ended on 30 June 2025, before the
    # price (and the valuation) date. Nothing is held to it, so the summary gives it no return
    # and no value today (missing, n = 0), not a 0% return; later years are untouched.
    path = _example(tmp_path, 2025)
    text = path.read_text(encoding="utf-8").replace(
        "as_of: 2025-06-30", 'as_of: 2025-11-14\n  fiscal_year_end: "06-30"'
    )
    path.write_text(text, encoding="utf-8")
    result = model.simulate(model.load_thesis(path), n_paths=2000, seed=1)
    table = result.summary(["return_dated", "total_return_dated", "value_today_by_year"])
    for name in ("return_dated", "total_return_dated", "value_today_by_year"):
        first, later = table.loc[(name, 2025)], table.loc[(name, 2026)]
        assert first["n"] == 0 and np.isnan(first["mean"]) and np.isnan(first["p50"])
        assert later["n"] == 2000 and np.isfinite(later["mean"])
    paths = result.paths("return_dated")
    assert table.loc[("return_dated", 2030), "mean"] == pytest.approx(paths[2030].mean())


def test_year_ends_before_the_price_date_have_no_quantiles_and_no_fan(tmp_path: Path) -> None:
    # The same June year end priced in November: quantiles() agrees with summary() (no
    # figures for 2025), and the fan chart starts at the first year held.
    import matplotlib

    matplotlib.use("Agg")
    from model.charts import fan_chart

    path = _example(tmp_path, 2025)
    text = path.read_text(encoding="utf-8").replace(
        "as_of: 2025-06-30", 'as_of: 2025-11-14\n  fiscal_year_end: "06-30"'
    )
    path.write_text(text, encoding="utf-8")
    result = model.simulate(model.load_thesis(path), n_paths=2000, seed=1)
    q = result.quantiles("value_today_by_year")
    assert q.loc[2025].isna().all() and q.loc[2026:].notna().all().all()
    assert list(q.index) == list(result.years)
    assert q.loc[2030, "p50"] == pytest.approx(result.summary("value_today_by_year").loc[
        ("value_today_by_year", 2030), "p50"])  # fmt: skip
    fig = fan_chart(result, "value_today_by_year")
    xs = {x for coll in fig.axes[0].lines for x in coll.get_xdata()}
    assert 2025 not in xs and 2026 in xs
    # the year axis says when this company's year ends; a calendar year is just "Year"
    assert fig.axes[0].get_xlabel() == "Fiscal year (ends 30 Jun)"
    calendar = model.simulate(model.load_thesis(_example(tmp_path, 2025)), n_paths=200, seed=1)
    assert fan_chart(calendar, "value_per_share").axes[0].get_xlabel() == "Year"
    # an output held in every year keeps all its years
    assert list(result.quantiles("value_per_share").dropna().index) == list(result.years)
