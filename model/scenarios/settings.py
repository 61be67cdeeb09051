"""Run settings: how a thesis is run, validated before any sampling."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from model._messages import did_you_mean
from model.engine.execution.cluster import check_scheduler_address
from model.engine.execution.limits import check_chunk_size
from model.engine.spec import Backend, Method
from model.errors import EngineError, ParameterError, SettingsError, choose

if TYPE_CHECKING:
    from model.engine.draws.rng import SeedLike

__all__ = ["DEFAULT_PATHS", "RunSettings"]

#: Paths per scenario unless asked otherwise: p5/p95 to about 1 % of their value.
DEFAULT_PATHS = 20_000
_SEED_TYPES = (int, np.integer, np.random.SeedSequence, np.random.Generator, type(None))


# ---------------------------------------------------------------------- run settings


def _engine_setting(check: Callable[[Any], Any], value: Any) -> Any:
    """The engine's own check of a setting, its error as bad input (a settings error)."""
    try:
        return check(value)
    except EngineError as exc:
        raise SettingsError(str(exc)) from None


@dataclass(frozen=True)
class RunSettings:
    """How a thesis is run; validated when made, so a bad setting fails before any sampling.

    Attributes
    ----------
    n_paths : int
        Monte Carlo paths per scenario, 1 or more. One path is a quick check of the model (one
        random draw, not the central case): its summaries give that path's values, with the sd
        and every standard error NaN, as they need 2 paths; the returns need 2 paths and a rank
        correlation 4, and refuse fewer with an error that says so.
    seed : int, SeedSequence, Generator or None
        Root seed (see the module notes); None draws fresh entropy, which results record.
    method : Method
        Sampling design (``"mc"``, ``"lhs"`` or ``"sobol"`` are accepted and converted).
    backend : Backend
        Where the chunks run (``"local"``, ``"parallel"`` or ``"dask"``).
    keep_inputs : bool
        Keep every sampled input in the result (to query assumptions in statements and for
        sensitivity analysis; costs memory). Without it only the inputs the thesis' scorecard
        uses are kept.
    progress : bool, optional
        Show the engine's progress bar; None shows it for runs expected to take more than a
        couple of seconds.
    client, scheduler : optional
        A dask client or a scheduler address, for the ``"dask"`` backend; without either the
        engine starts (and reuses) a local Dask cluster.
    chunk_size : int, optional
        Paths per chunk; the engine's default when None (results do not depend on it).
    keep : tuple of str, optional
        Outputs kept per path; None keeps every output. The others are summarised as they
        stream (exact mean and sd, quantiles from a sketch within a stated bound; see
        :mod:`model.engine.summaries.sketch`), so memory no longer grows with them: at 10 million
        paths one per-year output costs 480 MB kept and nothing streamed.
    inputs_for : tuple of str, optional
        With ``keep_inputs``, the scenarios whose inputs are kept (None: every scenario). The
        report keeps them for the base case only, the one its rank correlations use.
    """

    n_paths: int = DEFAULT_PATHS
    seed: SeedLike = None
    method: Method = Method.MC
    backend: Backend = Backend.LOCAL
    keep_inputs: bool = True
    progress: bool | None = None
    client: Any = None
    scheduler: str | None = None
    chunk_size: int | None = None
    keep: tuple[str, ...] | None = None
    inputs_for: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "n_paths", _positive("n_paths", self.n_paths))
        # "no" is true to Python: a flag of another type would do the opposite of what it says.
        if not isinstance(self.keep_inputs, bool):
            raise SettingsError(f"keep_inputs must be True or False (got {self.keep_inputs!r})")
        if self.progress is not None and not isinstance(self.progress, bool):
            raise SettingsError(f"progress must be True, False or None (got {self.progress!r})")
        object.__setattr__(self, "keep", _names("keep", self.keep))
        object.__setattr__(self, "inputs_for", _names("inputs_for", self.inputs_for))
        if self.chunk_size is not None:
            chunk = _engine_setting(check_chunk_size, self.chunk_size)
            object.__setattr__(self, "chunk_size", chunk)
        object.__setattr__(self, "method", choose(Method, self.method, "sampling method"))
        object.__setattr__(self, "backend", choose(Backend, self.backend, "backend"))
        seed = self.seed
        if isinstance(seed, bool) or not isinstance(seed, _SEED_TYPES):
            raise SettingsError(
                f"seed must be an int, SeedSequence, Generator or None (got {seed!r})"
            )
        if isinstance(seed, int | np.integer) and seed < 0:
            raise SettingsError(f"seed must be >= 0 (got {seed})")
        if self.backend is not Backend.DASK and (self.client is not None or self.scheduler):
            raise SettingsError("a dask client or scheduler is only used with the dask backend")
        if self.scheduler is not None:
            address = _engine_setting(check_scheduler_address, self.scheduler)
            object.__setattr__(self, "scheduler", address)

    @classmethod
    def of(cls, settings: RunSettings | None = None, **options: Any) -> RunSettings:
        """``settings`` (the defaults when None) with ``options`` replacing some fields.

        Raises
        ------
        SettingsError
            For an option that is not a run setting, or ``settings`` that is not one.
        """
        if settings is not None and not isinstance(settings, RunSettings):
            shown = repr(settings)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            raise SettingsError(
                "settings must be a RunSettings (model.RunSettings(n_paths=..., seed=...)) or "
                "None; or pass the run settings as keyword arguments (n_paths=..., seed=...), "
                f"got {type(settings).__name__} {shown}"
            )
        known = [f.name for f in fields(cls)]
        unknown = sorted(set(options) - set(known))
        if unknown:
            raise SettingsError(
                f"unknown run setting(s) {', '.join(unknown)}; expected: {', '.join(known)}"
            )
        base = cls() if settings is None else settings
        return replace(base, **options) if options else base

    def options(self) -> dict[str, Any]:
        """Every setting as keyword arguments of :func:`simulate`.

        Values are not copied, so a Generator seed stays the same object.
        """
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def engine_options(self) -> dict[str, Any]:
        """Keyword arguments for :func:`model.engine.run` (all but paths, seed and inputs)."""
        skip = ("n_paths", "seed", "keep_inputs", "inputs_for")
        return {k: v for k, v in self.options().items() if k not in skip}


def _names(what: str, value: Any) -> tuple[str, ...] | None:
    """None, or a tuple of names from one name or a sequence of them."""
    if value is None:
        return None
    names = (value,) if isinstance(value, str) else value
    try:
        names = tuple(names)
    except TypeError:
        raise SettingsError(f"{what} must be a list of names (got {value!r})") from None
    if not all(isinstance(n, str) for n in names):
        raise SettingsError(f"{what} must be a list of names (got {value!r})")
    return names


def _positive(what: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise SettingsError(f"{what} must be a positive integer (got {value!r})")
    return int(value)


# ---------------------------------------------------------------------- a custom model's roles


def check_roles(roles: Mapping[str, Any] | None) -> None:
    """Check the roles given for a custom model's outputs before anything runs.

    Parameters
    ----------
    roles : Mapping[str, str], optional
        Output name -> role, as given to ``simulate(model=..., roles=...)`` or set on the
        model function.

    Raises
    ------
    ParameterError
        For a role outside the vocabulary, with the closest role and the list of them (rather
        than the enum's "is not a valid Role").
    """
    from model.valuation.roles import Role

    known = [r.value for r in Role]
    for name, role in dict(roles or {}).items():
        if str(role) not in known:
            hint = did_you_mean(str(role), known, limit=1)
            close = f"; {hint}" if hint.startswith("did") else ""
            raise ParameterError(
                f"{name}: unknown role {str(role)!r}{close} (expected one of: {', '.join(known)})",
                field="roles",
                expected=", ".join(known),
            )
