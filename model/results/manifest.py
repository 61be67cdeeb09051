"""The provenance of a run as plain values: thesis, scenario, seed, settings and versions.

These dictionaries become ``manifest.json`` in an export. They hold no time stamps and no host
names, so two exports of the same thesis with the same seed have identical manifests.
"""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from model.inputs.assembly.thesis import Thesis
    from model.results.results import SimulationResult

#: Version of the manifest layout; bump when keys change meaning. Format 2 adds ``self_sha256``,
#: the sha256 of the manifest's text rendered without it (see :mod:`model._folders`). Format 3
#: names the thesis by ``file`` (its file name) instead of ``path`` (the path it was read from).
MANIFEST_FORMAT = 3

_LIBRARIES = ("numpy", "scipy", "pandas", "matplotlib", "pyarrow")


def versions() -> dict[str, str | None]:
    """Versions of this package, Python and the numerical libraries (None when not installed)."""
    from model import __version__

    out: dict[str, str | None] = {"thesis_model": __version__}
    out["python"] = platform.python_version()
    for name in _LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def seed_text(entropy: Any) -> str | list[str] | None:
    """Seed entropy as JSON-safe text: it can exceed 2**53, which float-only readers would round.

    An integer becomes a string; a sequence of integers (the entropy of a seed drawn from a
    Generator, or given as a list) a list of strings.
    """
    if entropy is None:
        return None
    if isinstance(entropy, list | tuple | np.ndarray):
        return [str(int(word)) for word in entropy]
    return str(int(entropy))


def thesis_info(thesis: Thesis) -> dict[str, Any]:
    """Name, file name and content hash of a thesis (None for what it does not say).

    Only the file's name is kept, not the folder it was read from: export folders are shared,
    and the path would show the author's directory layout. The sha256 identifies the file.
    """
    path = getattr(thesis, "path", None)
    return {
        "name": getattr(thesis, "name", None),
        "file": PurePath(str(path)).name if path is not None else None,
        "file_hash": getattr(thesis, "file_hash", None),
    }


def result_settings(result: SimulationResult) -> dict[str, Any]:
    """Everything needed to repeat a simulation result, as JSON-ready values.

    ``SeedSequence(seed_entropy, spawn_key=seed_spawn_key)`` (the entropy read back as
    integers) is the run's root seed.
    """
    return {
        "thesis": thesis_info(result.thesis),
        "scenario": result.scenario,
        "scenario_label": result.scenario_label,
        "years": [int(y) for y in result.years],
        "price": result.price,
        "currency": result.currency,
        "seed_entropy": seed_text(result.seed_entropy),
        "seed_spawn_key": [int(k) for k in result.seed_spawn_key],
        "n_paths": int(result.n_paths),
        "method": result.method.value,
        "backend": result.backend.value,
        "chunk_size": None if result.chunk_size is None else int(result.chunk_size),
        "weights": {k: float(v) for k, v in result.weights.items()},
        "invalid_paths": {k: int(v) for k, v in result.invalid.items()},
    }
