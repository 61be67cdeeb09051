"""The Spearman rank correlation a Gaussian copula gives a pair with a discrete marginal.

The copula sets the correlation of the normal scores to ``r = 2 sin(pi rho / 6)``, which gives
two *continuous* marginals the Spearman correlation ``rho`` exactly. A discrete marginal
(``discrete``, ``bernoulli``) maps a whole interval of scores to one value, so its draws tie,
and the Spearman correlation of the draws (the correlation of their mid-ranks, as
``scipy.stats.spearmanr`` computes it) is nearer 0 than ``rho``: a Bernoulli with ``p = 0.05``
cannot reach more than about 0.38 beside a continuous assumption, whatever ``rho`` says. The
same holds for Iman-Conover, which gives the sampled values the scores' ranks.

:func:`copula_spearman` computes that population value in closed form up to one numerical
integral, so the thesis loader can say what a correlation with a discrete assumption does.
It is our own code because no library gives this population value: ``scipy.stats.spearmanr``
measures a sample, and a sample large enough to state the gap to three decimals would cost a
load far more than this one integral.

With ``m_A`` the mid-grade of ``A`` (``F(a-) + P(A = a) / 2`` at an atom, ``F(a)`` where ``A``
is continuous), ``E[m_A] = 1/2``, ``Var[m_A] = (1 - sum p_k^3) / 12`` (``1/12`` when continuous)
and the population Spearman correlation is ``(E[m_A m_B] - 1/4) / sqrt(Var m_A Var m_B)``. Given
the score ``Z_B = z`` the score ``Z_A`` is normal with mean ``r z`` and sd ``s = sqrt(1 - r^2)``,
so ``E[m_A | z]`` is a sum of normal probabilities (``Phi(r z / sqrt(1 + s^2))`` when ``A`` is
continuous), and ``E[m_A m_B]`` is its integral against ``m_B(z)`` and the normal density.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from scipy import special

from model.engine.draws.dist_base import Distribution

__all__ = ["atoms", "copula_spearman"]

#: Scores beyond this many standard deviations carry no weight the integral can see.
_REACH = 9.0


def atoms(dist: Distribution) -> tuple[tuple[float, ...], tuple[float, ...]] | None:
    """The distinct values of a discrete distribution with their probabilities, ascending
    (equal values merged, values of probability 0 left out); None for a continuous one."""
    if not dist.discrete:
        return None
    params = dist.params
    if "p" in params:  # bernoulli
        p = float(params["p"])
        values, probs = [0.0, 1.0], [1.0 - p, p]
    elif "values" in params:
        values = [float(v) for v in params["values"]]
        probs = [float(q) for q in params["probs"]]
    else:  # a fixed value
        values, probs = [float(params["value"])], [1.0]
    merged: dict[float, float] = {}
    for v, q in zip(values, probs, strict=True):
        if q > 0.0:
            merged[v] = merged.get(v, 0.0) + q
    ordered = sorted(merged)
    total = sum(merged.values())
    return tuple(ordered), tuple(merged[v] / total for v in ordered)


def _grades(probs: tuple[float, ...]) -> tuple[np.ndarray, np.ndarray, float]:
    """Score cut points between the atoms, the atoms' mid-grades and the variance of the
    mid-grade."""
    p = np.asarray(probs, dtype=np.float64)
    upper = np.cumsum(p)
    upper[-1] = 1.0
    lower = upper - p
    cuts = special.ndtri(upper[:-1])
    return cuts, lower + p / 2, float((1.0 - np.sum(p**3)) / 12.0)


def copula_spearman(a: Distribution, b: Distribution, rho: float) -> float:
    """The Spearman rank correlation the draws of ``a`` and ``b`` have when the Gaussian
    copula is given the Spearman target ``rho``.

    Parameters
    ----------
    a, b : Distribution
        The two marginals (either or both discrete).
    rho : float
        The target, in ``[-1, 1]``.

    Returns
    -------
    float
        ``rho`` itself for two continuous marginals; the value with ties otherwise (NaN when
        one of them takes a single value, whose rank correlation is undefined).
    """
    atoms_a, atoms_b = atoms(a), atoms(b)
    if atoms_a is None and atoms_b is None:
        return float(rho)
    # On first use: every load imports this module, and scipy.integrate would add about half
    # a second to each start of a process for the rare thesis that correlates a discrete.
    from scipy import integrate

    r = float(2.0 * math.sin(math.pi * rho / 6.0))
    r = min(max(r, -1.0), 1.0)
    s = math.sqrt(max(1.0 - r * r, 0.0))
    if atoms_a is None:  # integrate over the discrete one's score
        atoms_a, atoms_b = atoms_b, None
    assert atoms_a is not None
    cuts_a, mid_a, var_a = _grades(atoms_a[1])
    if var_a == 0.0:
        return math.nan
    edges_a = np.concatenate(([-np.inf], cuts_a, [np.inf]))

    def given(z: float) -> float:
        """E[m_A | Z_B = z]."""
        if s == 0.0:
            return float(mid_a[np.searchsorted(cuts_a, r * z, side="right")])
        cdf = special.ndtr((edges_a - r * z) / s)
        return float(np.dot(mid_a, np.diff(cdf)))

    # The integrand's kinks: where the conditional mean of Z_A crosses a cut point.
    kinks = [float(c / r) for c in cuts_a if r != 0.0 and abs(c / r) < _REACH]
    if atoms_b is None:
        var_b = 1.0 / 12.0
        pieces: list[tuple[float, float, float | None]] = [(-_REACH, _REACH, None)]
    else:
        cuts_b, mid_b, var_b = _grades(atoms_b[1])
        if var_b == 0.0:
            return math.nan
        # Every atom keeps its piece (one beyond the reach is empty), so pieces match atoms.
        bounds = [-_REACH, *np.clip(cuts_b, -_REACH, _REACH).tolist(), _REACH]
        pieces = [
            (lo, hi, float(mid_b[k])) for k, (lo, hi) in enumerate(itertools.pairwise(bounds))
        ]
    total = 0.0
    for lo, hi, mid in pieces:
        if hi <= lo:
            continue
        inner = sorted(k for k in kinks if lo < k < hi)

        def f(z: float, mid: float | None = mid) -> float:
            # m_B(z): the continuous one's grade, or the atom's mid-grade on its piece.
            grade = float(special.ndtr(z)) if mid is None else mid
            return math.exp(-z * z / 2) * grade * given(z)

        value, _ = integrate.quad(f, lo, hi, points=inner or None, limit=200, epsabs=1e-12)
        total += value / math.sqrt(2 * math.pi)
    return float((total - 0.25) / math.sqrt(var_a * var_b))
