"""Units of the model's inputs: checking each role's unit and planning scale conversions.

Money may be given at any scale of the model currency (``USD m`` for a model in ``USD bn``);
the model converts it on the way in. Per-share values combine three units (money, the FX
rate to the price currency and the share count), so their conversion factor is worked out
once with the unit algebra of :mod:`model.inputs.units`.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from model.inputs.units import SHARE_COUNT_HINT, Unit, parse_unit
from model.valuation.config import (
    Locator,
    ModelConfig,
    RoleKind,
    located_error,
    no_locator,
)


@dataclass(frozen=True)
class UnitPlan:
    """Conversion factors the model applies to its inputs.

    Attributes
    ----------
    input_scale : dict[str, float]
        Assumption name -> factor turning its values into model-currency units (money roles
        whose scale differs from the model currency's, e.g. ``USD m`` into ``USD bn``).
    per_share_scale : float
        ``(model currency * fx / share count)`` expressed in the price unit: 1 for USD bn,
        HKD/USD, shares bn and HKD/share.
    shares_unit : str
        Unit of the share count (e.g. ``shares bn``).
    """

    input_scale: dict[str, float]
    per_share_scale: float
    shares_unit: str


def price_per_share_unit(price_unit: str) -> Unit:
    """The price unit as money per share.

    Parameters
    ----------
    price_unit : str
        As written for the price: ``HKD`` or ``HKD/share`` (both mean HKD per share).

    Returns
    -------
    Unit
        Money per share, e.g. ``HKD/share``.
    """
    unit = parse_unit(price_unit)
    if unit.is_money:
        unit = unit / parse_unit("shares")
    return unit


def thesis_options(thesis: Any) -> dict[str, Any]:
    """What a model kind's ``from_config`` takes from a thesis besides its ``model:`` section:
    the price, the years, the unit of the price (as the thesis writes it, else its currency),
    the assumptions' units and the locator of fields for errors.

    Parameters
    ----------
    thesis : Thesis

    Returns
    -------
    dict
        The keywords ``price``, ``years``, ``price_unit``, ``units`` and ``locate``.
    """
    info = getattr(thesis, "price_info", None)
    return {
        "price": float(thesis.price),
        "years": tuple(thesis.years),
        "price_unit": str(info.unit) if info is not None else str(thesis.currency),
        "units": thesis.units,
        "locate": thesis.locate,
    }


def plan_units(
    config: ModelConfig,
    units: Mapping[str, str],
    price_unit: str,
    locate: Locator | None = None,
) -> UnitPlan:
    """Check every role's unit and work out the scale conversions.

    Parameters
    ----------
    config : ModelConfig
        A parsed ``model:`` section.
    units : Mapping[str, str]
        Assumption name -> declared unit, for every assumption of the thesis (names outside
        it are errors, with a did-you-mean hint).
    price_unit : str
        Unit of the share price (``HKD`` or ``HKD/share``).
    locate : callable, optional
        ``field path -> (file, line)``.

    Returns
    -------
    UnitPlan

    Raises
    ------
    ThesisError
        An unknown name, or a unit that does not fit its role.
    """
    locate = locate or no_locator
    model_unit = config.currency_unit
    price_u = price_per_share_unit(price_unit)
    price_cur = price_u.currencies[0] if price_u.currencies else None
    scale: dict[str, float] = {}
    shares_u: Unit | None = None
    fx_u: Unit = parse_unit("1")
    for role in config.roles():
        if role.name not in units:
            close = difflib.get_close_matches(role.name, list(units), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            message = f"{role.name!r} is not an assumption of the thesis{hint}"
            raise located_error(locate, role.path, message)
        unit = parse_unit(units[role.name])
        problem = _unit_problem(role.kind, unit, model_unit, price_cur)
        if problem:
            raise located_error(
                locate, role.path, f"{role.name!r} has unit {units[role.name]!r}: {problem}"
            )
        if role.kind is RoleKind.MONEY:
            scale[role.name] = unit.factor_to(model_unit)
        elif role.kind is RoleKind.SHARES:
            shares_u = unit
        elif role.kind is RoleKind.FX:
            fx_u = unit
    if config.fx_to_price is None and price_cur != model_unit.currency:
        raise located_error(
            locate,
            ("fx_to_price",),
            f"the price is in {price_cur} but the model in {model_unit.currency}: "
            "name an FX assumption in fx_to_price",
        )
    assert shares_u is not None  # `shares` is a required role
    per_share = (model_unit * fx_u / shares_u).factor_to(price_u)
    return UnitPlan(scale, per_share, str(shares_u))


def _unit_problem(kind: RoleKind, unit: Unit, model_unit: Unit, price_cur: str | None) -> str:
    if kind is RoleKind.MONEY:
        if unit.currency != model_unit.currency:
            return f"expected an amount of {model_unit.currency} (the model currency, any scale)"
        return ""
    if kind is RoleKind.SHARES:
        return (
            "" if unit.dims == (("share", 1),) else f"expected a share count ({SHARE_COUNT_HINT})"
        )
    if kind is RoleKind.FX:
        want = f"{price_cur}/{model_unit.currency}"
        ok = price_cur is not None and unit.dims == parse_unit(want).dims
        return "" if ok else f"expected an FX rate {want!r} (price currency per model currency)"
    return "" if unit.dimensionless else f"expected a pure number ({kind.value})"
