"""Run a thesis: one scenario, several side by side, or a probability-weighted blend.

The glue between the stages: the thesis (:mod:`model.inputs`) becomes an engine specification
and a valuation model (:mod:`model.valuation`), the engine (:mod:`model.engine`) samples it, and
the per-path outputs come back as results (:mod:`model.results`). :mod:`~model.scenarios.run`
holds the runs, :mod:`~model.scenarios.settings` the run settings, and
:mod:`~model.scenarios.loading` the public ``model.load_thesis``, which warns about the thesis
as every command does, with :mod:`~model.scenarios.evidence` checking its evidence on the central
path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from model.scenarios.run import (
    blend,
    compare,
    distinct_scenarios,
    load,
    scenario_names,
    simulate,
    view_scenarios,
    views,
)
from model.scenarios.settings import DEFAULT_PATHS, RunSettings

if TYPE_CHECKING:
    from model.scenarios.run import ThesisLike as ThesisLike

__all__ = [
    "DEFAULT_PATHS",
    "RunSettings",
    "blend",
    "compare",
    "distinct_scenarios",
    "load",
    "scenario_names",
    "simulate",
    "view_scenarios",
    "views",
]
