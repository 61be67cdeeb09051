"""Building blocks of the leg registry: argument descriptions, leg definitions, leg values."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np

from model.errors import ParameterError

__all__ = ["LegArg", "LegDef", "LegKind", "LegValue", "UnitKind"]


class LegKind(StrEnum):
    """The valuation legs a thesis can choose from."""

    PE = "pe"
    EV_EBITDA = "ev_ebitda"
    EV_SALES = "ev_sales"
    EV_EBIT = "ev_ebit"
    DCF_FCFF = "dcf_fcff"
    DCF_FCFE = "dcf_fcfe"
    DDM = "ddm"
    SOTP = "sotp"


class UnitKind(StrEnum):
    """What kind of quantity an argument is, so a loader can check units."""

    MONEY = "money"  # model currency, per year or a balance
    MULTIPLE = "multiple"  # x
    RATE = "rate"  # fraction per year (discount rate, growth, return on capital)
    FRACTION = "fraction"  # a share in [0, 1] (discount, tax, gap closed)
    YEARS = "years"  # a duration or a year index, in years
    FLAG = "flag"  # 0 or 1 (or a probability-weighted mix of both)
    SCHEDULE = "schedule"  # one number per model year, shape (n_years,), not per path
    COUNT = "count"  # the model's own lines (share count, payouts); not a thesis parameter


@dataclass(frozen=True)
class LegArg:
    """One argument of a leg.

    Attributes
    ----------
    name : str
        Keyword of the leg function.
    unit : UnitKind
    doc : str
        One line on what it is.
    role : str or None
        The model line role it defaults to (a :class:`~model.valuation.roles.Role` value such as
        ``"earnings"``); None for assumptions a thesis names itself (multiples, rates).
    required : bool
    default : float or None
        Value of an optional argument left out (None: the leg handles its absence).
    many : bool
        A list, one entry per segment (the sum of the parts).
    """

    name: str
    unit: UnitKind
    doc: str
    role: str | None = None
    required: bool = True
    default: float | None = None
    many: bool = False


@dataclass(frozen=True)
class LegValue:
    """What a leg returns (model currency; ``(n, n_years)`` unless noted).

    Attributes
    ----------
    kind : LegKind
    equity : ndarray
        Equity value at each year end.
    operating : ndarray
        Operating value before the bridge (an enterprise value).
    today : ndarray or None, shape (n,)
        Equity value on the valuation date, for legs that discount (DCF, dividends).
    invalid : ndarray of bool, shape (n,)
        Paths where the leg's arithmetic went outside its domain (a multiple of a loss,
        a negative terminal value); counted, never hidden.
    parts : mapping of str -> ndarray
        Intermediate lines worth showing (the multiple used each year, the terminal value).
    held : ndarray or None
        The value at each year end of the shares then outstanding to holders who keep them
        (``s_t`` times the value of one share), which the value per share reads; None where it
        is ``equity``. Buybacks below the value per share make it exceed ``equity`` (the sellers
        leave the rest to the holders), issues below it make it fall short.
    """

    kind: LegKind
    equity: np.ndarray
    operating: np.ndarray
    today: np.ndarray | None
    invalid: np.ndarray
    parts: Mapping[str, np.ndarray] = field(default_factory=dict)
    held: np.ndarray | None = None


@dataclass(frozen=True)
class LegDef:
    """A registered leg: its arguments and the vectorised function that values it.

    Attributes
    ----------
    kind : LegKind
    label : str
    doc : str
        The leg's equation in one or two lines.
    args : tuple of LegArg
    fn : callable
        ``fn(**arrays) -> LegValue``; every per-path argument arrives as ``(n, n_years)``, a
        ``many`` argument as a list of them, a schedule as ``(n_years,)``.
    """

    kind: LegKind
    label: str
    doc: str
    args: tuple[LegArg, ...]
    fn: Callable[..., LegValue]

    @property
    def required(self) -> tuple[str, ...]:
        """Names of the required arguments."""
        return tuple(a.name for a in self.args if a.required)

    @property
    def optional(self) -> tuple[str, ...]:
        """Names of the optional arguments."""
        return tuple(a.name for a in self.args if not a.required)

    @property
    def roles(self) -> dict[str, str]:
        """Argument name -> default role, for the arguments that have one."""
        return {a.name: a.role for a in self.args if a.role is not None}

    def arg(self, name: str) -> LegArg:
        """The argument called ``name`` (an error lists the leg's arguments)."""
        for a in self.args:
            if a.name == name:
                return a
        raise ParameterError(
            f"leg {self.kind.value!r} has no argument {name!r}; "
            f"arguments: {', '.join(a.name for a in self.args)}",
            field=name,
        )

    def describe(self) -> list[dict[str, Any]]:
        """One row per argument: name, required, role, unit, default, many, doc."""
        return [
            {
                "leg": self.kind.value,
                "argument": a.name,
                "required": a.required,
                "role": a.role,
                "unit": a.unit.value,
                "default": a.default,
                "many": a.many,
                "doc": a.doc,
            }
            for a in self.args
        ]

    def __call__(self, **values: Any) -> LegValue:
        """Value the leg from named arrays (checked, defaults filled, shapes broadcast)."""
        known = {a.name for a in self.args}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ParameterError(
                f"leg {self.kind.value!r} takes no argument(s) {', '.join(unknown)}; "
                f"arguments: {', '.join(a.name for a in self.args)}",
                field=unknown[0],
            )
        missing = [a.name for a in self.args if a.required and values.get(a.name) is None]
        if missing:
            raise ParameterError(
                f"leg {self.kind.value!r} needs {', '.join(missing)} "
                f"(required: {', '.join(self.required)})",
                field=missing[0],
            )
        n, n_years = _shape_of(self, values)
        ready: dict[str, Any] = {}
        for a in self.args:
            v = values.get(a.name)
            if v is None:
                ready[a.name] = None if a.default is None else _grid(a.default, n, n_years, a.name)
            elif a.unit is UnitKind.SCHEDULE:
                ready[a.name] = _schedule(v, n_years, a.name)
            elif a.many:
                if isinstance(v, np.ndarray | str) or not isinstance(v, Sequence):
                    raise ParameterError("expected a list, one per segment", field=a.name)
                ready[a.name] = [_grid(x, n, n_years, f"{a.name}[{i}]") for i, x in enumerate(v)]
            else:
                ready[a.name] = _grid(v, n, n_years, a.name)
        return self.fn(**ready)


def _shape_of(leg: LegDef, values: Mapping[str, Any]) -> tuple[int, int]:
    """``(n, n_years)`` from the first two-dimensional per-path argument."""
    for a in leg.args:
        v = values.get(a.name)
        if v is None or a.unit is UnitKind.SCHEDULE:
            continue
        for x in v if a.many else [v]:
            arr = np.asarray(x)
            if arr.ndim == 2:
                return arr.shape[0], arr.shape[1]
    raise ParameterError(
        f"leg {leg.kind.value!r}: at least one argument must be per path and year, "
        f"shape (n, n_years)",
        field=leg.required[0] if leg.required else None,
    )


def _grid(x: Any, n: int, n_years: int, name: str) -> np.ndarray:
    arr = np.asarray(x, dtype=float)
    if arr.ndim == 1 and arr.shape[0] == n:
        arr = arr[:, None]
    try:
        out = np.broadcast_to(arr, (n, n_years))
    except ValueError:
        raise ParameterError(
            f"has shape {arr.shape}; expected a scalar, ({n},) or ({n}, {n_years})", field=name
        ) from None
    if not np.all(np.isfinite(out)):
        raise ParameterError("must be finite", field=name)
    return out


def _schedule(x: Any, n_years: int, name: str) -> np.ndarray:
    arr = np.asarray(x, dtype=float).reshape(-1)
    if arr.size == 1:
        arr = np.full(n_years, float(arr[0]))
    if arr.shape != (n_years,):
        raise ParameterError(f"expected {n_years} numbers, one per model year", field=name)
    return arr
