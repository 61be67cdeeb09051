"""The provenance of a run as plain values: thesis, scenario, seed, settings and versions.

These dictionaries become ``manifest.json`` in an export. They hold no time stamps and no host
names, so two exports of the same thesis with the same seed have identical manifests.
"""

from __future__ import annotations

import platform
from importlib import metadata
from typing import Any

#: Version of the manifest layout; bump when keys change meaning.
MANIFEST_FORMAT = 1

_LIBRARIES = ("numpy", "scipy", "pandas", "matplotlib", "pyarrow")


def _enum_text(value: Any) -> Any:
    """``Method.MC`` -> ``"mc"``; other values unchanged."""
    return getattr(value, "value", value)


def versions() -> dict[str, str | None]:
    """Versions of this package, Python and the numerical libraries (None when not installed)."""
    import model

    out: dict[str, str | None] = {"thesis_model": model.__version__}
    out["python"] = platform.python_version()
    for name in _LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def thesis_info(thesis: Any) -> dict[str, Any]:
    """Name, path and content hash of a thesis (None for what it does not say)."""
    path = getattr(thesis, "path", None)
    return {
        "name": getattr(thesis, "name", None),
        "path": str(path) if path is not None else None,
        "file_hash": getattr(thesis, "file_hash", None),
    }


def result_settings(result: Any) -> dict[str, Any]:
    """Everything needed to repeat a simulation result, as JSON-ready values."""
    seed = result.seed_entropy
    return {
        "thesis": thesis_info(result.thesis),
        "scenario": result.scenario,
        "scenario_label": result.scenario_label,
        "years": [int(y) for y in result.years],
        "price": result.price,
        "currency": result.currency,
        # Seed entropy can exceed 2**53; as a string it survives readers with float-only JSON.
        "seed_entropy": None if seed is None else str(seed),
        "n_paths": int(result.n_paths),
        "method": str(_enum_text(result.method)),
        "backend": str(_enum_text(result.backend)),
        "chunk_size": None if result.chunk_size is None else int(result.chunk_size),
        "weights": {k: float(v) for k, v in result.weights.items()},
        "invalid_paths": {k: int(v) for k, v in result.invalid.items()},
    }
