"""Exports: layout, manifest, byte-identical reruns and atomic replacement."""

from __future__ import annotations

import dataclasses
import json
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from model.errors import ExportError, WriteError
from model.results import export as ex
from model.results.comparison import ComparisonResult
from model.results.results import SimulationResult

YEARS = (2025, 2026, 2027)
N = 400


def thesis():
    return SimpleNamespace(
        name="Export test",
        path="assumptions/test.yaml",
        file_hash="0" * 64,
        scorecard={"up": {"statement": "value_per_share[2027] > 100", "label": "Up"}},
        weights={},
        ledger=lambda: pd.DataFrame(
            {"name": ["a", "b"], "value": [1.5, None], "source": ["001.txt", {"estimate": "x"}]}
        ),
    )


def result(seed: int = 3, scenario: str = "base", th=None) -> SimulationResult:
    rng = np.random.default_rng(seed)
    z = rng.standard_normal(N)
    value = 100 * np.exp(np.outer(0.1 + 0.3 * z, [0, 0.5, 1]))
    return SimulationResult(
        thesis=th or thesis(),
        scenario=scenario,
        scenario_label=scenario.title(),
        years=YEARS,
        outputs={"value_per_share": value, "exit_pe": 20 + z},
        units={"value_per_share": "HKD/share", "exit_pe": "x"},
        price=100.0,
        currency="HKD",
        seed_entropy=seed,
        method="mc",
        backend="local",
        chunk_size=1000,
    )


def test_layout_and_manifest(tmp_path):
    out = result().export(tmp_path / "run", charts=False)
    assert out == tmp_path / "run"
    names = {p.name for p in out.iterdir()}
    parquet = ex.has_parquet()  # the parquet extra is optional: Parquet beside CSV only with it
    for stem in ("summary", "quantiles", "returns", "scorecard", "ledger"):
        assert f"{stem}.csv" in names
        assert (f"{stem}.parquet" in names) == parquet
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["kind"] == "simulation"
    assert manifest["thesis"] == {
        "name": "Export test",
        "file": "test.yaml",
        "file_hash": "0" * 64,
    }
    assert manifest["scenario"] == "base" and manifest["seed_entropy"] == "3"
    assert manifest["n_paths"] == N and manifest["chunk_size"] == 1000
    assert manifest["method"] == "mc" and manifest["backend"] == "local"
    for lib in ("thesis_model", "python", "numpy", "scipy", "pandas", "matplotlib"):
        assert manifest["versions"][lib]
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    assert set(listed) == names - {"manifest.json"}
    assert listed == ex.file_hashes(out, exclude=["manifest.json"])
    summary = pd.read_csv(out / "summary.csv")
    assert list(summary.columns[:6]) == ["output", "year", "unit", "n", "mean", "mean_se"]
    if parquet:
        assert pd.read_parquet(out / "summary.parquet").shape == summary.shape
    quantiles = pd.read_csv(out / "quantiles.csv")
    assert quantiles.columns.tolist()[:5] == ["output", "year", "unit", "p1", "p2.5"]
    assert quantiles.columns.tolist()[-2:] == ["p97.5", "p99"]
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())


def test_same_seed_gives_byte_identical_files(tmp_path):
    one = result(seed=5).export(tmp_path / "one")
    two = result(seed=5).export(tmp_path / "two")
    h1, h2 = ex.file_hashes(one), ex.file_hashes(two)
    assert h1 == h2
    assert "charts/value_histogram.png" in h1  # charts are covered too
    other = result(seed=6).export(tmp_path / "three", charts=False)
    assert ex.file_hashes(other)["summary.csv"] != h1["summary.csv"]


def test_existing_folder_needs_overwrite(tmp_path):
    target = tmp_path / "run"
    result().export(target, charts=False)
    # the library speaks of its own argument (the command line of --force)
    with pytest.raises(ExportError, match="pass overwrite=True to replace an earlier export"):
        result().export(target, charts=False)
    result(seed=9).export(target, charts=False, overwrite=True)
    assert json.loads((target / "manifest.json").read_text())["seed_entropy"] == "9"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]


def test_never_replaces_a_folder_that_is_not_an_export(tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me")
    with pytest.raises(ExportError, match="not an earlier export"):
        result().export(target, charts=False, overwrite=True)
    assert (target / "notes.txt").read_text() == "keep me"
    file_target = tmp_path / "file"
    file_target.write_text("x")
    with pytest.raises(ExportError, match="not a folder"):
        result().export(file_target, charts=False)


def test_empty_folder_is_filled(tmp_path):
    target = tmp_path / "empty"
    target.mkdir()
    result().export(target, charts=False)
    assert (target / "manifest.json").is_file()


def test_failure_mid_export_leaves_old_folder_intact(tmp_path, monkeypatch):
    target = tmp_path / "run"
    result(seed=1).export(target, charts=False)
    before = ex.file_hashes(target)
    real = ex.write_table

    def failing(frame, folder, stem):
        if stem == "returns":
            raise OSError("disk full")
        return real(frame, folder, stem)

    monkeypatch.setattr(ex, "write_table", failing)
    with pytest.raises(WriteError, match="disk full") as info:
        result(seed=2).export(target, charts=False, overwrite=True)
    # named by the target the caller gave, not by the staging folder that is gone
    assert str(info.value) == f"cannot write to {target}: disk full"
    assert isinstance(info.value, OSError)
    assert ex.file_hashes(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]  # no temp folder left
    # a first export that fails leaves nothing at all
    with pytest.raises(OSError):
        result().export(tmp_path / "new", charts=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]


def test_failure_while_swapping_restores_old_folder(tmp_path, monkeypatch):
    # Where folders cannot be exchanged in one step: old -> aside worked, staged -> target fails.
    import model._folders as folders

    monkeypatch.setenv("THESIS_NO_EXCHANGE", "1")
    target = tmp_path / "run"
    result(seed=1).export(target, charts=False)
    before = ex.file_hashes(target)

    def rename_new(src, dst):
        raise OSError("rename failed")

    monkeypatch.setattr(folders, "rename_new", rename_new)
    with pytest.raises(OSError, match="rename failed"):
        result(seed=2).export(target, charts=False, overwrite=True)
    monkeypatch.undo()
    assert ex.file_hashes(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]


def test_comparison_export(tmp_path):
    th = thesis()
    comp = ComparisonResult(
        {name: result(seed=4, scenario=name, th=th) for name in ("base", "bull", "bear")},
        thesis=th,
    )
    out = comp.export(tmp_path / "cmp", charts=False)
    names = {p.name for p in out.iterdir()}
    for stem in ("summary", "scorecard", "returns", "differences", "classic_view", "ledger"):
        assert f"{stem}.csv" in names, stem
    assert {p.name for p in (out / "scenarios").iterdir()} == {"base", "bull", "bear"}
    assert (out / "scenarios" / "bull" / "summary.csv").is_file()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["kind"] == "comparison"
    assert manifest["scenario_order"] == ["base", "bull", "bear"]
    assert "scenarios/bear/summary.csv" in {f["path"] for f in manifest["files"]}
    again = comp.export(tmp_path / "cmp2", charts=False)
    assert ex.file_hashes(out) == ex.file_hashes(again)


def test_blend_export_lists_weights(tmp_path):
    th = thesis()
    base = result(seed=4, th=th)
    labels = np.where(np.arange(N) % 2 == 0, "base", "bull")
    mixed = SimulationResult(
        thesis=th,
        scenario="blend",
        scenario_label="Blend",
        years=YEARS,
        outputs=dict(base.outputs),
        units=base.units,
        price=100.0,
        currency="HKD",
        seed_entropy=4,
        path_scenarios=labels,
        weights={"base": 0.5, "bull": 0.5},
    )
    out = mixed.export(tmp_path / "blend", charts=False)
    table = pd.read_csv(out / "blend_weights.csv")
    assert table.to_dict("list") == {
        "scenario": ["base", "bull"],
        "weight": [0.5, 0.5],
        "paths": [N // 2, N // 2],
    }
    assert json.loads((out / "manifest.json").read_text())["weights"] == {"base": 0.5, "bull": 0.5}


def test_manifest_records_any_seed(tmp_path):
    listed = dataclasses.replace(result(), seed_entropy=[1, 2], seed_spawn_key=(7,))
    out = listed.export(tmp_path / "seeded", charts=False)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["seed_entropy"] == ["1", "2"] and manifest["seed_spawn_key"] == [7]


def test_tables_are_written_atomically(tmp_path, monkeypatch):
    # a table written on its own replaces the old file whole; a failure leaves it intact and
    # no temporary file behind, and names the file asked for
    from model import _files as io

    frame = pd.DataFrame({"a": [1, 2]})
    ex.write_table(frame, tmp_path, "t")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(io.os, "replace", broken)
    with pytest.raises(WriteError) as info:
        ex.write_table(pd.DataFrame({"a": [3]}), tmp_path, "t")
    assert str(info.value) == f"cannot write to {tmp_path / 't.csv'}: No space left on device"
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_differences_use_the_one_standard_error(tmp_path):
    from model.results.summary import mean_se

    th = thesis()
    comp = ComparisonResult(
        {name: result(seed=s, scenario=name, th=th) for s, name in ((4, "base"), (5, "bull"))},
        thesis=th,
    )
    out = comp.export(tmp_path / "cmp", charts=False)
    diffs = pd.read_csv(out / "differences.csv")
    d = comp.difference("bull", "base")
    assert diffs.loc[0, "mean_se"] == pytest.approx(mean_se(d.values, "mc")[0])
