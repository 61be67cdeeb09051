"""The deterministic central path of a thesis (or of an engine specification).

``model.central(thesis)`` is what a notebook reaches for to check a model by hand: every
distribution at its central value, processes without shocks, events at their median timing, the
thesis' own valuation model applied. An engine :class:`~model.engine.spec.ModelSpec` (with an
optional model function) is passed straight to :func:`model.engine.execution.runner.central`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from model.engine.execution.runner import central as engine_central
from model.engine.spec import ModelSpec
from model.results.mixing import load
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
        A thesis (or its file), or an engine specification.
    fn : callable, optional
        The model function; default for a thesis: its own valuation model. For a specification
        without one, the inputs are returned.
    scenario : str
        The thesis' scenario (ignored for a specification).

    Returns
    -------
    dict of name -> ndarray
        Read-only arrays: shape ``()`` for a one-value output, ``(n_years,)`` for a per-year one.
    """
    if isinstance(thesis, ModelSpec):
        return engine_central(thesis, fn)
    applied = _apply(load(thesis), scenario)
    if fn is None:
        from model.valuation import build_model

        fn = build_model(applied)
    return engine_central(applied.to_spec(), fn)
