"""Outputs that are infinite or undefined on the central path, refused at their own line.

A number too large for a float (an absurd magnitude, ``1e308``, or an expression that overflows
such as a power of a large amount) turns into infinity inside the model, then into undefined
values further on (infinity less infinity), and a run would fail on its summaries without
saying where. ``thesis validate`` evaluates the model on the central path with every line
checked as it is stored, so that the first line that is not a finite number, in the model's
own order of evaluation, is named with the year and what it reads: the cause, not everything
downstream.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from model.errors import ThesisError
from model.valuation.lines.env import Env

__all__ = ["check_finite_lines", "check_finite_outputs", "has_line_model", "output_place"]

_EXPECTED = "amounts of a sensible magnitude: check the scale and unit of what it reads"


class _NotFinite(Exception):
    """A line whose stored value is infinite (the checked evaluation stops there)."""

    def __init__(self, name: str, value: np.ndarray, env: Env) -> None:
        super().__init__(name)
        self.name, self.value, self.env = name, value, env


class _CheckedEnv(Env):
    """An evaluation environment that refuses an infinite line as it is stored."""

    def store(
        self, name: str, value: np.ndarray, K: int, column: int | None, owned: bool = False
    ) -> None:
        arr = np.asarray(value, dtype=float)
        part = arr if column is None or arr.ndim < 2 else arr[..., column : column + 1]
        if np.isinf(part).any():
            full = np.full((self.n, self.T), np.nan)
            full[:, : min(K, self.T)] = np.broadcast_to(arr, (self.n, K))[:, : self.T]
            raise _NotFinite(name, full, self)
        super().store(name, value, K, column, owned)


def _line_model(model: Any) -> Any:
    """The :class:`LineModel` inside ``model``'s wrappers, or None."""
    from model.valuation.lines.model import LineModel

    for _ in range(4):
        if isinstance(model, LineModel):
            return model
        model = vars(model).get("model") if hasattr(model, "__dict__") else None
        if model is None:
            return None
    return None


def has_line_model(model: Any) -> bool:
    """Whether ``model`` is (or wraps) the thesis' own line model, not a custom Python one."""
    return _line_model(model) is not None


def output_place(model: Any, name: str) -> tuple[str, ...]:
    """The field path in the thesis of the model entry that produces output ``name``."""
    line_model = _line_model(model)
    if line_model is not None:
        built = line_model.built
        for node in built.nodes:
            if name in node.outputs and node.path:
                return ("model", *(str(p) for p in node.path))
        for leg in built.legs:
            if name.endswith(f"_{leg.name}"):
                return ("model", "valuation", "legs", leg.name)
        if built.legs:
            return ("model", "valuation")
    return ("model",)


def _first_year(value: np.ndarray, years: tuple[int, ...] | None) -> str:
    arr = np.asarray(value, dtype=float)
    if arr.ndim < 2 or not years:
        return ""
    column = int(np.argmax((~np.isfinite(arr)).any(axis=0)))
    return f" in {years[column]}" if column < len(years) else ""


def _reads(thesis: Any, node: Any, env: Env, year_index: int) -> str:
    """What ``node`` reads, with its central values (assumptions with their own line)."""
    names = [*getattr(node, "same_year", ()), *getattr(node, "earlier", ())]
    assumptions = getattr(thesis, "assumptions", {}) or {}
    parts: list[str] = []
    home = thesis.locate(("model",))[0]
    for name in dict.fromkeys(names):
        try:
            values = env.value(name, env.T)
        except Exception:  # a name the environment cannot give: left out
            continue
        value = float(values[0, min(year_index, values.shape[1] - 1)])
        text = f"{name} = {value:.4g}"
        if name in assumptions:
            path = tuple(getattr(assumptions[name], "path", ())) or ("assumptions", name)
            file, line = thesis.locate(path)
            where = f", line {line}" if file == home else f", {file}:{line}"
            text += f" at {'.'.join(str(p) for p in path)}" + (where if line else "")
        parts.append(text)
    return f" (reads {'; '.join(parts)})" if parts else ""


def _checked_lines(thesis: Any, model: Any, inputs: Mapping[str, Any]) -> ThesisError | None:
    """Evaluate the line model with each line checked as stored: the first infinite one."""
    line_model = _line_model(model)
    if line_model is None:
        return None
    try:
        with np.errstate(all="ignore"):
            line_model.evaluate_paths(inputs, env_type=_CheckedEnv)
    except _NotFinite as bad:
        node = next((n for n in line_model.built.nodes if bad.name in n.outputs), None)
        bad_cols = (~np.isfinite(bad.value)).any(axis=0)
        index = int(np.argmax(bad_cols))
        path = output_place(model, bad.name)
        what = f"line '{bad.name}'" if path[:2] == ("model", "lines") else f"'{bad.name}'"
        reads = _reads(thesis, node, bad.env, index) if node is not None else ""
        return _error(thesis, path, what, f" in {line_model.years[index]}", reads)
    except Exception:  # the ordinary evaluation reports it
        return None
    return None


def _error(thesis: Any, path: tuple[str, ...], what: str, year: str, reads: str) -> ThesisError:
    message = (
        f"{what} is infinite{year} on the central path{reads}, every assumption at its "
        "central value: a number too large for a computer's floating point, so a run could "
        "not summarise it"
    )
    return thesis.error(path, message, _EXPECTED)  # type: ignore[no-any-return]


def check_finite_lines(thesis: Any, model: Any, inputs: Mapping[str, Any]) -> None:
    """Refuse the first line of a line model that is infinite on the central path.

    Parameters
    ----------
    thesis : Thesis
    model : callable
        Its valuation model (other kinds of model are left to :func:`check_finite_outputs`).
    inputs : Mapping
        The central path's inputs (one path).

    Raises
    ------
    ThesisError
        At the first line (in the order the model computes them) that is infinite, naming the
        year and what it reads with their central values.
    """
    error = _checked_lines(thesis, model, inputs)
    if error is not None:
        raise error


def check_finite_outputs(thesis: Any, model: Any, out: Mapping[str, Any]) -> None:
    """Refuse a model output that is not a finite number on the central path.

    Parameters
    ----------
    thesis : Thesis
    model : callable
        Its valuation model.
    out : Mapping
        The model's outputs on the central path, in the order it computed them.

    Raises
    ------
    ThesisError
        At the model entry of the first output that is not finite, naming it and the year.
    """
    years = getattr(_line_model(model), "years", None) or getattr(model, "years", None)
    for name, value in out.items():
        arr = np.asarray(value)
        if name.startswith("_") or arr.dtype == bool or np.isfinite(arr).all():
            continue
        kind = "infinite" if np.isinf(arr).any() else "undefined (not a number)"
        message = (
            f"output '{name}' is {kind}{_first_year(arr, years)} on the central path (every "
            "assumption at its central value): a number too large for a computer's floating "
            "point, or a value of no meaning, so a run could not summarise it"
        )
        raise thesis.error(output_place(model, name), message, _EXPECTED)
