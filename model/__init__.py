"""thesis-model: sourced investment theses as Monte Carlo scenarios.

The public API, in the order data flows::

    thesis = model.load_thesis("assumptions/alibaba.yaml")   # validated, sources checked, warned
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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the lazy exports below, spelled out for type checkers and editors
    from model.engine.execution.runner import run as run
    from model.errors import EngineError as EngineError
    from model.errors import ExpressionError as ExpressionError
    from model.errors import ParameterError as ParameterError
    from model.errors import ThesisError as ThesisError
    from model.errors import ThesisModelError as ThesisModelError
    from model.inputs.assembly.evidence import Observation as Observation
    from model.inputs.assembly.evidence import load_evidence as load_evidence
    from model.inputs.assembly.thesis import Thesis as Thesis
    from model.learning import attribute as attribute
    from model.learning import backtest as backtest
    from model.learning import condition as condition
    from model.learning import watch as watch
    from model.results.comparison import ComparisonResult as ComparisonResult
    from model.results.results import SimulationResult as SimulationResult
    from model.scenarios import RunSettings as RunSettings
    from model.scenarios import blend as blend
    from model.scenarios import compare as compare
    from model.scenarios import simulate as simulate
    from model.scenarios import views as views
    from model.scenarios.central import central as central
    from model.scenarios.loading import load_thesis as load_thesis
    from model.sensitivities import rank_correlation as rank_correlation
    from model.sensitivities import sensitivity as sensitivity
    from model.sensitivities import sobol_indices as sobol_indices
    from model.sensitivities import tornado as tornado
    from model.valuation.finance.implied import ImpliedResult as ImpliedResult
    from model.valuation.finance.implied import implied as implied

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "load_thesis": "model.scenarios.loading",
    "Thesis": "model.inputs.assembly.thesis",
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
    "condition": "model.learning",
    "attribute": "model.learning",
    "watch": "model.learning",
    "backtest": "model.learning",
    "Observation": "model.inputs.assembly.evidence",
    "load_evidence": "model.inputs.assembly.evidence",
    "implied": "model.valuation.finance.implied",
    "ImpliedResult": "model.valuation.finance.implied",
    "run": "model.engine.execution.runner",
    "central": "model.scenarios.central",
    "ThesisModelError": "model.errors",
    "ThesisError": "model.errors",
    "ParameterError": "model.errors",
    "EngineError": "model.errors",
    "ExpressionError": "model.errors",
}

#: Sub-packages reachable as attributes after a bare ``import model`` (``model.charts.fan_chart``,
#: ``model.errors.ThesisModelWarning``), imported on first use like the names above.
_SUBPACKAGES = frozenset(
    {
        "charts",
        "cli",
        "engine",
        "errors",
        "export",
        "inputs",
        "learning",
        "results",
        "scenarios",
        "sensitivities",
        "valuation",
    }
)

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        return import_module(f"model.{name}")  # the import binds it as an attribute
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'model' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # cache: later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS) | _SUBPACKAGES)
