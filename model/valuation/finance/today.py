"""Today's value and dated returns for any model that states a value per share at year ends.

:class:`TodayValuation` wraps a model function (the callable the engine runs) and adds, on every
path::

    value_today_by_year_j = sum_{k <= j} D_k DF_k + V_j DF_j     (n, n_years), price currency
    value_today           = value_today_by_year_{T}               (n,)
    return_dated_j        = dated annualised total return from the price date (IRR)

``V`` is the model's value per share at each year end, ``D`` its distributions per share (if
it states them), ``DF`` the discount factors from the valuation date (the thesis' ``as_of``) to
each year end at the cost of equity on ACT/365F year fractions, and the return runs from the
price's own date, including the distributions received along the way (see
:mod:`model.valuation.finance.dates`). Year-end values stay as the model states them; the
model's ``return_annual`` is replaced by the return over the real time from the price date,
and for a model that states distributions ``total_return`` too, so that both count them as the
dated returns do.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.errors import ParameterError
from model.valuation.finance.dates import ValuationDates, dated_return
from model.valuation.finance.discount import discount_factors, value_today

#: The model line holding the cash a share receives each year (price currency per share).
DISTRIBUTIONS = "dividends_per_share"
#: Leg types of a line model whose discount rate is a cost of equity (the others' is a WACC).
EQUITY_RATE_LEGS = frozenset({"dcf_fcfe", "ddm"})

__all__ = [
    "DISTRIBUTIONS",
    "TODAY_OUTPUTS",
    "DatedReturns",
    "TodayValuation",
    "default_cost_of_equity",
    "held_returns",
    "leg_rate",
    "price_return_annual",
    "section_states_today",
    "with_today",
]

#: Outputs the wrapper adds -> unit kind ("price": the price unit, "%": a fraction).
TODAY_OUTPUTS: Mapping[str, str] = {
    "value_today": "price",
    "value_today_by_year": "price",
    "return_dated": "%",
    "total_return_dated": "%",
}


_TODAY_LABELS: Mapping[str, str] = {
    "value_today": "Value today of holding to the last year",
    "value_today_by_year": "Value today of holding to each year end",
    "return_dated": "Annual return from the price date (dated)",
    "total_return_dated": "Total return from the price date (dated)",
}


@dataclass(frozen=True)
class TodayValuation:
    """A model function with today's value and dated returns added to its outputs.

    Attributes
    ----------
    model : callable
        ``model(inputs) -> dict of outputs``; must state ``value`` (per share, ``(n, n_years)``).
    dates : ValuationDates
    price : float
        Price on ``dates.price_date`` (price currency per share).
    cost_of_equity : str or float
        Name of the input holding the cost of equity (per path or per path and year), or a
        number.
    value : str
        Output with the value per share at each year end.
    distributions : str, optional
        Output with the cash per share paid at each year end, in the same frame as ``value``.
    price_unit : str
        Unit of per-share values, for :attr:`output_units`.
    """

    model: Callable[[Mapping[str, Any]], Mapping[str, np.ndarray]]
    dates: ValuationDates
    price: float
    cost_of_equity: str | float
    value: str = "value_per_share"
    distributions: str | None = None
    price_unit: str = ""
    #: Turns ``distributions`` into the price unit (0.01 for pence against pounds).
    distribution_factor: float = 1.0

    def __post_init__(self) -> None:
        if not self.price > 0.0:
            raise ParameterError(f"price must be > 0 (got {self.price})", field="price")

    @classmethod
    def from_thesis(
        cls, model: Any, thesis: Any, cost_of_equity: str | float | None = None
    ) -> TodayValuation:
        """Wrap ``model`` with the thesis' dates, price and cost of equity.

        The cost of equity is ``cost_of_equity`` if given, else the model's own
        (``model.cost_of_equity``), else the discount rate of its DCF. A model line
        ``dividends_per_share`` (price currency) counts as the cash received each year;
        written in another scale of the price's currency (pence against pounds) it is
        converted, and in another currency refused at its line, since it would be added to
        the price as if it were in the price's currency.
        """
        info = getattr(thesis, "price_info", None)
        outputs = getattr(model, "output_names", ()) or ()
        # A price written "EUR" is EUR a share, as value per share says it: today's value too.
        unit = str(getattr(info, "unit", "") or "")
        unit = f"{unit}/share" if unit and "/" not in unit else unit
        paid = DISTRIBUTIONS if DISTRIBUTIONS in outputs else None
        return cls(
            model,
            ValuationDates.from_thesis(thesis),
            float(thesis.price),
            default_cost_of_equity(model, cost_of_equity),
            distributions=paid,
            price_unit=unit,
            distribution_factor=1.0 if paid is None else _paid_factor(model, thesis, unit),
        )

    def __getattr__(self, name: str) -> Any:
        # Everything else (input names, units, invalid masks) is the wrapped model's.
        if name.startswith("__") or name == "model":  # "model" unset while unpickling
            raise AttributeError(name)
        return getattr(self.model, name)

    @property
    def output_units(self) -> dict[str, str]:
        """The wrapped model's output units plus today's value and the dated returns."""
        units = dict(getattr(self.model, "output_units", {}))
        unit = self.price_unit or units.get(self.value, "")
        units.update({k: unit if u == "price" else u for k, u in TODAY_OUTPUTS.items()})
        return units

    @property
    def output_names(self) -> tuple[str, ...]:
        """Output names (without diagnostics)."""
        return tuple(self.output_units)

    @property
    def roles(self) -> Any:
        """The wrapped model's roles plus today's value and the dated returns, so that a
        listing of the outputs (``thesis outputs``) names every output a run has."""
        from model.valuation.roles import LineInfo, ModelRoles

        inner = getattr(self.model, "roles", None)
        if inner is None:
            return None
        units = self.output_units
        added = [
            LineInfo(name, units[name], None, _TODAY_LABELS[name], per_year=name != "value_today")
            for name in TODAY_OUTPUTS
            if name not in inner
        ]
        return ModelRoles.of((*inner.lines, *added))

    def rate(self, inputs: Mapping[str, Any]) -> np.ndarray:
        """The cost of equity per path (and year), from the inputs or the fixed number."""
        if isinstance(self.cost_of_equity, str):
            if self.cost_of_equity not in inputs:
                raise ParameterError(
                    "the cost of equity input is missing", field=self.cost_of_equity
                )
            return np.asarray(inputs[self.cost_of_equity], dtype=float)
        return np.asarray(float(self.cost_of_equity))

    def __call__(self, inputs: Mapping[str, Any]) -> dict[str, np.ndarray]:
        evaluate = getattr(self.model, "evaluate_paths", None)
        if self.distributions is not None and callable(evaluate):
            # Both returns are replaced below by the dated ones: the model's own solve of them
            # over model years, dividends counted, would be thrown away.
            out = dict(evaluate(inputs, distributions_in_returns=False))
        else:
            out = dict(self.model(inputs))
        if self.value not in out:
            raise ParameterError(
                f"the model states no {self.value!r}; today's value needs the value per share "
                f"at each year end",
                field=self.value,
            )
        v = np.asarray(out[self.value], dtype=float)
        n = v.shape[0]
        dist = None if self.distributions is None else np.asarray(out[self.distributions])
        if dist is not None and self.distribution_factor != 1.0:
            dist = dist * self.distribution_factor
        r = self.rate(inputs)
        if r.ndim == 0:
            r = np.full(n, float(r))
        df = discount_factors(r, self.dates.t_value, name=str(self.cost_of_equity))
        # A distribution paid at a year end before the valuation (price) date went to the
        # holders of then, not to a buyer today (at the price).
        paid_today = None if dist is None else np.where(self.dates.t_value > 0.0, dist, 0.0)
        paid_price = None if dist is None else np.where(self.dates.t_price > 0.0, dist, 0.0)
        by_year = value_today(v, paid_today, df)
        dated = dated_return(v, self.price, self.dates.t_price, paid_price)
        if "return_annual" in out:
            # Over the real time held; the distributions a share receives count in it as in
            # the dated return (it is that return), so cash paid out is not left out.
            out["return_annual"] = (
                price_return_annual(v, self.price, self.dates.t_price)
                if paid_price is None
                else dated.annual
            )
        if "total_return" in out and paid_price is not None:
            # Likewise from the price date; a year end before it keeps the upside to its value.
            held = self.dates.t_price > 0.0
            # Every year end held (the usual case): the dated total itself, one array under
            # both names, which the engine then summarises once.
            out["total_return"] = (
                dated.total if held.all() else np.where(held, dated.total, v / self.price - 1.0)
            )
        out.update(
            value_today=by_year[:, -1].copy(),
            value_today_by_year=by_year,
            return_dated=dated.annual,
            total_return_dated=dated.total,
        )
        return out


def held_returns(
    value: np.ndarray, price: float, years: np.ndarray, paid: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Total and annual return of holding from the price date to each year end, on real time.

    With distributions, the dated return (:func:`~model.valuation.finance.dates.dated_return`)
    and the total return it compounds to; without, the price return ``V_t / P - 1`` and
    :func:`price_return_annual`. A year end on or before the price date keeps the upside to
    its value and an annual return of 0 (nothing is held to it, and results leave both missing);
    a path with a value or distribution that is not finite has NaN returns.

    Parameters
    ----------
    value : ndarray, shape (n, n_years)
        Value per share at each year end (>= 0), price currency.
    price : float
        Price on the price date (> 0).
    years : ndarray, shape (n_years,)
        Years from the price date to each year end (``ValuationDates.t_price``).
    paid : ndarray, shape (n, n_years), optional
        Cash per share paid at each year end, price currency.

    Returns
    -------
    total, annual : ndarray, shape (n, n_years)
    """
    v = np.asarray(value, dtype=float)
    tau = np.asarray(years, dtype=float).reshape(-1)
    total, annual = np.full_like(v, np.nan), np.full_like(v, np.nan)
    ok = np.isfinite(v).all(axis=1) & (v >= 0.0).all(axis=1)
    if paid is not None:
        paid = np.where(tau > 0.0, np.broadcast_to(np.asarray(paid, dtype=float), v.shape), 0.0)
        ok &= np.isfinite(paid).all(axis=1)
    if not ok.any():
        return total, annual
    price_total = v[ok] / price - 1.0
    if paid is None:
        total[ok], annual[ok] = price_total, price_return_annual(v[ok], price, tau)
        return total, annual
    dated = dated_return(v[ok], price, tau, paid[ok])
    total[ok] = np.where(tau > 0.0, dated.total, price_total)
    annual[ok] = np.where(tau > 0.0, dated.annual, 0.0)
    return total, annual


@dataclass
class DatedReturns:
    """A model's returns over the real time from the price date, when it has no cost of equity.

    A model valued on multiples alone states year-end values and no today's value, but its
    thesis still dates the price and the year ends: a year end months after the price (a March
    year end priced in June) is not a whole year away, and the dividend paid at it goes to the
    buyer at the price. The wrapper replaces ``return_annual`` (and, with distributions,
    ``total_return``) as :class:`TodayValuation` does, and adds no output.

    Parameters
    ----------
    model : callable
        The model function.
    dates : ValuationDates
        The thesis' dates.
    price : float
        The thesis price (> 0).
    distributions : str, optional
        Output with the cash per share paid at each year end.
    distribution_factor : float
        Turns ``distributions`` into the price unit.
    """

    model: Callable[[Mapping[str, Any]], Mapping[str, np.ndarray]]
    dates: ValuationDates
    price: float
    distributions: str | None = None
    distribution_factor: float = 1.0

    def __post_init__(self) -> None:
        if not self.price > 0.0:
            raise ParameterError(f"price must be > 0 (got {self.price})", field="price")

    @classmethod
    def from_thesis(cls, model: Any, thesis: Any) -> DatedReturns:
        """Wrap ``model`` with the thesis' dates and price, as
        :meth:`TodayValuation.from_thesis` does."""
        info = getattr(thesis, "price_info", None)
        outputs = getattr(model, "output_names", ()) or ()
        unit = str(getattr(info, "unit", "") or "")
        unit = f"{unit}/share" if unit and "/" not in unit else unit
        paid = DISTRIBUTIONS if DISTRIBUTIONS in outputs else None
        # A model function of one's own that declares no unit for them ("1") states them as
        # its returns read them, in the price's unit (its own returns counted them so).
        written = str(getattr(model, "output_units", {}).get(DISTRIBUTIONS, "") or "")
        factor = 1.0 if paid is None or written == "1" else _paid_factor(model, thesis, unit)
        return cls(
            model,
            ValuationDates.from_thesis(thesis),
            float(thesis.price),
            distributions=paid,
            distribution_factor=factor,
        )

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "model":  # "model" unset while unpickling
            raise AttributeError(name)
        return getattr(self.model, name)

    def __call__(self, inputs: Mapping[str, Any]) -> dict[str, np.ndarray]:
        evaluate = getattr(self.model, "evaluate_paths", None)
        if self.distributions is not None and callable(evaluate):
            # Both returns are replaced below: the model's own solve over model years is not.
            out = dict(evaluate(inputs, distributions_in_returns=False))
        else:
            out = dict(self.model(inputs))
        value = out.get("value_per_share")
        if value is None or np.ndim(value) != 2:
            return out
        paid = None
        if self.distributions is not None and self.distributions in out:
            paid = np.asarray(out[self.distributions], dtype=float) * self.distribution_factor
        total, annual = held_returns(value, self.price, self.dates.t_price, paid)
        if "return_annual" in out:
            out["return_annual"] = annual
        if "total_return" in out and paid is not None:
            out["total_return"] = total
        return out


def price_return_annual(value: np.ndarray, price: float, years: np.ndarray) -> np.ndarray:
    """The price return from the price date to each year end, on the real time held.

    ``(V_t / P) ** (1 / tau_t) - 1`` with ``tau_t`` the ACT/365F years from the price date to
    year end ``t``; under a year, the period's own return ``V_t / P - 1`` (not annualised, as
    the dated return); 0 for a year end on or before the price date, which nothing is held to
    and the results leave missing (as the dated return's).
    Counting whole model years instead would call 1.87 years one year, and show 0 for a first
    year that ends months after the price.

    Parameters
    ----------
    value : ndarray, shape (n, n_years)
        Value per share at each year end (>= 0), price currency.
    price : float
        Price on the price date (> 0).
    years : ndarray, shape (n_years,)
        Years from the price date to each year end (``ValuationDates.t_price``).

    Returns
    -------
    ndarray, shape (n, n_years)
    """
    ratio = np.asarray(value, dtype=float) / price
    tau = np.broadcast_to(np.asarray(years, dtype=float).reshape(-1), ratio.shape)
    power = np.divide(1.0, tau, out=np.ones_like(tau), where=tau >= 1.0)
    out = ratio**power - 1.0
    return np.where(tau > 0.0, out, 0.0)


def _paid_factor(model: Any, thesis: Any, price_unit: str) -> float:
    """The factor from the unit of the model's ``dividends_per_share`` to the price's.

    Raises
    ------
    ThesisError
        At the line, when it is in another currency than the price (or not money a share).
    """
    from model.inputs.units import UnitError, parse_unit

    written = str(getattr(model, "output_units", {}).get(DISTRIBUTIONS, "") or "")
    if not written or not price_unit:
        return 1.0  # nothing declared to compare: taken as written
    try:
        line, price = parse_unit(written), parse_unit(price_unit)
    except UnitError:
        return 1.0
    if line.same_dimension(price):
        return line.factor_to(price)
    message = (
        f"{DISTRIBUTIONS!r} is in {written} but the price is in {price_unit}: today's value "
        "adds the dividends a share receives to its value in the price's currency; convert "
        "them (e.g. times the model's fx_to_price) and write them in "
        f"{price_unit}"
    )
    error = getattr(thesis, "error", None)
    if error is None:
        raise ParameterError(message, field=DISTRIBUTIONS)
    raise error(("model", "lines", DISTRIBUTIONS, "unit"), message)


def default_cost_of_equity(model: Any, given: str | float | None = None) -> str | float:
    """The cost of equity: given, stated by the model, or the discount rate of its DCF.

    Raises
    ------
    ParameterError
        If none of them is available.
    """
    if given is not None:
        return given
    stated = getattr(model, "cost_of_equity", None)
    if isinstance(stated, str | float | int):
        return stated
    dcf = getattr(getattr(getattr(model, "config", None), "valuation", None), "dcf", None)
    rate = getattr(dcf, "wacc", None)
    if isinstance(rate, str):
        return rate
    found = leg_rate(getattr(getattr(model, "built", None), "legs", None) or ())
    if found is not None:
        return found
    raise ParameterError(
        "today's value needs a cost of equity: pass cost_of_equity= (an assumption name or a rate)",
        field="cost_of_equity",
    )


def leg_rate(legs: Any) -> str | float | None:
    """The rate a line model's legs offer as its cost of equity, None when none does.

    The rate an equity leg (FCFE, dividends) discounts at, else the one a firm-value leg uses,
    when the thesis names it as one assumption or writes it as a number. Equity legs go first
    whatever their place in the file: a WACC is below the cost of equity of a levered company.
    """
    for equity_only in (True, False):
        for leg in legs:
            texts = getattr(leg, "texts", {})
            kind = getattr(leg, "type_name", None)
            equity = kind in EQUITY_RATE_LEGS or "cost_of_equity" in texts
            if equity_only and not equity:
                continue
            for key in ("cost_of_equity", "discount_rate", "wacc"):
                text = str(texts.get(key, "")).strip()
                if text.isidentifier():
                    return text
                number = _fixed_rate(text)
                if number is not None:
                    # A rate written as a number (``discount_rate: 0.09``) discounts the leg
                    # just as a name does, so today's value follows it too.
                    return number
    return None


def section_states_today(section: Any) -> bool:
    """Whether a thesis' ``model:`` section gives a cost of equity, so that a run states
    today's value: ``valuation.cost_of_equity``, or a rate a leg discounts at (as
    :func:`default_cost_of_equity` finds it). Read from the section, before any model is
    built; a kind other than lines is taken to state it (its DCF has a rate)."""
    if not isinstance(section, Mapping) or str(section.get("kind", "lines")) != "lines":
        return True
    valuation = section.get("valuation")
    if not isinstance(valuation, Mapping) or valuation.get("cost_of_equity") is not None:
        return True
    legs = valuation.get("legs")
    if not isinstance(legs, Mapping):
        return True
    read = [
        _SectionLeg({str(k): str(v) for k, v in leg.items()}, str(leg.get("type", name)))
        for name, leg in legs.items()
        if isinstance(leg, Mapping)
    ]
    return leg_rate(read) is not None


@dataclass(frozen=True)
class _SectionLeg:
    """A leg as written in the section: its keys' texts and its type (its name by default)."""

    texts: Mapping[str, str]
    type_name: str


def _fixed_rate(text: str) -> float | None:
    """``text`` as a finite number, None when it is not one (a name, an expression, blank)."""
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def with_today(model: Any, thesis: Any, cost_of_equity: str | float | None = None) -> Any:
    """``model`` with today's value and dated returns added, when it can have them.

    A model that states no value per share at year ends is returned unchanged; one with no
    cost of equity to discount at (none given, none of its own, no DCF rate) keeps its
    year-end values and gets its returns over the real time from the price date
    (:class:`DatedReturns`).
    """
    outputs = getattr(model, "output_names", ()) or ()
    if "value_per_share" not in outputs or "value_today" in outputs:
        return model
    try:
        return TodayValuation.from_thesis(model, thesis, cost_of_equity)
    except ParameterError:
        pass
    try:
        return DatedReturns.from_thesis(model, thesis)
    except ParameterError:
        return model
