"""The concrete distribution families, subclasses of
:class:`~model.engine.draws.dist_base.Distribution`.

Build them with :func:`model.engine.draws.distributions.from_params`, which parses and checks the
parameters a thesis file uses.

Each is a frozen dataclass (hashable, comparable, picklable) holding canonical parameters.
Inverse CDFs use closed forms where they exist; beta and PERT use the tabulated inverse of
:mod:`model.engine.draws._fastppf`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from model.engine.draws._fastppf import TabulatedInverse
from model.engine.draws.dist_base import Distribution, FloatArray

__all__ = [
    "Bernoulli",
    "Beta",
    "Discrete",
    "Fixed",
    "Lognormal",
    "Normal",
    "Pert",
    "Triangular",
    "TruncNormal",
    "Uniform",
]


# --------------------------------------------------------------------------------------------
# Normal family and truncated normal share a tail-stable truncated inverse.
# --------------------------------------------------------------------------------------------
def _truncnorm_ppf(u: FloatArray, mean: float, sd: float, lo: float, hi: float) -> FloatArray:
    a, b = (lo - mean) / sd, (hi - mean) / sd
    if a > 0:
        # Entirely in the upper tail: Phi(a) rounds towards 1 there, survival probabilities
        # keep their precision.
        pa, pb = special.ndtr(-a), special.ndtr(-b)
        z = -special.ndtri(pa - u * (pa - pb))
    else:
        pa, pb = special.ndtr(a), special.ndtr(b)
        z = special.ndtri(pa + u * (pb - pa))
    return np.clip(mean + sd * z, lo, hi)


@dataclass(frozen=True, kw_only=True)
class Normal(Distribution):
    """Normal with ``mean`` and ``sd``."""

    family: ClassVar[str] = "normal"
    mean_: float
    sd_: float
    bounds: tuple[float, float] | None = None
    given: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    @property
    def params(self) -> dict[str, Any]:
        return _with_bounds({"mean": self.mean_, "sd": self.sd_}, self.bounds)

    def ppf(self, u: ArrayLike, *, exact: bool = False) -> FloatArray:
        u = np.asarray(u, dtype=np.float64)
        if self.bounds is None:
            return self._ppf0(u)
        return _truncnorm_ppf(u, self.mean_, self.sd_, *self.bounds)

    def _ppf0(self, u: FloatArray) -> FloatArray:
        x = np.asarray(special.ndtri(u))
        x *= self.sd_  # in place: one temporary instead of three on the hot path
        x += self.mean_
        return x

    def _cdf0(self, x: FloatArray) -> FloatArray:
        return special.ndtr((x - self.mean_) / self.sd_)

    def _sf0(self, x: FloatArray) -> FloatArray:
        return special.ndtr((self.mean_ - x) / self.sd_)

    def _support0(self) -> tuple[float, float]:
        return -math.inf, math.inf

    def _moments0(self) -> tuple[float, float]:
        return self.mean_, self.sd_**2

    @cached_property
    def _moments(self) -> tuple[float, float]:
        if self.bounds is None:
            return self._moments0()
        return _truncnorm_moments(self.mean_, self.sd_, *self.bounds)

    def _central0(self) -> float:
        return self.mean_


def _truncnorm_moments(mean: float, sd: float, lo: float, hi: float) -> tuple[float, float]:
    from scipy import stats  # imported on first use: scipy.stats costs ~0.5 s at start-up

    d = stats.truncnorm((lo - mean) / sd, (hi - mean) / sd, loc=mean, scale=sd)
    return float(d.mean()), float(d.var())


@dataclass(frozen=True, kw_only=True)
class TruncNormal(Normal):
    """Normal(``mean``, ``sd``) conditioned on ``[min, max]`` (parameters of the parent)."""

    family: ClassVar[str] = "truncnormal"
    min_: float
    max_: float

    @property
    def params(self) -> dict[str, Any]:
        p = {"mean": self.mean_, "sd": self.sd_, "min": self.min_, "max": self.max_}
        return _with_bounds(p, self.bounds)

    @property
    def _window(self) -> tuple[float, float]:
        if self.bounds is None:
            return self.min_, self.max_
        return max(self.min_, self.bounds[0]), min(self.max_, self.bounds[1])

    def ppf(self, u: ArrayLike, *, exact: bool = False) -> FloatArray:
        return _truncnorm_ppf(np.asarray(u, dtype=np.float64), self.mean_, self.sd_, *self._window)

    def cdf(self, x: ArrayLike) -> FloatArray:
        lo, hi = self._window
        x = np.asarray(x, dtype=np.float64)
        flo = self._cdf0(cast(FloatArray, np.float64(lo)))
        fhi = self._cdf0(cast(FloatArray, np.float64(hi)))
        p = (self._cdf0(np.clip(x, lo, hi)) - flo) / (fhi - flo)
        return np.where(x < lo, 0.0, np.where(x >= hi, 1.0, p))

    def _support0(self) -> tuple[float, float]:
        return self.min_, self.max_

    @cached_property
    def _moments(self) -> tuple[float, float]:
        return _truncnorm_moments(self.mean_, self.sd_, *self._window)

    def central(self) -> float:
        lo, hi = self._window
        return float(min(max(self.mean_, lo), hi))


@dataclass(frozen=True, kw_only=True)
class Lognormal(Distribution):
    """Lognormal: ``log X ~ normal(log median, sigma)``."""

    family: ClassVar[str] = "lognormal"
    median_: float
    sigma: float
    bounds: tuple[float, float] | None = None
    given: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    @property
    def params(self) -> dict[str, Any]:
        return _with_bounds({"median": self.median_, "sigma": self.sigma}, self.bounds)

    def _ppf0(self, u: FloatArray) -> FloatArray:
        x = np.asarray(special.ndtri(u))
        x *= self.sigma
        np.exp(x, out=x)
        x *= self.median_
        return x

    def _cdf0(self, x: FloatArray) -> FloatArray:
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.log(np.maximum(x, 0.0) / self.median_) / self.sigma
        return special.ndtr(z)

    def _sf0(self, x: FloatArray) -> FloatArray:
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.log(np.maximum(x, 0.0) / self.median_) / self.sigma
        return special.ndtr(-z)

    def _isf0(self, p: FloatArray, exact: bool = False) -> FloatArray:
        return self.median_ * np.exp(-self.sigma * special.ndtri(p))

    def _support0(self) -> tuple[float, float]:
        return 0.0, math.inf

    def _moments0(self) -> tuple[float, float]:
        s2 = self.sigma**2
        # Past the largest float (the variance from sigma near 19, the mean near 37.7, for a
        # median near 1) a moment is infinite, as the float sum of the draws would be, not an
        # error. exp alone may pass the range while the moment does not (a small median), so
        # the moment is then taken in logs.
        try:
            m = self.median_ * math.exp(s2 / 2)
        except OverflowError:
            m = _exp_or_inf(math.log(self.median_) + s2 / 2)
        try:
            return m, m * m * math.expm1(s2)
        except OverflowError:
            # Here s2 > 709, so exp(-s2) is far below 1 and log1p loses nothing.
            return m, _exp_or_inf(2 * math.log(m) + s2 + math.log1p(-math.exp(-s2)))

    def _scipy(self) -> Any:
        from scipy import stats

        return stats.lognorm(self.sigma, scale=self.median_)

    def _central0(self) -> float:
        return self.median_


@dataclass(frozen=True, kw_only=True)
class Triangular(Distribution):
    """Triangular on ``[min, max]`` with peak at ``mode``."""

    family: ClassVar[str] = "triangular"
    min_: float
    mode: float
    max_: float
    bounds: tuple[float, float] | None = None
    given: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    @property
    def params(self) -> dict[str, Any]:
        return _with_bounds({"min": self.min_, "mode": self.mode, "max": self.max_}, self.bounds)

    def _ppf0(self, u: FloatArray) -> FloatArray:
        a, c, b = self.min_, self.mode, self.max_
        w = b - a
        fc = (c - a) / w
        flat = np.asarray(u, dtype=np.float64).reshape(-1)
        # The closed form's two branches, a + sqrt(u w (c - a)) below the mode's probability
        # and b - sqrt((1 - u) w (b - c)) above it, each in its own order of operations. Both
        # arguments are formed for every value and one square root is taken of the one each
        # value needs; the picks are branch-free on the integer views (a take and a put of
        # each branch's values cost more than the extra products).
        mask = np.empty(flat.shape, dtype=np.int64)
        np.negative((flat < fc).view(np.int8), out=mask)  # all ones below the mode
        x = flat * w
        x *= c - a
        y = np.subtract(1.0, flat)
        y *= w
        y *= b - c
        _pick(x, y, mask)
        np.sqrt(x, out=x)
        np.subtract(b, x, out=y)
        x += a
        _pick(x, y, mask)
        return x.reshape(np.shape(u))

    def _cdf0(self, x: FloatArray) -> FloatArray:
        a, c, b = self.min_, self.mode, self.max_
        xc = np.clip(x, a, b)
        with np.errstate(divide="ignore", invalid="ignore"):
            left = (xc - a) ** 2 / ((b - a) * (c - a))
            right = 1.0 - (b - xc) ** 2 / ((b - a) * (b - c))
        return np.where(xc <= c, np.where(c > a, left, 0.0), np.where(b > c, right, 1.0))

    def _sf0(self, x: FloatArray) -> FloatArray:
        a, c, b = self.min_, self.mode, self.max_
        xc = np.clip(x, a, b)
        with np.errstate(divide="ignore", invalid="ignore"):
            left = 1.0 - (xc - a) ** 2 / ((b - a) * (c - a))
            right = (b - xc) ** 2 / ((b - a) * (b - c))
        return np.where(xc >= c, np.where(b > c, right, 0.0), np.where(c > a, left, 1.0))

    def _isf0(self, p: FloatArray, exact: bool = False) -> FloatArray:
        a, c, b = self.min_, self.mode, self.max_
        w = b - a
        sc = (b - c) / w  # survival probability at the mode
        right = b - np.sqrt(p * w * (b - c))
        left = a + np.sqrt((1.0 - p) * w * (c - a))
        return np.where(p <= sc, right, left)

    def _support0(self) -> tuple[float, float]:
        return self.min_, self.max_

    def _moments0(self) -> tuple[float, float]:
        a, c, b = self.min_, self.mode, self.max_
        return (a + b + c) / 3, (a * a + b * b + c * c - a * b - a * c - b * c) / 18

    def _scipy(self) -> Any:
        from scipy import stats

        w = self.max_ - self.min_
        return stats.triang((self.mode - self.min_) / w, loc=self.min_, scale=w)

    def _central0(self) -> float:
        return self.mode


@dataclass(frozen=True, kw_only=True)
class Uniform(Distribution):
    """Uniform on ``[min, max]``."""

    family: ClassVar[str] = "uniform"
    min_: float
    max_: float
    bounds: tuple[float, float] | None = None
    given: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    @property
    def params(self) -> dict[str, Any]:
        return _with_bounds({"min": self.min_, "max": self.max_}, self.bounds)

    def _ppf0(self, u: FloatArray) -> FloatArray:
        x = u * (self.max_ - self.min_)
        x += self.min_  # in place on the fresh product: one temporary, same values
        return x

    def _cdf0(self, x: FloatArray) -> FloatArray:
        return np.clip((x - self.min_) / (self.max_ - self.min_), 0.0, 1.0)

    def _sf0(self, x: FloatArray) -> FloatArray:
        return np.clip((self.max_ - x) / (self.max_ - self.min_), 0.0, 1.0)

    def _isf0(self, p: FloatArray, exact: bool = False) -> FloatArray:
        return self.max_ - p * (self.max_ - self.min_)

    def _support0(self) -> tuple[float, float]:
        return self.min_, self.max_

    def _moments0(self) -> tuple[float, float]:
        return (self.min_ + self.max_) / 2, (self.max_ - self.min_) ** 2 / 12

    def _scipy(self) -> Any:
        from scipy import stats

        return stats.uniform(self.min_, self.max_ - self.min_)

    def _central0(self) -> float:
        return (self.min_ + self.max_) / 2


@dataclass(frozen=True, kw_only=True)
class Beta(Distribution):
    """Beta(``a``, ``b``) scaled to ``[min, max]``."""

    family: ClassVar[str] = "beta"
    a: float
    b: float
    min_: float = 0.0
    max_: float = 1.0
    bounds: tuple[float, float] | None = None
    given: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    @property
    def params(self) -> dict[str, Any]:
        p = {"a": self.a, "b": self.b, "min": self.min_, "max": self.max_}
        return _with_bounds(p, self.bounds)

    @cached_property
    def _inverse(self) -> TabulatedInverse:
        return TabulatedInverse.for_beta(self.a, self.b)

    def _ppf0(self, u: FloatArray) -> FloatArray:
        x = self._inverse(u)
        if x.ndim == 0:  # a scalar stays a scalar, as the closed expression gives
            return np.clip(self.min_ + (self.max_ - self.min_) * x, self.min_, self.max_)
        # In place on the table's fresh values: the same products and sums, no temporaries.
        x *= self.max_ - self.min_
        x += self.min_
        # The table's last digit and the scaling's rounding may step an ulp past an end of the
        # support (a U-shaped beta piles its draws there): a share of 1 + 2e-16, a log of NaN.
        np.clip(x, self.min_, self.max_, out=x)
        return x

    def _inv0(self, u: FloatArray, exact: bool = False) -> FloatArray:
        if not exact:
            return self._ppf0(u)
        return self.min_ + (self.max_ - self.min_) * special.betaincinv(self.a, self.b, u)

    def _cdf0(self, x: FloatArray) -> FloatArray:
        z = np.clip((x - self.min_) / (self.max_ - self.min_), 0.0, 1.0)
        return special.betainc(self.a, self.b, z)

    def _sf0(self, x: FloatArray) -> FloatArray:
        z = np.clip((x - self.min_) / (self.max_ - self.min_), 0.0, 1.0)
        return special.betaincc(self.a, self.b, z)

    def _isf0(self, p: FloatArray, exact: bool = False) -> FloatArray:
        # No table here: only windows above the median come this way (rare, and exact).
        return self.min_ + (self.max_ - self.min_) * special.betainccinv(self.a, self.b, p)

    def _support0(self) -> tuple[float, float]:
        return self.min_, self.max_

    def _moments0(self) -> tuple[float, float]:
        a, b, w = self.a, self.b, self.max_ - self.min_
        mean = self.min_ + w * a / (a + b)
        try:
            denominator = (a + b) ** 2 * (a + b + 1)
        except OverflowError:
            denominator = math.inf
        if 0.0 < denominator < math.inf and a * b < math.inf:
            return mean, w * w * a * b / denominator
        # Tiny or huge shapes: the same variance as fractions of a + b, free of under/overflow.
        pa, pb = a / (a + b), b / (a + b)
        return mean, w * w * pa * pb / (a + b + 1)

    def _scipy(self) -> Any:
        from scipy import stats

        return stats.beta(self.a, self.b, loc=self.min_, scale=self.max_ - self.min_)

    def _central0(self) -> float:
        return self._moments0()[0]


@dataclass(frozen=True, kw_only=True)
class Pert(Beta):
    """PERT: a beta on ``[min, max]`` with ``mode`` and shape ``lambda`` (default 4)."""

    family: ClassVar[str] = "pert"
    mode: float = 0.0
    lam: float = 4.0

    @property
    def params(self) -> dict[str, Any]:
        p = {"min": self.min_, "mode": self.mode, "max": self.max_, "lambda": self.lam}
        return _with_bounds(p, self.bounds)

    def _central0(self) -> float:
        return self.mode


@dataclass(frozen=True, kw_only=True)
class Discrete(Distribution):
    """Finite distribution: ``values`` (sorted ascending) with ``probs``."""

    family: ClassVar[str] = "discrete"
    discrete: ClassVar[bool] = True
    values: tuple[float, ...]
    probs: tuple[float, ...]
    bounds: None = None
    given: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    @property
    def params(self) -> dict[str, Any]:
        return {"values": list(self.values), "probs": list(self.probs)}

    @cached_property
    def _table(self) -> tuple[FloatArray, FloatArray]:
        cum = np.cumsum(np.asarray(self.probs))
        cum[-1] = 1.0  # rounding of the sum must not leave a gap below u -> 1
        return cum, np.asarray(self.values, dtype=np.float64)

    def _ppf0(self, u: FloatArray) -> FloatArray:
        cum, vals = self._table
        idx = np.searchsorted(cum, u, side="right")
        return vals[np.minimum(idx, len(vals) - 1)]

    def _cdf0(self, x: FloatArray) -> FloatArray:
        cum, vals = self._table
        idx = np.searchsorted(vals, x, side="right")
        return np.where(idx == 0, 0.0, cum[np.maximum(idx - 1, 0)])

    def _support0(self) -> tuple[float, float]:
        return self.values[0], self.values[-1]

    def _moments0(self) -> tuple[float, float]:
        v, p = np.asarray(self.values), np.asarray(self.probs)
        m = float(v @ p)
        return m, float(((v - m) ** 2) @ p)

    def _central0(self) -> float:
        return self.values[int(np.argmax(self.probs))]


@dataclass(frozen=True, kw_only=True)
class Bernoulli(Distribution):
    """1 with probability ``p``, else 0."""

    family: ClassVar[str] = "bernoulli"
    discrete: ClassVar[bool] = True
    p: float
    bounds: None = None
    given: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    @property
    def params(self) -> dict[str, Any]:
        return {"p": self.p}

    def _ppf0(self, u: FloatArray) -> FloatArray:
        # Increasing in u (large u -> 1) so that rank correlation keeps its sign.
        return (u >= 1.0 - self.p).astype(np.float64)

    def _cdf0(self, x: FloatArray) -> FloatArray:
        return np.where(x < 0, 0.0, np.where(x < 1, 1.0 - self.p, 1.0))

    def _support0(self) -> tuple[float, float]:
        return 0.0, 1.0

    def _moments0(self) -> tuple[float, float]:
        return self.p, self.p * (1 - self.p)

    def _central0(self) -> float:
        return self.p


@dataclass(frozen=True, kw_only=True)
class Fixed(Distribution):
    """A known constant (``value``); lets fixed assumptions travel through the same code."""

    family: ClassVar[str] = "fixed"
    discrete: ClassVar[bool] = True
    constant: ClassVar[bool] = True
    value: float
    bounds: None = None
    given: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    @property
    def params(self) -> dict[str, Any]:
        return {"value": self.value}

    def _ppf0(self, u: FloatArray) -> FloatArray:
        return np.full(np.shape(u), self.value)

    def _cdf0(self, x: FloatArray) -> FloatArray:
        return np.where(x < self.value, 0.0, 1.0)

    def _support0(self) -> tuple[float, float]:
        return self.value, self.value

    def _moments0(self) -> tuple[float, float]:
        return self.value, 0.0

    def _central0(self) -> float:
        return self.value


def _with_bounds(p: dict[str, Any], bounds: tuple[float, float] | None) -> dict[str, Any]:
    if bounds is not None:
        p["bounds"] = list(bounds)
    return p


def _pick(x: FloatArray, y: FloatArray, mask: NDArray[np.int64]) -> None:
    """``x`` where ``mask`` is all ones, ``y`` where it is zero, bit for bit, into ``x``."""
    xb, yb = x.view(np.int64), y.view(np.int64)
    xb ^= yb
    xb &= mask
    xb ^= yb


def _exp_or_inf(x: float) -> float:
    """``exp(x)``, or infinity past the largest float."""
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf
