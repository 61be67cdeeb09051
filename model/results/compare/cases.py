"""What a comparison of scenarios gives besides its runs: the paired difference of two
scenarios and the analysts' classic bull/base/bear view (see :mod:`model.results.comparison`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CLASSIC_WEIGHTS",
    "WEIGHTS_DEFAULT",
    "WEIGHTS_GIVEN",
    "WEIGHTS_THESIS",
    "CaseValue",
    "ClassicView",
    "Difference",
]


class CaseValue(StrEnum):
    """Which value of a scenario's distribution stands for the case in the classic view."""

    MEDIAN = "median"
    MEAN = "mean"


#: Weights of the analysts' classic bull/base/bear view when the thesis gives none for them.
CLASSIC_WEIGHTS: Mapping[str, float] = MappingProxyType({"bull": 0.25, "base": 0.5, "bear": 0.25})
#: How :meth:`ComparisonResult.classic_view` chose its weights (``ClassicView.weights_basis``).
WEIGHTS_GIVEN = "given"
WEIGHTS_THESIS = "thesis weights of the three cases, rescaled to sum to 1"
WEIGHTS_DEFAULT = "fixed 25/50/25 (the thesis does not weigh all three cases)"


@dataclass(frozen=True, eq=False)
class Difference:
    """Path-by-path difference of one output between two scenarios run with the same draws.

    Attributes
    ----------
    a, b : str
        The scenarios; the difference is ``a - b``.
    output : str
        The output compared.
    year : int
        The year compared.
    values : ndarray, shape (n_paths,)
        Per-path differences; read-only.
    mean, se : float
        Mean difference and its standard error: the error of the mean of the paired
        differences (:func:`~model.results.summary.mean_se`; ``sd / sqrt(n)`` for plain Monte
        Carlo, stratified by scenario when a side is a blend).
    sd : float
        Standard deviation of the paired differences.
    sd_unpaired, se_unpaired : float
        What the sd and se would be had the two scenarios been run with independent draws:
        ``sqrt(var_a + var_b)`` and ``sqrt(se_a**2 + se_b**2)``; the ratio shows what common
        random numbers gain.
    unit : str
        Unit of the output ("" when not known).
    n : int
        Paths with a finite difference (those the statistics use).
    year_end : str
        Month and day the years end (``"03-31"``: ``year`` reads FY2030).
    """

    a: str
    b: str
    output: str
    year: int
    values: np.ndarray
    mean: float
    se: float
    sd: float
    sd_unpaired: float
    se_unpaired: float
    unit: str = ""
    n: int = 0
    year_end: str = "12-31"

    def __post_init__(self) -> None:
        # Read-only, as a result's own arrays are: a write into the paths would leave them
        # disagreeing with the mean and errors computed from them.
        values = np.asarray(self.values).view()
        values.flags.writeable = False
        object.__setattr__(self, "values", values)

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt through __init__, so a copy or an unpickled difference is read-only too
        # (numpy restores an array writable).
        return (type(self), tuple(getattr(self, f.name) for f in fields(self)))

    def to_frame(self) -> pd.DataFrame:
        """One-row table: a, b, output, year, unit, mean, mean_se, sd, sd_unpaired,
        mean_se_unpaired, n."""
        import pandas as pd

        row = {k: getattr(self, k) for k in ("a", "b", "output", "year", "unit", "mean")}
        row["mean_se"] = self.se
        row["sd"] = self.sd
        row["sd_unpaired"] = self.sd_unpaired
        row["mean_se_unpaired"] = self.se_unpaired
        row["n"] = self.n
        return pd.DataFrame([row])

    def summary(self) -> pd.DataFrame:
        """The same one-row table as :meth:`to_frame`."""
        return self.to_frame()

    def __repr__(self) -> str:
        from model.results.display.views import difference_repr

        return difference_repr(self)

    def _repr_html_(self) -> str:
        from model.results.display.views import difference_html

        return difference_html(self)


@dataclass(frozen=True)
class ClassicView:
    """The analysts' classic view: a probability-weighted value of bull, base and bear cases.

    The measures are those of :func:`model.valuation.returns.scenario_view`.

    Attributes
    ----------
    table : DataFrame
        One row per case: ``scenario``, ``weight``, ``value`` (the case's value per share) and
        ``upside`` (value / price - 1).
    price : float
        The thesis' share price.
    year : int
        Horizon year of the values.
    statistic : CaseValue
        How one value per case was taken from its distribution (median or mean).
    weights_basis : str
        Where the weights came from: given by the caller, the thesis' weights of the three
        cases rescaled to sum to 1, or fixed 25/50/25 when the thesis does not weigh all three.
    expected_value : float
        ``sum(weight * value)``.
    expected_return : float
        ``expected_value / price - 1`` (total, not annualised).
    upside, downside : float
        Probability-weighted gain above and loss below the price, as fractions of it:
        ``sum(weight * max(value - price, 0)) / price`` and
        ``sum(weight * max(price - value, 0)) / price``.
    reward_to_risk : float
        ``upside / downside``: the probability-weighted upside divided by the
        probability-weighted downside, both measured from the price; ``inf`` when no case is
        below the price (NaN in :meth:`to_frame`, an empty cell in CSV and Excel).
    today : bool
        Whether the values are today's (held to ``year``, discounted) rather than year-end.
    year_end : str
        Month and day the years end (``"03-31"``: ``year`` reads FY2030).
    """

    table: pd.DataFrame
    price: float
    year: int
    statistic: CaseValue
    weights_basis: str
    expected_value: float
    expected_return: float
    upside: float
    downside: float
    reward_to_risk: float
    today: bool = False
    year_end: str = "12-31"

    def summary(self) -> pd.DataFrame:
        """The same table as :meth:`to_frame`."""
        return self.to_frame()

    def to_frame(self) -> pd.DataFrame:
        """The cases plus a ``weighted`` row; the view's measures as constant columns."""
        import pandas as pd

        total = pd.DataFrame(
            [
                {
                    "scenario": "weighted",
                    "weight": float(self.table["weight"].sum()),
                    "value": self.expected_value,
                    "upside": self.expected_return,
                }
            ]
        )
        frame = pd.concat([self.table, total], ignore_index=True)
        for name in ("price", "year", "upside_weighted", "downside_weighted", "reward_to_risk"):
            attr = {"upside_weighted": "upside", "downside_weighted": "downside"}.get(name, name)
            frame[name] = getattr(self, attr)
        frame["reward_to_risk"] = frame["reward_to_risk"].replace([np.inf, -np.inf], np.nan)
        frame["statistic"] = self.statistic.value
        frame["weights_basis"] = self.weights_basis
        return frame

    def __repr__(self) -> str:
        from model.results.display.views import classic_view_repr

        return classic_view_repr(self)

    def _repr_html_(self) -> str:
        from model.results.display.views import classic_view_html

        return classic_view_html(self)
