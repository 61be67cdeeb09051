"""A change that is the same on every path (a price, a date) has a Shapley mean whose standard
error is rounding noise: the attribution printout shows it as 0, not as "± 4.8e-15"."""

from __future__ import annotations

from model.cli.learning import _attribution_text
from model.learning.vintages import Attribution


def _attribution(noise: float, real: float, unit: str = "HKD/share") -> Attribution:
    return Attribution(
        from_="old",
        to="new",
        output="value_today",
        year=2030,
        unit=unit,
        groups=("dates", "market"),
        members={"dates": ("valuation_date",), "market": ("market_cloud",)},
        start={"median": 79.5, "mean": 82.0},
        end={"median": 145.25, "mean": 150.0},
        median={"dates": -14.93, "market": 80.68},
        mean={"dates": -14.93, "market": 82.93},
        mean_se={"dates": noise, "market": real},
        n_paths=2_000,
        n_runs=4,
        per_year=False,
    )


def _mean_cells(text: str) -> dict[str, str]:
    rows = {}
    for line in text.splitlines()[2:]:
        step, *_ = line.split()
        rows[step] = line
    return rows


def test_rounding_noise_reads_as_no_error_and_a_real_error_keeps_its_size():
    att = _attribution(4.8e-15, 0.53)
    rows = _mean_cells(_attribution_text(att, att.summary()))
    assert "e-15" not in rows["dates"] and "± 0 " in rows["dates"] + " "
    assert "± 0.53" in rows["market"]


def test_a_small_but_real_error_is_kept():
    # 1e-6 of a value near 100 is far above rounding (1e-14): it stays.
    att = _attribution(1e-4, 0.53)
    rows = _mean_cells(_attribution_text(att, att.summary()))
    assert "± 0.0001" in rows["dates"]
