"""Sums of products over paths: exact enough, and the same bits whatever the thread count."""

from __future__ import annotations

import math
import os
import subprocess
import sys

import numpy as np

from model.engine.summaries.stats import sum_of_products

_PROGRAM = (
    "import numpy as np\n"
    "from model.engine.summaries.stats import sum_of_products\n"
    "r = np.random.default_rng(7)\n"
    "a, b = r.random(1_000_003), r.standard_normal(1_000_003)\n"
    "print(sum_of_products(a, b).hex())\n"
)


def test_agrees_with_an_exactly_rounded_sum():
    r = np.random.default_rng(3)
    a, b = r.lognormal(0.0, 1.0, 200_001), r.standard_normal(200_001)
    exact = math.fsum((a * b).tolist())
    scale = math.fsum(np.abs(a * b).tolist())
    assert abs(sum_of_products(a, b) - exact) <= 1e-13 * scale


def test_the_same_bits_with_one_thread_or_several():
    # A threaded BLAS dot product splits the sum by thread; the helper must not.
    out = set()
    for threads in ("1", "2", "4"):
        env = {
            **os.environ,
            "OPENBLAS_NUM_THREADS": threads,
            "OMP_NUM_THREADS": threads,
            "MKL_NUM_THREADS": threads,
        }
        run = subprocess.run(
            [sys.executable, "-c", _PROGRAM], capture_output=True, text=True, env=env, check=True
        )
        out.add(run.stdout.strip())
    assert len(out) == 1, out
