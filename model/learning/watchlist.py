"""What to watch: which coming facts would move the value most.

For each quantity the thesis can observe soon (the revenue growth of the next year to be
reported, the company's market shares, margins, whether an event happens by then) the paths
already simulated are split by the quantity's outcome, and the median value is recomputed
within each part. How far those conditional medians spread is what learning the quantity is
worth to the valuation (a value-of-information measure on the simulated paths; no new run). A
continuous quantity is cut at its quintiles; an event into happened / not happened.

The measure of each observable is ``spread = sqrt(sum_b p_b (m_b - m)**2)``, with ``p_b`` the
share of paths in outcome ``b``, ``m_b`` their median value and ``m`` the overall median; the
table also says what the median value becomes if the quantity comes in below its 20th percentile
or above its 80th (at or below, at or above, where values pile up at the cut), or if the event
happens or not.

On a finite run the spread is never zero: a quantity unrelated to the value still splits the
paths into groups whose medians differ by chance. For such a quantity ``4 f**2 n spread**2`` is
about chi-square with ``K - 1`` degrees of freedom (``K`` outcomes with paths, ``n`` paths, ``f``
the density of the value at its median, as the median of ``m`` paths has variance
``1 / (4 f**2 m)``); its 95% quantile is each item's ``noise``, and a spread no larger than it
is said to be within sampling noise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from model.errors import RESULT, HorizonError, ParameterError, StatementError, expect, whole_year
from model.learning.watchitems import WatchItem, WatchList
from model.results.analysis import fiscal_year_text, year_end_of

if TYPE_CHECKING:
    from model.results.results import SimulationResult

__all__ = ["WatchItem", "WatchList", "default_observables", "default_years", "watch"]

_EDGES = (0.2, 0.4, 0.6, 0.8)
#: Paths below which the groups are too small for their medians to mean much: a median of
#: ``m`` paths has a standard error of about ``1.25 sd / sqrt(m)``, a quarter of an sd or more
#: for the fifths of fewer than 500 paths.
_FEW_PATHS = 500


def _ahead(result: SimulationResult, year: int) -> bool:
    """Whether ``year`` ends after the valuation date (True for a result without dates)."""
    try:
        _check_ahead(result, year)
    except ParameterError:
        return False
    return True


def default_years(result: SimulationResult) -> tuple[int, ...]:
    """The years :func:`watch` observes by default, in the order it tries them.

    With a valuation date (every loaded thesis has one) the first is the first model year
    ending after it: the next figures to be reported. That is year 0 when year 0 is still in
    progress on the valuation date (a thesis valued in November, its first year a calendar
    year), else a later year. The year after it follows as a fall-back: year 0 is today to the
    model (events happen from year 1 on, and a thesis may fix its figures), so it may leave
    nothing to watch. A result without dates watches year 1, the year after the horizon's first.
    """
    years = tuple(int(y) for y in result.years)
    thesis = getattr(result, "thesis", None)
    if not hasattr(thesis, "as_of"):
        return (years[min(1, len(years) - 1)],)
    first = next((y for y in years if _ahead(result, y)), years[-1])
    _check_ahead(result, first)  # no year ends after the valuation date: say so
    i = years.index(first)
    return years[i : i + 2]


def _check_ahead(result: SimulationResult, year: int) -> None:
    """Refuse a year that ended on or before the valuation date: its figures are reported."""
    from model.valuation.finance.dates import ValuationDates

    thesis = getattr(result, "thesis", None)
    if not hasattr(thesis, "as_of"):
        return
    dates = ValuationDates.from_thesis(thesis)
    i = dates.years.index(year)
    if float(dates.t_value[i]) <= 0.0:
        raise ParameterError(
            f"{fiscal_year_text(year, year_end_of(result))} ended on "
            f"{dates.year_ends[i].isoformat()}, on or before the valuation date "
            f"{dates.valuation_date.isoformat()}: its figures are reported, not facts to watch; "
            "observe a later year"
        )


#: Player keys that name the company in the first person: ``us`` would read as a country.
_FIRST_PERSON = frozenset({"us", "we", "our", "ours", "self", "company", "the_company"})


def _share_label(info: Any, result: SimulationResult) -> str:
    """A line's label; the company's own share, labelled by the model as the market and the
    player (``Platform: US``, ``AI cloud: Alibaba``), as an analyst writes it: "Nimbus Telemetry
    Inc's share of platform", "Alibaba's share of AI cloud". A label the thesis gives is kept."""
    from model.charts.text import in_sentence
    from model.valuation.roles import label_from_name

    label = str(info.label or "")
    player = str(getattr(info, "player", None) or "")
    suffix = f": {label_from_name(player)}" if player else ""
    first_person = player.lower() in _FIRST_PERSON
    if not (first_person or getattr(info, "company", False)) or not label.endswith(suffix):
        return label
    who = label_from_name(player)
    if first_person:  # "us" would read as a country
        who = getattr(getattr(result, "thesis", None), "company", None) or "The company"
    return f"{who}'s share of {in_sentence(label[: -len(suffix)])}"


def _event_year(result: SimulationResult, year: int) -> int:
    """The year from which events are watched with the figures of ``year``: the first year
    events can happen in (year 1 on) that is not before it."""
    years = [int(y) for y in result.years]
    return max(year, years[min(1, len(years) - 1)])


def _first_chance(result: SimulationResult, event: Any, start: int) -> int:
    """The first year on or after ``start`` in which ``event`` can happen: one of its own
    ``years`` (the engine's chances), or any model year after the first when it names none;
    ``start`` when the horizon holds no such year (it is then watched by ``start``)."""
    own = set(getattr(event, "years", None) or ())
    years = (int(y) for y in result.years[1:])
    return next((y for y in years if y >= start and (not own or y in own)), start)


def default_observables(result: SimulationResult, year: int | None = None) -> list[tuple[str, str]]:
    """``(quantity, label)`` pairs a thesis can observe in ``year`` (default: the first model
    year ending after the valuation date, see :func:`default_years`).

    Revenue growth (or, without a growth line, the revenue), the company's market shares and
    the margins by their roles (a model with none of these: its revenue and earnings lines),
    and every event the run kept, happened or not; each left out when it takes one value on
    every path. A ``year`` named is watched alone: its figures and the events by it (an event
    that cannot have happened by then is left out, as is a figure the thesis fixes).

    Without ``year``, exactly what :func:`watch` observes by default: the figures of the first
    of :func:`default_years` in which any of them varies across the paths (the first, when none
    does) with each event by the first year it can happen in from then on (year 1 on, or the
    first of its own ``years``), leaving out what takes one value on every path. Events start
    in year 1, so with year 0's figures an event is watched by year 1 at the earliest, the
    news to watch for as it comes; one limited to 2029 is watched by 2029.
    """
    return _entries(result, year)[0]


def _entries(result: SimulationResult, year: int | None) -> tuple[list[tuple[str, str]], bool]:
    """:func:`default_observables`, and whether the thesis has any observables at all."""
    years = result.years
    if year is not None:
        # Checked here: 2026.5 would otherwise reach the statements as 'margin[2026.5]'.
        whole = whole_year(year)
        if whole is None or whole not in years:
            raise HorizonError(year, years)
        _check_ahead(result, whole)
        entries = _observables(result, whole, None)
        return [(q, label) for q, label in entries if _varies(result, q)], bool(entries)
    return _default_entries(result)


def _default_entries(result: SimulationResult) -> tuple[list[tuple[str, str]], bool]:
    """The default observables that vary across the paths (see :func:`default_observables`),
    and whether the thesis has any observables at all."""
    import warnings

    chosen: list[tuple[str, str]] = []
    found = False
    for i, year in enumerate(default_years(result)):
        with warnings.catch_warnings():
            if i:  # the first year's call has said which events the run left out
                warnings.simplefilter("ignore")
            entries = _observables(result, year, _event_year(result, year))
        found = found or bool(entries)
        varying = [(q, label) for q, label in entries if _varies(result, q)]
        if any(not q.startswith("event:") for q, _ in varying):
            return varying, True
        chosen = chosen or varying
    return chosen, found


def _observables(result: SimulationResult, year: int, events: int | None) -> list[tuple[str, str]]:
    """The figures of ``year`` and the events, each happened or not by its first chance on
    or after ``events`` (an event limited to later years is news of those years), or by
    ``year`` itself when ``events`` is None (a year named)."""
    from model.valuation import build_model

    out: list[tuple[str, str]] = []
    roles = getattr(build_model(result.thesis), "roles", None)
    if roles is not None:
        for info in roles:
            role = str(info.role) if info.role is not None else ""
            wanted = role in ("revenue_growth", "margin") or (
                role == "market_share" and info.company
            )
            if wanted and info.name in result.outputs:
                out.append((f"{info.name}[{year}]", _share_label(info, result) or info.name))
        if out and not any(str(info.role) == "revenue_growth" for info in roles):
            # Without a growth line, next year's revenue is the growth to watch: a margin line
            # alone would leave the sales a growth company is judged on off the list.
            for info in roles:
                if str(info.role) == "revenue" and info.name in result.outputs:
                    out.insert(0, (f"{info.name}[{year}]", info.label or info.name))
    if not out and roles is not None:  # a plain model: next year's revenue and earnings
        # Checked before the events: a model with events but no growth, margin or share lines
        # still has its revenue and earnings to watch.
        for info in roles:
            role = str(info.role) if info.role is not None else ""
            if role in ("revenue", "earnings") and info.name in result.outputs:
                out.append((f"{info.name}[{year}]", info.label or info.name))
    unkept = []
    for name, event in getattr(result.thesis, "events", {}).items():
        if name in result.inputs:
            by = year if events is None else _first_chance(result, event, events)
            out.append((f"event:{name}@{by}", getattr(event, "label", None) or name))
        else:
            unkept.append(name)
    if unkept:  # a run without its inputs has no draws of the events: say so, not drop them
        from model.errors import warn

        warn(
            f"the run kept no draws of the event(s) {', '.join(unkept)}, so the watch list "
            "leaves them out; simulate with keep_inputs=True to watch them"
        )
    return out


def _values(result: SimulationResult, quantity: str) -> tuple[np.ndarray, bool]:
    if quantity.startswith("event:"):
        name, _, year = quantity[len("event:") :].partition("@")
        counts = np.asarray(result.inputs[name], dtype=float)
        if counts.ndim == 2:
            upto = list(result.years).index(int(year)) + 1 if year else counts.shape[1]
            counts = counts[:, :upto].sum(axis=1)
        return (counts > 0).astype(float), True
    from model.results.statements import evaluate_statement

    ev = evaluate_statement(result, quantity)
    values = np.array(ev.values, dtype=float)
    if values.shape != (result.n_paths,):
        raise StatementError(f"{quantity!r} must give one value per path (add a [year])")
    values[np.asarray(ev.undefined, dtype=bool)] = np.nan
    return values, False


#: 95% quantiles of chi-square with 1..4 degrees of freedom (two to five outcomes).
_CHI2_95 = (math.nan, 3.841458820694124, 5.991464547107979, 7.814727903251178, 9.487729036781154)


def _density_at_median(value: np.ndarray) -> float:
    """The density of ``value`` at its median, from the spacing of its 45th and 55th
    percentiles (0 when the value is flat there, as for a floored value)."""
    finite = value[np.isfinite(value)]
    if finite.size < 2:
        return 0.0
    lo, hi = np.quantile(finite, (0.45, 0.55))
    return 0.1 / float(hi - lo) if hi > lo else 0.0


def _outcomes(
    x: np.ndarray, binary: bool
) -> tuple[list[np.ndarray], tuple[str, ...], tuple[float, float]]:
    """The paths in each outcome of ``x`` (finite), the outcomes' names and the cuts of the
    lowest and highest fifths (NaN for an event)."""
    if binary:
        return [x == 0, x == 1], ("not happened", "happened"), (math.nan, math.nan)
    cuts = np.quantile(x, _EDGES)
    idx = np.searchsorted(cuts, x, side="right")
    # Values piled up at the 20th percentile (a revenue of 0 before a launch) are the low case:
    # counted above the cut, they would sit in a middle fifth and leave the low one empty.
    at_low = x == cuts[0]
    idx[at_low] = 0
    low = "at or below p20" if at_low.any() else "below p20"
    high = "at or above p80" if np.any(x[idx == len(_EDGES)] == cuts[-1]) else "above p80"
    names = (low, "p20-p40", "p40-p60", "p60-p80", high)
    return [idx == b for b in range(len(_EDGES) + 1)], names, (float(cuts[0]), float(cuts[-1]))


def _varies(result: SimulationResult, quantity: str) -> bool:
    """Whether ``quantity`` falls in more than one outcome across the paths."""
    x, binary = _values(result, quantity)
    x = x[np.isfinite(x)]
    return x.size > 0 and sum(bool(p.any()) for p in _outcomes(x, binary)[0]) > 1


def _items(
    result: SimulationResult,
    entries: Sequence[str | tuple[str, str]],
    value: np.ndarray,
    *,
    keep_fixed: bool,
) -> list[WatchItem]:
    """One item per observable, unsorted; one with a single outcome on every path is left out
    unless ``keep_fixed`` (the user named it)."""
    overall = float(np.nanmedian(value))
    density = _density_at_median(value)
    year_end = year_end_of(result)
    items = []
    for entry in entries:
        quantity, label = (entry, "") if isinstance(entry, str) else entry
        x, binary = _values(result, quantity)
        ok = np.isfinite(x) & np.isfinite(value)
        x, v = x[ok], value[ok]
        if x.size == 0:
            continue
        parts, names, (lo_cut, hi_cut) = _outcomes(x, binary)
        counts = tuple(int(p.sum()) for p in parts)
        if not keep_fixed and sum(c > 0 for c in counts) < 2:
            # One outcome on every path (an event that cannot have happened by then, as events
            # start in year 1; a figure the thesis fixes in year 0): knowing it tells nothing.
            continue
        probs = tuple(c / x.size for c in counts)
        medians = tuple(float(np.median(v[p])) if p.any() else math.nan for p in parts)
        spread = math.sqrt(
            sum(p * (m - overall) ** 2 for p, m in zip(probs, medians, strict=True) if p > 0)
        )
        unit = "" if binary else result.units.get(quantity.split("[")[0], "")
        groups = sum(c > 0 for c in counts)
        noise = (
            math.sqrt(_CHI2_95[groups - 1] / (4.0 * density**2 * x.size))
            if groups > 1 and density > 0
            else 0.0
        )
        items.append(
            WatchItem(
                quantity,
                label,
                unit,
                binary,
                names,
                probs,
                medians,
                counts,
                spread,
                lo_cut,
                hi_cut,
                noise,
                year_end,
            )
        )
    return items


def _observable_entries(observables: Any) -> list[str | tuple[str, str]]:
    """The observables asked for as a list: one quantity given alone is one entry, not its
    characters; anything but quantities and ``(quantity, label)`` pairs is refused."""
    if isinstance(observables, str):
        return [observables]
    shape = "quantities such as 'revenue_growth[2026]' or (quantity, label) pairs"
    if not isinstance(observables, Sequence):
        raise ParameterError(f"observables must be {shape}, got {type(observables).__name__}")
    for entry in observables:
        pair = isinstance(entry, tuple) and len(entry) == 2
        if not (isinstance(entry, str) or (pair and all(isinstance(e, str) for e in entry))):
            raise ParameterError(f"observables must be {shape}, got {entry!r:.60}")
    return list(observables)


def _default_items(
    result: SimulationResult, value: np.ndarray, observe_year: int | None
) -> list[WatchItem]:
    """The items of :func:`default_observables` in ``observe_year`` (by default, its own
    choice), leaving out what takes one value on every path."""
    entries, found = _entries(result, observe_year)
    if not found:
        raise ParameterError("no observables: name some (e.g. 'revenue_growth[2026]')")
    return _items(result, entries, value, keep_fixed=False)


def watch(
    result: SimulationResult,
    observables: str | Sequence[str | tuple[str, str]] | None = None,
    *,
    output: str | None = None,
    year: int | None = None,
    observe_year: int | None = None,
) -> WatchList:
    """Rank observables by how much their outcome would move the median value.

    Parameters
    ----------
    result : SimulationResult
        A run that kept the inputs the observables need (events need ``keep_inputs=True``).
    observables : str or sequence, optional
        Quantities (expressions with a year, or ``(quantity, label)``; one alone may be given
        as a string); default
        :func:`default_observables` in ``observe_year``.
    observe_year : int, optional
        The model year the default observables are of, watched alone: its figures and the
        events by it. Default: the first model year ending after the valuation date (year 0
        when it is still in progress then), or the year after it when nothing of that year
        varies across the paths, with each event by the first year it can happen in from then
        on; year 1 for a result without dates (see :func:`default_years`).
    output : str, optional
        The value watched; default ``value_today`` where the model has it, else
        ``value_per_share``.
    year : int, optional
        Year of the output (default the exit year).

    Returns
    -------
    WatchList
    """
    expect(result, RESULT)
    output = output or ("value_today" if "value_today" in result.outputs else "value_per_share")
    if output not in result.outputs:
        raise ParameterError(f"output {output!r} is not in the run")
    if year is not None and np.ndim(result.outputs[output]) == 1:
        # Today's value has no year: one given would head the list as value_today[2027].
        raise ParameterError(
            f"output {output!r} has one value per path; it takes no year (leave the year out, "
            "or name an output of that year, e.g. output='value_per_share')"
        )
    year = result.exit_year if year is None else year
    value = np.asarray(result.final(output, year), dtype=float)
    if observables is None:
        items = _default_items(result, value, observe_year)
    else:
        if observe_year is not None:  # it picks the default observables: it would be ignored
            raise ParameterError(
                f"observe_year={observe_year!r} chooses the default observables; with "
                "observables named, give each its year (e.g. 'revenue_growth[2026]') and leave "
                "observe_year out"
            )
        entries = _observable_entries(observables)
        if not entries:
            raise ParameterError("no observables: name some (e.g. 'revenue_growth[2026]')")
        items = _items(result, entries, value, keep_fixed=True)
    if not items:
        raise ParameterError(
            "nothing to watch: every observable takes one value on every path by then (the "
            "thesis fixes year 0, and events start in year 1); observe a later year"
        )
    items.sort(key=lambda it: -it.spread)
    if result.n_paths < _FEW_PATHS:
        from model.errors import warn

        warn(
            f"{result.n_paths:,} paths put about {result.n_paths // 5:,} in each fifth of an "
            "observable's range: medians of so few paths move with the seed; run at least "
            f"{_FEW_PATHS:,} paths (20,000 by default) before reading the list"
        )
    return WatchList(
        output,
        year,
        result.units.get(output, ""),
        float(np.nanmedian(value)),
        tuple(items),
        result.n_paths,
        per_year=np.ndim(result.outputs[output]) > 1,
        year_end=year_end_of(result),
    )
