"""Blending legs by weight, the sensitivity of the blend to the weights, and their consistency.

Equations (``(n, n_years)``; ``w_i`` the weight of leg ``i``, inputs, not constants)::

    blend_t             = sum_i w_i value_i,t                      w_i >= 0, sum_i w_i = 1
    d blend / d w_i     = (value_i - blend) / (1 - w_i)            other weights shrunk pro rata
    spread_m            = max_i M_i / min_i M_i - 1                 per path, exit year

``M_i`` is the multiple ``m`` (P/E, EV/EBITDA) that leg ``i``'s value implies through the common
bridge (:func:`~model.valuation.legs.bridge.implied_multiples`). Legs that agree imply the same
multiple; a spread of the median multiples above the thesis' tolerance flags the thesis.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from model.errors import ParameterError
from model.valuation.legs.base import LegValue
from model.valuation.legs.bridge import implied_multiples

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LegConsistency", "blend_legs", "check_consistency", "weight_sensitivity"]

_WEIGHT_TOL = 1e-9


def _weights(weights: Mapping[str, ArrayLike], shape: tuple[int, ...]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for name, w in weights.items():
        arr = np.asarray(w, dtype=float)
        if arr.ndim == 1 and len(shape) == 2 and arr.shape[0] == shape[0]:
            arr = arr[:, None]
        try:
            arr = np.broadcast_to(arr, shape)
        except ValueError:
            raise ParameterError(
                f"weight has shape {np.shape(w)}; expected a scalar, ({shape[0]},) or {shape}",
                field=name,
            ) from None
        if np.any(arr < 0.0):
            raise ParameterError("a leg weight must be >= 0", field=name)
        out[name] = arr
    total = sum(out.values())
    off = np.abs(np.asarray(total) - 1.0)
    if np.any(off > _WEIGHT_TOL):
        raise ParameterError(
            f"leg weights {', '.join(out)} must sum to 1 (off by up to {float(np.max(off)):.3g})",
            field="weights",
        )
    return out


def _values(legs: Mapping[str, LegValue | ArrayLike]) -> dict[str, np.ndarray]:
    return {
        k: (v.equity if isinstance(v, LegValue) else np.asarray(v, dtype=float))
        for k, v in legs.items()
    }


def blend_legs(
    legs: Mapping[str, LegValue | ArrayLike], weights: Mapping[str, ArrayLike]
) -> np.ndarray:
    """Weighted blend of the legs' equity values.

    Parameters
    ----------
    legs : mapping of name -> LegValue or array, shape (n, n_years)
    weights : mapping of the same names -> scalar, (n,) or (n, n_years)
        Non-negative, summing to 1 on every path and year (weights can be random inputs,
        so the blend's sensitivity to them is measurable like any assumption's).

    Returns
    -------
    ndarray, shape (n, n_years)

    Raises
    ------
    ParameterError
        Names that differ, a negative weight, or weights that do not sum to 1.
    """
    values = _values(legs)
    if set(values) != set(weights):
        raise ParameterError(
            f"weights name {sorted(weights)} but the legs are {sorted(values)}", field="weights"
        )
    shape = next(iter(values.values())).shape
    w = _weights(weights, shape)
    return sum((w[k] * values[k] for k in values), start=np.zeros(shape))


def weight_sensitivity(
    legs: Mapping[str, LegValue | ArrayLike], weights: Mapping[str, ArrayLike]
) -> dict[str, np.ndarray]:
    """Change of the blend per unit of weight moved to each leg from the others pro rata.

    Returns
    -------
    dict of leg name -> ndarray, shape (n, n_years)
        ``(value_i - blend) / (1 - w_i)``; 0 for a leg that holds all the weight.
    """
    values = _values(legs)
    blended = blend_legs(values, weights)
    w = _weights(weights, blended.shape)
    out = {}
    for k, v in values.items():
        rest = 1.0 - w[k]
        out[k] = np.divide(v - blended, rest, out=np.zeros_like(blended), where=rest > 0.0)
    return out


@dataclass(frozen=True)
class LegConsistency:
    """Whether the legs imply the same exit multiples.

    Attributes
    ----------
    multiples : pandas.DataFrame
        Median implied multiple by leg (rows) and multiple (columns), at the year checked.
    spread : dict of str -> float
        ``max / min - 1`` of the medians, per multiple.
    share_flagged : dict of str -> float
        Share of paths whose own spread exceeds the tolerance.
    tolerance : float
    flagged : bool
        Some multiple's spread exceeds the tolerance.
    year : int
        Column (model year index) checked.
    share_defined : dict of str -> float
        Share of paths on which some leg implies the multiple (a P/E needs positive earnings):
        the medians are over those paths.
    """

    multiples: pd.DataFrame
    spread: dict[str, float]
    share_flagged: dict[str, float]
    tolerance: float
    flagged: bool
    year: int
    share_defined: dict[str, float] = field(default_factory=dict)

    def messages(self) -> list[str]:
        """One line per multiple whose legs disagree beyond the tolerance."""
        lines = []
        for m, s in self.spread.items():
            if s > self.tolerance:
                col = self.multiples[m].dropna()
                # A multiple at or below zero (a leg valuing the operations at nothing or
                # less) has no ratio to the others: "inf% apart" would say nothing.
                gap = (
                    f"{s:.0%} apart"
                    if np.isfinite(s)
                    else f"{col.idxmin()} values the operations at or below zero"
                )
                lines.append(
                    f"legs disagree on the implied exit {m}: {col.idxmax()} {col.max():.1f}x "
                    f"vs {col.idxmin()} {col.min():.1f}x ({gap}, tolerance "
                    f"{self.tolerance:.0%})"
                )
        return lines

    def summary(self) -> pd.DataFrame:
        """Median implied multiples with a spread row."""
        import pandas as pd

        spread = pd.DataFrame([self.spread], index=["spread"])
        return pd.concat([self.multiples, spread])

    def to_frame(self) -> pd.DataFrame:
        """The median implied multiples by leg."""
        return self.multiples.copy()

    def __repr__(self) -> str:
        state = "flagged" if self.flagged else "consistent"
        parts = ", ".join(
            f"{m} spread {s:.0%}" if np.isfinite(s) else f"{m} spread undefined (a multiple <= 0)"
            for m, s in self.spread.items()
        )
        return f"LegConsistency({state}: {parts}; tolerance {self.tolerance:.0%})"

    def _repr_html_(self) -> str:
        head = html.escape(repr(self))
        return f"<p>{head}</p>" + self.summary().to_html(float_format=lambda x: f"{x:.2f}")


def check_consistency(
    legs: Mapping[str, LegValue],
    metrics: Mapping[str, ArrayLike | None],
    net_cash: ArrayLike | Mapping[str, ArrayLike] = 0.0,
    investments: ArrayLike | Mapping[str, ArrayLike] = 0.0,
    tolerance: float = 0.25,
    year: int = -1,
    multiples: tuple[str, ...] = ("pe", "ev_ebitda"),
    earnings_bear_interest: bool = False,
) -> LegConsistency:
    """Compare the exit multiples the legs imply.

    Parameters
    ----------
    legs : mapping of name -> LegValue
    metrics : mapping of role -> array, shape (n, n_years)
        ``earnings``, ``ebitda`` (and ``revenue``, ``ebit`` if checked).
    net_cash, investments : array_like, or mapping of leg name -> array_like
        The bridge's balances: one for every leg, or each leg's own (what its bridge added).
    tolerance : float
        Largest accepted ``max / min - 1`` of the legs' median multiples (the thesis sets it).
    year : int
        Model-year column to check (the exit year by default).
    multiples : tuple of str
        Which implied multiples to compare (``pe``, ``ev_ebitda``, ``ev_sales``, ``ev_ebit``).
    earnings_bear_interest : bool
        The earnings are after the interest on the net cash: the P/E is on the equity
        (:func:`~model.valuation.legs.bridge.implied_multiples`).

    Returns
    -------
    LegConsistency
    """
    import pandas as pd

    if not tolerance >= 0.0:
        raise ParameterError(f"tolerance must be >= 0 (got {tolerance})", field="tolerance")

    def of(balance: ArrayLike | Mapping[str, ArrayLike], leg: str) -> ArrayLike:
        return balance[leg] if isinstance(balance, Mapping) else balance

    implied = {
        k: implied_multiples(
            v.equity, metrics, of(net_cash, k), of(investments, k), earnings_bear_interest
        )
        for k, v in legs.items()
    }
    rows: dict[str, dict[str, float]] = {}
    per_path: dict[str, list[np.ndarray]] = {m: [] for m in multiples}
    for k, by in implied.items():
        rows[k] = {}
        for m in multiples:
            if m not in by:
                continue
            col = by[m][:, year]
            per_path[m].append(col)
            rows[k][m] = float(np.nanmedian(col)) if np.any(np.isfinite(col)) else np.nan
    table = pd.DataFrame.from_dict(rows, orient="index")
    spread: dict[str, float] = {}
    flagged_share: dict[str, float] = {}
    defined_share: dict[str, float] = {}
    for m in multiples:
        if m not in table or table[m].dropna().empty:
            continue
        col = table[m].dropna()
        spread[m] = float(col.max() / col.min() - 1.0) if col.min() > 0 else np.inf
        stack = np.vstack(per_path[m])
        # A path on which no leg implies the multiple (losses) cannot disagree: not flagged,
        # and no all-NaN reduction (numpy would warn on it).
        defined = np.isfinite(stack)
        defined_share[m] = float(defined.any(axis=0).mean())
        high = np.where(defined, stack, -np.inf).max(axis=0)
        low = np.where(defined, stack, np.inf).min(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            path_spread = np.where(defined.any(axis=0), high / low - 1.0, 0.0)
        flagged_share[m] = float(np.mean(np.nan_to_num(path_spread, nan=np.inf) > tolerance))
    year_index = year if year >= 0 else next(iter(legs.values())).equity.shape[1] + year
    return LegConsistency(
        table,
        spread,
        flagged_share,
        float(tolerance),
        any(s > tolerance for s in spread.values()),
        year_index,
        defined_share,
    )
