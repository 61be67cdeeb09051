"""Checks of the options a chart function takes, each refused with the accepted values named.

Counts and names reach numpy and matplotlib, which would answer a bad one with an error of
their own, or with minutes of drawing: they are checked here first.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any, TypeVar

import numpy as np

from model.errors import ThesisModelError

__all__ = ["ChartOptionError", "choice", "name_list", "whole"]

_E = TypeVar("_E", bound=Enum)


class ChartOptionError(ThesisModelError, ValueError):
    """A chart option outside its choices, e.g. ``kind="boxes"``; the message lists them."""


def choice(enum: type[_E], value: Any, what: str) -> _E:
    """``enum(value)``, or a :class:`ChartOptionError` naming every accepted value."""
    try:
        return enum(value)
    except ValueError:
        options = ", ".join(repr(m.value) for m in enum)
        raise ChartOptionError(f"unknown {what} {value!r}; choose one of {options}") from None


def whole(value: Any, what: str, low: int, high: int | None = None) -> int:
    """``value`` as an int within ``[low, high]``, or a :class:`ChartOptionError` saying so.

    Counts of bins, rows or pixels reach numpy and matplotlib, which answer a bad one with an
    error of their own (or, for a huge one, minutes of drawing and all the memory): they are
    checked here first.
    """
    ok = isinstance(value, int | np.integer) and not isinstance(value, bool)
    if not ok or value < low or (high is not None and value > high):
        span = f"from {low:,} to {high:,}" if high is not None else f"of at least {low:,}"
        raise ChartOptionError(f"{what} must be a whole number {span}, got {value!r}")
    return int(value)


def name_list(value: Any, what: str, *, empty: bool = True) -> list[str] | None:
    """``scenarios=``, ``marks=`` or ``stats=`` as a list: one name alone is a list of one (not
    its letters, each an unknown name); None stays None; anything else is refused, and so is an
    empty list unless ``empty`` (no scenario to draw is not "all of them")."""
    if value is None or isinstance(value, str):
        return None if value is None else [value]
    if isinstance(value, Mapping | bytes) or not hasattr(value, "__iter__"):
        raise ChartOptionError(f"{what} must be a name or a list of names, got {value!r}")
    names = list(value)
    if not names and not empty:
        raise ChartOptionError(f"{what} is empty: name at least one, or leave it out for all")
    return names
