"""Model-agnostic Monte Carlo engine.

Build a :class:`ModelSpec` of random inputs (distributions from :func:`from_params`),
then :func:`run` a vectorised model function over many paths, or :func:`central` for the
deterministic path.
"""

from model.engine.chunks import Inputs
from model.engine.distributions import Distribution, families, from_params
from model.engine.results import OutputSummary, RunResult, SkippedChunk
from model.engine.rng import BLOCK_SIZE, handle_seed
from model.engine.runner import central, run, sample
from model.engine.spec import (
    Backend,
    CopulaMethod,
    Correlation,
    Derived,
    Effect,
    EffectOp,
    Event,
    Method,
    ModelSpec,
    Process,
    Variable,
)

__all__ = [
    "BLOCK_SIZE",
    "Backend",
    "CopulaMethod",
    "Correlation",
    "Derived",
    "Distribution",
    "Effect",
    "EffectOp",
    "Event",
    "Inputs",
    "Method",
    "ModelSpec",
    "OutputSummary",
    "Process",
    "RunResult",
    "SkippedChunk",
    "Variable",
    "central",
    "families",
    "from_params",
    "handle_seed",
    "run",
    "sample",
]
