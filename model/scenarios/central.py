"""The deterministic central path of a thesis (or of an engine specification).

``model.central(thesis)`` is what a notebook reaches for to check a model by hand: every
distribution at its central value, processes without shocks, events at their median timing, the
thesis' own valuation model applied. An engine :class:`~model.engine.spec.ModelSpec` (with an
optional model function) is passed straight to :func:`model.engine.execution.runner.central`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from model.engine.execution.runner import central as engine_central
from model.engine.spec import ModelSpec
from model.errors import SettingsError
from model.scenarios.loading import load_warned
from model.scenarios.run import _apply

if TYPE_CHECKING:
    from model.engine.execution.chunks import ModelFn
    from model.scenarios.run import ThesisLike

__all__ = ["central"]


def central(
    thesis: ThesisLike | ModelSpec,
    fn: ModelFn | None = None,
    *,
    scenario: str = "base",
) -> dict[str, Any]:
    """The deterministic central path, output by output.

    Parameters
    ----------
    thesis : Thesis, path or ModelSpec
        A thesis, or its file (loaded, checked and warned about as :func:`model.load_thesis`
        does), or an engine specification.
    fn : callable, optional
        The model function; default for a thesis: its own valuation model. For a specification
        without one, the inputs are returned.
    scenario : str
        The thesis' scenario (ignored for a specification); by keyword only, unlike
        :func:`~model.scenarios.run.simulate`'s.

    Returns
    -------
    dict of name -> ndarray
        Read-only arrays: shape ``()`` for a one-value output, ``(n_years,)`` for a per-year one.
        A dated output (``return_dated``, ``total_return_dated``, ``value_today_by_year``) is
        missing (NaN) in a year that ends on or before the date it runs from: nothing is held to
        it (as in a result's summary and paths).

    Raises
    ------
    SettingsError
        If ``fn`` is a string: a scenario name given where the model function goes.
    """
    if isinstance(fn, str):  # simulate(thesis, "bull") takes the scenario second; central does not
        raise SettingsError(
            f"central: fn: the second argument is the model function, got the text {fn!r}; "
            f"for a scenario write central(thesis, scenario={fn!r})"
        )
    if isinstance(thesis, ModelSpec):
        return engine_central(thesis, fn)
    applied = _apply(load_warned(thesis), scenario)
    if fn is None:
        from model.valuation import build_model

        fn = build_model(applied)
    return _unheld_missing(applied, engine_central(applied.to_spec(), fn))


def _unheld_missing(thesis: Any, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with each dated output missing (NaN) in the years nothing is held to."""
    from model.results.statements import unheld_years

    out = dict(values)
    for name, arr in values.items():
        gone = unheld_years(thesis, name, np.shape(arr)[-1]) if np.ndim(arr) == 1 else None
        if gone is not None:
            fixed = np.where(gone, np.nan, np.asarray(arr, dtype=float))
            fixed.flags.writeable = False
            out[name] = fixed
    return out
