"""A blend's weights reach its Excel workbook and its xarray dataset, as its CSV export
(``blend_weights``) has them: the workbook's weight column used to be empty for the blend and
the dataset had no weights at all."""

from __future__ import annotations

import numpy as np
import pytest

openpyxl = pytest.importorskip("openpyxl")
xarray = pytest.importorskip("xarray")

from model.scenarios import blend, compare  # noqa: E402

THESIS = "assumptions/alibaba.yaml"


@pytest.fixture(scope="module")
def trio():
    return compare(THESIS, ["base", "bull", "bear"], n_paths=400, seed=3)


@pytest.fixture(scope="module")
def mixed(trio):
    return blend(trio)


def _rows(ws):
    head, *body = list(ws.iter_rows(values_only=True))
    return [dict(zip(head, r, strict=True)) for r in body]


def _paths_from(mixed) -> dict[str, int]:
    names, counts = np.unique(np.asarray(mixed.path_scenarios), return_counts=True)
    return {str(n): int(c) for n, c in zip(names, counts, strict=True)}


def test_the_workbook_of_a_blend_has_its_weights(mixed, tmp_path):
    path = mixed.to_excel(tmp_path / "blend.xlsx", max_paths=0)
    wb = openpyxl.load_workbook(path, read_only=True)
    (row,) = _rows(wb["scenarios"])
    assert row["scenario"] == mixed.scenario
    assert row["weight"] == pytest.approx(sum(mixed.weights.values()))
    shares = _rows(wb["blend_weights"])
    assert {r["scenario"]: r["weight"] for r in shares} == pytest.approx(dict(mixed.weights))
    drawn = _paths_from(mixed)
    assert {r["scenario"]: r["paths"] for r in shares} == {
        n: drawn.get(n, 0) for n in mixed.weights
    }
    assert sum(r["paths"] for r in shares) == mixed.n_paths


def test_the_dataset_of_a_blend_has_its_weights(mixed):
    ds = mixed.to_xarray()
    weights = dict(
        zip(ds["blend_scenario"].values.tolist(), ds["blend_weight"].values, strict=True)
    )
    assert weights == pytest.approx(dict(mixed.weights))
    assert ds["blend_weight"].dims == ("blend_scenario",)
    assert "blend_weight" not in ds.data_vars  # a coordinate: the outputs stay the data


def test_a_scenario_run_has_no_blend_weights(trio, tmp_path):
    assert "blend_weight" not in trio["base"].to_xarray().coords
    path = trio["base"].to_excel(tmp_path / "base.xlsx", max_paths=0)
    assert "blend_weights" not in openpyxl.load_workbook(path, read_only=True).sheetnames
