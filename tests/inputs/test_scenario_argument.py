"""``load_thesis(path, scenario=...)`` with a scenario that is not text is the project's error,
not a TypeError from deep inside the name suggestions."""

from __future__ import annotations

import pytest

from model.errors import UnknownScenarioError
from model.inputs import load_thesis

from .conftest import ThesisCopy


@pytest.mark.parametrize("scenario", [5, ["bull"], b"bull", 2.5])
def test_a_scenario_that_is_not_text_is_refused(thesis_copy: ThesisCopy, scenario) -> None:
    with pytest.raises(UnknownScenarioError, match="a scenario name must be a string"):
        load_thesis(thesis_copy.path, scenario=scenario)


def test_text_and_none_still_work(thesis_copy: ThesisCopy) -> None:
    assert load_thesis(thesis_copy.path, scenario="bull").scenario == "bull"
    assert load_thesis(thesis_copy.path, scenario=None).scenario == "base"
