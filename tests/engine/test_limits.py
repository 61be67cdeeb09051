"""Resource limits: a minimum chunk size, and runs that cannot fit in memory refused up front."""

from __future__ import annotations

import time

import numpy as np
import pytest

import model.engine.execution.limits as limits
from model.engine import ModelSpec, Process, Variable, from_params, run
from model.engine.execution.limits import (
    MIN_CHUNK_SIZE,
    MemoryEstimate,
    ResourceLimitError,
    available_memory,
    estimate_memory,
    format_bytes,
)
from model.errors import EngineError, ThesisModelWarning

YEARS = tuple(range(2025, 2031))


def spec() -> ModelSpec:
    return ModelSpec(
        (
            Variable("a", from_params("normal", {"mean": 1.0, "sd": 2.0})),
            Variable("g0", from_params("uniform", {"min": 0.0, "max": 0.1})),
        ),
        processes=(Process("g", "g0", 0.05, 0.5, 0.02),),
        years=YEARS,
    )


def model(x):
    return {"v": x["a"] * 2.0, "path": x["g"] + x["a"][:, None], "w": x["a"] ** 2}


@pytest.mark.parametrize("bad", [1, 10, MIN_CHUNK_SIZE - 1])
def test_tiny_chunks_are_refused_with_the_minimum(bad):
    t0 = time.perf_counter()
    with pytest.raises(EngineError, match=f"at least {MIN_CHUNK_SIZE} paths \\(got {bad}\\)"):
        run(spec(), model, 20_000, seed=1, chunk_size=bad)
    assert time.perf_counter() - t0 < 5


def test_the_minimum_chunk_gives_the_same_result():
    a = run(spec(), model, 5_000, seed=1, chunk_size=MIN_CHUNK_SIZE)
    b = run(spec(), model, 5_000, seed=1)
    np.testing.assert_array_equal(a.outputs["path"], b.outputs["path"])


def test_the_estimate_counts_kept_outputs_by_their_years():
    n = 300_000
    est = estimate_memory(spec(), model, n, keep=None, keep_inputs=frozenset(), chunk=65_536)
    # v and w: 8 bytes a path; path: 6 years x 8 bytes; plus per-unit statistics.
    kept = 8 * (1 + 6 + 1)
    assert kept <= est.per_path < kept + 1
    only_v = estimate_memory(spec(), model, n, keep=frozenset({"v"}), chunk=65_536)
    assert 8 <= only_v.per_path < 9
    inputs = estimate_memory(spec(), model, n, keep=frozenset(), keep_inputs=None, chunk=65_536)
    assert inputs.per_path >= 8 * (1 + 1 + 6)  # a, g0, g
    # The estimate matches what a run keeps.
    res = run(spec(), model, n, seed=1)
    kept_bytes = sum(a.nbytes for a in res.outputs.values())
    assert est.runs * n * est.per_path == pytest.approx(kept_bytes, rel=0.01)


def test_a_run_that_cannot_fit_is_refused_at_once_saying_how_many_paths_fit():
    t0 = time.perf_counter()
    with pytest.raises(ResourceLimitError) as err:
        run(spec(), model, 10**12, seed=1)
    assert time.perf_counter() - t0 < 5
    text = str(err.value)
    assert "1,000,000,000,000 paths need about" in text and "at most" in text
    assert "paths fit" in text and "\n" not in text
    fit = int(text.split("at most ")[1].split(" paths")[0].replace(",", ""))
    assert 0 < fit < 10**12


def test_the_limit_uses_the_memory_available(monkeypatch):
    monkeypatch.setattr(limits, "available_memory", lambda: 30 * 2**20)  # 30 MB
    est = estimate_memory(spec(), model, 200_000, chunk=65_536)
    assert not est.fits
    with pytest.raises(ResourceLimitError, match=f"at most {est.max_paths:,} paths fit"):
        run(spec(), model, 200_000, seed=1)
    # What the message promises does fit.
    assert 0 < est.max_paths < 200_000
    assert MemoryEstimate(est.max_paths, est.per_path, est.fixed, available=est.available).fits
    # Inputs only: keep nothing and the same run fits.
    run(spec(), model, 200_000, seed=1, keep=["v"])


def test_a_single_chunk_run_is_not_estimated(monkeypatch):
    monkeypatch.setattr(limits, "available_memory", lambda: 1)
    run(spec(), model, 5_000, seed=1)  # one chunk: its memory is the chunk's


def test_one_large_chunk_is_estimated_and_refused_naming_the_chunk(monkeypatch):
    # A run of one chunk skipped the estimate whatever its size: 20 million paths in one
    # chunk ran out of memory instead of being refused.
    monkeypatch.setattr(limits, "available_memory", lambda: 30 * 2**20)  # 30 MB
    with pytest.raises(ResourceLimitError) as info:
        run(spec(), model, 400_000, seed=1, chunk_size=400_000)
    message = str(info.value)
    assert "chunks of 400,000 paths alone do not fit; use smaller chunks" in message, message
    # In blocks the same paths fit the same memory.
    run(spec(), model, 400_000, seed=1, keep=["v"])


def test_a_precision_target_stops_growing_where_memory_ends(monkeypatch):
    monkeypatch.setattr(limits, "available_memory", lambda: 30 * 2**20)
    # A toolkit warning, as the README says every warning is (a UserWarning filter still fits).
    with pytest.warns(ThesisModelWarning, match="precision target was not reached"):
        res = run(spec(), model, 65_536, seed=1, target="v", target_se=1e-9, keep=["v"])
    assert res.converged is False


def test_several_runs_at_once_divide_the_paths_that_fit():
    one = MemoryEstimate(1_000, per_path=100.0, fixed=1_000.0, available=101_000)
    three = MemoryEstimate(1_000, per_path=100.0, fixed=1_000.0, runs=3, available=101_000)
    assert one.fits and one.max_paths == 1_000
    assert not three.fits and three.max_paths == 333
    assert "in each of 3 runs" in three.message() and "333 paths a run" in three.message()


def test_available_memory_is_a_positive_number_here():
    found = available_memory()
    assert found is None or found > 0


def test_format_bytes():
    assert format_bytes(512) == "512 bytes"
    assert format_bytes(1536) == "1.5 KB"
    assert format_bytes(3 * 2**40) == "3.0 TB"
    # Past a thousand petabytes, in powers of ten: no string of digits to count.
    assert format_bytes(9999 * 2**50) == "9999.0 PB"
    assert format_bytes(1.4e18 * 2**50) == "1.4e+18 PB"


def test_the_command_line_refuses_one_large_chunk_up_front(monkeypatch, capsys):
    from pathlib import Path

    from model.cli.main import main

    template = Path(__file__).resolve().parents[2] / "assumptions/templates/growth-company.yaml"
    monkeypatch.setattr(limits, "available_memory", lambda: 30 * 2**20)  # 30 MB
    argv = ["run", str(template), "--paths", "400000", "--chunk-size", "400000", "-q"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "chunks of 400,000 paths alone do not fit" in err, err
