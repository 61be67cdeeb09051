"""The :class:`Distribution` base class; the families are in
:mod:`model.engine.draws.dist_families`, the public constructor
:func:`~model.engine.draws.distributions.from_params` in :mod:`model.engine.draws.distributions`.

Every family maps uniforms to values through its inverse CDF. Truncation to optional
``bounds=(low, high)`` is generic: ``u`` is mapped onto ``[F(low), F(high)]`` before the inverse
CDF, so values follow the distribution conditioned on the bounds; moments of truncated
families are computed numerically from the untruncated ``scipy.stats`` distribution.

When the bounds lie above the median (a window far in the upper tail), ``F(low)`` rounds
towards 1 and the map onto ``[F(low), F(high)]`` loses every digit (a lognormal with median 1
and sigma 0.1 bounded below at 2 has ``1 - F(2) = 2e-12``): the window is then mapped through
the survival function ``S = 1 - F`` instead, ``u -> S(low) - u (S(low) - S(high))``, and
inverted with the inverse survival function, both of which keep their relative precision
there. Each family gives its own tail-accurate ``_sf0`` / ``_isf0``.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from functools import cached_property
from typing import Any, ClassVar, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from model.errors import ParameterError

__all__ = ["Distribution", "FloatArray"]

FloatArray = NDArray[np.float64]


def _fmt(x: Any) -> str:
    if isinstance(x, tuple | list):
        return "[" + ", ".join(_fmt(v) for v in x) + "]"
    return f"{x:.6g}" if isinstance(x, float) else str(x)


class Distribution(ABC):
    """A univariate distribution sampled through its inverse CDF.

    Subclasses are frozen dataclasses (hashable, comparable, picklable). Build them with
    :func:`from_params` rather than directly.
    """

    family: ClassVar[str]
    #: True for families with a finite set of values (no truncation allowed).
    discrete: ClassVar[bool] = False
    #: True when the value is known (no random stream is spent on it).
    constant: ClassVar[bool] = False
    bounds: tuple[float, float] | None
    given: tuple[tuple[str, Any], ...]

    # --- family specifics ------------------------------------------------------------------
    @property
    @abstractmethod
    def params(self) -> dict[str, Any]:
        """Canonical parameters (plus ``bounds`` when truncated)."""

    @abstractmethod
    def _ppf0(self, u: FloatArray) -> FloatArray:
        """Inverse CDF of the untruncated distribution."""

    @abstractmethod
    def _cdf0(self, x: FloatArray) -> FloatArray:
        """CDF of the untruncated distribution."""

    def _sf0(self, x: FloatArray) -> FloatArray:
        """Survival function ``1 - F`` of the untruncated distribution (override for tails)."""
        return 1.0 - self._cdf0(x)

    def _isf0(self, p: FloatArray, exact: bool = False) -> FloatArray:
        """Inverse survival function of the untruncated distribution (override for tails)."""
        return self._inv0(1.0 - p, exact)

    def _inv0(self, u: FloatArray, exact: bool = False) -> FloatArray:
        """Inverse CDF; ``exact`` asks for the exact inverse where ``_ppf0`` approximates it."""
        return self._ppf0(u)

    @abstractmethod
    def _support0(self) -> tuple[float, float]:
        """Support of the untruncated distribution."""

    @abstractmethod
    def _moments0(self) -> tuple[float, float]:
        """Mean and variance of the untruncated distribution."""

    @abstractmethod
    def _central0(self) -> float:
        """Deterministic-mode value of the untruncated distribution."""

    def _scipy(self) -> Any:
        """Frozen ``scipy.stats`` distribution (untruncated); used for truncated moments."""
        raise NotImplementedError

    # --- generic behaviour ---------------------------------------------------------------
    @cached_property
    def _ucut(self) -> tuple[float, float]:
        lo, hi = self.bounds  # type: ignore[misc]
        flo = self._cdf0(cast(FloatArray, np.float64(lo)))
        fhi = self._cdf0(cast(FloatArray, np.float64(hi)))
        return float(flo), float(fhi)

    @cached_property
    def _scut(self) -> tuple[float, float] | None:
        """``(S(low), S(high))`` when the bounds lie above the median (see the module notes)."""
        if self.bounds is None or not self._ucut[0] > 0.5:
            return None
        lo, hi = self.bounds
        return float(self._sf0(np.asarray(lo, dtype=np.float64))), float(
            self._sf0(np.asarray(hi, dtype=np.float64))
        )

    def window_mass(self) -> float:
        """Probability of the bounds under the untruncated distribution (1 without bounds).

        Computed through the survival function above the median, so a window far in the
        upper tail has a positive mass rather than ``1 - 1 = 0``.
        """
        if self.bounds is None:
            return 1.0
        cut = self._scut
        if cut is not None:
            return cut[0] - cut[1]
        flo, fhi = self._ucut
        return fhi - flo

    def ppf(self, u: ArrayLike, *, exact: bool = False) -> FloatArray:
        """Inverse CDF.

        Parameters
        ----------
        u : array_like
            Probabilities in ``[0, 1]``, any shape.
        exact : bool
            Use the exact inverse even where a faster tabulated one (within about ``1e-12``)
            exists (beta, PERT); the engine asks for it in small runs.

        Returns
        -------
        ndarray of float64
            Values of the same shape as ``u``; finite wherever the bounds are.
        """
        u = np.asarray(u, dtype=np.float64)
        if self.bounds is None:
            return self._inv0(u, exact)
        cut = self._scut
        if cut is None:
            flo, fhi = self._ucut
            x = self._inv0(flo + u * (fhi - flo), exact)
        else:
            slo, shi = cut
            x = self._isf0(slo - u * (slo - shi), exact)
        return np.clip(x, self.bounds[0], self.bounds[1])

    def cdf(self, x: ArrayLike) -> FloatArray:
        """Cumulative distribution function (of the truncated distribution when bounded)."""
        x = np.asarray(x, dtype=np.float64)
        if self.bounds is None:
            return self._cdf0(x)
        lo, hi = self.bounds
        cut = self._scut
        if cut is None:
            flo, fhi = self._ucut
            p = (self._cdf0(np.clip(x, lo, hi)) - flo) / (fhi - flo)
        else:
            slo, shi = cut
            p = (slo - self._sf0(np.clip(x, lo, hi))) / (slo - shi)
        return np.where(x < lo, 0.0, np.where(x >= hi, 1.0, np.clip(p, 0.0, 1.0)))

    def support(self) -> tuple[float, float]:
        """Smallest interval holding all values, ``(low, high)`` (may be infinite)."""
        lo, hi = self._support0()
        if self.bounds is not None:
            lo, hi = max(lo, self.bounds[0]), min(hi, self.bounds[1])
        return float(lo), float(hi)

    @cached_property
    def _moments(self) -> tuple[float, float]:
        if self.bounds is None:
            return self._moments0()
        lo, hi = self.bounds
        frozen = self._scipy()
        m = float(frozen.expect(lambda x: x, lb=lo, ub=hi, conditional=True))
        m2 = float(frozen.expect(lambda x: (x - m) ** 2, lb=lo, ub=hi, conditional=True))
        return m, max(m2, 0.0)

    def mean(self) -> float:
        """Mean (of the truncated distribution when bounded)."""
        return self._moments[0]

    def sd(self) -> float:
        """Standard deviation (of the truncated distribution when bounded)."""
        return math.sqrt(self._moments[1])

    def median(self) -> float:
        """Median, ``ppf(0.5)``."""
        return self.quantile_value(0.5)

    def quantile(self, q: ArrayLike) -> FloatArray:
        """Quantiles at probabilities ``q``.

        Parameters
        ----------
        q : array_like
            Probabilities in ``[0, 1]``, any shape (a scalar is shape ``()``).

        Returns
        -------
        ndarray of float64
            Always an array, of the same shape as ``q`` (0-d for a scalar ``q``; use
            :meth:`quantile_value` for a float).

        Raises
        ------
        ParameterError
            A probability is outside ``[0, 1]`` or NaN.
        """
        qa = np.asarray(q, dtype=np.float64)
        if np.any((qa < 0) | (qa > 1)) or np.any(np.isnan(qa)):
            raise ParameterError("quantile probabilities must lie in [0, 1]", field="q")
        return np.asarray(self.ppf(qa), dtype=np.float64)

    def quantile_value(self, q: float) -> float:
        """The quantile at one probability ``q`` in ``[0, 1]``, as a float."""
        if isinstance(q, bool) or not isinstance(q, int | float | np.integer | np.floating):
            raise ParameterError(
                f"must be one number (got {q!r})", field="q", expected="a probability in [0, 1]"
            )
        return float(self.quantile(q))

    def central(self) -> float:
        """Value used in deterministic mode.

        Mean for normal, uniform and beta; median for lognormal; mode for triangular and PERT;
        the parent mean for truncnormal; the most likely value for discrete; ``p`` for
        bernoulli. Clipped into the bounds when truncated.
        """
        c = self._central0()
        if self.bounds is not None:
            c = min(max(c, self.bounds[0]), self.bounds[1])
        return float(c)

    def describe(self) -> str:
        """Short human-readable form, e.g. ``"beta(mean 0.358, sd 0.02)"``."""
        items = self.given or tuple(self.params.items())
        text = ", ".join(f"{k} {_fmt(v)}" for k, v in items if k != "bounds")
        if self.bounds is not None:
            text += f", bounds {_fmt(self.bounds)}"
        return f"{self.family}({text})"
