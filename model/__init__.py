"""thesis-model: sourced investment theses as Monte Carlo scenarios.

The public API, in the order data flows::

    thesis = model.load_thesis("assumptions/alibaba.yaml")   # validated, sources checked
    thesis.ledger()                                           # every input and its source
    result = model.simulate(thesis, scenario="base", n_paths=100_000, seed=1)
    result.summary(); result.scorecard(); result.export("output/base")
    comparison = model.compare(thesis, ["base", "bull", "bear"], seed=1)
    model.sensitivity(thesis, method="tornado")
    model.implied(thesis, solve_for="wacc")                   # what the price implies

Names are imported lazily so that ``import model`` (and the ``thesis`` command's start-up) stays
fast; the heavy modules load on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "load_thesis": "model.inputs.thesis",
    "Thesis": "model.inputs.thesis",
    "simulate": "model.scenarios",
    "compare": "model.scenarios",
    "blend": "model.scenarios",
    "views": "model.scenarios",
    "RunSettings": "model.scenarios",
    "SimulationResult": "model.results.results",
    "ComparisonResult": "model.results.comparison",
    "sensitivity": "model.sensitivities",
    "tornado": "model.sensitivities",
    "rank_correlation": "model.sensitivities",
    "sobol_indices": "model.sensitivities",
    "implied": "model.valuation.finance.implied",
    "ImpliedResult": "model.valuation.finance.implied",
    "run": "model.engine.runner",
    "central": "model.engine.runner",
    "ThesisModelError": "model.errors",
    "ThesisError": "model.errors",
    "ParameterError": "model.errors",
    "EngineError": "model.errors",
    "ExpressionError": "model.errors",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'model' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # cache: later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
