"""Returns against today's price: the questions an investor asks of a value distribution.

For each horizon year ``t`` years ahead the value per share ``V_t`` is compared with today's
price ``P`` (the definitions are those of :mod:`model.valuation.returns`):

- the annualised return ``(V_t / P) ** (1 / t) - 1`` per path, its quantiles and its mean (the
  *expected return*);
- the total return ``V_t / P - 1``: the chance it is positive (*P(upside)*), the chance of a
  loss worse than 30 %, and the *expected shortfall*, the average total return of the worst 5 %
  of paths.

Means and probabilities carry their standard errors. Paths whose value is not finite are left
out and counted (column ``n``), never silently averaged in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from model.errors import ParameterError
from model.report import summary as stats
from model.report.errors import HorizonError
from model.report.results import Probability
from model.valuation import returns as rt

#: The output holding value per share, per path and year, in the price currency.
VALUE = "value_per_share"
#: A fall of more than this share of today's price counts as a heavy loss.
LOSS_THRESHOLD = 0.30
#: Tail probability of the expected shortfall.
SHORTFALL_LEVEL = 0.05

TABLE_COLUMNS: tuple[str, ...] = (
    "years_ahead",
    "n",
    "value_p5",
    "value_p50",
    "value_p95",
    "value_mean",
    "se_value_mean",
    "return_p5",
    "return_p50",
    "return_p95",
    "expected_return",
    "se_expected_return",
    "p_upside",
    "se_p_upside",
    "p_loss_30",
    "se_p_loss_30",
    "expected_shortfall_5",
)


@dataclass(frozen=True)
class ReturnsView:
    """Returns analysis of one result against today's price.

    Parameters
    ----------
    result : SimulationResult
        Needs a ``value_per_share`` output, ``price`` and at least two ``years``.
    """

    result: Any

    def _horizon(self, year: int | None) -> tuple[int, int]:
        """(year, years ahead) for a horizon year after the first; the exit year by default."""
        years = self.result.years
        year = years[-1] if year is None else year
        self.result.year_index(year)  # off-horizon years raise HorizonError
        ahead = int(year) - years[0]
        if ahead <= 0:
            # Year 0 is today: there is no holding period to annualise over.
            raise HorizonError(year, years[1:], "the years a return can be measured to")
        return int(year), ahead

    def values(self, year: int | None = None) -> np.ndarray:
        """Finite per-path values per share at ``year`` (exit year by default)."""
        year, _ = self._horizon(year)
        value = np.asarray(self.result.final(VALUE, year), dtype=float)
        return value[np.isfinite(value)]

    def total_returns(self, year: int | None = None) -> np.ndarray:
        """Per-path total return ``V / P - 1`` to ``year``."""
        return rt.total_return(self.values(year), self.result.price)

    def annual_returns(self, year: int | None = None) -> np.ndarray:
        """Per-path annualised return to ``year`` (exit year by default)."""
        _, ahead = self._horizon(year)
        ratio = np.maximum(self.values(year) / _price(self.result.price), 0.0)
        return ratio ** (1.0 / ahead) - 1.0

    def expected_return(self, year: int | None = None) -> float:
        """Mean annualised return to ``year`` (exit year by default)."""
        return rt.expected_return(self.annual_returns(year))

    def p_upside(self, year: int | None = None) -> Probability:
        """P(value per share at ``year`` above today's price), with its standard error."""
        year, _ = self._horizon(year)
        p, se, n = stats.probability(self.total_returns(year) > 0.0)
        return Probability(f"{VALUE}[{year}] > {self.result.price:g}", p, se, n)

    def p_loss(self, threshold: float = LOSS_THRESHOLD, year: int | None = None) -> Probability:
        """P(a loss worse than ``threshold`` at ``year``), with its standard error."""
        year, _ = self._horizon(year)
        p, se, n = stats.probability(self.total_returns(year) < -threshold)
        floor = (1.0 - threshold) * self.result.price
        return Probability(f"{VALUE}[{year}] < {floor:g}", p, se, n)

    def expected_shortfall(self, level: float = SHORTFALL_LEVEL, year: int | None = None) -> float:
        """Average total return of the worst ``level`` share of paths at ``year``."""
        return rt.expected_shortfall(self.total_returns(year), level)

    def table(self, years: Iterable[int] | None = None) -> pd.DataFrame:
        """Value per share and returns to each horizon year.

        Parameters
        ----------
        years : iterable of int, optional
            Horizon years after the first; all of them by default.

        Returns
        -------
        DataFrame
            Index ``year``; columns :data:`TABLE_COLUMNS`: ``years_ahead``, ``n`` (finite paths),
            quantiles and mean of value per share, quantiles and mean (``expected_return``) of
            the annualised return, ``p_upside``, ``p_loss_30`` (total loss worse than 30 %),
            ``expected_shortfall_5`` (mean total return of the worst 5 % of paths) and the
            standard errors (``se_``) of the means and probabilities.
        """
        chosen = list(self.result.years[1:]) if years is None else list(years)
        rows = [self._row(year) for year in chosen]
        return pd.DataFrame(rows, columns=["year", *TABLE_COLUMNS]).set_index("year")

    def _row(self, year: int) -> dict[str, float]:
        year, ahead = self._horizon(year)
        value = self.values(year)
        n = value.size
        if n < 2:
            return {"year": year, "years_ahead": ahead, "n": n}
        annual = self.annual_returns(year)
        total = self.total_returns(year)
        up = stats.probability(total > 0.0)
        loss = stats.probability(total < -LOSS_THRESHOLD)
        v5, v50, v95 = np.quantile(value, [0.05, 0.5, 0.95])
        r5, r50, r95 = np.quantile(annual, [0.05, 0.5, 0.95])
        root_n = math.sqrt(n)
        return {
            "year": year,
            "years_ahead": ahead,
            "n": n,
            "value_p5": v5,
            "value_p50": v50,
            "value_p95": v95,
            "value_mean": float(value.mean()),
            "se_value_mean": float(value.std(ddof=1)) / root_n,
            "return_p5": r5,
            "return_p50": r50,
            "return_p95": r95,
            "expected_return": rt.expected_return(annual),
            "se_expected_return": float(annual.std(ddof=1)) / root_n,
            "p_upside": up[0],
            "se_p_upside": up[1],
            "p_loss_30": loss[0],
            "se_p_loss_30": loss[1],
            "expected_shortfall_5": rt.expected_shortfall(total, SHORTFALL_LEVEL),
        }


def _price(price: float) -> float:
    if not price > 0.0:
        raise ParameterError(f"price must be > 0 to compute returns (got {price})", field="price")
    return price
