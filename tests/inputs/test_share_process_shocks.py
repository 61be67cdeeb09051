"""A process in unit ``share`` whose yearly shocks take paths outside [0, 1] (an occupancy of
191 %) is refused at its ``shock_sd`` line, as a ``normal`` share without bounds is, since a
process takes no bounds; the message gives the largest share of paths outside in a year, which a
simulation of the process confirms. Shocks small against the distance to 0 and 1 (beyond one
path in a million) pass; without shocks a process stays between its start and mean."""

from __future__ import annotations

import re

import numpy as np
import pytest

from model.inputs import load_thesis
from model.inputs.plausibility import implausible_fractions

from .conftest import ThesisCopy, assert_at, fail_load, line_of

PROCESS = "    process: {mean: growth, shock_sd: 0.04, reversion: 1.0, start: 0.05}"
PATH_UNIT = '  growth_path:\n    unit: "%"\n'


def share_process(copy: ThesisCopy, process: str, extra: str = "") -> str:
    copy.edit(PATH_UNIT, "  growth_path:\n    unit: share\n")
    text = copy.edit(PROCESS, f"    process: {process}")
    if extra:
        text = copy.edit("  growth_path:\n", extra + "  growth_path:\n")
    return text


def test_a_share_process_with_wide_shocks_is_refused_at_its_shock_sd(thesis_copy):
    text = share_process(thesis_copy, "{mean: 0.9, shock_sd: 0.2, reversion: 0.3, start: 0.88}")
    error = fail_load(thesis_copy)
    assert_at(
        error,
        "minimal.yaml",
        line_of(text, "shock_sd: 0.2"),
        "assumptions.growth_path.process.shock_sd",
        "unit 'share' needs values in [0, 1]",
        "shock_sd 0.2",
        "a process takes no bounds",
        "or unit '%'",
    )
    found = re.search(
        r"take about ([\d.e-]+) of its paths outside \[0, 1\] in some year", str(error)
    )
    assert found is not None, error
    # The same process simulated: the largest share of paths outside [0, 1] in one year.
    n_years = len(load_thesis_years(thesis_copy))
    rng = np.random.default_rng(7)
    x, worst = np.full(200_000, 0.88), 0.0
    for _ in range(1, n_years):
        x = x + 0.3 * (0.9 - x) + 0.2 * rng.standard_normal(x.size)
        worst = max(worst, float(np.mean((x < 0) | (x > 1))))
    se = np.sqrt(worst * (1 - worst) / x.size)
    assert abs(float(found.group(1)) - worst) <= 4 * se + 0.005, (found.group(1), worst)


def test_a_share_process_with_small_shocks_passes(thesis_copy):
    # 0.88 reverting to 0.9 with a yearly point of noise: 7 standard deviations from 1.
    share_process(thesis_copy, "{mean: 0.9, shock_sd: 0.01, reversion: 0.3, start: 0.88}")
    assert load_thesis(thesis_copy.path).assumptions["growth_path"].unit.bounded_fraction


def test_a_named_shock_sd_of_a_share_process_is_refused_too(thesis_copy):
    noise = (
        "  occupancy_noise:\n    unit: share\n    value: 0.02\n"
        '    source: {estimate: "Two points of yearly noise"}\n'
    )
    text = share_process(
        thesis_copy, "{mean: 0.9, shock_sd: occupancy_noise, reversion: 0.3, start: 0.88}", noise
    )
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "shock_sd: occupancy_noise"),
        "assumptions.growth_path.process.shock_sd",
        "shock_sd 'occupancy_noise'",
        "or unit '%'",
    )


@pytest.mark.parametrize("key", ["start", "mean"])
def test_a_share_process_starting_or_reverting_outside_0_1_is_refused(thesis_copy, key):
    values = {"start": "0.88", "mean": "0.9"} | {key: "1.2"}
    text = share_process(
        thesis_copy,
        f"{{mean: {values['mean']}, shock_sd: 0, reversion: 0.3, start: {values['start']}}}",
    )
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "process: {mean"),
        f"assumptions.growth_path.process.{key}",
        f"the process' {key} is 1.2",
    )


def test_a_share_process_without_shocks_and_a_fraction_process_pass(thesis_copy):
    noise = (
        "  occupancy_noise:\n    unit: share\n    value: 0\n"
        '    source: {estimate: "No yearly noise"}\n'
    )
    share_process(
        thesis_copy, "{mean: 0.9, shock_sd: occupancy_noise, reversion: 0.3, start: 0.88}", noise
    )
    thesis = load_thesis(thesis_copy.path)
    assert thesis.assumptions["growth_path"].unit.bounded_fraction
    assert implausible_fractions(thesis) == []


def test_the_same_shocks_in_unit_percent_pass(thesis_copy):
    process = "{mean: 0.9, shock_sd: 0.2, reversion: 0.3, start: 0.88}"
    thesis_copy.edit(PROCESS, f"    process: {process}")
    assert implausible_fractions(load_thesis(thesis_copy.path)) == []


def load_thesis_years(thesis_copy: ThesisCopy) -> tuple[int, ...]:
    """The model years of the copied thesis (its own file, with a plain share process)."""
    text = thesis_copy.path.read_text(encoding="utf-8")
    first = int(re.search(r"first: (\d{4})", text).group(1))  # type: ignore[union-attr]
    last = int(re.search(r"last: (\d{4})", text).group(1))  # type: ignore[union-attr]
    return tuple(range(first, last + 1))


def test_a_named_shock_sd_drawn_small_passes(thesis_copy):
    # A beta reaches 1 at the top of its support, which no draw comes near: judged by its
    # 99.9th percentile (about 0.02), the shocks stay far inside [0, 1].
    noise = (
        "  occupancy_noise:\n    unit: share\n    dist: beta\n    mean: 0.01\n    sd: 0.003\n"
        '    source: {estimate: "Yearly noise of the share, from past swings"}\n'
    )
    share_process(
        thesis_copy, "{mean: 0.3, shock_sd: occupancy_noise, reversion: 0.5, start: 0.3}", noise
    )
    assert load_thesis(thesis_copy.path).assumptions["growth_path"].unit.bounded_fraction


def test_a_derived_start_is_not_refused_for_being_unknown(thesis_copy):
    derived = '  share_now:\n    unit: share\n    derived: "0.3 * 1"\n'
    share_process(
        thesis_copy, "{mean: 0.3, shock_sd: 0.01, reversion: 0.5, start: share_now}", derived
    )
    assert load_thesis(thesis_copy.path).assumptions["growth_path"].unit.bounded_fraction
