"""A process in unit ``share`` with yearly shocks is refused at its ``shock_sd`` line, as a
``normal`` share without bounds is: its normal shocks take paths outside [0, 1] (an occupancy
of 191 %) and a process takes no bounds. Without shocks it stays between its start and mean."""

from __future__ import annotations

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


@pytest.mark.parametrize("sd", ["0.2", "0.01"])
def test_a_share_process_with_shocks_is_refused_at_its_shock_sd(thesis_copy, sd):
    text = share_process(thesis_copy, f"{{mean: 0.9, shock_sd: {sd}, reversion: 0.3, start: 0.88}}")
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "shock_sd: " + sd),
        "assumptions.growth_path.process.shock_sd",
        "unit 'share' needs values in [0, 1]",
        f"shock_sd {sd}",
        "a process takes no bounds",
        "use unit '%'",
    )


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
        "use unit '%'",
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
