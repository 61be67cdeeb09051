"""``min_ess``: a finite number of effective paths, refused otherwise before any work."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import SettingsError
from model.results.condition import Observation, check_min_ess, condition

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"
BAD = [math.nan, math.inf, -math.inf, -1, 0, 0.5, "1000", True, None]


@pytest.mark.parametrize("value", BAD)
def test_a_min_ess_that_is_no_count_of_paths_is_refused(value):
    with pytest.raises(SettingsError, match="min_ess must be a finite number of effective"):
        check_min_ess(value)


@pytest.mark.parametrize("value", [1, 1000, 2.5e3])
def test_a_count_of_paths_is_accepted(value):
    assert check_min_ess(value) == float(value)


@pytest.fixture(scope="module")
def run():
    return model.simulate(model.load_thesis(THESIS), n_paths=64, seed=1, keep_inputs=True)


@pytest.mark.parametrize("value", [math.nan, math.inf, -5])
def test_condition_refuses_it(run, value):
    obs = Observation.normal("revenue_growth_cloud[2025]", 0.34, 0.02)
    with pytest.raises(SettingsError, match="min_ess"):
        condition(run, obs, min_ess=value)
    with pytest.raises(SettingsError, match="min_ess"):
        model.condition(run, obs, min_ess=value)


@pytest.mark.parametrize("value", ["nan", "inf", "-1"])
def test_update_refuses_it_as_bad_input_without_a_traceback(capsys, value):
    # Refused as the option's value, in the option's name, before anything runs.
    with pytest.raises(SystemExit) as info:
        main(["update", str(THESIS), "--min-ess", value, "--paths", "64"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --min-ess: must be a number of effective paths, at least 1" in err, err
    assert "internal error" not in err and "Traceback" not in err
