"""What changed between two thesis files: the 2022 vintage and today's, say.

Two vintages written years apart differ in their valuation date, price, horizon, perhaps their
model, and in the numbers of the assumptions they share by name. The change of the value between
them is split like the change between two scenarios (:mod:`model.learning.vintages`): Shapley
values over groups of assumptions, each run on the same seed and path count. The shared
assumptions that differ go to their groups (market, share, margins, ...) and are exchanged
between the files by name; what cannot be exchanged (the dates, the price, the horizon, the model
section, correlations, assumptions in one vintage only) forms one more group,
:data:`STRUCTURE`. A run with that group "on" uses the new file with the old definitions of the
groups that are "off"; with it "off", the old file with the new definitions of the groups that
are "on". The ``2**k`` runs then cover every order of substitution and the shares add up
exactly to the total change.

The engine draws each assumption's random numbers from the seed and the assumption's *name*, so
a shared assumption gets the same draws in both files: the differences between runs are the
definitions' doing. Per-year draws follow the horizon, so the structure group carries the
difference that a change of horizon makes to them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from model.errors import HorizonError, ParameterError, ThesisError, whole_year
from model.inputs.assembly.vintages import compare_vintages, mix_vintages
from model.inputs.locations import display_path
from model.learning.groups import assumption_groups, group_overrides
from model.learning.vintages import (
    EVENTS,
    Attribution,
    _explained,
    _value,
    check_group_count,
    group_order,
    run_order,
    split_change,
)

if TYPE_CHECKING:
    from model.engine.draws.rng import SeedLike
    from model.inputs.assembly.thesis import Thesis

__all__ = ["STRUCTURE", "attribute_vintages", "vintage_label"]

#: The group of everything two files cannot exchange by name.
STRUCTURE = "dates and structure"


def vintage_label(thesis: Thesis) -> str:
    """A short name of a vintage: its file's stem, with the scenario unless it is the base."""
    stem = thesis.path.stem
    return stem if thesis.scenario == "base" else f"{stem}:{thesis.scenario}"


def _check_year(year: Any, old: Thesis, new: Thesis) -> None:
    """Refuse, before any run, a year one vintage's horizon lacks, naming that vintage: every
    run reads the output at the year asked, on the old file's horizon or the new one's."""
    if year is None:
        return
    for th in (old, new):
        if whole_year(year) not in th.years:
            raise HorizonError(year, th.years, f"the horizon of {vintage_label(th)}")


def _assignment(
    old: Thesis, new: Thesis, groups: Mapping[str, str | Iterable[str]] | None
) -> dict[str, str]:
    out = {n: g.value for n, g in assumption_groups(old).items()}
    out.update({n: g.value for n, g in assumption_groups(new).items()})
    known = set(old.assumptions) | set(new.assumptions)
    out.update(group_overrides(groups, known, " (in neither vintage)"))
    return out


def _check_alone(thesis: Thesis) -> None:
    """A model error of one vintage, at its own file and line (as ``thesis validate`` says it).

    The runs mix the two files, so an error met there could not say which file it came from.
    Errors that do not come with a place are left to the runs.
    """
    from model.valuation.checks import run_failure

    error = run_failure(thesis, None)
    if error is not None:
        raise error


def _mix_failure(
    base: Thesis, other: Thesis, take: list[str], events: Iterable[str], exc: ThesisError
) -> ParameterError:
    """A run of ``base`` with definitions of ``other`` that fails: both files named.

    Each file is valid alone, so no one line of either is wrong; it is the mix that is.
    """
    taken = [*take, *(f"event {e}" for e in events)]
    shown = ", ".join(taken[:6]) + (f" and {len(taken) - 6} more" if len(taken) > 6 else "")
    field = f"{exc.field}: " if exc.field else ""
    return ParameterError(
        f"{display_path(base.path)} with {shown or 'nothing'} from {display_path(other.path)} "
        f"cannot be run ({field}{exc.message}): each file runs alone, but the two theses' "
        "values do not fit together; attribute between vintages of one model, or (in Python) "
        "keep the assumptions that must change together in one group with groups="
    )


def attribute_vintages(
    old: Thesis | str | os.PathLike[str],
    new: Thesis | str | os.PathLike[str],
    output: str | None = None,
    year: int | None = None,
    *,
    groups: Mapping[str, str | Iterable[str]] | None = None,
    n_paths: int = 10_000,
    seed: SeedLike = 2025,
    **options: Any,
) -> Attribution:
    """Split the change of an output from one thesis file to another across groups.

    Parameters
    ----------
    old, new : Thesis or path
        The older and the newer vintage (each with its scenario applied; a path loads the
        base case).
    output : str, optional
        Default ``value_today`` (each vintage's value as of its own valuation date) where the
        models have it, else ``value_per_share``.
    year : int, optional
        Year of a per-year output, in both horizons; default each run's exit year.
    groups : mapping, optional
        Overrides of the default groups (``{assumption: group}`` or ``{group: [names]}``).
    n_paths, seed
        Paths per run (default 10,000, as :func:`model.attribute`) and the common seed of
        every run.
    **options
        Further run settings for :func:`model.simulate`.

    Returns
    -------
    Attribution
        With ``structure`` listing what the group :data:`STRUCTURE` holds, and ``from_year`` /
        ``to_year`` the years each end is read at.

    Raises
    ------
    ParameterError
        Nothing differs, too many groups, or the output's unit differs between the vintages.
    """
    from model.learning.runs import SharedRuns
    from model.scenarios import load

    th_old, th_new = load(old), load(new)
    _check_year(year, th_old, th_new)
    if "model" not in options:  # a custom model given here is not the files' own
        _check_alone(th_old)
        _check_alone(th_new)
    diff = compare_vintages(th_old, th_new)
    assignment = _assignment(th_old, th_new, groups)
    members: dict[str, list[str]] = {}
    for name in diff.assumptions:
        members.setdefault(assignment.get(name, "finance"), []).append(name)
    if diff.events:
        members.setdefault(EVENTS, []).extend(f"event {e}" for e in diff.events)
    if diff.structure:
        members[STRUCTURE] = list(diff.structure)
    order = group_order(members, last=(STRUCTURE,))
    k = len(order)
    check_group_count(k, f"{vintage_label(th_old)} and {vintage_label(th_new)}")
    names_of = {g: [n for n in members[g] if n in diff.assumptions] for g in order}
    options.setdefault("progress", False)
    options.setdefault("keep_inputs", False)
    runs = SharedRuns(n_paths, seed, options)
    values: dict[int, np.ndarray] = {}
    years: dict[int, int] = {}
    units: dict[int, str] = {}
    for mask in run_order(k):
        chosen = {order[i] for i in range(k) if mask >> i & 1}
        if STRUCTURE in chosen:  # the new file, with the old definitions of groups not chosen
            base, other = th_new, th_old
            picked = [g for g in order if g not in chosen and g != STRUCTURE]
        else:  # the old file, with the new definitions of the groups chosen
            base, other = th_old, th_new
            picked = [g for g in order if g in chosen]
        take = [n for g in picked for n in names_of[g]]
        take_events = diff.events if EVENTS in picked else ()
        mixed = mix_vintages(base, other, take, take_events)
        try:
            result = runs.run(mixed, mixed.scenario, check=mask in (0, 2**k - 1))
        except ThesisError as exc:
            if mask in (0, 2**k - 1):  # one vintage alone: its own file and line are right
                raise
            raise _mix_failure(base, other, take, take_events, exc) from None
        output = _explained(result, output)
        # The whole year (2027 for 2027.0) heads the table; a year that is none is refused.
        whole = None if year is None else whole_year(year)
        at = result.exit_year if year is None else (year if whole is None else whole)
        values[mask] = _value(
            result.outputs[output], result.years, at, output, asked=year is not None
        )
        years[mask] = at
        units[mask] = result.units.get(output, "")
    assert output is not None
    full = 2**k - 1
    if units[0] != units[full]:
        raise ParameterError(
            f"{output} is in {units[0]} in {vintage_label(th_old)} and in {units[full]} in "
            f"{vintage_label(th_new)}: the change cannot be split"
        )
    return split_change(
        values, order, members, diff.assumptions, from_=vintage_label(th_old),
        to=vintage_label(th_new),
        output=output, year=years[full], unit=units[full], n_paths=n_paths, seed_entropy=seed,
        from_year=years[0], to_year=years[full], structure=diff.structure,
        per_year=np.ndim(result.outputs[output]) > 1,
    )  # fmt: skip
