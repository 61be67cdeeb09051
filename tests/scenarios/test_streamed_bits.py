"""A thesis run's results, kept and streamed, are the same bits whatever the chunks and backend.

Speed work on the engine or the model must leave every kept array, streamed mean, sd and
quantile sketch exactly as it was; comparing runs that differ only in how they are cut up
catches a change that makes any of them depend on the chunk (a reduction across a chunk's
paths, a buffer reused between outputs, a layout that changes an order of additions).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from model.scenarios import simulate

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"
#: Above the exact-inverse limit, so the tabulated inverses run too; not a whole number of
#: statistics units, so the last unit is short.
N_PATHS = 20_011


@pytest.fixture(scope="module")
def thesis():
    from model.inputs.assembly.thesis import load_thesis

    return load_thesis(THESIS)


def _bits(a: np.ndarray) -> tuple[tuple[int, ...], bytes]:
    a = np.ascontiguousarray(a)
    return a.shape, a.tobytes()


def _digest(result) -> dict[str, object]:
    out: dict[str, object] = {f"kept {k}": _bits(v) for k, v in result.outputs.items()}
    for name, (summary, sketches) in result.streamed.items():
        out[f"streamed {name}"] = (
            _bits(summary.mean),
            _bits(summary.sd),
            _bits(summary.se),
            summary.n,
            [(s.n, s.pos.lo, _bits(s.pos.counts), s.neg.lo, _bits(s.neg.counts)) for s in sketches],
        )
    return out


@pytest.mark.parametrize(
    "options",
    [{"chunk_size": 3_001}, {"chunk_size": 7_168}, {"backend": "parallel", "chunk_size": 4_096}],
    ids=["odd-chunks", "whole-units", "parallel"],
)
def test_streamed_summaries_do_not_depend_on_chunks_or_backend(thesis, options):
    run = {"n_paths": N_PATHS, "seed": 7, "keep": ["value_per_share"], "keep_inputs": False}
    reference = _digest(simulate(thesis, progress=False, **run))
    other = _digest(simulate(thesis, progress=False, **run, **options))
    assert reference.keys() == other.keys()
    assert len(reference) > 40  # every output of the model, most of them streamed
    different = sorted(k for k in reference if reference[k] != other[k])
    assert not different, f"differ with {options}: {different}"
