"""``keep=``: outputs kept per path, the others streamed into exact means and sketched quantiles."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from model.engine.summaries.sketch import MANTISSA_BITS, ZERO_BELOW
from model.errors import SettingsError, UnknownScenarioError
from model.scenarios import RunSettings, compare, simulate

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"
VALUE = "value_per_share"


@pytest.fixture(scope="module")
def thesis():
    from model.inputs.assembly.thesis import load_thesis

    return load_thesis(THESIS)


def test_streamed_outputs_summarise_like_kept_ones(thesis):
    full = simulate(thesis, n_paths=30_000, seed=8, progress=False)
    lean = simulate(thesis, n_paths=30_000, seed=8, keep=[VALUE], keep_inputs=False)
    assert list(lean.outputs) == [VALUE]
    assert set(lean.streamed) == set(full.outputs) - {VALUE}
    a, b = full.summary(), lean.summary()
    assert list(a.index) == list(b.index)
    # Means and sds are the engine's exact streaming sums.
    np.testing.assert_allclose(b["mean"], a["mean"], rtol=1e-12, atol=1e-12)
    # (a constant output's sd is rounding noise either way: compare on the output's scale)
    scale = 1e-9 * np.maximum(a["mean"].abs().to_numpy(), 1.0)
    assert np.all(np.abs(b["sd"].to_numpy() - a["sd"].to_numpy()) <= scale + 1e-9 * a["sd"])
    # Quantiles within the sketch's stated bound of the exact ones.
    for col in ("p5", "p25", "p50", "p95"):
        bound = 2.0 ** -(MANTISSA_BITS + 1) * a[col].abs() * 1.001 + ZERO_BELOW
        # (the bound is on the order statistics next to the quantile; 0.1% slack covers
        # their spacing)
        assert np.all((b[col] - a[col]).abs() <= bound + 1e-9 * a[col].abs().max())
    # The kept output is exact, and its rows equal the full run's.
    np.testing.assert_array_equal(b.loc[VALUE].to_numpy(), a.loc[VALUE].to_numpy())


def test_a_streamed_output_has_no_paths_and_says_how_to_keep_it(thesis):
    lean = simulate(thesis, n_paths=2_000, seed=8, keep=[VALUE])
    with pytest.raises(SettingsError, match="keep="):
        lean.array("revenue_cloud_total")


def test_compare_keeps_the_same_outputs_in_every_scenario(thesis):
    comp = compare(thesis, ["base", "bull"], n_paths=2_000, seed=1, keep=(VALUE,))
    assert all(list(r.outputs) == [VALUE] for r in comp.results.values())
    diff = comp.difference("bull", "base", VALUE)
    assert np.isfinite(diff.mean)


def test_keep_and_inputs_for_are_validated():
    with pytest.raises(SettingsError):
        RunSettings(keep=[1, 2])
    assert RunSettings(keep=VALUE).keep == (VALUE,)
    assert RunSettings(inputs_for=["base"]).inputs_for == ("base",)


def test_inputs_for_keeps_inputs_of_the_named_scenarios_only(thesis):
    comp = compare(
        thesis, ["base", "bull"], n_paths=1_000, seed=1, keep_inputs=True, inputs_for=("base",)
    )
    assert len(comp["base"].inputs) > len(comp["bull"].inputs)


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["nosuch"], "inputs_for: unknown scenario 'nosuch'; known: base, bear, bull"),
        (["base", "bul"], "inputs_for: unknown scenario 'bul'; did you mean 'bull'?"),
    ],
)
def test_inputs_for_refuses_a_name_that_is_no_scenario(thesis, names, message):
    """An unknown name kept no scenario's inputs without a word; it is refused before any run,
    in simulate and compare alike, with the closest scenario names."""
    with pytest.raises(UnknownScenarioError, match=message.replace("?", r"\?")):
        simulate(thesis, n_paths=100, seed=1, progress=False, inputs_for=names)
    with pytest.raises(UnknownScenarioError, match=message.replace("?", r"\?")):
        compare(thesis, ["base", "bull"], n_paths=100, seed=1, progress=False, inputs_for=names)
