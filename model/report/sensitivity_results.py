"""Result types of the sensitivity analyses (see :mod:`model.report.sensitivity`).

Frozen dataclasses, one entry per input, each with ``.to_frame()`` giving a pandas table sorted
most important first.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

import pandas as pd

from model.errors import EngineError


class SensitivityMethod(StrEnum):
    """How :func:`sensitivity` ranks the assumptions."""

    TORNADO = "tornado"
    RANK = "rank"
    SOBOL = "sobol"


class PathSummary(StrEnum):
    """How a per-year input (process shocks, event counts) becomes one number per path.

    ``MEAN`` averages the path up to the analysed year: a growth process acts on the exit-year
    value through every year, not only the last, and an early event weighs more than a late
    one. ``AT_YEAR`` takes the value in that year.
    """

    MEAN = "mean"
    AT_YEAR = "at_year"


def coerce_choice(enum: type[Enum], value: Any, what: str) -> Any:
    """``enum(value)``, or an EngineError listing the accepted values."""
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(repr(m.value) for m in enum)  # type: ignore[attr-defined]
        raise EngineError(f"unknown {what} {value!r}; expected one of {choices}") from None


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TornadoBar:
    """One input's swing.

    Attributes
    ----------
    input, label, unit : str
        Variable name, its human label and its unit.
    low_value, high_value : float
        The input's low and high quantiles (p10 and p90 by default).
    output_at_low, output_at_high : float
        The output with this input at ``low_value`` / ``high_value``, the others central.
    """

    input: str
    label: str
    unit: str
    low_value: float
    high_value: float
    output_at_low: float
    output_at_high: float

    @property
    def swing(self) -> float:
        """``output_at_high - output_at_low``; negative when the output falls as the input rises."""
        return self.output_at_high - self.output_at_low


@dataclass(frozen=True)
class TornadoResult:
    """One-at-a-time swings of the inputs, largest ``|swing|`` first.

    Attributes
    ----------
    output : str
        The output analysed.
    year : int or None
        The year analysed (None for a model without years; for an output of shape (n,) it is
        informational).
    base : float
        The output with every input central.
    bars : tuple of TornadoBar
        Sorted by decreasing ``|swing|`` (ties keep the spec order).
    low_quantile, high_quantile : float
        The quantiles each input was swung between.
    """

    output: str
    year: int | None
    base: float
    bars: tuple[TornadoBar, ...]
    low_quantile: float = 0.1
    high_quantile: float = 0.9

    @property
    def ranking(self) -> tuple[str, ...]:
        """Input names, most important first."""
        return tuple(b.input for b in self.bars)

    def to_frame(self) -> pd.DataFrame:
        """One row per input, sorted by ``|swing|``.

        Returns
        -------
        DataFrame
            Columns input, label, unit, low_value, high_value, output_at_low, output_at_high,
            swing, base.
        """
        rows = [
            {
                "input": b.input,
                "label": b.label,
                "unit": b.unit,
                "low_value": b.low_value,
                "high_value": b.high_value,
                "output_at_low": b.output_at_low,
                "output_at_high": b.output_at_high,
                "swing": b.swing,
                "base": self.base,
            }
            for b in self.bars
        ]
        columns = ["input", "label", "unit", "low_value", "high_value", "output_at_low",
                   "output_at_high", "swing", "base"]
        return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True)
class RankEntry:
    """One input's rank correlation with the output.

    Attributes
    ----------
    input, label, unit : str
    rho : float
        Spearman rank correlation with the output.
    rho_low, rho_high : float
        Confidence interval of ``rho`` (Fisher z with the Fieller-Hartley-Pearson variance
        ``1.06 / (n - 3)``).
    contribution : float
        ``rho**2`` over the sum of ``rho**2`` of all analysed inputs.
    """

    input: str
    label: str
    unit: str
    rho: float
    rho_low: float
    rho_high: float
    contribution: float


@dataclass(frozen=True)
class RankCorrelationResult:
    """Rank correlations and contributions to variance, largest ``|rho|`` first.

    Attributes
    ----------
    output : str
    year : int or None
    n_paths : int
        Paths with a finite output (an input's own non-finite paths are also left out of its
        correlation).
    conf_level : float
    entries : tuple of RankEntry
    dropped : tuple of str
        Inputs left out because they do not vary in the run.
    seed_entropy : int or None
        Root seed of the analysed run, when it reports one.
    """

    output: str
    year: int | None
    n_paths: int
    conf_level: float
    entries: tuple[RankEntry, ...]
    dropped: tuple[str, ...] = ()
    seed_entropy: int | None = None

    @property
    def ranking(self) -> tuple[str, ...]:
        """Input names, most important first."""
        return tuple(e.input for e in self.entries)

    def to_frame(self) -> pd.DataFrame:
        """One row per input.

        Returns
        -------
        DataFrame
            Columns input, label, unit, rho, rho_low, rho_high, contribution.
        """
        columns = ["input", "label", "unit", "rho", "rho_low", "rho_high", "contribution"]
        rows = [{c: getattr(e, c) for c in columns} for e in self.entries]
        return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True)
class SobolEntry:
    """One input's Sobol' indices with the half-widths of their confidence intervals."""

    input: str
    label: str
    unit: str
    S1: float
    S1_conf: float
    ST: float
    ST_conf: float


@dataclass(frozen=True)
class SobolResult:
    """First-order and total Sobol' indices, largest ``ST`` first.

    Attributes
    ----------
    output : str
    year : int or None
    n_base : int
        Base sample size ``N``; the model ran ``n_evaluations = N * (k + 2)`` times.
    n_evaluations : int
    conf_level : float
        Level of the bootstrap intervals; ``S1_conf`` is the half-width, so the interval is
        ``S1 +- S1_conf``.
    seed_entropy : int
        Root entropy; passing it as ``seed`` reproduces the result exactly.
    entries : tuple of SobolEntry
    """

    output: str
    year: int | None
    n_base: int
    n_evaluations: int
    conf_level: float
    seed_entropy: int
    entries: tuple[SobolEntry, ...]

    @property
    def ranking(self) -> tuple[str, ...]:
        """Input names, most important (by total index) first."""
        return tuple(e.input for e in self.entries)

    @property
    def interaction_share(self) -> float:
        """``1 - sum(S1)``: the variance share due to interactions (about 0 if additive)."""
        return 1.0 - float(sum(e.S1 for e in self.entries))

    def to_frame(self) -> pd.DataFrame:
        """One row per input.

        Returns
        -------
        DataFrame
            Columns input, S1, S1_conf, ST, ST_conf, label, unit.
        """
        columns = ["input", "S1", "S1_conf", "ST", "ST_conf", "label", "unit"]
        rows = [{c: getattr(e, c) for c in columns} for e in self.entries]
        return pd.DataFrame(rows, columns=columns)
