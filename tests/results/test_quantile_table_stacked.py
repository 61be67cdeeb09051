"""The exported quantile table, stacked from arrays, is the table joined frame by frame.

``quantiles.csv`` and ``quantiles.parquet`` are built from every output's quantiles at the
export levels. Stacking the arrays into one frame must give the same frame (values, dtypes,
order) and the same file bytes as widening and joining one frame per output: for a plain run,
a blend, a run of a few paths (ties), and outputs missing in the years nothing is held to.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import model
from model.results import export as ex
from model.results.summary import quantile_name

ROOT = Path(__file__).resolve().parents[2]
_SPEC = importlib.util.spec_from_file_location(
    "returns_unheld_years", Path(__file__).parent / "test_returns_unheld_years.py"
)
assert _SPEC is not None and _SPEC.loader is not None
_MODULE = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_MODULE)

COLUMNS = ["output", "year", "unit", *(quantile_name(level) for level in ex.EXPORT_QS)]


@pytest.fixture(scope="module")
def alibaba() -> model.Thesis:
    return model.load_thesis(ROOT / "assumptions" / "alibaba.yaml")


@pytest.fixture(scope="module")
def late(tmp_path_factory: pytest.TempPathFactory) -> model.SimulationResult:
    path = Path(tmp_path_factory.mktemp("late")) / "late.yaml"
    path.write_text(_MODULE.THESIS, encoding="utf-8")
    return model.simulate(model.load_thesis(path), n_paths=37, seed=3)


def _joined(result: model.SimulationResult) -> pd.DataFrame:
    tables = [(name, result.quantiles(name, ex.EXPORT_QS)) for name in result.names]
    return ex._joined_quantile_table(result, tables, COLUMNS)


def _same_files(a: pd.DataFrame, b: pd.DataFrame, folder: Path) -> None:
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    ex.write_table(a, folder / "a", "quantiles")
    ex.write_table(b, folder / "b", "quantiles")
    for name in sorted(p.name for p in (folder / "a").iterdir()):
        assert (folder / "a" / name).read_bytes() == (folder / "b" / name).read_bytes(), name


def _check(result: model.SimulationResult, folder: Path) -> pd.DataFrame:
    stacked, joined = ex._quantile_table(result), _joined(result)
    assert stacked.dtypes.equals(joined.dtypes)
    pd.testing.assert_frame_equal(stacked, joined, check_exact=True)
    _same_files(stacked, joined, folder)
    return stacked


@pytest.mark.parametrize(("scenario", "paths"), [("base", 501), ("bear", 4)])
def test_stacked_table_is_the_joined_one(
    alibaba: model.Thesis, scenario: str, paths: int, tmp_path: Path
) -> None:
    result = model.simulate(alibaba, scenario=scenario, n_paths=paths, seed=11)
    table = _check(result, tmp_path)
    assert list(table.columns) == COLUMNS
    assert len(table) == sum(len(result.quantiles(n, ex.EXPORT_QS)) for n in result.names)


def test_stacked_table_of_a_blend(alibaba: model.Thesis, tmp_path: Path) -> None:
    _check(model.blend(alibaba, seed=5, n_paths=333), tmp_path)


def test_stacked_table_keeps_unheld_years_missing(
    late: model.SimulationResult, tmp_path: Path
) -> None:
    table = _check(late, tmp_path)
    past = table[(table["output"] == "value_today_by_year") & (table["year"] == 2027)]
    assert len(past) == 1 and np.isnan(past[COLUMNS[3:]].to_numpy()).all()


def test_a_table_not_plain_takes_the_joined_route(
    alibaba: model.Thesis, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = model.simulate(alibaba, n_paths=64, seed=2)
    stacked = ex._quantile_table(result)
    monkeypatch.setattr(ex, "_plain_quantiles", lambda table, levels: False)
    pd.testing.assert_frame_equal(ex._quantile_table(result), stacked, check_exact=True)


def test_plain_quantiles_needs_whole_years_and_float_levels() -> None:
    levels = ["p1", "p99"]
    table = pd.DataFrame({"p1": [1.0], "p99": [2.0]}, index=pd.Index([2030], name="year"))
    assert ex._plain_quantiles(table, levels)
    assert not ex._plain_quantiles(table.set_axis(pd.Index([2030.0], name="year")), levels)
    assert not ex._plain_quantiles(table[["p99", "p1"]], levels)
    assert not ex._plain_quantiles(table.astype({"p1": "float32"}), levels)
