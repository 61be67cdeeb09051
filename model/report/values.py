"""Small result values: a probability with its standard error, and a sourced chart mark."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


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
        Where it comes from (a seed document name, or ``"estimate"``).
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
        ``sqrt(p (1 - p) / n)``.
    n : int
        Number of paths.
    """

    statement: str
    p: float
    se: float
    n: int

    def __float__(self) -> float:
        return self.p

    def interval(self, level: float = 0.95) -> tuple[float, float]:
        """Normal-approximation confidence interval, clipped to [0, 1].

        Parameters
        ----------
        level : float
            Coverage, e.g. 0.95.

        Returns
        -------
        tuple of float
            ``(low, high)``.
        """
        from scipy.special import ndtri

        z = float(ndtri(0.5 + level / 2.0))
        return max(0.0, self.p - z * self.se), min(1.0, self.p + z * self.se)

    def summary(self) -> pd.DataFrame:
        """One-row table: statement, probability, se, n."""
        return pd.DataFrame(
            [{"statement": self.statement, "probability": self.p, "se": self.se, "n": self.n}]
        )

    def __str__(self) -> str:
        return f"P({self.statement}) = {self.p:.4f} ± {self.se:.4f} (n={self.n})"
