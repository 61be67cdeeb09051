"""Model-agnostic Monte Carlo engine.

Build a :class:`ModelSpec` of random inputs (distributions from :func:`from_params`),
then :func:`run` a vectorised model function over many paths, :func:`central` for the
deterministic central path, or :func:`evaluate` for the deterministic mode at chosen values of
the static variables.
"""

from model.engine.draws.distributions import Distribution, families, from_params
from model.engine.draws.rng import BLOCK_SIZE, handle_seed
from model.engine.execution.backends import close_local_client, local_client
from model.engine.execution.chunks import Inputs
from model.engine.execution.deterministic import central, deterministic_inputs, evaluate
from model.engine.execution.results import (
    OutputSummary,
    ReadOnlyMap,
    RunResult,
    SeMethod,
    SkippedChunk,
)
from model.engine.execution.runner import run, sample
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
    OnChunkError,
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
    "OnChunkError",
    "OutputSummary",
    "Process",
    "ReadOnlyMap",
    "RunResult",
    "SeMethod",
    "SkippedChunk",
    "Variable",
    "central",
    "close_local_client",
    "deterministic_inputs",
    "evaluate",
    "families",
    "from_params",
    "handle_seed",
    "local_client",
    "run",
    "sample",
]
