"""Results: what a run produced, with its statistics, scorecard, returns and exports.

:class:`~model.results.results.SimulationResult` holds one scenario's paths,
:class:`~model.results.comparison.ComparisonResult` several scenarios of one run, and
:mod:`~model.results.mixing` blends them by weight. The statistics live in
:mod:`~model.results.summary`, the scorecard in :mod:`~model.results.statements`, the returns
analysis in :mod:`~model.results.analysis`, and :mod:`~model.results.export` writes a result's
tables, charts and manifest to a folder.
"""

from __future__ import annotations

from model.results.comparison import ClassicView, ComparisonResult, Difference
from model.results.results import SimulationResult
from model.results.values import Mark, Probability

__all__ = [
    "ClassicView",
    "ComparisonResult",
    "Difference",
    "Mark",
    "Probability",
    "SimulationResult",
]
