"""The working state of one model evaluation: inputs, the lines computed so far, their priors.

Every line is stored as an ``(n, T)`` array, filled at once (a vectorised step) or column by
column (a recursion through earlier years). Readers ask for the first ``K`` years of a name
(``K = T`` in a vectorised step, ``K = t + 1`` at year ``t`` of a recursion), so a computation
never sees a year it has not reached. A line may carry a *prior*: its value in the year before
the first model year (a segment's backcast market and revenue), which ``name[t-1]`` reads in
year 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from model.errors import ParameterError
from model.inputs.expressions.expreval import lag_key
from model.valuation.shapes import as_paths

__all__ = ["Env"]


class Env:
    """Inputs and lines of one evaluation on ``n`` paths and ``T`` years.

    Parameters
    ----------
    inputs : Mapping[str, array_like]
        Sampled assumptions: scalars, ``(n,)`` or ``(n, T)``.
    n : int
        Number of paths.
    years : tuple of int
        Calendar years of the model.
    """

    def __init__(self, inputs: Mapping[str, Any], n: int, years: tuple[int, ...]) -> None:
        self.inputs = inputs
        self.n = n
        self.years = years
        self.T = len(years)
        self.lines: dict[str, np.ndarray] = {}
        self.priors: dict[str, np.ndarray] = {}
        self.flags: dict[str, np.ndarray] = {}
        self._paths: dict[str, np.ndarray] = {}
        self._t = np.arange(self.T, dtype=float)[None, :]
        self._year = np.asarray(years, dtype=float)[None, :]

    # -- reading -------------------------------------------------------------------------------
    def value(self, name: str, K: int) -> np.ndarray:
        """The first ``K`` years of a line or an assumption, ``(n, K)``."""
        line = self.lines.get(name)
        if line is not None:
            return line[:, :K]
        arr = self._paths.get(name)
        if arr is None:
            if name not in self.inputs:
                raise ParameterError("model input is missing", field=name)
            arr = as_paths(self.inputs[name], self.n, self.T, name)
            self._paths[name] = arr
        return arr[:, :K]

    def prior(self, name: str) -> np.ndarray | None:
        """Value of ``name`` in the year before the first, ``(n,)``, if it has one.

        An assumption's prior is its first-year value (an assumption is a level given for the
        model's years; it has no history of its own); a line has one only if it was given one.
        """
        if name in self.lines:
            return self.priors.get(name)
        return self.value(name, 1)[:, 0]

    def lagged(self, name: str, k: int, K: int) -> np.ndarray:
        """``name[t-k]`` for the first ``K`` years, ``(n, K)``; NaN where no value exists.

        Year ``-1`` is the name's prior when it has one.
        """
        out = np.full((self.n, K), np.nan)
        if K > k:
            out[:, k:] = self.value(name, K - k)
        if 0 <= k - 1 < K:
            before = self.prior(name)
            if before is not None:
                out[:, k - 1] = before
        return out

    def values_for(
        self, names: tuple[str, ...], lags: tuple[tuple[str, int], ...], K: int
    ) -> dict[str, np.ndarray]:
        """The mapping an expression of lines evaluates on, for the first ``K`` years."""
        out: dict[str, np.ndarray] = {name: self.value(name, K) for name in names}
        for name, k in lags:
            out[lag_key(name, k)] = self.lagged(name, k, K)
        out["t"] = self._t[:, :K]
        out["year"] = self._year[:, :K]
        return out

    # -- writing -------------------------------------------------------------------------------
    def store(
        self, name: str, value: np.ndarray, K: int, column: int | None, owned: bool = False
    ) -> None:
        """Store a computed line: all ``K`` years, or only ``column`` (a recursion step).

        ``owned``: the caller made ``value`` and holds it no more, so a float ``(n, K)`` array
        is stored as it is instead of copied.
        """
        if (
            owned
            and column is None
            and isinstance(value, np.ndarray)
            and value.shape == (self.n, K)
            and value.dtype == np.float64
            and value.flags.c_contiguous
            and value.flags.writeable
        ):
            self.lines[name] = value
            return
        value = np.broadcast_to(value, (self.n, K))
        if column is None:
            self.lines[name] = np.array(value, dtype=float)
            return
        if name not in self.lines:
            self.lines[name] = np.full((self.n, self.T), np.nan)
        self.lines[name][:, column] = value[:, column]

    def flag(self, name: str, mask: np.ndarray) -> None:
        """Record paths that broke an invariant (accumulated over recursion steps)."""
        mask = np.asarray(mask, dtype=bool)
        old = self.flags.get(name)
        self.flags[name] = mask if old is None else (old | mask)
