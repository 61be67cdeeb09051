"""Draws of a held variable's correlated partners given its value, under the Gaussian copula.

The copula gives each correlated variable a normal score ``z = B ndtri(u)`` (``B B^T = P``, the
Pearson matrix the engine applies, after any repair) and maps it through its marginal's inverse
CDF. Holding variable ``h`` at ``x`` holds its score at ``a = ndtri(F_h(x))``. Each other score
splits as ``z_o = (z_o - P_oh z_h) + P_oh z_h`` with the first part independent of ``z_h``, so
drawing from the distribution conditional on ``z_h = a`` keeps that part and replaces ``z_h``::

    z_o | (z_h = a)  =  z_o + P_oh (a - z_h)

This uses the whole column ``P_oh``: a partner of a partner is moved by as much as its own
correlation with ``h`` says, and no more. The independent parts are drawn once, so every value
searched sees the same draws (common random numbers), and the result is a function of the seed
alone.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray
from scipy import special

from model.engine.draws import correlation as corr
from model.engine.execution.sampling import Sampler, Stream
from model.engine.spec import CopulaMethod, Method, ModelSpec
from model.errors import EngineError

FloatArray = NDArray[np.float64]

#: A Pearson correlation this small with the held variable moves no partner: it is the
#: rounding of ``B B^T``, not a dependence the thesis states.
NEGLIGIBLE = 1e-12


def coupled(spec: ModelSpec, sampler: Sampler, hold: str) -> dict[str, float]:
    """The variables whose copula score depends on ``hold``'s, with their Pearson correlation.

    Empty when ``hold`` is not in the matrix or correlated with none there (then holding it
    leaves the others' draws as a run of the spec makes them).
    """
    plan = sampler.copula
    c = spec.correlation
    if plan is None or c is None or hold not in c.names:
        return {}
    if plan.factor is None:
        return {n: 1.0 for n in c.partners(hold)}  # iman-conover: refused by the caller
    pearson = plan.factor @ plan.factor.T
    col = pearson[:, c.names.index(hold)]
    return {
        n: float(r) for n, r in zip(c.names, col, strict=True) if n != hold and abs(r) > NEGLIGIBLE
    }


def conditional_partners(
    spec: ModelSpec, sampler: Sampler, hold: str, n: int, exact: bool
) -> Callable[[float], dict[str, FloatArray]]:
    """The partners' values given ``hold`` at a value, on the run's first ``n`` paths.

    Parameters
    ----------
    spec : ModelSpec
    sampler : Sampler
        The run's plain Monte Carlo sampler (its seed and copula).
    hold : str
        A continuous static variable correlated with others by the Gaussian copula.
    n : int
    exact : bool
        Exact inverse CDFs (as the run's size asks).

    Returns
    -------
    callable
        ``at(x) -> {partner: values (n,)}``. A value outside ``hold``'s support is an
        :class:`~model.errors.EngineError` naming it; at an end of the support (``F = 0`` or
        ``1``, an infinite score) the score is clamped as the copula clamps every score, to
        ``ndtri(2**-60) = -8.1`` and ``ndtri(1 - 2**-53) = 8.1``.

    Raises
    ------
    EngineError
        When the correlation is Iman-Conover (a rearrangement of whole blocks has no
        conditional draw path by path) or ``hold`` is discrete (its value fixes only an
        interval of its score, and values between its atoms fix none).
    """
    c, plan = spec.correlation, sampler.copula
    assert c is not None and plan is not None
    if plan.factor is None or c.method is not CopulaMethod.GAUSSIAN:
        raise EngineError(
            f"{hold!r} is correlated by the {c.method.value} method, which rearranges whole "
            "blocks of paths: there is no draw of the others given its value; hold it with the "
            "gaussian method"
        )
    dist = spec.variable(hold).dist
    if dist.discrete:
        raise EngineError(
            f"{hold!r} is discrete and correlated with others: a value between its atoms has no "
            "conditional distribution for them; hold a continuous variable"
        )
    moved = coupled(spec, sampler, hold)
    keys = plan.keys
    # The same independent uniforms the run's copula mixes (MC streams do not depend on which
    # other streams a sampler draws).
    u = Sampler(sampler.root, Method.MC, tuple(Stream(k, 1) for k in keys), n).uniforms(0, n)
    scores = dict(
        zip(c.names, corr.gaussian_scores([u[k][0] for k in keys], plan.factor), strict=True)
    )
    z_hold = scores[hold]
    lo, hi = dist.support()

    def at(x: float) -> dict[str, FloatArray]:
        if not lo <= x <= hi:
            raise EngineError(
                f"{hold!r} cannot be held at {x:.6g}: its distribution takes values in "
                f"{lo:.6g} .. {hi:.6g} only, and the others' draws given a value outside it "
                "are undefined"
            )
        p = float(np.asarray(dist.cdf(np.array([float(x)])))[0])
        shift = special.ndtri(min(max(p, corr.U_LOW), corr.U_HIGH)) - z_hold
        return {
            name: spec.variable(name).dist.ppf(
                corr.score_uniform(scores[name] + r * shift), exact=exact
            )
            for name, r in moved.items()
        }

    return at
