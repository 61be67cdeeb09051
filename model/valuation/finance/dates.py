"""Dates of a valuation: the valuation date, the price's own date, year ends and dated returns.

Day counts are real: a year fraction is ``ACT/365F`` by default (actual calendar days between
two dates over 365, the fixed-denominator convention of most equity work), or ``ACT/360`` on
request. Leap days count as days, so 17 Feb 2025 to 31 Dec 2030 is 2143 days = 5.871 years.

Model years and fiscal years
----------------------------
Model year ``Y`` is the fiscal year that *ends* in calendar year ``Y``. With the default fiscal
year end (31 December) that is the calendar year; with a 31 March year end (Alibaba's filings,
Japanese companies) "2026" ends on 31 March 2026. A day that does not exist in a year (29
February) falls back to the month's last day.

Dated returns
-------------
The annualised total return from the price date to year end ``j`` is the internal rate of
return ``r`` of buying one share at the price ``P`` on the price date, receiving the
distributions ``D_k`` paid at the year ends ``k <= j`` and selling at the year-end value
``V_j`` (after that year's distribution)::

    P = sum_{k <= j} D_k (1 + r)^(-tau_k) + V_j (1 + r)^(-tau_j),   tau = ACT/365F years

Without distributions this is ``(V_j / P)^(1 / tau_j) - 1``. With non-negative flows the
right-hand side is a convex, decreasing function of ``log(1 + r)``, so Newton's method converges
monotonically from its first step; the module solves every path and year at once.
Following the GIPS convention, a holding period shorter than one year is not annualised: the
return reported for it is the holding-period return ``(1 + r)^tau - 1``. A year end on or before
the price date has no holding period: its return is 0 and it is flagged in ``not_held``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from model.errors import ParameterError
from model.valuation.shapes import sum_by_path

__all__ = [
    "DateWarning",
    "DatedReturn",
    "DayCount",
    "ValuationDates",
    "dated_return",
    "fiscal_year_end",
    "fiscal_year_text",
    "holding_dates",
    "price_date_warning",
    "stub_fractions",
    "year_end_dates",
    "year_fraction",
    "year_fractions",
]

#: A price quoted more than this many days away from the valuation date draws a warning.
PRICE_STALE_DAYS = 31
_NEWTON_ITER = 60
_NEWTON_TOL = 1e-13
#: A Newton step to ``log(1 + r)`` below ``-_FAR_BELOW / horizon`` (a total return within
#: ``exp(-30)`` of -100%) is held at the lowest root the flows allow (:func:`_lowest_root`).
_FAR_BELOW = 30.0
#: Exponents are held below this (``exp`` overflows past about 709).
_EXP_MAX = 700.0


class DayCount(StrEnum):
    """Day-count conventions for year fractions."""

    ACT_365F = "ACT/365F"
    ACT_360 = "ACT/360"

    @property
    def days_per_year(self) -> float:
        """Denominator of the convention."""
        return 365.0 if self is DayCount.ACT_365F else 360.0


def _as_date(value: Any, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ParameterError(f"{what} must be a date (YYYY-MM-DD), got {value!r}", field=what)


def _month_day(value: Any) -> tuple[int, int]:
    """A fiscal year end as (month, day) from ``"MM-DD"``, ``(month, day)`` or a date."""
    if isinstance(value, dt.date):
        return value.month, value.day
    given = value
    if isinstance(value, str):
        parts = value.strip().split("-")
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            value = (int(parts[0]), int(parts[1]))
    if (
        isinstance(value, tuple | list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        month, day = int(value[0]), int(value[1])
        if 1 <= month <= 12 and 1 <= day <= 31 and day <= calendar.monthrange(2024, month)[1]:
            return month, day
    raise ParameterError(
        f"fiscal year end must be a month and day such as '12-31' or '03-31' (got {given!r})",
        field="fiscal_year_end",
        expected="'MM-DD'",
    )


def fiscal_year_end(year: int, year_end: Any = "12-31") -> dt.date:
    """Last day of the fiscal year that ends in calendar year ``year``.

    Parameters
    ----------
    year : int
        Model (fiscal) year.
    year_end : str, (month, day) or date
        Month and day the fiscal year ends (default ``"12-31"``). A day missing in ``year``
        (29 February) falls back to the month's last day.

    Returns
    -------
    datetime.date
    """
    month, day = _month_day(year_end)
    return dt.date(int(year), month, min(day, calendar.monthrange(int(year), month)[1]))


def fiscal_year_text(year: int, year_end: str = "12-31", *, date: bool = False) -> str:
    """A model year as analysts name it: ``2030`` for a calendar year; ``FY2030`` for one
    ending on another day, with ``date`` ``FY2030 (2030-03-31)`` (a bare 2030 reads as the
    calendar year)."""
    if year_end == "12-31":
        return str(year)
    if not date:
        return f"FY{year}"
    return f"FY{year} ({fiscal_year_end(year, year_end).isoformat()})"


def year_end_dates(years: Sequence[int], year_end: Any = "12-31") -> tuple[dt.date, ...]:
    """Year-end date of every model year (see :func:`fiscal_year_end`)."""
    return tuple(fiscal_year_end(y, year_end) for y in years)


def year_fraction(start: Any, end: Any, basis: DayCount | str = DayCount.ACT_365F) -> float:
    """Years from ``start`` to ``end`` under a day count (negative if ``end`` is earlier).

    Parameters
    ----------
    start, end : date or ISO text
    basis : DayCount or str
        ``"ACT/365F"`` (default) or ``"ACT/360"``.

    Returns
    -------
    float
    """
    days = (_as_date(end, "end") - _as_date(start, "start")).days
    return days / _basis(basis).days_per_year


def holding_dates(thesis: Any, year: int) -> tuple[Any, dt.date]:
    """The date a thesis' dated returns run from (the price's, else the valuation date) and the
    end of model ``year``: the holding period of the return to that year."""
    info = getattr(thesis, "price_info", None)
    start = getattr(info, "date", None) or getattr(thesis, "as_of", None)
    return start, fiscal_year_end(int(year), getattr(thesis, "fiscal_year_end", None) or "12-31")


def year_fractions(
    start: Any, ends: Sequence[Any], basis: DayCount | str = DayCount.ACT_365F
) -> np.ndarray:
    """Years from ``start`` to each of ``ends``, shape ``(len(ends),)``."""
    return np.array([year_fraction(start, e, basis) for e in ends], dtype=float)


def _basis(basis: DayCount | str) -> DayCount:
    try:
        return DayCount(basis)
    except ValueError:
        choices = ", ".join(b.value for b in DayCount)
        raise ParameterError(
            f"unknown day count {basis!r}; expected one of {choices}", field="day_count"
        ) from None


def stub_fractions(
    valuation_date: Any, years: Sequence[int], year_end: Any = "12-31"
) -> np.ndarray:
    """Share of each model year that lies after the valuation date, shape ``(n_years,)``.

    A flow earned evenly through a year belongs to a holder from the valuation date by this
    fraction: 1 for years wholly after it, 0 for years already over, the remaining part for
    the year in progress (34/365 for a 27 November valuation and a calendar year).
    """
    return ValuationDates.of(valuation_date, years, year_end=year_end).stub


@dataclass(frozen=True)
class DateWarning:
    """A warning about dates that a loader shows to the user (the run goes on).

    Attributes
    ----------
    code : str
        Stable identifier, e.g. ``"stale_price"``.
    message : str
        One line for the user.
    field : str
        The thesis field concerned, e.g. ``"thesis.price.date"``.
    days : int
        Days between the two dates compared.
    """

    code: str
    message: str
    field: str
    days: int

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def price_date_warning(
    valuation_date: Any, price_date: Any, max_days: int = PRICE_STALE_DAYS, *, today: bool = True
) -> DateWarning | None:
    """A warning if the price is dated more than ``max_days`` away from the valuation date.

    Parameters
    ----------
    valuation_date : date
        The thesis' ``as_of``.
    price_date : date or None
        Date the price was quoted; None (undated) is taken as the valuation date.
    max_days : int
        Tolerance in calendar days.
    today : bool
        Whether the model states today's value (it has a cost of equity); without one the
        warning speaks of the returns alone.

    Returns
    -------
    DateWarning or None
    """
    if price_date is None:
        return None
    val = _as_date(valuation_date, "as_of")
    quoted = _as_date(price_date, "price.date")
    days = abs((val - quoted).days)
    if days <= max_days:
        return None
    side = "before" if quoted < val else "after"
    return DateWarning(
        code="stale_price",
        message=(
            f"the price is dated {quoted.isoformat()}, {days} days {side} the valuation date "
            f"{val.isoformat()}; "
            + (
                "returns run from the price date, today's value is as of the valuation date, "
                f"so compare the two with care or quote a price of {val.isoformat()}"
                if today
                else "returns run from the price date, not from the valuation date (the model "
                "has no cost of equity, so it states no value as of that date); to measure "
                f"them from the valuation date, quote a price of {val.isoformat()}"
            )
        ),
        field="thesis.price.date",
        days=days,
    )


@dataclass(frozen=True)
class ValuationDates:
    """The dates of a valuation and the year fractions that follow from them.

    Attributes
    ----------
    valuation_date : date
        The thesis' ``as_of``: values "today" are as of this date.
    price_date : date
        Date of the price returns are measured from (the valuation date if undated).
    years : tuple of int
        Model years.
    year_ends : tuple of date
        Year-end date of each model year.
    basis : DayCount
    """

    valuation_date: dt.date
    price_date: dt.date
    years: tuple[int, ...]
    year_ends: tuple[dt.date, ...]
    basis: DayCount = DayCount.ACT_365F

    @classmethod
    def of(
        cls,
        valuation_date: Any,
        years: Sequence[int],
        price_date: Any = None,
        year_end: Any = "12-31",
        basis: DayCount | str = DayCount.ACT_365F,
    ) -> ValuationDates:
        """Build from a valuation date, the model years, the price date and the year end."""
        val = _as_date(valuation_date, "as_of")
        quoted = val if price_date is None else _as_date(price_date, "price.date")
        ys = tuple(int(y) for y in years)
        if not ys or any(b <= a for a, b in itertools.pairwise(ys)):
            raise ParameterError(f"years must be increasing (got {ys})", field="years")
        return cls(val, quoted, ys, year_end_dates(ys, year_end), _basis(basis))

    @classmethod
    def from_thesis(
        cls, thesis: Any, year_end: Any = None, basis: DayCount | str = "ACT/365F"
    ) -> ValuationDates:
        """The dates of a loaded thesis: ``as_of``, ``price.date``, its model years and its
        fiscal year end (``thesis.fiscal_year_end``, unless ``year_end`` is given)."""
        info = getattr(thesis, "price_info", None)
        end = year_end or getattr(thesis, "fiscal_year_end", None) or "12-31"
        return cls.of(thesis.as_of, thesis.years, getattr(info, "date", None), end, basis)

    @property
    def t_value(self) -> np.ndarray:
        """Years from the valuation date to each year end, shape ``(n_years,)``."""
        return year_fractions(self.valuation_date, self.year_ends, self.basis)

    @property
    def t_price(self) -> np.ndarray:
        """Years from the price date to each year end, shape ``(n_years,)``."""
        return year_fractions(self.price_date, self.year_ends, self.basis)

    @property
    def stub(self) -> np.ndarray:
        """Share of each model year after the valuation date (see :func:`stub_fractions`)."""
        val = self.valuation_date
        out = []
        for end in self.year_ends:
            start = _prior_year_end(end)
            length = (end - start).days
            out.append(min(max((end - max(start, val)).days / length, 0.0), 1.0))
        return np.array(out, dtype=float)

    def warnings(
        self, max_days: int = PRICE_STALE_DAYS, *, today: bool = True
    ) -> tuple[DateWarning, ...]:
        """Warnings about these dates (a price far from the valuation date, a first model year
        that starts after the valuation date); ``today``: whether the model states today's
        value (it has a cost of equity), else they speak of the returns alone."""
        found = (
            price_date_warning(self.valuation_date, self.price_date, max_days, today=today),
            self._gap_warning(max_days, today=today),
            self._past_start_warning(),
        )
        return tuple(w for w in found if w is not None)

    def _past_start_warning(self) -> DateWarning | None:
        """A first model year that ended more than a year before the valuation date (a typo
        such as 2015 for 2025): its start values stand for that year, and the model compounds
        from it up to the valuation date and beyond. The last completed year is a common
        year 0 and draws nothing."""
        val, first_end = self.valuation_date, self.year_ends[0]
        if (val - first_end).days <= 366:
            return None
        return DateWarning(
            code="horizon_past",
            message=(
                f"the first model year ({self.years[0]}) ended on {first_end.isoformat()}, "
                f"{(val - first_end).days:,} days before the valuation date {val.isoformat()}; "
                "year 0's values stand for that year and every later model year compounds "
                "from it; start the horizon with the year the valuation date falls in (or the "
                "last completed year)"
            ),
            field="thesis.horizon.first",
            days=(val - first_end).days,
        )

    def _gap_warning(self, max_days: int, *, today: bool = True) -> DateWarning | None:
        """Year 0's flows sit inside its start values and nothing before it is modelled: a
        first model year beginning more than ``max_days`` after the valuation date leaves the
        time between out (a thesis dated in the last days of a year, valued from the next,
        leaves out days, as a price a few days old does)."""
        val, first_end = self.valuation_date, self.year_ends[0]
        begins = _prior_year_end(first_end)
        if (begins - val).days <= max_days:
            return None
        return DateWarning(
            code="horizon_gap",
            message=(
                f"the first model year ({self.years[0]}) begins after {begins.isoformat()}, "
                f"after the valuation date {val.isoformat()}; nothing from "
                f"{val.isoformat()} to {begins.isoformat()} is in the model (no cash flows, "
                "no distributions), so "
                + (
                    "today's value leaves that time out"
                    if today
                    # The returns still span that time (from the price date to a year end):
                    # what they lack is what the company earns and pays inside it.
                    else "the returns run over that time with nothing earned or paid in it"
                )
                + "; start the horizon with the year the valuation date falls in"
            ),
            field="thesis.horizon.first",
            days=(begins - val).days,
        )


def _prior_year_end(end: dt.date) -> dt.date:
    """The same fiscal year end one year earlier (29 Feb falls back to 28 Feb)."""
    day = min(end.day, calendar.monthrange(end.year - 1, end.month)[1])
    return dt.date(end.year - 1, end.month, day)


@dataclass(frozen=True)
class DatedReturn:
    """Result of :func:`dated_return`.

    Attributes
    ----------
    annual : ndarray, shape (n, n_years)
        Annualised total return (IRR) to each year end; the holding-period return for
        holdings shorter than a year; 0 where nothing is held.
    total : ndarray, shape (n, n_years)
        Holding-period total return ``(1 + r)^tau - 1`` to each year end.
    years : ndarray, shape (n_years,)
        Holding period of each year end, in years (``tau``).
    not_held : ndarray of bool, shape (n_years,)
        Year ends on or before the price date.
    """

    annual: np.ndarray
    total: np.ndarray
    years: np.ndarray
    not_held: np.ndarray


def dated_return(
    value: ArrayLike,
    price: float,
    years_from_price: ArrayLike,
    distributions: ArrayLike | None = None,
) -> DatedReturn:
    """Dated annualised total return from the price date to each year end.

    Parameters
    ----------
    value : array_like, shape (n, n_years)
        Value per share at each year end after that year's distribution (>= 0), price
        currency.
    price : float
        Price paid on the price date (> 0).
    years_from_price : array_like, shape (n_years,)
        Year fractions from the price date to each year end (e.g. ``ValuationDates.t_price``),
        increasing.
    distributions : array_like, shape (n, n_years), optional
        Dividends and other cash per share paid at each year end (>= 0), price currency.
        Year ends on or before the price date pay nothing to the holder (ignored).

    Returns
    -------
    DatedReturn

    Raises
    ------
    ParameterError
        A non-positive price, negative values or distributions, or shapes that do not match.
    """
    if not price > 0.0:
        raise ParameterError(f"price must be > 0 (got {price})", field="price")
    v = np.atleast_2d(np.asarray(value, dtype=float))
    tau = np.asarray(years_from_price, dtype=float).reshape(-1)
    if v.shape[1] != tau.size:
        raise ParameterError(
            f"value has {v.shape[1]} years but {tau.size} year fractions", field="value"
        )
    if np.any(np.diff(tau) <= 0.0):
        raise ParameterError("year fractions must increase", field="years_from_price")
    if np.any(v < 0.0) or not np.all(np.isfinite(v)):
        raise ParameterError("values per share must be finite and >= 0", field="value")
    held = tau > 0.0
    d = np.zeros_like(v) if distributions is None else np.asarray(distributions, dtype=float)
    d = np.broadcast_to(d, v.shape)
    if np.any(d < 0.0) or not np.all(np.isfinite(d)):
        raise ParameterError("distributions must be finite and >= 0", field="distributions")
    d = np.where(held[None, :], d, 0.0)
    total = np.zeros_like(v)
    annual = np.zeros_like(v)
    for j in np.flatnonzero(held):
        x = _irr_log(v[:, j], d[:, : j + 1], tau[: j + 1], price)  # log(1 + r)
        growth = np.exp(x * tau[j])  # (1 + r)^tau, 0 for a worthless share
        total[:, j] = growth - 1.0
        annual[:, j] = np.expm1(x) if tau[j] >= 1.0 else growth - 1.0
    return DatedReturn(annual, total, tau, ~held)


def _irr_log(v: np.ndarray, d: np.ndarray, tau: np.ndarray, price: float) -> np.ndarray:
    """``log(1 + r)`` solving the IRR equation for one horizon, per path (-inf if worthless).

    ``g(x) = sum_k c_k exp(-x tau_k) - P`` with ``c >= 0`` is convex and decreasing where the
    flows are at positive times, so Newton's iterates rise monotonically to the root after the
    first step.
    """
    flows = d.copy()
    flows[:, -1] += v
    horizon = tau[-1]
    total = sum_by_path(flows)
    dead = total <= 0.0
    pos = np.maximum(tau, 0.0)  # flows before the price date were ignored (zero)
    # Start from the root of the all-at-the-horizon equation: exact without distributions.
    x = np.log(np.where(dead, 1.0, total) / price) / horizon
    if d[:, :-1].any():
        # Iterate only on the paths not yet converged (most converge in a few steps). Their
        # flows and iterates are kept gathered, and gathered again only when some converge.
        active = np.flatnonzero(~dead)
        fa = flows if active.size == x.size else flows[active]
        xa = x[active]
        # Newton's first step can overshoot far below the root on a share worth next to
        # nothing but its early distributions, from where it climbs about 1/tau a step and
        # its exponentials overflow; no root lies below any flow's own, so a step that goes
        # that far (below ``floor``) stops there.
        floor = -_FAR_BELOW / horizon
        for _ in range(_NEWTON_ITER):
            if active.size == 0:
                break
            # -x tau_k column by column: an (m, 1) by (1, k) product loops over rows of k numbers.
            weighted = np.empty((xa.size, pos.size))
            minus = np.negative(xa)
            for k, tau_k in enumerate(pos):
                np.multiply(minus, tau_k, out=weighted[:, k])
            if -float(xa.min()) * horizon > _EXP_MAX:
                # Held at the lowest root, a path's flows are at most the price; only a year
                # paying nothing can weigh more, and 0 times its weight must stay 0, not NaN.
                np.minimum(weighted, _EXP_MAX, out=weighted)
            np.exp(weighted, out=weighted)
            np.multiply(fa, weighted, out=weighted)
            # The same operations as ``g = sum - price``, ``dg = -(w @ tau)``, ``step = g / dg
            # where dg < 0 else 0`` and ``|step| >= tol (1 + |x|)``, in place: fewer temporaries,
            # and a plain division when every slope is negative (the usual case).
            g = sum_by_path(weighted)
            g -= price
            dg = weighted @ pos
            np.negative(dg, out=dg)
            falling = dg < 0.0
            if falling.all():
                step = np.divide(g, dg, out=g)
            else:
                step = np.divide(g, dg, out=np.zeros_like(g), where=falling)
            stepped = xa - step
            far = np.flatnonzero(stepped < floor)
            if far.size:
                low = _lowest_root(fa[far], pos, price)
                stepped[far] = np.maximum(stepped[far], low)
            x[active] = stepped
            np.abs(step, out=step)
            bound = np.abs(xa)
            bound += 1.0
            bound *= _NEWTON_TOL
            going = step >= bound
            if not going.all():
                # Gather by index: a boolean mask over the rows of a 2-D array is several
                # times slower than taking the same rows by their indices.
                keep = np.flatnonzero(going)
                active, fa, stepped = active.take(keep), fa.take(keep, axis=0), stepped.take(keep)
            xa = stepped
    return np.where(dead, -np.inf, x)


def _lowest_root(flows: np.ndarray, pos: np.ndarray, price: float) -> np.ndarray:
    """A lower bound of ``log(1 + r)`` per path, ``(m,)``: the largest of
    ``log(c_k / price) / tau_k`` over the flows ``c_k > 0`` at times ``tau_k > 0``.

    At the root every term ``c_k exp(-x tau_k)`` of the sum is at most the price, so ``x``
    is at least each of these; and at the bound no term exceeds the price (no overflow).
    """
    lo = np.full(flows.shape[0], -np.inf)
    for k, tau_k in enumerate(pos):
        if tau_k > 0.0:
            c = flows[:, k]
            with np.errstate(divide="ignore"):  # a zero flow bounds nothing: log 0 = -inf
                own = np.log(c / price) / tau_k
            np.maximum(lo, own, out=lo)
    return lo
