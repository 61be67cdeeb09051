"""The inverse CDFs' fast evaluations give the plain closed forms' values bit for bit.

Each family is compared with its closed form written the plain way, on uniforms that probe
every edge: 0 and -0.0, the smallest uniform, the mode's probability and its neighbours, 1,
NaN, one value and odd sizes.
"""

from __future__ import annotations

import numpy as np
import pytest

from model.engine.draws.distributions import from_params
from model.engine.draws.rng import TINY


def edge_uniforms(fc: float, n: int, seed: int) -> np.ndarray:
    """Random uniforms with the edges of ``[0, 1]`` and of the mode's probability mixed in."""
    edges = [0.0, -0.0, TINY, 2.0**-53, 0.5, 1.0 - 2.0**-53, 1.0, np.nan]
    edges += [fc, np.nextafter(fc, 0.0), np.nextafter(fc, 1.0)]
    u = np.random.default_rng(seed).random(n)
    u[: min(n, len(edges))] = edges[:n]
    np.random.default_rng(seed + 1).shuffle(u)
    return u


def plain_triangular(u: np.ndarray, a: float, c: float, b: float) -> np.ndarray:
    """Each branch of the closed form on its own values."""
    w = b - a
    out = np.empty_like(u)
    below = u < (c - a) / w
    out[below] = np.sqrt(u[below] * w * (c - a)) + a
    out[~below] = b - np.sqrt((1.0 - u[~below]) * w * (b - c))
    return out


TRIANGLES = [
    (18.0, 23.5, 32.1),
    (0.08, 0.15, 0.22),
    (0.0, 0.0, 1.0),  # mode at the minimum
    (-3.0, 2.0, 2.0),  # mode at the maximum
    (-1e-300, 0.0, 1e-300),
    (-5.0, -4.999999, 7e10),
]


@pytest.mark.parametrize(("a", "c", "b"), TRIANGLES)
@pytest.mark.parametrize("n", [1, 2, 11, 4_097])
def test_triangular_inverse_equals_the_closed_form_bit_for_bit(a, c, b, n) -> None:
    dist = from_params("triangular", {"min": a, "mode": c, "max": b})
    u = edge_uniforms((c - a) / (b - a), n, n)
    with np.errstate(invalid="ignore"):
        got = dist.ppf(u)
        want = plain_triangular(u, a, c, b)
    assert got.shape == u.shape and got.dtype == np.float64
    np.testing.assert_array_equal(got.view(np.int64), want.view(np.int64))
    # Shapes other than 1-D, and a scalar, keep their shape.
    square = u[: (n // 2) * 2].reshape(-1, 2) if n > 1 else u.reshape(1, 1)
    with np.errstate(invalid="ignore"):
        np.testing.assert_array_equal(
            dist.ppf(square).view(np.int64), plain_triangular(square, a, c, b).view(np.int64)
        )
    scalar = dist.ppf(0.25)
    assert np.shape(scalar) == ()
    assert float(scalar) == float(plain_triangular(np.array([0.25]), a, c, b)[0])


def test_triangular_inverse_leaves_its_uniforms_alone() -> None:
    dist = from_params("triangular", {"min": 18.0, "mode": 23.5, "max": 32.1})
    u = edge_uniforms(0.5, 1_000, 3)
    before = u.copy()
    u.setflags(write=False)
    dist.ppf(u)
    assert u.tobytes() == before.tobytes()
