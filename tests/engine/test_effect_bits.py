"""Event effects give the plain formula's values bit for bit, whatever the values.

The plain formula combines every year's target with ``by`` where the event has happened and
with the operation's identity (``x * 1.0``, ``x + -0.0``) elsewhere. The engine's effects must
agree with it on every bit, NaN payloads and signed zeros included, for static and per-year
targets, ``by`` per path or common, one-off and repeatable events, and events limited to some
years.
"""

from __future__ import annotations

import numpy as np
import pytest

from model.engine.execution import events
from model.engine.execution.events import apply_effect, median_counts, occurrence_counts
from model.engine.spec import EffectOp

N_YEARS = 6
#: Two NaNs of different sign and payload: which one a product keeps depends on operand order.
NAN_NEG = np.array([0xFFF8000000000000], dtype=np.uint64).view(np.float64)[0]
NAN_PAYLOAD = np.array([0x7FF8000000000123], dtype=np.uint64).view(np.float64)[0]
SPECIAL = np.array(
    [-0.0, 0.0, np.inf, -np.inf, np.nan, NAN_NEG, NAN_PAYLOAD, 5e-324, -1e-310, 1.0, -2.5, 1e308]
)


def plain(target, counts, op, by, repeatable):
    """The effect year by year, combined with the identity where nothing happened."""
    n_years, n = counts.shape
    rows = target.T if target.ndim == 2 else np.broadcast_to(target, (n_years, n))
    out = np.empty((n_years, n))
    out[0] = rows[0]
    by = np.asarray(by, dtype=np.float64)
    multiply = op is EffectOp.MULTIPLY
    for t in range(1, n_years):
        c = counts[t]
        if repeatable:
            step = np.power(by, c) if multiply else by * c
        else:
            step = np.where(c > 0, by, 1.0 if multiply else -0.0)
        (np.multiply if multiply else np.add)(rows[t], step, out=out[t])
    return out.T


def same_bits(got: np.ndarray, want: np.ndarray) -> None:
    assert got.shape == want.shape and got.dtype == want.dtype == np.float64
    np.testing.assert_array_equal(got.view(np.int64), want.view(np.int64))


@np.errstate(over="ignore")
def targets(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    static = np.resize(SPECIAL, n)
    rng.shuffle(static)
    year_major = np.resize(SPECIAL, (N_YEARS, n))
    rng.shuffle(year_major, axis=1)
    return {
        "static": static,
        "static_float32": static.astype(np.float32),  # 1e308 becomes inf
        "per_year_path_major": np.ascontiguousarray(year_major.T),
        "per_year_year_major": year_major.T,
    }


def bys(n: int, rng: np.random.Generator) -> dict[str, np.ndarray | float]:
    per_path = np.resize(np.concatenate([SPECIAL, rng.uniform(-3.0, 3.0, 5)]), n)
    rng.shuffle(per_path)
    out: dict[str, np.ndarray | float] = {"per_path": per_path}
    for name, value in [
        ("nan", np.nan),
        ("nan_neg", NAN_NEG),
        ("neg_zero", -0.0),
        ("zero", 0.0),
        ("inf", np.inf),
        ("one", 1.0),
        ("plain", 0.7),
    ]:
        out[name] = float(value)
    return out


def all_counts(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    u = rng.random((N_YEARS - 1, n))
    return {
        "every_year": occurrence_counts(u, 0.3),
        "some_years": occurrence_counts(u, 0.5, chances=(2, 4)),
        "per_path_prob": occurrence_counts(u, rng.random(n)),
        "never": occurrence_counts(u, 0.0),
        "always": occurrence_counts(u, 1.0),
        "median": median_counts(0.4, N_YEARS, n, False),
    }


@pytest.mark.parametrize("n", [1, 7, 1_001, 5_003])
@pytest.mark.parametrize("op", list(EffectOp))
@pytest.mark.parametrize("repeatable", [False, True])
@pytest.mark.parametrize("bitwise_from", [0, events.BITWISE_MIN_PATHS])
def test_effects_equal_the_plain_formula_bit_for_bit(
    n, op, repeatable, bitwise_from, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every size through the bit-by-bit picks, and each size through the path a run takes.
    monkeypatch.setattr(events, "BITWISE_MIN_PATHS", bitwise_from)
    rng = np.random.default_rng(n)
    counts_by_name = all_counts(n, rng)
    for tname, target in targets(n, rng).items():
        for bname, by in bys(n, rng).items():
            for cname, counts in counts_by_name.items():
                with np.errstate(all="ignore"):  # inf * 0, inf - inf on purpose
                    got = apply_effect(target, counts, op, by, repeatable)
                    want = plain(target, counts, op, by, repeatable)
                try:
                    same_bits(got, want)
                except AssertionError as err:
                    raise AssertionError(f"{tname} by {bname}, counts {cname}") from err
                # Year-major like the other per-year inputs: each year contiguous.
                assert got.T.flags.c_contiguous


def test_a_one_off_effect_leaves_its_target_and_by_alone() -> None:
    rng = np.random.default_rng(2)
    n = 500
    counts = occurrence_counts(rng.random((N_YEARS - 1, n)), 0.3)
    for target in targets(n, rng).values():
        target.setflags(write=False)
        by = rng.random(n)
        before, by_before = target.copy(), by.copy()
        apply_effect(target, counts, EffectOp.MULTIPLY, by, False)
        assert target.tobytes() == before.tobytes()
        assert by.tobytes() == by_before.tobytes()


FINITE = np.array([-0.0, 0.0, 5e-324, -1e-310, 1.0, -2.5, 3.75e5, -7e-3])


@pytest.mark.parametrize("op", list(EffectOp))
def test_finite_values_take_the_bitwise_picks_and_keep_their_bits(op) -> None:
    rng = np.random.default_rng(11)
    n = 4099
    target = np.resize(FINITE, n).copy()
    rng.shuffle(target)
    by = np.resize(FINITE[::-1], n).copy()
    counts = occurrence_counts(rng.random((N_YEARS - 1, n)), 0.4)
    step = np.ascontiguousarray(by)
    combine = np.multiply if op is EffectOp.MULTIPLY else np.add
    picked = events._apply_once(target, counts, combine, step)
    assert picked is not None  # the picks, not the plain formula, made these values
    same_bits(picked, plain(target, counts, op, by, False))


@pytest.mark.parametrize("static", [True, False])
@pytest.mark.parametrize(
    ("op", "x", "by"),
    [
        (EffectOp.MULTIPLY, 1e10, 1e300),
        (EffectOp.MULTIPLY, np.inf, 0.0),
        (EffectOp.ADD, np.inf, -np.inf),
    ],
)
def test_an_event_that_never_happened_raises_no_floating_point_error(op, x, by, static) -> None:
    n = events.BITWISE_MIN_PATHS + 3
    target = np.full(n if static else (n, N_YEARS), x)
    never = np.zeros((N_YEARS, n))
    with np.errstate(all="raise"):
        got = apply_effect(target, never, op, by, False)
    same_bits(got, plain(target, never, op, by, False))
    # Where it happened the product overflows or is invalid, as the plain formula's is.
    once = never.copy()
    once[2:, 7] = 1.0
    with np.errstate(all="raise"), pytest.raises(FloatingPointError):
        plain(target, once, op, by, False)
    with np.errstate(all="raise"), pytest.raises(FloatingPointError):
        apply_effect(target, once, op, by, False)
    with np.errstate(all="ignore"):
        same_bits(apply_effect(target, once, op, by, False), plain(target, once, op, by, False))


def test_a_by_of_one_value_combines_as_a_full_array_does() -> None:
    n = events.BITWISE_MIN_PATHS
    target = np.full(n, NAN_PAYLOAD)
    counts = np.ones((N_YEARS, n))
    counts[0] = 0.0
    by = np.array([np.nan])
    got = apply_effect(target, counts, EffectOp.MULTIPLY, by, False)
    same_bits(got, plain(target, counts, EffectOp.MULTIPLY, by, False))
