"""Results as labelled arrays: :class:`xarray.Dataset` with dims scenario, path and year.

``result.to_xarray()`` gives one variable per output, with dims ``(path, year)`` for a
per-year output and ``(path,)`` for one value per path (a blend adds the coordinate
``blend_weight`` over its scenarios, dim ``blend_scenario``); ``comparison.to_xarray()`` stacks the
scenarios on a leading ``scenario`` dim (path ``i`` of every scenario used the same random
numbers, so ``ds.sel(scenario="bull") - ds.sel(scenario="base")`` is the paired difference).
Each variable carries its ``units`` and a ``long_name``; the dataset carries the thesis, the
seed (``seed_entropy``, ``seed_spawn_key``), the method, the price and the currency, so a
saved file (``ds.to_netcdf``) says where it came from.

The per-path arrays are shared with the result where they can be (a single result's dataset
holds views of its read-only arrays, not copies); a comparison's stacked arrays are new.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from model.errors import missing_extra

if TYPE_CHECKING:
    from model.results.comparison import ComparisonResult
    from model.results.results import SimulationResult

__all__ = ["comparison_dataset", "result_dataset", "to_dataset"]


def _xarray() -> Any:
    try:
        import xarray
    except ImportError:  # depends on the installation
        raise missing_extra("xarray output", "xarray", "xarray") from None
    return xarray


def _label(result: SimulationResult, name: str) -> str:
    """The thesis' label of an input, else the name (outputs are named by the model)."""
    assumptions = getattr(result.thesis, "assumptions", None)
    item = assumptions.get(name) if isinstance(assumptions, Mapping) else None
    label = getattr(item, "label", None)
    return str(label) if label else name


def _attrs(result: SimulationResult) -> dict[str, Any]:
    """Dataset attributes: plain strings and numbers (netCDF takes no None, tuple or dict)."""
    thesis = result.thesis
    entropy = result.seed_entropy
    return {
        "thesis": str(getattr(thesis, "name", "") or ""),
        "thesis_file": str(getattr(thesis, "path", "") or ""),
        "seed_entropy": "" if entropy is None else str(entropy),
        "seed_spawn_key": ",".join(str(k) for k in result.seed_spawn_key),
        "method": result.method.value,
        "n_paths": int(result.n_paths),
        "price": float(result.price),
        "currency": result.currency,
        "exit_year": int(result.exit_year),
    }


def _names(result: SimulationResult, include_inputs: bool) -> list[tuple[str, str]]:
    names = [(n, "output") for n in result.names]
    if include_inputs:
        names += [(n, "input") for n in result.input_names if n not in result.outputs]
    return names


def result_dataset(result: SimulationResult, *, include_inputs: bool = False) -> Any:
    """One result as a Dataset: dims ``(path, year)``, the scenario as a scalar coordinate."""
    xr = _xarray()
    data = {}
    for name, kind in _names(result, include_inputs):
        arr = result.held_array(name)  # dated outputs missing in years nothing is held to
        dims = ("path", "year") if arr.ndim == 2 else ("path",)
        attrs = {"units": str(result.units.get(name, "")), "long_name": _label(result, name),
                 "kind": kind}  # fmt: skip
        data[name] = xr.Variable(dims, arr, attrs=attrs)
    coords = {
        "path": np.arange(result.n_paths),
        "year": np.asarray(result.years, dtype=np.int64),
        "scenario": result.scenario,
    }
    ds = xr.Dataset(data, coords=coords, attrs=_attrs(result))
    ds["scenario"].attrs["long_name"] = result.scenario_label
    if result.weights:  # a blend: the weight of each of its scenarios
        weights = np.array([float(w) for w in result.weights.values()])
        ds = ds.assign_coords(blend_scenario=list(result.weights),
                              blend_weight=("blend_scenario", weights))  # fmt: skip
        ds["blend_weight"].attrs.update(units="1", long_name="weight of the scenario in the blend")
    if result.path_scenarios is not None:  # a blend: the scenario each path came from
        ds = ds.assign_coords(path_scenario=("path", np.asarray(result.path_scenarios, dtype=str)))
        ds["path_scenario"].attrs["long_name"] = "scenario the path was drawn from"
    return ds


def comparison_dataset(comparison: ComparisonResult, *, include_inputs: bool = False) -> Any:
    """Every scenario on a leading ``scenario`` dim: ``(scenario, path, year)``."""
    xr = _xarray()
    first = comparison.first
    data = {}
    for name, kind in _names(first, include_inputs):
        stacked = np.stack([r.held_array(name) for r in comparison.results.values()])
        dims = ("scenario", "path", "year") if stacked.ndim == 3 else ("scenario", "path")
        attrs = {"units": str(first.units.get(name, "")), "long_name": _label(first, name),
                 "kind": kind}  # fmt: skip
        data[name] = xr.Variable(dims, stacked, attrs=attrs)
    coords = {
        "scenario": list(comparison.scenarios),
        "path": np.arange(first.n_paths),
        "year": np.asarray(first.years, dtype=np.int64),
    }
    ds = xr.Dataset(data, coords=coords, attrs=_attrs(first))
    ds["scenario"].attrs["long_name"] = "scenario (common random numbers)"
    ds.coords["scenario_label"] = (
        "scenario",
        [r.scenario_label for r in comparison.results.values()],
    )
    return ds


def to_dataset(obj: SimulationResult | ComparisonResult, *, include_inputs: bool = False) -> Any:
    """:func:`comparison_dataset` for a comparison, :func:`result_dataset` for a result."""
    if hasattr(obj, "results"):
        return comparison_dataset(obj, include_inputs=include_inputs)  # type: ignore[arg-type]
    return result_dataset(obj, include_inputs=include_inputs)  # type: ignore[arg-type]
