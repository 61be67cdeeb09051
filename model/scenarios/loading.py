"""A thesis loaded for its user, and warned about at its lines.

:func:`load_thesis` (``model.load_thesis``) is the loader of :mod:`model.inputs` followed by
what ``thesis validate`` checks and warns about a thesis, which every ``thesis`` command warns
too: a fraction written as a whole percentage (a margin of ``40`` meaning 40 %), a slip of
scale, a claim comparing a fraction with a whole percentage, a price quoted far from the
valuation date, and the model and scorecard of the scenario applied evaluated on the central
path (its errors, and its warnings: a cash balance that earns nothing, a value far from the
price), with the quantities of the thesis' own evidence. They need the valuation model and
the central path, so they live here rather than in :mod:`model.inputs`, whose loader the
toolkit's own loads (a report's vintages, workers) use without warning or checking again.

Each warning is a :class:`~model.errors.ThesisModelWarning` naming the thesis' file, line and
field, issued through :func:`model.errors.warn` so that it points at the caller's line.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from model.errors import warn

if TYPE_CHECKING:
    from model.inputs.assembly.thesis import Thesis
    from model.results.mixing import ThesisLike

__all__ = [
    "central_warnings",
    "check_model",
    "checked_at_load",
    "date_warnings",
    "fraction_warnings",
    "load_thesis",
    "load_warned",
    "scenario_checked",
]


def load_thesis(
    path: str | os.PathLike[str],
    scenario: str | None = None,
    *,
    allow_read: Iterable[str | os.PathLike[str]] = (),
    repair_correlations: bool = False,
) -> Thesis:
    """Load, validate and return a thesis with one scenario applied, warning as ``thesis
    validate`` does.

    Parameters
    ----------
    path : str or PathLike
        The thesis YAML file.
    scenario : str, optional
        A scenario name (default ``"base"``: the file itself).
    allow_read : iterable of paths, optional
        Folders outside the thesis tree (the thesis file's folder, or the nearest folder above
        it holding ``seeds/``) that scenario files and seed documents may be read from; see
        :mod:`model.inputs.scope`.
    repair_correlations : bool, optional
        Accept correlations that conflict (not a valid correlation matrix): the engine then uses
        the nearest valid matrix, and a warning says how far it moved. By default they are an
        error naming each entry involved.

    Returns
    -------
    Thesis

    Raises
    ------
    ThesisError
        The first problem, as ``file:line: field: message``: in the file, its quotes and seed
        documents, in its model and scorecard for the scenario applied (:func:`check_model`),
        or in the quantities of its own evidence (``evidence:``, ``evidence_file``), as
        ``thesis validate`` refuses them
        (:func:`model.scenarios.evidence.check_evidence`).
    SettingsError
        ``repair_correlations`` is not True or False.

    Warns
    -----
    ThesisModelWarning
        What ``thesis validate`` and every ``thesis`` command warn about a thesis they load
        (:func:`date_warnings`, :func:`fraction_warnings`, and the central path of the scenario
        applied: :func:`check_model`), each once, as ``file:line: field: message``, pointing at
        the calling line. The valuation model's own warnings, given as it is built, come with a
        run.
    """
    from model.inputs.assembly.thesis import load_thesis as load

    thesis = load(path, scenario, allow_read=allow_read, repair_correlations=repair_correlations)
    date_warnings(thesis)
    # The model's own warnings are a run's to give (model.simulate builds it again).
    fraction_warnings(thesis, model_warnings=False)
    checked = _check_model(thesis)
    if checked is not None:
        import warnings

        from model.scenarios.evidence import check_evidence

        # The evidence names the model's outputs: checked on the model just built, as
        # validate checks it, so a misspelt name or a year off the horizon is refused here
        # rather than when conditioning. Its central path warned above already.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            check_evidence(thesis, *checked)
    return thesis


def check_model(thesis: Thesis) -> None:
    """Refuse what ``thesis validate`` refuses in the thesis' model for the scenario applied,
    with its message: a line or statement naming nothing, a cycle, units that do not add up, a
    share count or a rate out of range on the central path; and warn, at their lines, what
    validate warns about that path (:func:`model.valuation.checks.check_central_path`).

    The model is built and evaluated once, on the deterministic central path (the checks of
    :func:`model.results.statements.check_scorecard` and
    :func:`model.valuation.checks.check_central_path`), so the error comes at the load rather
    than minutes into a run.

    A thesis without a ``model:`` section is left alone: its model is the caller's own Python
    (``model.simulate(thesis, model=fn)``), and a run without one says what is missing.

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.

    Raises
    ------
    ThesisModelError
        The first problem, as ``file:line: field: message``, naming the scenario when a base
        line fails only under its overrides.
    """
    _check_model(thesis)


def _check_model(thesis: Thesis) -> tuple[Any, tuple[Any, Any]] | None:
    """:func:`check_model`, returning the valuation model it built and its central path
    (inputs, outputs), which the evidence is checked on; None without a ``model:`` section."""
    if thesis.model_section is None:
        return None
    import warnings

    from model.errors import in_scenario
    from model.results.statements import check_scorecard
    from model.valuation import build_model
    from model.valuation.checks import check_central_path

    with in_scenario(thesis.scenario):
        with warnings.catch_warnings():
            # The model's own warnings are a run's to give (model.simulate builds it again);
            # those of its central path below are the load's.
            warnings.simplefilter("ignore")
            model = build_model(thesis)
        check_scorecard(thesis, model)
        # The central path only: the legs' inputs on drawn paths are validate's to check
        # (4,096 more paths, a tenth of a second), and a run flags each such path anyway.
        central = check_central_path(thesis, model, drawn=False)
    _CHECKED.add(thesis)
    return model, central


#: The theses :func:`check_model` passed: a run of one of them (frozen, so unchanged) need not
#: check its scorecard and events again, which keeps the load's check nearly free for a run.
_CHECKED: weakref.WeakSet[Thesis] = weakref.WeakSet()


def scenario_checked(thesis: Thesis, scenario: str) -> Thesis:
    """``thesis`` with ``scenario`` applied, checked as :func:`check_model` checks a loaded
    thesis when ``thesis`` was (so a run of a scenario raises and warns what ``validate``
    says of that scenario's central path, not of the base's); else merely applied, as for the
    toolkit's own mixtures of two vintages."""
    applied = thesis.with_scenario(scenario)
    if checked_at_load(thesis):
        check_model(applied)
    return applied


def checked_at_load(thesis: Thesis) -> bool:
    """Whether :func:`check_model` passed this very thesis (its scenario applied)."""
    return thesis in _CHECKED


def central_warnings(thesis: Thesis) -> None:
    """Warn, at their lines, what ``thesis validate`` warns about the central path of the
    scenario applied (a cash balance that earns nothing, a value thousands of times the
    price, a dividend yield over 100 %, ...), as :func:`load_thesis` does, leaving its errors
    to the command that needs the model (``run`` and ``validate`` say them; ``sources`` lists
    the inputs of a thesis whose model is still wrong)."""
    from model.errors import ThesisModelError

    try:
        check_model(thesis)
    except ThesisModelError:
        pass


def fraction_warnings(thesis: Thesis, *, model_warnings: bool = True) -> None:
    """Warn, at their lines, about fractions that look written as whole percentages (a margin
    of ``40`` meaning 40 %; see :mod:`model.inputs.plausibility`), in the thesis and in every
    scenario's overrides (a run, a comparison or a report may apply any of them), and about
    overrides whose scale changed but not their numbers (``USD m`` for ``USD bn``).

    Parameters
    ----------
    thesis : Thesis
    model_warnings : bool, optional
        Whether the valuation model's own warnings, met while it is built for the units of its
        outputs, are given too (the command line gives them here, before its run's).
    """
    from model.errors import ThesisModelError
    from model.inputs.expressions.claims import whole_percentage_claims
    from model.inputs.locations import dotted
    from model.inputs.plausibility import (
        FractionWarning,
        absurd_amounts,
        debt_written_as_cash,
        implausible_fractions,
        inverted_rates,
        scale_slips,
    )
    from model.scenarios.central import central
    from model.valuation.checking.scale_jumps import process_scale_gaps
    from model.valuation.checks import literal_fractions

    found = list(implausible_fractions(thesis)) + absurd_amounts(thesis)
    found += inverted_rates(thesis) + debt_written_as_cash(thesis) + process_scale_gaps(thesis)
    found += [FractionWarning(field, message) for field, message in literal_fractions(thesis)]
    units = _output_units(thesis, model_warnings)
    found += whole_percentage_claims(thesis, units, lambda: central(thesis))
    base: Thesis | None = None
    for name in thesis.scenarios:
        if name == "base":
            continue
        try:  # a scenario (or base) that cannot be applied is said at its line when it runs
            applied = thesis.with_scenario(name)
            base = thesis.with_scenario("base") if base is None else base
        except ThesisModelError:
            continue
        if name != thesis.scenario:
            found += [w for w in implausible_fractions(applied) if w.field[:1] == ("scenarios",)]
            found += [w for w in inverted_rates(applied) if w.field[:1] == ("scenarios",)]
        found += scale_slips(applied, base)
    seen: set[tuple[str | int, ...]] = set()
    for w in found:
        if w.field in seen:  # a scenario that extends another shares its overrides
            continue
        seen.add(w.field)
        warn(f"{thesis.where(w.field)}{dotted(w.field)}: {w.message}")
    _entry_warnings(thesis)


def _output_units(thesis: Thesis, model_warnings: bool) -> dict[str, str]:
    """The model's outputs and their units (none when it cannot be built: a run says why)."""
    import warnings
    from contextlib import nullcontext

    from model.errors import ThesisModelError
    from model.valuation import build_model

    try:
        with nullcontext() if model_warnings else warnings.catch_warnings():
            if not model_warnings:
                warnings.simplefilter("ignore")
            return build_model(thesis).roles.units
    except ThesisModelError:
        return {}


def _entry_warnings(thesis: Thesis) -> None:
    """Whole percentages among the thesis' observations and realised values, at their lines."""
    from model.errors import ThesisModelError
    from model.inputs.assembly.evidence import thesis_evidence, thesis_realised
    from model.inputs.plausibility import implausible_entries

    for read in (thesis_evidence, thesis_realised):
        try:
            entries = read(thesis)
        except ThesisModelError:  # said when a command reads them
            continue
        for where, message in implausible_entries(entries):
            warn(f"{where}: {message}" if where else message)


def date_warnings(thesis: Thesis) -> None:
    """Warn about the thesis' dates (a price quoted far from the valuation date), at the
    line of the price's date, whichever command loaded it; a price dated before the first
    model year is told what the returns leave out (:func:`_unmodelled_distributions`)."""
    from model.valuation.finance.dates import ValuationDates
    from model.valuation.finance.today import section_states_today

    today = section_states_today(thesis.model_section)  # else the returns alone are spoken of
    dates = ValuationDates.from_thesis(thesis)
    for w in dates.warnings(today=today):
        file, line = thesis.locate(w.field)
        where = f"{file}:{line}: " if line is not None else (f"{file}: " if file else "")
        extra = _unmodelled_distributions(dates) if w.code == "stale_price" else ""
        warn(f"{where}{w}{extra}")
    credited = _first_year_dividend(thesis, dates)
    if credited:
        warn(f"{thesis.where(('thesis', 'price', 'date'))}thesis.price.date: {credited}")


#: A first year's dividend credited for the days before the price date is told past this
#: share of the price (below it the returns move by less than a point).
MATERIAL_DIVIDEND = 0.01


def _first_year_dividend(thesis: Thesis, dates: Any) -> str:
    """What the dated returns credit a buyer at a price dated inside the first model year:
    the model pays each year's distributions at its end, so that year's whole dividend goes to
    a holder of its last days. Told (``""`` otherwise) when the part of it for the days before
    the price date, pro rata, is more than :data:`MATERIAL_DIVIDEND` of the price on the
    central path."""
    import calendar
    import datetime as dt

    end = dates.year_ends[0]
    day = min(end.day, calendar.monthrange(end.year - 1, end.month)[1])
    begins = dt.date(end.year - 1, end.month, day)  # the first model year begins after it
    price = float(thesis.price_info.value)
    if not begins < dates.price_date < end or thesis.model_section is None or not price > 0:
        return ""
    dps = _central_first_dividend(thesis)
    before = (dates.price_date - begins).days / (end - begins).days
    if not dps * before > MATERIAL_DIVIDEND * price:  # NaN too: no dividend stated
        return ""
    held = (end - dates.price_date).days
    return (
        f"the price is dated {dates.price_date.isoformat()}, inside the first model year "
        f"({dates.years[0]}, to {end.isoformat()}); the returns credit that year's whole "
        f"dividend, {dps:.4g} {thesis.price_info.unit} ({dps / price:.1%} of the "
        f"price) on the central path, to a holder who bought {held} days before its end, as "
        "each year's distributions are paid at its end; if most of it was paid before the "
        "price date, start the horizon with the next year (or quote a price of "
        f"{begins.isoformat()})"
    )


def _central_first_dividend(thesis: Thesis) -> float:
    """The first model year's dividend per share (in the price's unit) on the central path;
    NaN when the model states none or cannot be evaluated (a run or validate says why)."""
    import math
    import warnings

    import numpy as np

    from model.scenarios.central import central

    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")  # the model's own are a run's and validate's
            out = central(thesis)
        paid = np.asarray(out["dividends_per_share"], dtype=float).reshape(-1)
    except Exception:  # only a warning: a model that cannot be evaluated is refused elsewhere
        return math.nan
    return float(paid[0]) if paid.size else math.nan


def _unmodelled_distributions(dates: Any) -> str:
    """What the dated returns leave out when the price is dated before the first model year:
    they run from the price date, but the distributions they count are the model's, paid at
    its year ends, so none paid from the price date to the end of the year before the first
    model year is in them (``""`` when no year end falls in between)."""
    import calendar
    import datetime as dt

    end = dates.year_ends[0]
    day = min(end.day, calendar.monthrange(end.year - 1, end.month)[1])
    begins = dt.date(end.year - 1, end.month, day)  # the first model year begins after it
    if dates.price_date >= begins:
        return ""
    return (
        "; the returns leave out the dividends and other distributions paid from "
        f"{dates.price_date.isoformat()} to {begins.isoformat()}, before the first model year "
        f"({dates.years[0]}), so they understate a holder's return since the price date"
    )


def load_warned(thesis: ThesisLike) -> Thesis:
    """A thesis given as its file's path loaded as :func:`load_thesis` loads it (warned about),
    else the thesis itself: the loader of the entry points that take either (``model.simulate``,
    ``model.compare``, ...), so a path warns as a loaded thesis did."""
    from model.results.mixing import load

    if isinstance(thesis, str | os.PathLike):
        return load_thesis(thesis)
    return load(thesis)
