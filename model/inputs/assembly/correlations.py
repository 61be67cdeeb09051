"""The correlation matrix of a scenario, checked when the thesis is read, at its lines.

The engine refuses a Spearman matrix that is not positive semi-definite, and one whose Gaussian
copula (Pearson ``2 sin(pi rho / 6)``) is not, unless asked to repair it (Higham's nearest
correlation matrix). Those are properties of the thesis, not of a run: they are checked here,
with the engine's own functions, so that ``validate`` finds them and the message names the file
and line of each entry involved. A ``rho`` of +-1 makes two assumptions one draw; next to other
correlations it is the usual cause of a conflict, and the message says so.

A pair with a discrete assumption (``discrete``, ``bernoulli``) gets from the copula a Spearman
correlation nearer 0 than its ``rho``, since the discrete draws tie (a Bernoulli of 5% reaches
at most about 0.38): :func:`tied_correlations` says so at the entry's ``rho``, with the value
the draws get (:func:`model.engine.draws.ties.copula_spearman`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import combinations

import numpy as np

from model.engine.draws.correlation import PSD_TOL, nearest_correlation, spearman_to_pearson
from model.engine.draws.dist_base import Distribution
from model.engine.draws.ties import atoms, copula_spearman
from model.errors import ThesisModelWarning, warn
from model.inputs.assembly.items import CorrelationDef
from model.inputs.locations import dotted
from model.inputs.yamlsafe import Locator

__all__ = ["CorrelationRepaired", "check_correlation_matrix", "tied_correlations"]

#: A gap between the target and the draws' rank correlation smaller than this goes unsaid.
TIE_GAP = 0.005


class CorrelationRepaired(ThesisModelWarning):
    """The correlations conflicted and were replaced by the nearest valid matrix."""


def _matrix(correlations: Sequence[CorrelationDef]) -> tuple[list[str], np.ndarray]:
    names: list[str] = []
    for c in correlations:
        for n in c.between:
            if n not in names:
                names.append(n)
    m = np.eye(len(names))
    for c in correlations:
        i, j = names.index(c.between[0]), names.index(c.between[1])
        m[i, j] = m[j, i] = c.rho
    return names, m


def _involved(m: np.ndarray, names: Sequence[str]) -> set[str]:
    """The fewest variables whose correlations conflict (three or four when there are such),
    else those that weigh on the most negative eigenvalue."""
    k = len(names)
    if k <= 30:
        for size in (3, 4):
            for idx in combinations(range(k), size):
                if np.linalg.eigvalsh(m[np.ix_(idx, idx)])[0] < -PSD_TOL:
                    return {names[i] for i in idx}
    _, v = np.linalg.eigh(m)
    weights = np.abs(v[:, 0])
    return {names[i] for i in range(len(names)) if weights[i] > 0.1}


def check_correlation_matrix(
    correlations: Sequence[CorrelationDef], locator: Locator, *, repair: bool = False
) -> None:
    """Check that the engine can use these correlations as they are.

    Parameters
    ----------
    correlations : sequence of CorrelationDef
        One scenario's pairs (names already checked).
    locator : Locator
        For the file and line of each entry.
    repair : bool
        Accept a conflicting matrix (the engine will use the nearest valid one) with a
        :class:`CorrelationRepaired` warning instead of an error.

    Raises
    ------
    ThesisError
        At the first entry involved in the conflict, listing every involved entry with its
        ``file:line``.
    """
    if not correlations:
        return
    names, m = _matrix(correlations)
    problem = None
    smallest = float(np.linalg.eigvalsh(m)[0])
    if smallest < -PSD_TOL:
        problem, bad = "are not a valid correlation matrix", m
    else:
        p = spearman_to_pearson(m)
        np.fill_diagonal(p, 1.0)
        smallest = float(np.linalg.eigvalsh(p)[0])
        if smallest < -PSD_TOL:
            problem = "are valid, but their Gaussian copula (Pearson 2 sin(pi rho / 6)) is not"
            bad = p
    if problem is None:
        return
    who = _involved(bad, names)
    entries = [c for c in correlations if set(c.between) <= who] or list(correlations)
    places = []
    first_file, _ = locator.locate((*entries[0].path, "rho"))
    for c in entries:
        file, line = locator.locate((*c.path, "rho"))
        where = f"line {line}" if file == first_file else f"{file}:{line}"
        places.append(f"{c.name} = {c.rho:g} ({where})" if line else f"{c.name} = {c.rho:g}")
    listed = {frozenset(c.between) for c in entries}
    unlisted = [
        f"{a} ~ {b}" for a, b in combinations(sorted(who), 2) if frozenset((a, b)) not in listed
    ]
    if unlisted:
        places.append(f"{', '.join(unlisted)} = 0 (not listed)")
    ones = [c.name for c in entries if abs(c.rho) >= 1.0]
    hint = (
        f"; rho = +-1 makes {' and '.join(ones)} one draw, which leaves no room for the other "
        "correlations: use a value below 1 or make one assumption derived from the other"
        if ones
        else ""
    )
    text = (
        f"the correlations among {', '.join(sorted(who))} {problem} (smallest eigenvalue "
        f"{smallest:.3g}): {'; '.join(places)}{hint}"
    )
    if repair:
        fixed = nearest_correlation(m)
        change = float(np.max(np.abs(fixed - m)))
        warn(
            f"{text}; repaired: the run uses the nearest valid matrix (largest change "
            f"{change:.3g})",
            CorrelationRepaired,
        )
        return
    raise locator.error(
        (*entries[0].path, "rho"),
        text + "; fix the entries, or pass --repair-correlations to use the nearest valid matrix",
    )


def tied_correlations(
    correlations: Sequence[CorrelationDef], dists: Mapping[str, Distribution], locator: Locator
) -> None:
    """Warn, at its ``rho``, about each pair with a discrete assumption whose draws get a
    Spearman correlation visibly nearer 0 than the entry asks (their values tie).

    Parameters
    ----------
    correlations : sequence of CorrelationDef
        One scenario's pairs (names already checked).
    dists : mapping of str to Distribution
        The distribution of each name correlated.
    locator : Locator
        For the file and line of each entry.
    """
    for c in correlations:
        a, b = (dists[n] for n in c.between)
        tied = [n for n in c.between if dists[n].discrete]
        if not tied or c.rho == 0.0:
            continue
        got = copula_spearman(a, b, c.rho)
        kinds = " and ".join(f"'{n}' takes {_count(atoms(dists[n]))}" for n in tied)
        file, line = locator.locate((*c.path, "rho"))
        where = f"{file}:{line}: " if line is not None else (f"{file}: " if file else "")
        if not math.isfinite(got):
            # One value (a Bernoulli of p 0 or 1, a single value with any weight): every draw
            # is the same, so the entry does nothing at all.
            one = [n for n in tied if (found := atoms(dists[n])) and len(found[0]) == 1]
            warn(
                f"{where}{dotted((*c.path, 'rho'))}: "
                + " and ".join(f"'{n}' takes only 1 value" for n in one)
                + f", so {'their' if len(one) > 1 else 'its'} draws are all equal and "
                f"{c.between[0]} ~ {c.between[1]} gets no rank correlation, not {c.rho:g}; "
                "remove the entry, or give the assumption more than one value"
            )
            continue
        if abs(got - c.rho) < TIE_GAP:
            continue
        most = abs(copula_spearman(a, b, math.copysign(1.0, c.rho)))
        warn(
            f"{where}{dotted((*c.path, 'rho'))}: {kinds}, so {'their' if len(tied) > 1 else 'its'} "
            f"draws tie and "
            f"{c.between[0]} ~ {c.between[1]} gets a Spearman rank correlation of {got:.3f}, "
            f"not {c.rho:g} (at most {most:.3f} in size, at rho +-1); write the rho that gives "
            "the correlation meant, or make the assumption continuous"
        )


def _count(found: tuple[tuple[float, ...], tuple[float, ...]] | None) -> str:
    """``2 values`` for a discrete distribution's atoms."""
    n = len(found[0]) if found is not None else 0
    return f"only {n} value{'s' if n != 1 else ''}"
