"""A thesis' own evidence checked on its central path, as ``thesis validate`` and
:func:`model.load_thesis` check it.

Each observation's quantity is evaluated on the deterministic central path (one path) rather
than a run, so an unknown name, a missing year, a year off the horizon or a true/false
statement is refused at its entry's line without simulating.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from model.inputs.assembly.evidence import thesis_evidence
from model.results.results import SimulationResult
from model.results.weighting.observed import check_quantity

if TYPE_CHECKING:
    from model.inputs.assembly.thesis import Thesis

__all__ = ["central_result", "check_evidence"]


def central_result(
    thesis: Thesis, model: Any = None, central: tuple[Any, Any] | None = None
) -> SimulationResult:
    """The thesis' deterministic central path as a run of one path, its inputs kept: what
    ``validate`` evaluates an entry's quantity on, as a run would, without simulating.

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable, optional
        The thesis' valuation model when the caller has built it already (built here if not).
    central : (inputs, outputs), optional
        The central path evaluated already on ``model``
        (:func:`model.valuation.checks.check_central_path` returns it): not evaluated again.
    """
    from model.engine.execution.deterministic import deterministic_inputs
    from model.valuation import build_model

    model = build_model(thesis) if model is None else model
    spec = thesis.to_spec()
    if central is None:
        inputs = deterministic_inputs(spec, None, n_paths=1)
        with np.errstate(all="ignore"):
            evaluated = model(inputs)
    else:
        inputs, evaluated = central
    outputs = {k: np.asarray(v) for k, v in evaluated.items() if not k.startswith("_")}
    return SimulationResult(
        thesis=thesis, scenario=thesis.scenario, scenario_label=thesis.scenario,
        years=tuple(spec.years), outputs=outputs, inputs=dict(inputs), n_paths=1,
        units={**thesis.units, **model.output_units},  # an output wins a shared name
    )  # fmt: skip


def check_evidence(
    thesis: Thesis, model: Any = None, central: tuple[Any, Any] | None = None
) -> None:
    """Refuse, at its line, an entry of the thesis' own evidence (its ``evidence:`` section and
    ``evidence_file``) that conditioning would refuse before weighing a path (see
    :func:`model.results.weighting.observed.check_quantity`).

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable, optional
        The thesis' valuation model when the caller has built it already.
    central : (inputs, outputs), optional
        Its central path evaluated already on ``model`` (see :func:`central_result`).

    Raises
    ------
    ThesisModelError
        At the entry's file, line and field: an unknown name (with the closest ones), a
        per-year quantity without its year, a year off the horizon, a true/false statement or
        a unit of another kind.
    """
    observations = thesis_evidence(thesis)
    if not observations:
        return
    path = central_result(thesis, model, central)
    for observation in observations:
        check_quantity(path, observation)
