"""What a result's headline and returns are measured on: today's value or the year-end one,
over real dates or whole model years (see :mod:`model.results.analysis`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from model.valuation.finance.dates import fiscal_year_text

if TYPE_CHECKING:
    from model.results.results import SimulationResult

__all__ = [
    "DATED",
    "PAID",
    "TODAY",
    "VALUE",
    "check_kept",
    "dated_basis",
    "produced_per_year",
    "returns_needed",
    "returns_reads",
    "returns_start_year",
    "today_basis",
    "value_basis",
    "value_output",
    "year_end_of",
]

#: The output holding value per share, per path and year, in the price currency.
VALUE = "value_per_share"
#: Today's value of holding to each year end (distributions and the year-end value discounted
#: to the valuation date at the cost of equity), per path and year; every thesis run has it.
TODAY = "value_today_by_year"
#: The dated annualised total return from the price's date to each year end.
DATED = "return_dated"
#: The cash a share receives at each year end, counted in the returns on either basis.
PAID = "dividends_per_share"


def produced_per_year(result: SimulationResult, name: str) -> bool:
    """Whether the run of ``result`` states output ``name`` per path and year, kept per path or
    not (``keep=``): what it states, not what it kept, decides what its returns measure."""
    kept = result.outputs.get(name)
    if kept is not None:
        return np.ndim(kept) == 2
    streamed = getattr(result, "streamed", {}) or {}
    if name in streamed:
        return bool(getattr(streamed[name][0], "per_year", True))
    # A blend or resampling of runs that streamed it has no summary to say: the thesis' model
    # states its values per year.
    return name in (getattr(result, "not_kept", ()) or ())


def value_output(result: SimulationResult) -> str:
    """The output the headline measures: today's value when the run states it, else year-end.

    Whether the run kept it per path (``keep=``) does not change the basis: a lean run's
    returns are refused (:func:`check_kept`), not measured on another value."""
    return TODAY if produced_per_year(result, TODAY) else VALUE


def returns_reads(result: SimulationResult) -> tuple[str, ...]:
    """The outputs the returns of ``result`` read per path, on its basis.

    On today's basis today's value and, when the run states them, the dated returns (the
    dividends counted from the price's date). On the year-end basis the value per share and,
    when the run states them, the dividends a share receives."""
    if value_output(result) == TODAY:
        return (TODAY, DATED) if produced_per_year(result, DATED) else (TODAY,)
    return (VALUE, PAID) if produced_per_year(result, PAID) else (VALUE,)


def returns_needed(result: SimulationResult) -> tuple[str, ...]:
    """What of :func:`returns_reads` a run must keep per path for its returns: all of it, but
    a year-end run that kept its values and not the dividends measures the price returns
    (with a warning), as it always has."""
    reads = returns_reads(result)
    return (VALUE,) if reads == (VALUE, PAID) and VALUE in result.outputs else reads


def check_kept(result: SimulationResult, names: tuple[str, ...], what: str) -> None:
    """Refuse ``what`` when the run streamed (``keep=``) any of ``names``, naming them all at
    once: measured on what was kept instead, its figures would silently differ from the run's.

    Raises
    ------
    SettingsError
        Naming every one of ``names`` the run did not keep per path.
    """
    from model.errors import SettingsError

    gone = set(getattr(result, "streamed", ()) or ()) | set(getattr(result, "not_kept", ()))
    missing = [n for n in names if n in gone and n not in result.outputs]
    if not missing:
        return
    listed = ", ".join(repr(n) for n in missing)
    # A blend or resampling has them from the runs it picks its paths from.
    mixed = any(n in (getattr(result, "not_kept", ()) or ()) for n in missing)
    who = "the run(s) this result picks its paths from" if mixed else "this run"
    raise SettingsError(
        f"{what} of {result.scenario!r} read {listed} per path, which {who} streamed rather "
        f"than kept (keep=); simulate again with keep=[..., {listed}] (each kept output costs 8 "
        "bytes a path and year) or without keep="
    )


def today_basis(result: SimulationResult) -> bool:
    """Whether the returns analysis of ``result`` is on today's basis (see :func:`value_output`)."""
    return value_output(result) == TODAY


def dated_basis(result: SimulationResult) -> bool:
    """Whether the returns of ``result`` run over the real time from the price's date.

    On today's basis, and for any run of a thesis (whose price and year ends are dated),
    with or without a cost of equity: a first year ending months after the price is not a
    whole year away. Only a run without a thesis counts whole model years.
    """
    if today_basis(result):
        return True
    return getattr(getattr(result, "thesis", None), "as_of", None) is not None


def returns_start_year(result: SimulationResult) -> int:
    """The year the returns run from, for labels: the price's date on today's basis, else the
    first model year.

    The price's year may come after the first model year (a thesis whose first year is the
    last reported one) or before it (a fiscal year ending in March 2026 priced in November
    2025): dated returns run from the price's date either way, so its year is the label's.
    """
    thesis = getattr(result, "thesis", None)
    if thesis is not None and dated_basis(result):
        info = getattr(thesis, "price_info", None)
        when = getattr(info, "date", None) or getattr(thesis, "as_of", None)
        if when is not None:
            return int(when.year)
    return int(result.years[0])


def year_end_of(result: object) -> str:
    """The month and day the model years of ``result``'s thesis end (``"12-31"`` by default)."""
    return str(getattr(getattr(result, "thesis", None), "fiscal_year_end", None) or "12-31")


def value_basis(result: SimulationResult, year: int | None = None) -> str:
    """What the headline value columns hold, with their dates (``scenarios.csv`` and the
    workbook say it alike): ``value today (2025-11-27) of holding to 2030-12-31, at the cost
    of equity``, or ``value per share at the end of FY2030 (2030-03-31), undiscounted``."""
    from model.valuation.finance import fiscal_year_end

    year = result.exit_year if year is None else year
    end = year_end_of(result)
    if today_basis(result):
        return (
            f"value today ({result.thesis.as_of.isoformat()}) of holding to "
            f"{fiscal_year_end(year, end).isoformat()}, at the cost of equity"
        )
    return f"value per share at the end of {fiscal_year_text(year, end, date=True)}, undiscounted"


def check_export_kept(result: SimulationResult, what: str = "an export") -> None:
    """Refuse an export (a workbook, a folder) of a run that streamed (``keep=``) outputs its
    tables read per path, naming all of them at once: the returns' and the scorecard's claims'
    together, so that one simulation with that ``keep=`` exports.

    Raises
    ------
    SettingsError
        Naming every output to keep.
    """
    from model.inputs.expressions.expr import compile_expression
    from model.results.analysis import has_returns
    from model.results.statements import scorecard_claims

    gone = set(getattr(result, "streamed", ()) or ()) | set(getattr(result, "not_kept", ()))
    if not gone:
        return
    needed = dict.fromkeys(returns_needed(result) if has_returns(result) else ())
    thesis = getattr(result, "thesis", None)
    for claim in scorecard_claims(thesis) if thesis is not None else ():
        needed |= dict.fromkeys(compile_expression(claim.statement).names)
    check_kept(result, tuple(n for n in needed if n in gone), what)
