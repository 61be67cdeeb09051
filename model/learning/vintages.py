"""What changed between two vintages of a thesis: the change in value split by group.

Two scenarios of one thesis (a 2022 view and today's, say) differ in many assumptions. Taking
the groups of assumptions that differ (:mod:`model.learning.groups`) one at a time from the old
vintage to the new would make each group's share depend on the order; instead every group gets
its Shapley value: its average marginal effect over all orders of substitution. With ``k`` groups
that differ this costs ``2**k`` runs, each on the same random numbers (same seed and path count),
so the differences between runs are the assumptions' doing and not sampling noise. Six groups
cost 64 runs; they share every input drawn alike and skip the scorecard check
(:mod:`model.learning.runs`), with the values one :func:`model.simulate` per run would give.

For the **mean** the decomposition holds path by path (the mean of per-path Shapley values), so
each group's share has a standard error; the **median** is not additive, so its shares add up to
the change in the median by construction (Shapley efficiency) but carry no standard error.
"""

from __future__ import annotations

import math
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from model.errors import (
    HorizonError,
    ParameterError,
    SettingsError,
    UnknownOutputError,
    whole_year,
)
from model.inputs.assembly.mixing import differing_items, mix_scenarios
from model.inputs.units import format_value
from model.learning.groups import resolve_groups

if TYPE_CHECKING:
    from model.engine.draws.rng import SeedLike
    from model.inputs.assembly.thesis import Thesis

__all__ = ["MAX_GROUPS", "Attribution", "attribute", "shapley"]

#: At most this many groups may differ (2**k runs).
MAX_GROUPS = 10
#: Group name given to differing events and correlations.
EVENTS, CORRELATIONS = "events", "correlations"


@dataclass(frozen=True, eq=False)
class Attribution:
    """A change of one output between two scenarios, split by group of assumptions.

    Attributes
    ----------
    from_, to : str
        The scenarios compared (old vintage, new vintage).
    output : str
        The output explained; ``year`` its year and ``unit`` its unit.
    groups : tuple of str
        The groups that differ, in the order of the table.
    members : Mapping[str, tuple of str]
        The differing assumptions (and events) of each group.
    counts : Mapping[str, int]
        How many of each group's members are assumptions (not correlations, an event's
        definition, a date or a price); empty: every member.
    start, end : Mapping[str, float]
        ``median`` and ``mean`` of the output in ``from_`` and in ``to``.
    median, mean, mean_se : Mapping[str, float]
        Each group's Shapley share of the change in the median and the mean.
    n_paths, n_runs : int
        Paths per run and runs made (``2**len(groups)``).
    from_year, to_year : int or None
        The year each end is read at when the two vintages are files with their own horizons
        (None: ``year`` for both).
    structure : tuple of str
        Between two files: what could not be exchanged by name (dates, price, horizon, model,
        one-vintage assumptions), the members of the group :data:`STRUCTURE`.
    """

    from_: str
    to: str
    output: str
    year: int
    unit: str
    groups: tuple[str, ...]
    members: Mapping[str, tuple[str, ...]]
    start: Mapping[str, float]
    end: Mapping[str, float]
    median: Mapping[str, float]
    mean: Mapping[str, float]
    mean_se: Mapping[str, float]
    n_paths: int
    n_runs: int
    seed_entropy: Any = field(default=None, repr=False)
    from_year: int | None = None
    to_year: int | None = None
    structure: tuple[str, ...] = ()
    #: False for an output with one value per path (today's value): it has no year to show.
    per_year: bool = True
    counts: Mapping[str, int] = field(default_factory=dict, repr=False)

    def n_assumptions(self, group: str) -> int:
        """How many assumptions of ``group`` differ (its events, correlations, dates: none)."""
        return self.counts.get(group, len(self.members[group]))

    @property
    def heading(self) -> str:
        """The output explained: ``value_per_share[2030]``, or ``value_today`` (no year)."""
        return f"{self.output}[{self.year}]" if self.per_year else self.output

    def summary(self) -> pd.DataFrame:
        """The waterfall as a table: start, one row per group, end.

        Returns
        -------
        DataFrame
            Index ``step``; columns ``median_change``, ``mean_change``, ``mean_change_se``,
            ``level_median`` (the running median level), ``n_assumptions``.
        """
        rows = [
            {
                "step": f"{self.from_} ({self.from_year or self.year})",
                "median_change": math.nan,
                "mean_change": math.nan,
                "mean_change_se": math.nan,
                "level_median": self.start["median"],
                "n_assumptions": 0,
            }
        ]
        level = self.start["median"]
        for g in self.groups:
            level += self.median[g]
            rows.append(
                {
                    "step": g,
                    "median_change": self.median[g],
                    "mean_change": self.mean[g],
                    "mean_change_se": self.mean_se[g],
                    "level_median": level,
                    "n_assumptions": self.n_assumptions(g),
                }
            )
        rows.append(
            {
                "step": f"{self.to} ({self.to_year or self.year})",
                "median_change": self.end["median"] - self.start["median"],
                "mean_change": self.end["mean"] - self.start["mean"],
                "mean_change_se": math.nan,
                "level_median": self.end["median"],
                "n_assumptions": sum(self.n_assumptions(g) for g in self.groups),
            }
        )
        return pd.DataFrame(rows).set_index("step")

    def to_frame(self) -> pd.DataFrame:
        """One row per group: its members and its shares of the change."""
        return pd.DataFrame(
            {
                "median_change": [self.median[g] for g in self.groups],
                "mean_change": [self.mean[g] for g in self.groups],
                "mean_change_se": [self.mean_se[g] for g in self.groups],
                "assumptions": [", ".join(self.members[g]) for g in self.groups],
            },
            index=pd.Index(self.groups, name="group"),
        )

    @property
    def groups_text(self) -> str:
        """``"1 group"``, ``"7 groups"``: the count of groups in words."""
        n = len(self.groups)
        return f"{n} group" if n == 1 else f"{n} groups"

    def __repr__(self) -> str:
        from model.inputs.units import format_quantity

        change = self.end["median"] - self.start["median"]
        if self.unit in ("%", "share"):  # 7.998%, not 0.07998 %
            start, end = (format_quantity(self.start["median"], self.unit),
                          format_quantity(self.end["median"], self.unit))  # fmt: skip
            moved = ("+" if change >= 0 else "") + format_quantity(change, self.unit)
        else:
            start, end = format_value(self.start["median"]), format_value(self.end["median"])
            moved = f"{format_value(change, sign=True)} {self.unit}".rstrip()
        return (
            f"<Attribution {self.heading} {self.from_} -> {self.to}: median {start} -> {end} "
            f"({moved}) over {self.groups_text}, {self.n_runs} runs>"
        )

    def _repr_html_(self) -> str:
        import html

        table = self.summary().to_html(float_format=lambda v: f"{v:,.2f}", na_rep="")
        return f"<div><p>{html.escape(repr(self))}</p>{table}</div>"


def _explained(result: Any, output: str | None) -> str:
    """The output an attribution explains: the one asked for, else today's value if stated."""
    if output is None:
        output = "value_today" if "value_today" in result.outputs else "value_per_share"
    if output not in result.outputs:
        raise UnknownOutputError(output, result.outputs)
    return output


def split_change(
    values: Mapping[int, np.ndarray],
    order: Sequence[str],
    members: Mapping[str, Sequence[str]],
    assumptions: Collection[str],
    **fields: Any,
) -> Attribution:
    """The Attribution of the runs ``values`` (by group mask) over the groups ``order``;
    ``assumptions`` are the members that are assumptions (counted in its table)."""
    shap_median, shap_mean, shap_se = shapley(values, order)
    full = 2 ** len(order) - 1
    return Attribution(
        groups=tuple(order),
        members={g: tuple(members[g]) for g in order},
        counts={g: sum(1 for n in members[g] if n in assumptions) for g in order},
        start={"median": float(np.median(values[0])), "mean": float(values[0].mean())},
        end={"median": float(np.median(values[full])), "mean": float(values[full].mean())},
        median=shap_median,
        mean=shap_mean,
        mean_se=shap_se,
        n_runs=full + 1,
        **fields,
    )


def _value(
    arr: np.ndarray, years: Sequence[int], year: int, output: str, *, asked: bool
) -> np.ndarray:
    """``output`` on every path, at ``year`` if it has years.

    ``asked`` says the year was the caller's: an output with one value per path (today's value)
    refuses it, as a run's results do, rather than heading the waterfall with a year it does
    not have.
    """
    # The year is checked for a one-value output too: a year outside the horizon would
    # otherwise head the waterfall as if it had been read there.
    at = whole_year(year)
    if at is None or at not in years:
        raise HorizonError(year, years, "the run's years")
    a = np.asarray(arr, dtype=float)
    if a.ndim == 1:
        if asked:
            raise SettingsError(
                f"output {output!r} has one value per path; it takes no year (leave the year "
                "out, or name an output of that year: --output value_per_share on the command "
                "line, output='value_per_share' in Python)"
            )
        return a
    return a[:, list(years).index(at)]


def shapley(
    values: Mapping[int, np.ndarray], order: Sequence[str]
) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Shapley shares of the change in the median and the mean, from every subset's run.

    Parameters
    ----------
    values : mapping
        Bit mask of the groups taken (bit ``i`` for ``order[i]``) -> the output on every path,
        shape ``(n_paths,)``, for all ``2**len(order)`` masks, on common random numbers.
    order : sequence of str
        The groups.

    Returns
    -------
    median, mean, mean_se : dict
        Each group's share of the change in the median and in the mean, and the standard
        error of its mean share (from the per-path shares).
    """
    k = len(order)
    n = len(values[0])
    weights = [math.factorial(s) * math.factorial(k - s - 1) / math.factorial(k) for s in range(k)]
    med = {m: float(np.median(v)) for m, v in values.items()}
    shap_median: dict[str, float] = {}
    shap_mean: dict[str, float] = {}
    shap_se: dict[str, float] = {}
    for i, g in enumerate(order):
        per_path = np.zeros(n)
        m_share = 0.0
        for mask in range(2**k):
            if mask >> i & 1:
                continue
            w = weights[bin(mask).count("1")]
            per_path += w * (values[mask | 1 << i] - values[mask])
            m_share += w * (med[mask | 1 << i] - med[mask])
        shap_median[g] = m_share
        shap_mean[g] = float(per_path.mean())
        shap_se[g] = float(per_path.std(ddof=1) / math.sqrt(n)) if n > 1 else math.nan
    return shap_median, shap_mean, shap_se


def check_group_count(k: int, what: str) -> None:
    """Refuse nothing to attribute, or more groups than :data:`MAX_GROUPS`."""
    if k == 0:
        raise ParameterError(f"{what} do not differ: nothing to attribute")
    if k > MAX_GROUPS:
        raise ParameterError(
            f"{k} groups differ; at most {MAX_GROUPS} (2**k runs): merge groups with groups="
        )


def _is_file(value: Any) -> bool:
    from model.inputs.assembly.thesis import Thesis

    if isinstance(value, Thesis | os.PathLike):
        return True
    return isinstance(value, str) and (
        value.lower().endswith((".yaml", ".yml")) or "/" in value or os.sep in value
    )


def attribute(
    thesis: Thesis | str | os.PathLike[str],
    from_: str | Thesis | os.PathLike[str] | None = None,
    to: str = "base",
    output: str | None = None,
    year: int | None = None,
    *,
    groups: Mapping[str, str | Iterable[str]] | None = None,
    n_paths: int = 10_000,
    seed: SeedLike = 2025,
    **options: Any,
) -> Attribution:
    """Split the change of an output between two vintages across groups of assumptions.

    The vintages are two scenarios of one thesis (``from_="bear", to="base"``), or two
    thesis files: ``from_`` an older thesis (a :class:`Thesis` or a path) and ``thesis`` (in
    scenario ``to``) the newer one. Between files, assumptions and events shared by name are
    exchanged group by group; what cannot be (valuation date, price, horizon, model,
    assumptions in one vintage only) forms the group ``"dates and structure"``, so the shares
    still add up exactly to the total change (see :mod:`model.learning.vintage_files`).

    Parameters
    ----------
    thesis : Thesis or path
        The (newer) thesis.
    from_ : str, Thesis or path, optional
        Old vintage: a scenario of ``thesis``, or another thesis file; by default the vintage
        the thesis names as ``previous:``.
    to : str
        New vintage: a scenario of ``thesis`` (default ``"base"``, the file itself).
    output : str, optional
        Default ``value_today`` where the model has it, else ``value_per_share``.
    year : int, optional
        Default the exit year (each file's own, between files).
    groups : mapping, optional
        Overrides of the default groups (``{assumption: group}`` or ``{group: [names]}``).
    n_paths, seed
        Paths per run (default 10,000) and the common seed of every run. ``thesis attribute``
        runs 5,000 paths and the report's waterfall ``ReportSettings.learning_paths`` (2,000):
        one seed gives other figures at another number of paths.
    **options
        Further run settings for :func:`model.simulate` (``method=``, ``backend=``...).

    Returns
    -------
    Attribution

    Raises
    ------
    ParameterError
        If the vintages do not differ, or more than :data:`MAX_GROUPS` groups differ, or no
        ``from_`` is given to a thesis that names no ``previous:`` vintage.
    """
    from model.learning.runs import SharedRuns
    from model.scenarios import load

    if from_ is None:
        from model.inputs.assembly.evidence import previous_vintage

        thesis = load(thesis)
        from_ = previous_vintage(thesis)
        if from_ is None:
            raise ParameterError(
                "attribute needs from_: the older vintage (a thesis file or Thesis) or a "
                "scenario of this thesis (from_='bear'); this thesis names no 'previous:' vintage"
            )

    if _is_file(from_):
        from model.learning.vintage_files import attribute_vintages

        new = load(thesis).with_scenario(to)
        return attribute_vintages(
            from_, new, output, year, groups=groups, n_paths=n_paths, seed=seed, **options
        )
    if not isinstance(from_, str):
        raise ParameterError(
            "from_ must be a scenario of this thesis (from_='bear'), an older thesis file or "
            f"a Thesis (got {type(from_).__name__} {from_!r:.40})"
        )
    th = load(thesis)
    if year is not None and whole_year(year) not in th.years:
        raise HorizonError(year, th.years)  # before the 2**k runs, not after the first
    base_from = th.with_scenario(from_)
    names, events, corr = differing_items(th, from_, to)
    assignment = resolve_groups(base_from if from_ != "base" else th, groups)
    members: dict[str, list[str]] = {}
    for name in sorted(names):
        members.setdefault(assignment.get(name, "finance"), []).append(name)
    if events:  # event definitions go with the events' own assumptions
        members.setdefault(EVENTS, []).extend(f"event {e}" for e in sorted(events))
    if corr:
        members.setdefault(CORRELATIONS, []).append("correlations")
    order = group_order(members)
    k = len(order)
    check_group_count(k, f"scenarios '{from_}' and '{to}'")
    options.setdefault("progress", False)
    options.setdefault("keep_inputs", False)
    runs = SharedRuns(n_paths, seed, options)
    values: dict[int, np.ndarray] = {}
    unit = ""
    # The whole year (2027 for 2027.0), so the table is headed value_per_share[2027].
    asked = None if year is None else whole_year(year)
    for mask in run_order(k):
        chosen = [order[i] for i in range(k) if mask >> i & 1]
        take = [n for g in chosen for n in members[g] if n in names]
        mixed = mix_scenarios(
            th,
            from_,
            to,
            take,
            take_events=events if EVENTS in chosen else (),
            take_correlations=CORRELATIONS in chosen,
        )
        result = runs.run(mixed, from_, check=mask in (0, 2**k - 1))
        output = _explained(result, output)
        at = result.exit_year if asked is None else asked
        values[mask] = _value(
            result.outputs[output], result.years, at, output, asked=asked is not None
        )
        year = at
        unit = result.units.get(output, "")
    assert output is not None and year is not None
    return split_change(
        values, order, members, names, from_=from_, to=to, output=output, year=year, unit=unit,
        n_paths=n_paths, seed_entropy=seed, per_year=np.ndim(result.outputs[output]) > 1,
    )  # fmt: skip


def run_order(k: int) -> list[int]:
    """The masks of ``k`` groups in the order they are run: both vintages first.

    The two vintages are checked against :func:`model.simulate` (see
    :class:`~model.learning.runs.SharedRuns`), so any difference is found before the rest run.
    """
    full = 2**k - 1
    return [0, *([full] if full else []), *range(1, full)]


#: The usual order of the groups in a table (others follow, alphabetically).
GROUP_ORDER = ("market", "share", "margins", "multiples", EVENTS, "finance")


def group_order(members: Mapping[str, Any], last: Sequence[str] = ()) -> list[str]:
    """The groups present, in :data:`GROUP_ORDER`, then the others, then ``last``."""
    order = [g for g in GROUP_ORDER if g in members]
    order += sorted(g for g in members if g not in order and g not in last)
    return order + [g for g in last if g in members]
