"""A thesis valued by the analyst's own Python function: the escape hatch for quants.

``model.simulate(thesis, model=fn)`` runs the thesis' assumptions (distributions, processes,
events, correlations, scenarios) through ``fn`` instead of the thesis' ``model:`` section::

    def fn(inputs):                       # inputs: name -> (n,) or (n, n_years) arrays
        revenue = inputs["revenue_2025"] * (1 + inputs["growth"]) ** np.arange(6)
        return {"revenue": revenue, "value_per_share": revenue * 2.0 / inputs["shares"]}

    model.simulate(thesis, model=fn, roles={"revenue": "revenue"}, units={"revenue": "EUR m"})

``fn`` must be vectorised (every path at once), return a mapping of names to arrays of shape
``(n,)`` or ``(n, n_years)``, and be picklable for the parallel backends (a module-level
function). Roles and units come from the ``roles=`` / ``units=`` arguments or from attributes of
the same names on ``fn``; outputs without a unit are shown as plain numbers. When a
``value_per_share`` role (or an output of that name) exists and ``fn`` returns no
``total_return`` / ``return_annual``, they are added against the thesis price (counting the
``dividends_per_share`` it states, in the price's currency), so the scorecard,
the charts and the exports work as for a thesis model. A value line of another name (given the
``value_per_share`` role) is also stated under that name, for the headline tables.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.errors import ParameterError
from model.valuation.returns import holding_returns
from model.valuation.roles import LineInfo, ModelRoles, Role

__all__ = ["CustomModel"]

ModelFn = Callable[[Mapping[str, Any]], Mapping[str, Any]]
#: The name the results read the headline value per share under.
VALUE = "value_per_share"
#: The cash a share receives at each year end (price currency), counted in the returns.
PAID = "dividends_per_share"


@dataclass(frozen=True, eq=False)
class CustomModel:
    """A user's model function with the description the toolkit needs (names, units, roles).

    Attributes
    ----------
    fn : callable
        ``inputs -> {name: array}``.
    infos : tuple of LineInfo
        Every output of ``fn`` (found by calling it once on the central inputs).
    price : float
        The thesis price (for the returns added).
    add_returns : bool
        Whether ``total_return`` and ``return_annual`` are added from ``value_per_share``.
    value_line : str or None
        The value-per-share output the returns are computed from.
    alias_value : bool
        Whether the value line, named otherwise by the user, is also stated as
        ``value_per_share``: the headline tables, the console and the report read that name.
    """

    fn: ModelFn
    infos: tuple[LineInfo, ...]
    price: float
    add_returns: bool = False
    value_line: str | None = None
    alias_value: bool = False

    @classmethod
    def from_thesis(
        cls,
        thesis: Any,
        fn: ModelFn,
        roles: Mapping[str, Role | str] | None = None,
        units: Mapping[str, str] | None = None,
        labels: Mapping[str, str] | None = None,
    ) -> CustomModel:
        """Describe ``fn`` by running it once on the thesis' central inputs.

        Raises
        ------
        ParameterError
            If ``fn`` is not callable, fails, returns something other than a mapping of arrays
            of the engine's shapes, or a role names an output it does not return.
        """
        from model.engine.execution.runner import central

        if not callable(fn):
            raise ParameterError(f"model must be a function inputs -> outputs (got {fn!r})")
        roles = dict(roles if roles is not None else getattr(fn, "roles", None) or {})
        units = dict(units if units is not None else getattr(fn, "units", None) or {})
        labels = dict(labels if labels is not None else getattr(fn, "labels", None) or {})
        try:
            probe = central(thesis.to_spec(), fn)
        except Exception as exc:  # the user's code: report what it raised, with its type
            raise ParameterError(
                f"the model function failed on the central inputs: {type(exc).__name__}: {exc}",
                field="model",
            ) from exc
        names = [k for k in probe if not str(k).startswith("_")]
        for name in (*roles, *units):
            if name not in probe:
                raise ParameterError(
                    f"{name!r} is not an output of the model function (it returns "
                    f"{', '.join(names)})",
                    field="model",
                )
        price_unit = str(getattr(getattr(thesis, "price_info", None), "unit", thesis.currency))
        infos = []
        for name in names:
            role = roles.get(name)
            if role is None and name == "value_per_share":
                role = Role.VALUE_PER_SHARE
            unit = units.get(name) or (price_unit if role == Role.VALUE_PER_SHARE else "1")
            per_year = np.ndim(probe[name]) >= 1
            role_value = None if role is None else Role(role)
            infos.append(LineInfo(name, unit, role_value, labels.get(name, ""), per_year=per_year))
        described = ModelRoles.of(infos)
        value = described.get(Role.VALUE_PER_SHARE)
        add = (
            value is not None
            and value.per_year
            and not ({"total_return", "return_annual"} & set(names))
        )
        if add:
            infos += [
                LineInfo("total_return", "%", Role.TOTAL_RETURN, "Total return"),
                LineInfo("return_annual", "%", Role.ANNUAL_RETURN, "Annual return"),
            ]
        alias = value is not None and VALUE not in names
        if alias and value is not None:
            label = value.label or value.name
            infos.append(LineInfo(VALUE, value.unit, None, label, per_year=value.per_year))
        return cls(fn, tuple(infos), float(thesis.price), add, value.name if value else None, alias)

    @property
    def roles(self) -> ModelRoles:
        """Every output with its unit, role and label."""
        return ModelRoles.of(self.infos)

    @property
    def output_units(self) -> dict[str, str]:
        """Output name -> unit."""
        return {i.name: i.unit for i in self.infos}

    @property
    def output_names(self) -> tuple[str, ...]:
        """Output names."""
        return tuple(i.name for i in self.infos)

    def __call__(self, inputs: Mapping[str, Any]) -> dict[str, np.ndarray]:
        """Run ``fn`` and add the returns when asked (see the module notes)."""
        out = dict(self.fn(inputs))
        if self.alias_value and self.value_line is not None:
            out[VALUE] = out[self.value_line]
        if self.add_returns and self.value_line is not None:
            vps = np.maximum(np.asarray(out[self.value_line], dtype=float), 0.0)
            # Dividends the function states count in the return, as the results count them.
            paid = out.get(PAID)
            paid = None if paid is None or np.ndim(paid) != 2 else np.asarray(paid, dtype=float)
            out["total_return"], out["return_annual"] = holding_returns(vps, self.price, paid)
        return out
