"""Small result values: a probability with its standard error, a sourced chart mark, and the
probability text (``pct``, ``pct_se``) that the console and the notebooks share."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def pct(x: float) -> str:
    """A fraction as a percentage with one decimal (``"n/a"`` when not finite)."""
    return "n/a" if not math.isfinite(x) else f"{x:.1%}"


#: A standard error below this many percentage points is shown as zero (``"0.0%"``).
SE_FLOOR_POINTS = 1e-4


def se_pct(se: float) -> str:
    """A standard error as a percentage with one or two significant digits, at least 1 decimal."""
    if not math.isfinite(se):
        return "n/a"
    points = abs(se) * 100.0
    if points < SE_FLOOR_POINTS:
        # Paths that all agree leave an error of rounding noise (1e-16): it is zero, and its
        # sixteen decimals would only hide the estimate beside it.
        return "0.0%"
    decimals = max(1, -math.floor(math.log10(points)))
    return f"{points:.{decimals}f}%"


def pct_se(p: float, se: float) -> str:
    """``"57.3% ± 1.1%"``; a small error keeps its size (``"13.4% ± 0.04%"``, not ``± 0.0%``)."""
    return f"{pct(p)} ± {se_pct(se)}"


@dataclass(frozen=True)
class Mark:
    """A sourced point to draw on a chart next to a simulated distribution.

    Attributes
    ----------
    output : str
        The output it belongs to, e.g. ``"market_ai_cloud"``.
    year : int
        The year it refers to.
    value : float
        The value, in the output's unit.
    label : str
        What it is, e.g. ``"AI-cloud market 2025 (research card)"``.
    source : str
        Where it comes from (a seed document name, or ``"thesis"`` for the thesis' price).
    """

    output: str
    year: int
    value: float
    label: str
    source: str


@dataclass(frozen=True)
class Probability:
    """A probability estimated from the paths, with its binomial standard error.

    Attributes
    ----------
    statement : str
        The statement whose truth was counted.
    p : float
        Share of paths where it holds.
    se : float
        Its standard error: ``sqrt(p (1 - p) / n)`` for plain Monte Carlo, batch means for Latin
        hypercube and Sobol' runs (see :func:`model.results.summary.probability`).
    n : int
        Number of paths counted: those on which the statement is defined.
    n_undefined : int
        Paths left out because the statement is undefined there (a division by zero, ...).
    df : int or None
        Degrees of freedom of a batch-means ``se`` (independent blocks - 1); None when the
        paths are independent.
    """

    statement: str
    p: float
    se: float
    n: int
    n_undefined: int = 0
    df: int | None = None

    def __float__(self) -> float:
        return self.p

    def interval(self, level: float = 0.95) -> tuple[float, float]:
        """Confidence interval ``p -+ c se``, clipped to [0, 1].

        ``c`` is the normal quantile for independent paths and Student's t with ``df``
        degrees of freedom for a batch-means standard error (LHS and Sobol' runs).

        Parameters
        ----------
        level : float
            Coverage, strictly between 0 and 1, e.g. 0.95.

        Returns
        -------
        tuple of float
            ``(low, high)``.

        Raises
        ------
        SettingsError
            If ``level`` is not strictly between 0 and 1.
        """
        from model.engine.summaries.stats import critical_value
        from model.errors import SettingsError

        if not 0.0 < level < 1.0:
            raise SettingsError(f"the coverage level must lie in (0, 1) (got {level})")
        z = critical_value(level, self.df)
        return max(0.0, self.p - z * self.se), min(1.0, self.p + z * self.se)

    def to_frame(self) -> pd.DataFrame:
        """One-row table: statement, probability, probability_se, n, n_undefined."""
        import pandas as pd

        row = {"statement": self.statement, "probability": self.p, "probability_se": self.se}
        row["n"] = self.n
        return pd.DataFrame([{**row, "n_undefined": self.n_undefined}])

    def summary(self) -> pd.DataFrame:
        """The same one-row table as :meth:`to_frame`."""
        return self.to_frame()

    def __repr__(self) -> str:
        from model.results.display.views import probability_repr

        return probability_repr(self)

    def _repr_html_(self) -> str:
        from model.results.display.views import probability_html

        return probability_html(self)

    def __str__(self) -> str:
        left_out = f", {self.n_undefined:,} undefined left out" if self.n_undefined else ""
        return f"P({self.statement}) = {pct_se(self.p, self.se)} (n={self.n:,}{left_out})"
