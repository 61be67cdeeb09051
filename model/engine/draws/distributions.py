"""Probability distributions of thesis assumptions: the public entry point.

:func:`from_params` builds a :class:`Distribution` from thesis-file parameters. The base class
lives in :mod:`model.engine.draws.dist_base` and the families in
:mod:`model.engine.draws.dist_families`; both are re-exported here, so
``from model.engine.draws.distributions import Beta`` keeps working.

Every family maps uniforms to values through its inverse CDF (:meth:`Distribution.ppf`), so
plain Monte Carlo, Latin hypercube and Sobol designs and the rank-correlation copulas all work
with every family. Parameters arrive as a mapping of the keys a thesis file uses (see
:func:`from_params`) and are converted once to a canonical form; the conversions from a 90%
interval (``ci90``) or from a mean and standard deviation are exact.

The inverse CDFs are the closed forms where they exist (normal through ``ndtri``, lognormal as
``exp`` of a normal, triangular and uniform by formula). The beta inverse (``betaincinv``) is
40 to 120 times slower than ``ndtri`` (shape-dependent), so beta and PERT use
:class:`~model.engine.draws._fastppf.TabulatedInverse`: a cubic Hermite table of the exact inverse
whose error is checked at build time (below 1e-12 of the range); values that fall where the
table cannot be trusted use the exact inverse. It is a pure function of ``u``, hence
reproducible and independent of chunking.

Truncation: every continuous family takes optional ``bounds=(low, high)``; sampling maps ``u``
onto ``[F(low), F(high)]`` before the inverse CDF, so the result follows the distribution
conditioned on the bounds. Moments of truncated families are computed numerically.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import numpy as np
from scipy import special

from model.engine.draws.dist_base import Distribution
from model.engine.draws.dist_families import (
    Bernoulli,
    Beta,
    Discrete,
    Fixed,
    Lognormal,
    Normal,
    Pert,
    Triangular,
    TruncNormal,
    Uniform,
)
from model.errors import ParameterError

__all__ = [
    "Bernoulli",
    "Beta",
    "Discrete",
    "Distribution",
    "Fixed",
    "Lognormal",
    "Normal",
    "Pert",
    "Triangular",
    "TruncNormal",
    "Uniform",
    "families",
    "from_params",
]

#: Standard normal 95% quantile: a 90% interval spans mean +- Z95 sd.
Z95 = float(special.ndtri(0.95))


# --------------------------------------------------------------------------------------------
# Parameter parsing: one builder per family, chosen from a registry.
# --------------------------------------------------------------------------------------------
Builder = Callable[["_Params"], Distribution]


class _Params:
    """Checked access to the raw parameter mapping of one family."""

    def __init__(self, family: str, raw: Mapping[str, Any]):
        self.family = family
        self.raw = raw
        self.used: list[str] = []

    def has(self, key: str) -> bool:
        return key in self.raw

    def num(self, key: str, default: float | None = None) -> float:
        if key not in self.raw:
            if default is not None:
                return default
            raise ParameterError(f"missing for {self.family}", field=key, expected="a number")
        self.used.append(key)
        return _as_number(self.raw[key], key)

    def pair(self, key: str) -> tuple[float, float]:
        self.used.append(key)
        v = self.raw[key]
        if not isinstance(v, list | tuple) or len(v) != 2:
            raise ParameterError(
                f"must be a [low, high] pair (got {v!r})", field=key, expected="[low, high]"
            )
        lo, hi = _as_number(v[0], key), _as_number(v[1], key)
        if not lo < hi:
            raise ParameterError(
                f"low must be < high (got [{lo:g}, {hi:g}])", field=key, expected="low < high"
            )
        return lo, hi

    def choose(self, options: tuple[tuple[str, ...], ...], optional: tuple[str, ...] = ()) -> int:
        """Index of the parameter set whose keys are all present; errors name the culprit."""
        keys = set(self.raw) - set(optional)
        for i, opt in enumerate(options):
            if keys == set(opt):
                return i
        allowed = {k for opt in options for k in opt} | set(optional)
        sets = " | ".join("{" + ", ".join(o) + "}" for o in options)
        for k in self.raw:
            if k not in allowed:
                raise ParameterError(
                    f"unknown parameter for {self.family}", field=str(k), expected=f"one of {sets}"
                )
        best = max(options, key=lambda o: len(keys & set(o)))
        missing = [k for k in best if k not in keys]
        if missing:
            raise ParameterError(
                f"missing for {self.family}", field=missing[0], expected=f"one of {sets}"
            )
        extra = sorted(keys - set(best))
        raise ParameterError(
            f"conflicts with {', '.join(best)} for {self.family}",
            field=extra[0],
            expected=f"exactly one of {sets}",
        )

    def given(self) -> tuple[tuple[str, Any], ...]:
        return tuple((k, _plain(self.raw[k])) for k in self.raw if k != "bounds")


def _plain(v: Any) -> Any:
    if isinstance(v, list | tuple):
        return tuple(_plain(x) for x in v)
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float | np.integer | np.floating):
        return float(v)
    return v


def _as_number(v: Any, key: str, *, allow_inf: bool = False) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating):
        raise ParameterError(f"must be a number (got {v!r})", field=key, expected="a number")
    f = float(v)
    if math.isnan(f) or (math.isinf(f) and not allow_inf):
        raise ParameterError(f"must be finite (got {v!r})", field=key, expected="a finite number")
    return f


def _positive(value: float, key: str) -> float:
    if not value > 0:
        raise ParameterError(f"must be > 0 (got {value:g})", field=key, expected="> 0")
    return value


def _ordered(lo: float, hi: float, lo_key: str = "min", hi_key: str = "max") -> None:
    if not lo < hi:
        raise ParameterError(
            f"{lo_key} must be < {hi_key} (got {lo:g} >= {hi:g})",
            field=hi_key,
            expected=f"> {lo_key}",
        )


def _build_normal(p: _Params) -> Distribution:
    if p.choose((("mean", "sd"), ("ci90",))) == 0:
        mean, sd = p.num("mean"), _positive(p.num("sd"), "sd")
    else:
        lo, hi = p.pair("ci90")
        mean, sd = (lo + hi) / 2, (hi - lo) / (2 * Z95)
    return Normal(mean_=mean, sd_=sd, given=p.given())


def _build_lognormal(p: _Params) -> Distribution:
    which = p.choose((("median", "sigma"), ("mean", "sd"), ("ci90",)))
    if which == 0:
        median, sigma = _positive(p.num("median"), "median"), _positive(p.num("sigma"), "sigma")
    elif which == 1:
        mean, sd = _positive(p.num("mean"), "mean"), _positive(p.num("sd"), "sd")
        s2 = math.log1p((sd / mean) ** 2)
        median, sigma = mean * math.exp(-s2 / 2), math.sqrt(s2)
    else:
        lo, hi = p.pair("ci90")
        if lo <= 0:
            raise ParameterError(
                f"low must be > 0 for a lognormal (got {lo:g})",
                field="ci90",
                expected="0 < low < high",
            )
        median = math.sqrt(lo * hi)
        sigma = (math.log(hi) - math.log(lo)) / (2 * Z95)
    return Lognormal(median_=median, sigma=sigma, given=p.given())


def _tri_params(p: _Params) -> tuple[float, float, float]:
    lo, mode, hi = p.num("min"), p.num("mode"), p.num("max")
    _ordered(lo, hi)
    if not lo <= mode <= hi:
        raise ParameterError(
            f"mode must lie in [min, max] = [{lo:g}, {hi:g}] (got {mode:g})",
            field="mode",
            expected="min <= mode <= max",
        )
    return lo, mode, hi


def _build_triangular(p: _Params) -> Distribution:
    p.choose((("min", "mode", "max"),))
    lo, mode, hi = _tri_params(p)
    return Triangular(min_=lo, mode=mode, max_=hi, given=p.given())


def _build_pert(p: _Params) -> Distribution:
    p.choose((("min", "mode", "max"),), optional=("lambda",))
    lo, mode, hi = _tri_params(p)
    lam = _positive(p.num("lambda", 4.0), "lambda")
    w = hi - lo
    a, b = 1 + lam * (mode - lo) / w, 1 + lam * (hi - mode) / w
    return Pert(a=a, b=b, min_=lo, max_=hi, mode=mode, lam=lam, given=p.given())


def _build_uniform(p: _Params) -> Distribution:
    if p.choose((("min", "max"), ("ci90",))) == 0:
        lo, hi = p.num("min"), p.num("max")
        _ordered(lo, hi)
    else:
        clo, chi = p.pair("ci90")
        w = (chi - clo) / 0.9
        lo, hi = clo - 0.05 * w, chi + 0.05 * w
    return Uniform(min_=lo, max_=hi, given=p.given())


def _build_beta(p: _Params) -> Distribution:
    which = p.choose((("a", "b"), ("mean", "sd")), optional=("min", "max"))
    lo, hi = p.num("min", 0.0), p.num("max", 1.0)
    _ordered(lo, hi)
    if which == 0:
        a, b = _positive(p.num("a"), "a"), _positive(p.num("b"), "b")
    else:
        mean, sd = p.num("mean"), _positive(p.num("sd"), "sd")
        if not lo < mean < hi:
            raise ParameterError(
                f"must lie strictly inside ({lo:g}, {hi:g}) (got {mean:g})",
                field="mean",
                expected="min < mean < max",
            )
        m, s = (mean - lo) / (hi - lo), sd / (hi - lo)
        # Method of moments: var = m(1-m)/(a+b+1) needs var < m(1-m).
        limit = math.sqrt(m * (1 - m)) * (hi - lo)
        if not sd < limit:
            raise ParameterError(
                f"too large for a beta with mean {mean:g} on [{lo:g}, {hi:g}] (got {sd:g}; "
                f"the method of moments needs sd < {limit:.6g})",
                field="sd",
                expected=f"< {limit:.6g}",
            )
        k = m * (1 - m) / (s * s) - 1
        a, b = m * k, (1 - m) * k
    return Beta(a=a, b=b, min_=lo, max_=hi, given=p.given())


def _build_truncnormal(p: _Params) -> Distribution:
    p.choose((("mean", "sd", "min", "max"),))
    mean, sd = p.num("mean"), _positive(p.num("sd"), "sd")
    lo, hi = p.num("min"), p.num("max")
    _ordered(lo, hi)
    if special.ndtr((hi - mean) / sd) - special.ndtr((lo - mean) / sd) <= 0:
        raise ParameterError(
            "[min, max] has no probability under the parent normal",
            field="min",
            expected="an interval nearer the mean",
        )
    return TruncNormal(mean_=mean, sd_=sd, min_=lo, max_=hi, given=p.given())


def _build_discrete(p: _Params) -> Distribution:
    p.choose((("values", "probs"),))
    vals, probs = p.raw["values"], p.raw["probs"]
    for key, seq in (("values", vals), ("probs", probs)):
        if not isinstance(seq, list | tuple) or not seq:
            raise ParameterError("must be a non-empty list", field=key, expected="a list")
    if len(vals) != len(probs):
        raise ParameterError(
            f"has {len(probs)} entries for {len(vals)} values",
            field="probs",
            expected="one probability per value",
        )
    v = [_as_number(x, "values") for x in vals]
    q = [_as_number(x, "probs") for x in probs]
    if any(x < 0 for x in q):
        raise ParameterError(f"must be >= 0 (got {q})", field="probs", expected=">= 0")
    if abs(math.fsum(q) - 1.0) > 1e-9:
        raise ParameterError(
            f"must sum to 1 (sum {math.fsum(q):.12g})", field="probs", expected="sum 1"
        )
    merged: dict[float, float] = {}
    for x, w in zip(v, q, strict=True):
        merged[x] = merged.get(x, 0.0) + w
    order = sorted(merged)
    return Discrete(values=tuple(order), probs=tuple(merged[x] for x in order), given=p.given())


def _build_bernoulli(p: _Params) -> Distribution:
    p.choose((("p",),))
    prob = p.num("p")
    if not 0.0 <= prob <= 1.0:
        raise ParameterError(f"must lie in [0, 1] (got {prob:g})", field="p", expected="[0, 1]")
    return Bernoulli(p=prob, given=p.given())


def _build_fixed(p: _Params) -> Distribution:
    p.choose((("value",),))
    return Fixed(value=p.num("value"), given=p.given())


_BUILDERS: dict[str, Builder] = {
    "normal": _build_normal,
    "lognormal": _build_lognormal,
    "triangular": _build_triangular,
    "pert": _build_pert,
    "uniform": _build_uniform,
    "beta": _build_beta,
    "truncnormal": _build_truncnormal,
    "discrete": _build_discrete,
    "bernoulli": _build_bernoulli,
    "fixed": _build_fixed,
}


def families() -> tuple[str, ...]:
    """Names of the supported families."""
    return tuple(_BUILDERS)


def _parse_bounds(raw: Any) -> tuple[float, float]:
    if not isinstance(raw, list | tuple) or len(raw) != 2:
        raise ParameterError(
            f"must be a [low, high] pair (got {raw!r})", field="bounds", expected="[low, high]"
        )
    lo = -math.inf if raw[0] is None else _as_number(raw[0], "bounds", allow_inf=True)
    hi = math.inf if raw[1] is None else _as_number(raw[1], "bounds", allow_inf=True)
    if not lo < hi:
        raise ParameterError(
            f"low must be < high (got [{lo:g}, {hi:g}])", field="bounds", expected="low < high"
        )
    return lo, hi


def from_params(
    family: str,
    params: Mapping[str, Any],
    *,
    bounds: tuple[float | None, float | None] | None = None,
) -> Distribution:
    """Build a distribution from thesis-file parameters.

    Parameters
    ----------
    family : str
        One of :func:`families`: ``normal`` {mean, sd} | {ci90}; ``lognormal`` {median, sigma}
        | {mean, sd} | {ci90} (low > 0); ``triangular`` {min, mode, max}; ``pert`` {min, mode,
        max} + optional {lambda}; ``uniform`` {min, max} | {ci90}; ``beta`` {a, b} | {mean, sd}
        + optional {min, max}; ``truncnormal`` {mean, sd, min, max}; ``discrete`` {values,
        probs}; ``bernoulli`` {p}; ``fixed`` {value}.
    params : Mapping
        The family's parameters. May also hold ``bounds: [low, high]`` (``None`` for an open
        side) to truncate a continuous family.
    bounds : pair, optional
        Truncation bounds, as an alternative to ``params["bounds"]``.

    Returns
    -------
    Distribution

    Raises
    ------
    ParameterError
        With ``field`` naming the offending parameter and ``expected`` what is allowed.
    """
    if not isinstance(family, str) or family.lower() not in _BUILDERS:
        raise ParameterError(
            f"unknown distribution family {family!r}",
            field="dist",
            expected="one of " + ", ".join(_BUILDERS),
        )
    if not isinstance(params, Mapping):
        raise ParameterError("parameters must be a mapping", field="dist")
    raw = dict(params)
    if "bounds" in raw:
        if bounds is not None:
            raise ParameterError("given twice", field="bounds", expected="one bounds")
        bounds = raw.pop("bounds")
    dist = _BUILDERS[family.lower()](_Params(family.lower(), raw))
    if bounds is None:
        return dist
    if dist.discrete:
        raise ParameterError(
            f"{dist.family} cannot be truncated", field="bounds", expected="no bounds"
        )
    lo, hi = _parse_bounds(bounds)
    slo, shi = dist.support()
    lo, hi = max(lo, slo), min(hi, shi)
    if not lo < hi:
        raise ParameterError(
            f"do not overlap the support [{slo:g}, {shi:g}]",
            field="bounds",
            expected="an interval inside the support",
        )
    centre = dist.central()
    dist = _replace_bounds(dist, (lo, hi))
    if not dist.window_mass() > 0.0:
        # Most often the distribution was written in other units than its bounds: say where
        # it lies, and the fraction meant when it reads as whole percentages.
        meant = (
            f"; written as a whole percentage? {centre / 100:g} would lie inside"
            if lo <= centre / 100 <= hi and abs(centre) > 1
            else ""
        )
        raise ParameterError(
            f"the bounds [{lo:g}, {hi:g}] hold no probability of a distribution centred at "
            f"{centre:g}{meant}",
            field="bounds",
            expected="an interval with positive probability",
        )
    return dist


def _replace_bounds(dist: Distribution, bounds: tuple[float, float]) -> Distribution:
    return replace(dist, bounds=bounds)  # type: ignore[type-var]
