"""Results as xarray Datasets: dims scenario, path and year, units and labels as attributes."""

from __future__ import annotations

import numpy as np
import pytest

xr = pytest.importorskip("xarray")

THESIS = "assumptions/alibaba.yaml"
N = 300


@pytest.fixture(scope="module")
def pair():
    from model.scenarios import compare

    return compare(THESIS, ["base", "bear"], n_paths=N, seed=5)


def test_result_dataset_has_dims_units_and_the_run(pair):
    base = pair["base"]
    ds = base.to_xarray()
    value = ds["value_per_share"]
    assert value.dims == ("path", "year") and value.shape == (N, len(base.years))
    assert value.attrs["units"] == "HKD/share"
    assert list(ds["year"].values) == list(base.years)
    np.testing.assert_array_equal(value.sel(year=2030).values, base.final("value_per_share"))
    assert ds["exit_pe"].dims == ("path",)  # one value per path
    assert str(ds["scenario"].values) == "base"
    assert ds.attrs["seed_entropy"] == "5" and ds.attrs["currency"] == "HKD"
    assert ds.attrs["thesis"] == base.thesis.name
    assert set(ds.data_vars) == set(base.outputs)
    with_inputs = base.to_xarray(include_inputs=True)
    kept = [n for n in base.input_names if n not in base.outputs]
    assert kept and all(with_inputs[n].attrs["kind"] == "input" for n in kept)
    some = kept[0]
    assert with_inputs[some].attrs["long_name"] == (base.thesis.assumptions[some].label or some)


def test_comparison_dataset_stacks_scenarios_on_common_paths(pair):
    ds = pair.to_xarray()
    value = ds["value_per_share"]
    assert value.dims == ("scenario", "path", "year")
    assert list(ds["scenario"].values) == ["base", "bear"]
    paired = (value.sel(scenario="base") - value.sel(scenario="bear")).sel(year=2030)
    d = pair.difference("base", "bear")
    np.testing.assert_allclose(paired.values, d.values)
    assert float(paired.mean()) == pytest.approx(d.mean)
    assert list(ds["scenario_label"].values) == [r.scenario_label for r in pair.results.values()]


def test_missing_xarray_names_the_extra(pair, monkeypatch):
    import builtins

    from model.errors import MissingExtraError

    real = builtins.__import__

    def no_xarray(name, *args, **kwargs):
        if name == "xarray":
            raise ImportError("no xarray here")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_xarray)
    with pytest.raises(MissingExtraError, match=r'pip install "thesis-model\[xarray\]"'):
        pair.to_xarray()
