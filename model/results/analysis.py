"""Returns against the thesis' price: the questions an investor asks of a value distribution.

For each horizon year ``t`` years ahead a value per share ``V_t`` is compared with the thesis'
share price ``P`` (the price the thesis values the shares against; it may be a reference price
rather than the latest quote). On **today's basis** (a thesis run with a cost of equity)
``V_t`` is today's value of holding to year end ``t``, ``value_today_by_year``: the
distributions on the way and the year-end value discounted to the valuation date at the cost
of equity; the annualised return is the dated total return from the price's own date
(``return_dated``, real day counts). A run without them falls back to the year-end value per
share, with the returns still over the real time from the price date when a thesis dates it
(:func:`dated_basis`), and over whole model years only without one. The
measures are those of :mod:`model.valuation.returns`:

- the annualised return per path (``(V_t / P) ** (1 / t) - 1``, or with dividends the rate
  that prices them and ``V_t`` at ``P``) and its quantiles;
- the *expected return*: the mean total return over the holding period, annualised,
  ``(1 + E[R_t]) ** (1 / t) - 1`` (:func:`model.valuation.returns.annualised_expected_return`),
  not the mean of the paths' annualised returns, which for a binary outcome can read a loss
  a year while the expected total return is a gain;
- the ratio ``V_t / P - 1`` (on today's basis today's value against the price, a gain or loss
  after the cost of equity): the chance it is positive (*P(upside)*);
- on today's basis the same ratio, on the year-end basis the total return (the dividends
  received counted): the chance it is below -30 % and the *expected shortfall*, its average
  over the worst 5 % of paths.

Means and probabilities carry their standard errors (:mod:`model.results.summary`). Paths whose
value is not finite are left out and counted (column ``n``), never silently averaged in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from model.engine.spec import Method
from model.errors import (
    EmptySampleError,
    HorizonError,
    ParameterError,
    SettingsError,
    ThesisModelWarning,
    warn,
)
from model.results import summary as stats
from model.results.returns.basis import DATED as DATED
from model.results.returns.basis import PAID as PAID
from model.results.returns.basis import TODAY as TODAY
from model.results.returns.basis import VALUE as VALUE
from model.results.returns.basis import check_kept as check_kept
from model.results.returns.basis import dated_basis as dated_basis
from model.results.returns.basis import produced_per_year as produced_per_year
from model.results.returns.basis import returns_needed as returns_needed
from model.results.returns.basis import returns_reads as returns_reads
from model.results.returns.basis import returns_start_year as returns_start_year
from model.results.returns.basis import today_basis as today_basis
from model.results.returns.basis import value_basis as value_basis
from model.results.returns.basis import value_output as value_output
from model.results.returns.basis import year_end_of as year_end_of
from model.results.statements import unheld_years
from model.results.values import Probability
from model.valuation import returns as rt
from model.valuation.finance.dates import fiscal_year_text

if TYPE_CHECKING:
    import pandas as pd

    from model.results.results import SimulationResult

#: A fall of more than this share of the price counts as a heavy loss.
LOSS_THRESHOLD = 0.30
#: Tail probability of the expected shortfall.
SHORTFALL_LEVEL = 0.05

TABLE_COLUMNS: tuple[str, ...] = (
    "years_ahead",
    "n",
    "value_p5",
    "value_p50",
    "value_p95",
    "value_mean",
    "value_mean_se",
    "return_p5",
    "return_p50",
    "return_p95",
    "expected_return",
    "expected_return_se",
    "p_upside",
    "p_upside_se",
    "p_loss_30",
    "p_loss_30_se",
    "expected_shortfall_5",
)


#: Why a return to a year end less than a year away is the period's own (GIPS).
UNANNUALISED = "under a year, not annualised"


def is_unannualised(years_ahead: float) -> bool:
    """Whether a return over ``years_ahead`` years is the holding period's, not a year's: a
    period under a year is not annualised, so its labels must not say "annual"."""
    return bool(np.isfinite(years_ahead) and 0.0 < years_ahead < 1.0)


#: What P(upside) leaves out on the year-end basis when the returns count dividends.
UPSIDE_WITHOUT_DIVIDENDS = "dividends not counted, unlike the returns"
#: The same said in full, where a file's text describes P(upside) (``p_upside``).
UPSIDE_NOTE = (
    "P(upside) compares the year-end value alone with the price: the dividends received on "
    "the way are not counted, while the returns count them"
)


def upside_leaves_out_dividends(result: SimulationResult) -> bool:
    """Whether P(upside) compares the year-end value alone with the price while the returns,
    P(loss) and the expected shortfall of ``result`` count the dividends received on the way.

    So it is without a cost of equity when the run keeps ``dividends_per_share`` per path; on
    today's basis today's value holds them, and a run that kept none counts them nowhere.
    """
    paid = result.outputs.get(PAID)
    return not today_basis(result) and paid is not None and np.ndim(paid) == 2


def has_returns(result: SimulationResult) -> bool:
    """Whether a result supports the returns analysis: value per share per year, a price > 0.

    A run that streamed what its returns read (``keep=``) has them too: asked for, they are
    refused naming what to keep (:func:`check_returns_kept`), not left out unsaid."""
    return (
        produced_per_year(result, value_output(result))
        and result.price > 0
        and len(result.years) > 1
    )


def check_returns_kept(result: SimulationResult) -> None:
    """Refuse the returns of a run that streamed (``keep=``) an output they read per path,
    naming every one: measured on the outputs kept instead, they would change basis unsaid
    (the year-end value for today's) or read today's value as a year-end price.

    A year-end run that kept its values but not the dividends measures the price returns,
    with a warning (:func:`_paid`), as it always has.

    Raises
    ------
    SettingsError
        Naming the outputs to keep (see :func:`returns_reads`).
    """
    check_kept(result, returns_needed(result), "the returns against the price")


@dataclass(frozen=True)
class _Sample:
    """The finite paths of one horizon year, and the design their errors assume."""

    year: int
    ahead: float
    value: np.ndarray
    annual: np.ndarray
    total: np.ndarray
    method: Method
    #: Per path, the total return over the holding period the annual return is measured on.
    growth: np.ndarray
    #: That holding period, in years.
    span: float
    #: What the loss measures read: today's value against the price on today's basis, the
    #: total return (the dividends counted) on the year-end basis.
    loss: np.ndarray
    #: Whether dividends are counted in ``growth`` and ``loss`` on the year-end basis.
    paid: bool
    #: False for a year end on or before the valuation date: nothing is held to it.
    held_to: bool = True
    #: For a blend, the scenario of each finite path: its errors are stratified.
    strata: np.ndarray | None = None


@dataclass(frozen=True)
class ReturnsView:
    """Returns analysis of one result against the thesis' price.

    Parameters
    ----------
    result : SimulationResult
        Needs a per-year ``value_per_share`` output, ``price`` and at least two ``years``.
    """

    result: SimulationResult

    def __repr__(self) -> str:
        from model.inputs.units import format_value

        r = self.result
        # Named as the tables are: today's value on today's basis, fiscal years as FY2030.
        what = "value today" if today_basis(r) else "value per share"
        end = year_end_of(r)
        first, last = (
            fiscal_year_text(y, end) for y in (r.years[min(1, len(r.years) - 1)], r.exit_year)
        )
        return (
            f"ReturnsView({r.scenario!r}: {what} against the price {format_value(r.price)} "
            f"{r.currency}, {first}..{last})"
        )

    def _repr_html_(self) -> str:
        from model.results.display.views import returns_html

        return returns_html(self)

    def _horizon(self, year: int | None) -> tuple[int, int]:
        """(year, years ahead) for a horizon year after the first, or the first when it ends
        after the price date; the exit year by default."""
        years = self.result.years
        year = years[-1] if year is None else year
        self.result.year_index(year)  # off-horizon years raise HorizonError
        ahead = int(year) - years[0]
        after = dated_basis(self.result) and float(_price_years(self.result)[0]) > 0.0
        if ahead <= 0 and not after:
            # Year 0 ends on or before the price's date: nothing is held to it.
            raise HorizonError(year, years[1:], "the years a return can be measured to")
        return int(year), ahead

    def _sample(self, year: int | None) -> _Sample:
        year, ahead = self._horizon(year)
        check_returns_kept(self.result)
        name = value_output(self.result)
        matrix = np.asarray(self.result.array(name), dtype=float)
        if matrix.ndim != 2:
            raise SettingsError(f"returns need {name!r} per year, not one value per path")
        price = _price(self.result.price)
        col = self.result.year_index(year)
        # A year end on or before the valuation date has no value today (the engine's array
        # holds a number compounded back to it): read as missing, as in the summary.
        gone = unheld_years(self.result.thesis, name, matrix.shape[1])
        held_to = gone is None or not bool(gone[col])
        value = matrix[:, col] if held_to else np.full(matrix.shape[0], np.nan)
        dated = self.result.outputs.get(DATED)
        counted = False
        if name == TODAY and dated is not None and np.ndim(dated) == 2:
            annual = np.asarray(self.result.array(DATED), dtype=float)[:, col]
            span = float(_price_years(self.result)[col])
            # The total return the annual one compounds to (the period's own under a year).
            growth = annual if span < 1.0 else (1.0 + annual) ** span - 1.0
        else:
            # The dividends a share receives counted as they are on today's basis (the same
            # rate of return, not the price return alone), over the real time from the price
            # date when the thesis dates it, else over whole model years.
            paid = _paid(self.result) if name == VALUE else None
            counted = paid is not None
            if dated_basis(self.result):
                span = float(_price_years(self.result)[col])
                held_to = held_to and span > 0.0
                solve, key = _dated_solve(self.result), "dated_holding_returns"
            else:
                span = float(ahead)
                solve, key = rt.holding_returns, "holding_returns"
            totals, annuals = _holding(self.result, matrix, price, paid, solve, key)
            annual, growth = annuals[:, col], totals[:, col]
            if not held_to:
                value = np.full(matrix.shape[0], np.nan)
        # A path with a missing value in an earlier year has no return to this one either.
        finite = np.isfinite(value) & np.isfinite(growth)
        # Batch-means errors need every path in its place; a dropped path falls back to iid.
        method = self.result.method if finite.all() else Method.MC
        held: float = ahead
        if dated_basis(self.result):
            held = float(_price_years(self.result)[col])
        labels = self.result.path_scenarios
        strata = None if labels is None else np.asarray(labels)[finite]
        total = rt.total_return(value[finite], price)
        # A loss on the year-end basis is the holder's, dividends received included.
        loss = total if name == TODAY else growth[finite]
        return _Sample(year, held, value[finite], annual[finite], total, method,
                       growth[finite], span, loss, counted and name != TODAY, held_to,
                       strata)  # fmt: skip

    def values(self, year: int | None = None) -> np.ndarray:
        """Finite per-path values per share at ``year`` (exit year by default)."""
        return self._sample(year).value

    def total_returns(self, year: int | None = None) -> np.ndarray:
        """Per-path total return ``V / P - 1`` to ``year``."""
        return self._sample(year).total

    def annual_returns(self, year: int | None = None) -> np.ndarray:
        """Per-path annualised return to ``year`` (exit year by default)."""
        return self._sample(year).annual

    def expected_return(self, year: int | None = None) -> float:
        """Expected return a year to ``year`` (exit year by default): the mean total return
        over the holding period, annualised (not the mean of the paths' annual returns)."""
        s = _enough(self._sample(year))
        return rt.annualised_expected_return(float(s.growth.mean()), s.span)

    def p_upside(self, year: int | None = None) -> Probability:
        """P(value per share at ``year`` above the price), with its standard error.

        On the year-end basis the value alone, the dividends received on the way not counted
        (:func:`upside_leaves_out_dividends`); on today's basis, today's value."""
        s = _enough(self._sample(year))
        se = stats.indicator_se(s.total > 0.0, s.method, s.strata)
        statement = f"{value_output(self.result)}[{s.year}] > {self.result.price:g}"
        n = s.total.size
        return Probability(
            statement, rt.prob_upside(s.total), se, n, df=stats.batch_df(n, s.method)
        )

    def p_loss(self, threshold: float = LOSS_THRESHOLD, year: int | None = None) -> Probability:
        """P(value below ``1 - threshold`` of the price at ``year``), with its standard error.

        On today's basis the value is today's, after the cost of equity (not the total
        return); on the year-end basis, a total loss worse than ``threshold``, the dividends
        received on the way counted.

        Raises
        ------
        SettingsError
            If ``threshold`` is not a fraction of the price in (0, 1] (``0.3`` for a loss of
            30 %).
        """
        _check_threshold(threshold)
        s = _enough(self._sample(year))
        se = stats.indicator_se(s.loss < -threshold, s.method, s.strata)
        floor = (1.0 - threshold) * self.result.price
        p = rt.prob_loss_worse_than(s.loss, threshold)
        n = s.loss.size
        statement = (
            f"total_return[{s.year}] < {-threshold:g}"
            if s.paid
            else f"{value_output(self.result)}[{s.year}] < {floor:g}"
        )
        return Probability(
            statement,
            p,
            se,
            n,
            df=stats.batch_df(n, s.method),
        )

    def expected_shortfall(self, level: float = SHORTFALL_LEVEL, year: int | None = None) -> float:
        """Average of ``value / price - 1`` over the worst ``level`` share of paths at ``year``.

        On today's basis the value is today's, after the cost of equity (not the total
        return); on the year-end basis, the total return, the dividends received counted."""
        return rt.expected_shortfall(_enough(self._sample(year)).loss, level)

    def table(self, years: int | Iterable[int] | None = None, *, least: int = 2) -> pd.DataFrame:
        """Value per share and returns to each horizon year.

        Parameters
        ----------
        years : int or iterable of int, optional
            Horizon years after the first (one year, or several); all of them by default.
            The first year may be asked for when it ends after the price date (the period's
            own return, under a year).
        least : int, default 2
            Fewest finite paths a year needs. 1 takes a one-path run (a deterministic check):
            its quantiles and means are its one path's, and its standard errors NaN.

        Returns
        -------
        DataFrame
            Index ``year``; columns :data:`TABLE_COLUMNS`: ``years_ahead`` (on today's basis
            the years from the price's date, ACT/365F), ``n`` (finite paths),
            quantiles and mean of value per share, quantiles of the annualised return and
            ``expected_return``, the mean total return over the holding period annualised
            (its error by the delta method from the mean's), ``p_upside`` (value above the
            price), ``p_loss_30`` and ``expected_shortfall_5``: on today's basis today's value
            (after the cost of equity, not a total return) below 70 % of the price and the
            mean of ``value / price - 1`` over the worst 5 % of paths; on the year-end basis a
            total return, the dividends received counted, below -30 % and its mean over the
            worst 5 % of paths; and the standard errors (``_se``) of the means and
            probabilities.

        Raises
        ------
        EmptySampleError
            If a year has fewer than ``least`` finite paths.
        SettingsError
            If ``years`` is neither a year nor a list of years (text, say), or if the run
            streamed (``keep=``) an output the returns read per path
            (:func:`check_returns_kept`).
        """
        import pandas as pd

        # A year asked for twice is one row, as names and levels asked twice are elsewhere.
        chosen = (
            list(self.result.years[1:]) if years is None else list(dict.fromkeys(_year_list(years)))
        )
        # Kept in the result's cache: a report asks for the whole table from several tables,
        # and for the exit year's once a file it describes.
        cache: Any = getattr(self.result, "_stats", None)
        whole = years is None and least == 2
        key = None
        if cache is not None and (whole or self._keeps(chosen)):
            key = ("returns table", None if years is None else tuple(map(int, chosen)), least)
            if key in cache:
                return cache[key].copy()
        rows = [self._kept_row(year, least) for year in chosen]
        table = pd.DataFrame(rows, columns=["year", *TABLE_COLUMNS]).set_index("year")
        if key is not None:
            cache[key] = table.copy()
        return table

    def _keeps(self, years: list[Any]) -> bool:
        """Whether the rows of ``years`` may be kept in the result's cache: whole years, and
        no warning to give again each time (dividends not kept per path)."""
        plain = all(isinstance(y, int | np.integer) and not isinstance(y, bool | np.bool_)
                    for y in years)  # fmt: skip
        paid = PAID in (*self.result.streamed, *self.result.not_kept)
        return plain and not paid and getattr(self.result, "_stats", None) is not None

    def _kept_row(self, year: int, least: int) -> dict[str, float]:
        """:meth:`_row`, computed once per result and year: a report asks for one year's row
        once for every file it describes. Not kept when the row warns (dividends not kept),
        so the warning is given each time."""
        if not self._keeps([year]):
            return self._row(year, least)
        cache, key = self.result._stats, ("returns row", int(year), least)
        if key not in cache:
            cache[key] = self._row(year, least)
        return dict(cache[key])

    def _row(self, year: int, least: int = 2) -> dict[str, float]:
        sample = self._sample(year)
        if not sample.held_to:
            # Missing, as in the summary: not a 0 % return on a value compounded back.
            row = dict.fromkeys(TABLE_COLUMNS, np.nan)
            row.update({"year": sample.year, "years_ahead": sample.ahead, "n": 0})
            return row
        s = _enough(sample, max(least, 1))
        v5, v50, v95 = np.quantile(s.value, [0.05, 0.5, 0.95])
        r5, r50, r95 = np.quantile(s.annual, [0.05, 0.5, 0.95])
        up, loss = s.total > 0.0, s.loss < -LOSS_THRESHOLD
        growth = float(s.growth.mean())
        growth_se = float(stats.mean_se(s.growth, s.method, s.strata)[0])
        row = {
            "year": s.year,
            "years_ahead": s.ahead,
            "n": s.value.size,
            "value_p5": v5,
            "value_p50": v50,
            "value_p95": v95,
            "value_mean": float(s.value.mean()),
            "value_mean_se": float(stats.mean_se(s.value, s.method, s.strata)[0]),
            "return_p5": r5,
            "return_p50": r50,
            "return_p95": r95,
            "expected_return": rt.annualised_expected_return(growth, s.span),
            "expected_return_se": rt.annualised_expected_return_se(growth, growth_se, s.span),
            "p_upside": rt.prob_upside(s.total),
            "p_upside_se": stats.indicator_se(up, s.method, s.strata),
            "p_loss_30": rt.prob_loss_worse_than(s.loss, LOSS_THRESHOLD),
            "p_loss_30_se": stats.indicator_se(loss, s.method, s.strata),
            "expected_shortfall_5": rt.expected_shortfall(s.loss, SHORTFALL_LEVEL),
        }
        if s.value.size < 2:  # one path: no spread to measure an error by
            row.update({name: np.nan for name in row if name.endswith("_se")})
        return row


def _enough(sample: _Sample, least: int = 2) -> _Sample:
    """The sample, if it has the ``least`` finite paths (2: a mean and its error) asked for."""
    if not sample.held_to:
        raise EmptySampleError(
            f"nothing is held to {sample.year}: its year end is on or before the valuation "
            "date, so it has no value today and no return"
        )
    if sample.value.size < least:
        raise EmptySampleError(
            f"returns to {sample.year} need at least {least} "
            f"path{'s' if least > 1 else ''} with a finite {VALUE} "
            f"(got {sample.value.size})"
        )
    return sample


def _paid(result: SimulationResult) -> np.ndarray | None:
    """The dividends per share of each path and year, if the run states and kept them.

    A run that kept no paths of them (``keep=``) has returns without them: it is warned, as
    a price return read as a total return would overstate a payer's loss.
    """
    if PAID in (*result.streamed, *result.not_kept):
        warn(
            f"the returns of {result.scenario!r} leave out the dividends: {PAID!r} was not kept "
            f"per path; simulate with keep=[..., {PAID!r}] to count them",
            ThesisModelWarning,
        )
        return None
    paid = result.outputs.get(PAID)
    return np.asarray(paid, dtype=float) if paid is not None and np.ndim(paid) == 2 else None


#: A solve of the holding returns: ``(value, price, paid) -> (total, annual)``, per path and year.
_Solve = Callable[[np.ndarray, float, np.ndarray | None], tuple[np.ndarray, np.ndarray]]


def _holding(
    result: SimulationResult,
    value: np.ndarray,
    price: float,
    paid: np.ndarray | None,
    solve: _Solve,
    key: str,
) -> tuple[np.ndarray, np.ndarray]:
    """``solve(value, price, paid)`` for ``result``, solved once and kept under ``key``: with
    dividends every path's rate of return is solved for, and each year's row asks again. The
    run's own returns stand for the solve when they are the same (:func:`_kept_holding`)."""
    cache = getattr(result, "_stats", None)
    cached = (key, paid is not None)
    if cache is not None and cached in cache:
        return cache[cached]  # type: ignore[no-any-return]
    found = _kept_holding(result, value, price, paid, solve)
    if found is None:
        found = solve(value, price, paid)
    if cache is not None:
        cache[cached] = found
    return found


def _dated_solve(result: SimulationResult) -> _Solve:
    """:func:`model.valuation.finance.today.held_returns` from the price date of ``result``'s
    thesis to each of its year ends."""
    from model.valuation.finance.today import held_returns

    years = _price_years(result)

    def solve(v: np.ndarray, p: float, d: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        return held_returns(v, p, years, d)

    return solve


#: Paths on which a run's own returns are checked before they stand for the solve.
_PROBE = 64


def _kept_holding(
    result: SimulationResult,
    value: np.ndarray,
    price: float,
    paid: np.ndarray | None,
    solve: _Solve,
) -> tuple[np.ndarray, np.ndarray] | None:
    """The run's own ``total_return`` and ``return_annual`` when they are these returns.

    A line model states them with the dividends counted, solved per path in each chunk; the
    solve over every path again doubled a dividend payer's report. They stand for it only when
    kept per path and equal, bit for bit, to the solve on the first paths (a model of the
    caller's own may state other returns under these names); ``solve`` is that solve.
    """
    outs = result.outputs
    total, annual = outs.get("total_return"), outs.get("return_annual")
    if paid is None or total is None or annual is None or TODAY in outs:
        return None
    total, annual = np.asarray(total, dtype=float), np.asarray(annual, dtype=float)
    if total.shape != value.shape or annual.shape != value.shape:
        return None
    k = min(_PROBE, value.shape[0])
    t_probe, a_probe = solve(value[:k], price, paid[:k])
    same = np.array_equal(t_probe, total[:k], equal_nan=True) and np.array_equal(
        a_probe, annual[:k], equal_nan=True
    )
    return (total, annual) if same else None


def _price_years(result: SimulationResult) -> np.ndarray:
    """Years (ACT/365F) from the price's date to each year end of ``result``'s thesis."""
    from model.valuation.finance.dates import ValuationDates

    thesis = result.thesis
    info = getattr(thesis, "price_info", None)
    end = getattr(thesis, "fiscal_year_end", None) or "12-31"
    dates = ValuationDates.of(thesis.as_of, result.years, getattr(info, "date", None), end)
    return dates.t_price


def _price(price: float) -> float:
    if not price > 0.0:
        raise ParameterError(f"price must be > 0 to compute returns (got {price})", field="price")
    return price


def _year_list(years: int | Iterable[int]) -> list[int]:
    """``years`` as a list: one whole year alone, or the years of a list; text is refused."""
    if isinstance(years, int | np.integer) and not isinstance(years, bool | np.bool_):
        return [int(years)]
    if isinstance(years, str | bytes) or not isinstance(years, Iterable):
        raise SettingsError(
            f"years must be a year such as 2030 or a list of years, got "
            f"{type(years).__name__} {years!r}"
        )
    return list(years)


def _check_threshold(threshold: float) -> None:
    """Refuse a loss threshold that is no fraction of the price in (0, 1]: ``30`` meaning 30 %
    would ask for a value below -29 prices (never), ``-0.3`` for a gain counted as a loss."""
    import numbers

    from model.errors import SettingsError

    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real):
        raise SettingsError(f"threshold must be a number in (0, 1], got {threshold!r}")
    threshold = float(threshold)
    if not 0.0 < threshold <= 1.0:
        meant = f"; did you mean {threshold / 100:g}?" if 1.0 < threshold <= 100.0 else ""
        raise SettingsError(
            f"threshold must be a loss as a fraction of the price in (0, 1] (0.3 for a loss of "
            f"30%), got {threshold:g}{meant}"
        )
