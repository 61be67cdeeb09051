"""``min_ess`` follows one rule from Python and the command line: at least 1 effective path.

``thesis update --min-ess 0`` was refused ("at least 1") while ``model.condition(...,
min_ess=0)`` was accepted. Kish's effective sample size ``(sum w)**2 / sum(w**2)`` of
non-negative weights is never below 1, so a floor below 1 asks for nothing a floor of 1 does
not: the command line's rule is the right one, and Python now keeps it.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import SettingsError
from model.results.condition import LowEffectiveSampleWarning, Observation

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"
WATCHED = "revenue_growth_cloud[2025]"


@pytest.fixture(scope="module")
def run():
    return model.simulate(model.load_thesis(THESIS), n_paths=200, seed=4, keep_inputs=True)


@pytest.mark.parametrize("value", [0, 0.5])
def test_python_refuses_a_floor_the_command_line_refuses(run, capsys, value):
    obs = Observation.normal(WATCHED, 0.34, 0.02)
    for call in (lambda: model.condition(run, obs, min_ess=value),
                 lambda: run.condition(obs, min_ess=value)):  # fmt: skip
        with pytest.raises(SettingsError, match=r"min_ess must be .*, at least 1 \(got"):
            call()
    with pytest.raises(SystemExit) as info:
        main(["update", str(THESIS), "--min-ess", str(value), "--paths", "64"])
    assert info.value.code == 2
    assert "--min-ess: must be a number of effective paths, at least 1" in capsys.readouterr().err


def test_a_floor_of_one_asks_for_no_note_however_few_paths_are_left(run):
    # An observation far narrower than the thesis' spread leaves about one effective path.
    growth = run.final("revenue_growth_cloud", 2025)
    obs = Observation.normal(WATCHED, float(growth.max()), 1e-6)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # the evidence is far from most paths: said, not tested
        cond = model.condition(run, obs, min_ess=1)
    assert 1.0 <= cond.ess < 2.0
    assert not cond.low_ess and cond.advice() == ""
    assert not [w for w in caught if issubclass(w.category, LowEffectiveSampleWarning)]
