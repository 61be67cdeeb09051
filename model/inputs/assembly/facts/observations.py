"""Observations: one piece of evidence about a quantity of the thesis (a measurement with its
normal error, a range or a one-sided bound), its log-likelihood on the paths, and how an
``evidence:`` entry given as a mapping becomes one.

:mod:`model.inputs.assembly.evidence`, which reads and checks evidence files and sections,
re-exports everything here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np

from model.errors import ParameterError

__all__ = ["Observation", "ObservationKind", "observation_from_mapping"]


class ObservationKind(StrEnum):
    """How a quantity was observed."""

    NORMAL = "normal"
    RANGE = "range"
    BOUND = "bound"


@dataclass(frozen=True)
class Observation:
    """One piece of evidence about a quantity of the thesis.

    Attributes
    ----------
    name : str
        Short identifier (the key in an ``evidence:`` section).
    quantity : str
        Expression in the thesis expression language, e.g. ``"revenue_growth[2025]"``.
    kind : ObservationKind
        ``normal`` (``value`` and ``sd``), ``range`` (``low`` and/or ``high``) or ``bound``.
    value, sd : float or None
        Observed value and measurement standard deviation (``normal``).
    low, high : float or None
        Interval the quantity lies in (``range`` / ``bound``); None for an open end.
    label : str
        Human-readable description.
    source : str
        Short text of the observation's source (a document and quote, or an estimate).
    """

    name: str
    quantity: str
    kind: ObservationKind = ObservationKind.NORMAL
    value: float | None = None
    sd: float | None = None
    low: float | None = None
    high: float | None = None
    label: str = ""
    source: str = ""
    unit: str = ""
    #: Where the entry is written (its file and the line of its quantity), for errors found
    #: when the evidence meets a run; None for an observation made in Python.
    file: str | None = field(default=None, compare=False, repr=False)
    line: int | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        kind = ObservationKind(self.kind)
        object.__setattr__(self, "kind", kind)
        where = f"evidence.{self.name}"
        if not isinstance(self.quantity, str) or not self.quantity.strip():
            raise ParameterError(
                f"an observation needs a quantity such as 'sales[2025]' (got {self.quantity!r})",
                field=where,
            )
        for key in ("value", "sd", "low", "high"):
            number = getattr(self, key)
            if number is not None and (
                isinstance(number, bool) or not isinstance(number, int | float | np.number)
            ):
                raise ParameterError(
                    f"expected a number, got {type(number).__name__} {number!r}",
                    field=f"{where}.{key}",
                )
        if kind is ObservationKind.NORMAL:
            if self.value is None or not math.isfinite(self.value):
                raise ParameterError("a normal observation needs a finite value", field=where)
            if self.sd is None or not math.isfinite(self.sd) or self.sd <= 0:
                raise ParameterError(
                    f"a normal observation needs a measurement sd > 0 (got {self.sd})",
                    field=f"{where}.sd",
                )
            return
        if self.low is None and self.high is None:
            raise ParameterError(f"a {kind.value} observation needs low and/or high", field=where)
        for bound_name in ("low", "high"):
            bound = getattr(self, bound_name)
            if bound is not None and math.isnan(bound):
                raise ParameterError(f"{bound_name} is not a number", field=f"{where}.{bound_name}")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ParameterError(
                f"low {self.low:g} is above high {self.high:g}", field=f"{where}.low"
            )

    @classmethod
    def normal(cls, quantity: str, value: float, sd: float, **kw: Any) -> Observation:
        """A measurement of ``quantity`` as ``value`` with normal error ``sd``."""
        return cls(kw.pop("name", quantity), quantity, ObservationKind.NORMAL, value, sd, **kw)

    @classmethod
    def between(
        cls, quantity: str, low: float | None = None, high: float | None = None, **kw: Any
    ) -> Observation:
        """The quantity lies in ``[low, high]`` (either end may be None)."""
        kind = (
            ObservationKind.RANGE if low is not None and high is not None else ObservationKind.BOUND
        )
        return cls(kw.pop("name", quantity), quantity, kind, low=low, high=high, **kw)

    def describe(self, number: Callable[[Any], str] = "{:g}".format) -> str:
        """One-line statement of the observation, e.g. ``revenue_growth[2025] = 0.34 ± 0.01``;
        ``number`` writes each figure (say, as a percentage)."""
        if self.kind is ObservationKind.NORMAL:
            return f"{self.quantity} = {number(self.value)} ± {number(self.sd)}"
        if self.low is not None and self.high is not None:
            return f"{number(self.low)} ≤ {self.quantity} ≤ {number(self.high)}"
        if self.low is not None:
            return f"{self.quantity} ≥ {number(self.low)}"
        return f"{self.quantity} ≤ {number(self.high)}"

    def log_likelihood(self, x: np.ndarray) -> np.ndarray:
        """Log-likelihood of the observation on every path.

        Parameters
        ----------
        x : ndarray, shape (n_paths,)
            The quantity's value on each path (NaN where undefined).

        Returns
        -------
        ndarray, shape (n_paths,)
            ``-inf`` where the path is incompatible with the evidence or the quantity is
            undefined.
        """
        x = np.asarray(x, dtype=float)
        with np.errstate(invalid="ignore"):
            if self.kind is ObservationKind.NORMAL:
                assert self.value is not None and self.sd is not None
                out = -0.5 * ((x - self.value) / self.sd) ** 2
            else:
                inside = np.isfinite(x)
                if self.low is not None:
                    inside &= x >= self.low
                if self.high is not None:
                    inside &= x <= self.high
                out = np.where(inside, 0.0, -np.inf)
        return np.where(np.isfinite(x), out, -np.inf)


#: The keys of an observation given as a mapping, as in an evidence file.
_MAPPING_KEYS = ("quantity", "value", "sd", "range", "low", "high", "unit", "label", "source")


def observation_from_mapping(name: str, entry: Mapping[str, Any]) -> Observation:
    """An observation from an ``evidence:`` entry (``quantity``, then ``value``/``sd`` or a range).

    Accepted keys: ``quantity`` (required), ``value`` and ``sd`` (normal), ``range: [low,
    high]`` (either may be null), ``low``/``high``, ``unit`` (how the source states the
    number; the paths are compared in it), ``label``, ``source``. As in an evidence file, any
    other key, or a measurement and a range together, is an error.
    """
    if not isinstance(entry, Mapping):
        raise ParameterError("an observation is a mapping", field=f"evidence.{name}")
    unknown = sorted(str(k) for k in entry if k not in _MAPPING_KEYS)
    if unknown:
        raise ParameterError(
            f"unknown key {unknown[0]!r}; expected {', '.join(_MAPPING_KEYS)}",
            field=f"evidence.{name}",
        )
    quantity = entry.get("quantity")
    if not isinstance(quantity, str) or not quantity.strip():
        raise ParameterError("needs quantity: an expression", field=f"evidence.{name}.quantity")
    source = entry.get("source", "")
    source_text = source if isinstance(source, str) else _source_text(source)
    label = str(entry.get("label", ""))
    unit = entry.get("unit") or ""
    if not isinstance(unit, str):
        raise ParameterError(f"a unit is text, got {unit!r}", field=f"evidence.{name}.unit")
    ranged = any(entry.get(k) is not None for k in ("range", "low", "high"))
    if ranged and (entry.get("value") is not None or entry.get("sd") is not None):
        raise ParameterError(
            "give value and sd (a measurement) or a range, not both", field=f"evidence.{name}"
        )
    if "range" in entry or "low" in entry or "high" in entry:
        rng = entry.get("range")
        low, high = rng if isinstance(rng, list | tuple) and len(rng) == 2 else (None, None)
        low = entry.get("low", low)
        high = entry.get("high", high)
        kind = (
            ObservationKind.RANGE if low is not None and high is not None else ObservationKind.BOUND
        )
        return Observation(
            name,
            quantity,
            kind,
            low=None if low is None else float(low),
            high=None if high is None else float(high),
            label=label,
            source=source_text,
            unit=unit,
        )
    value, sd = entry.get("value"), entry.get("sd")
    if value is None or sd is None:
        raise ParameterError(
            "needs value and sd (a measurement), or range: [low, high]",
            field=f"evidence.{name}",
        )
    return Observation(
        name,
        quantity,
        ObservationKind.NORMAL,
        float(value),
        float(sd),
        label=label,
        source=source_text,
        unit=unit,
    )


def _source_text(source: Any) -> str:
    if isinstance(source, Mapping):
        if "doc" in source:
            return f'{source["doc"]}: "{source.get("quote", "")}"'
        if "estimate" in source:
            return f"estimate: {source['estimate']}"
    return str(source)
