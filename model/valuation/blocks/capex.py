"""Block ``capex_schedule``: capital spending and the depreciation it causes.

Equations (``(n, K)``, ``t`` = years since the first model year)::

    capex_t = capex_t                                          if ``capex`` is given, else
    capex_t = C_t * a_t + M_t * (1 - a_t),  a_t = clip(Yc_t - t, 0, 1)   (programme, maintenance)
    new_t   = sum_{v < t} capex_v * clip(L_v - (t - v - 1), 0, 1) / L_v   (straight line over L,
                                                                        from the year after)
    old_t   = E_t * clip(Le_t - t, 0, 1)                       (existing assets; forever without Le)
    depreciation_t = new_t + old_t

Parameters: ``capex`` (money: any expression, e.g. ``"0.06 * revenue"``) or ``programme``,
``programme_years`` and ``maintenance``; ``life`` (years); optional ``existing_depreciation``
(money: the yearly charge of the assets in place at the start) and ``existing_life`` (years it
still runs). Outputs: ``capex`` (role ``capex``) and ``depreciation`` (role ``depreciation``);
rename them with ``outputs:``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from model.errors import ParameterError
from model.valuation.blocks.base import (
    BlockContext,
    BlockResult,
    BlockType,
    Kind,
    Output,
    Param,
    fixed_outputs,
    register,
    years_not_below_zero,
)
from model.valuation.earnings import capex_path, depreciation_path
from model.valuation.roles import Role
from model.valuation.shapes import year_index


def _check(
    name: str, options: Mapping[str, Any], params: Mapping[str, Any], blocks: Mapping[str, Any]
) -> str:
    programme = [
        k for k in ("programme", "programme_years", "maintenance") if params.get(k) is not None
    ]
    if params.get("capex") is not None and programme:
        given = ", ".join(programme)
        return f"give either capex or programme/programme_years/maintenance, not both ({given})"
    if params.get("capex") is None and len(programme) != 3:
        return "needs capex, or all of programme, programme_years and maintenance"
    if params.get("existing_life") is not None and params.get("existing_depreciation") is None:
        return "existing_life needs existing_depreciation"
    return ""


def existing_depreciation(charge: np.ndarray, life: np.ndarray | None) -> np.ndarray:
    """Depreciation of the assets in place at the start: ``E_t * clip(Le_t - t, 0, 1)``.

    Parameters
    ----------
    charge : ndarray, shape (n, K)
        Yearly charge, model currency.
    life : ndarray, shape (n, K), optional
        Years it still runs from the first model year (fractional: a part year); forever if None.

    Returns
    -------
    ndarray, shape (n, K)
    """
    if life is None:
        return np.array(charge, dtype=float)
    return charge * np.clip(life - year_index(charge.shape[1]), 0.0, 1.0)


def _compute(p: Mapping[str, Any], ctx: BlockContext) -> BlockResult:
    years_not_below_zero(p, "programme_years", "the programme's years from year 0, 0 or more")
    years_not_below_zero(p, "existing_life", "the years the existing charge still runs, 0 or more")
    if p.get("capex") is not None:
        capex = np.array(p["capex"], dtype=float)
    else:
        capex = capex_path(p["programme"], p["programme_years"], p["maintenance"])
    try:
        dep = depreciation_path(capex, p["life"])
    except ParameterError as exc:
        raise ParameterError(exc.message, field="life") from None
    if p.get("existing_depreciation") is not None:
        dep = dep + existing_depreciation(p["existing_depreciation"], p.get("existing_life"))
    return BlockResult({"capex": capex, "depreciation": dep})


CAPEX_SCHEDULE = register(
    BlockType(
        name="capex_schedule",
        doc=__doc__ or "",
        params=(
            Param("capex", Kind.MONEY, False, doc="spending per year (any expression)"),
            Param("programme", Kind.MONEY, False, doc="spending per year while a programme runs"),
            Param("programme_years", Kind.YEARS, False, doc="programme length from year 0"),
            Param("maintenance", Kind.MONEY, False, doc="spending per year after the programme"),
            Param("life", Kind.YEARS, doc="useful life of new assets (straight line)"),
            Param(
                "existing_depreciation", Kind.MONEY, False, doc="yearly charge of assets in place"
            ),
            Param("existing_life", Kind.YEARS, False, doc="years that charge still runs"),
        ),
        options={},
        outputs=fixed_outputs(
            Output("capex", "capex", Kind.MONEY, Role.CAPEX, "Capital spending"),
            Output("depreciation", "depreciation", Kind.MONEY, Role.DEPRECIATION, "Depreciation"),
        ),
        compute=_compute,
        check=_check,
    )
)
