"""``model.condition`` takes its path counts as whole numbers, as a run does.

``n_paths`` went through ``int()``: 1,000.7 paths ran as 1,000 and ``True`` as one path,
silently, and text ended in Python's ValueError; ``max_paths`` was not checked at all and
failed with a TypeError once the evidence asked for more paths.
"""

from __future__ import annotations

import pytest

import model
from model.errors import SettingsError

EVIDENCE = {
    "growth_seen": {
        "quantity": "growth",
        "unit": "%",
        "value": 0.08,
        "sd": 0.02,
        "source": {"estimate": "Growth observed for this test of path counts"},
    }
}


@pytest.mark.parametrize(
    ("setting", "value"),
    [("n_paths", 1000.7), ("n_paths", True), ("n_paths", "x"), ("n_paths", 0), ("max_paths", "x")],
)
def test_a_path_count_that_is_not_a_whole_number_is_refused(vintage_pair, setting, value):
    _, new = vintage_pair
    with pytest.raises(SettingsError, match=f"{setting} must be a positive integer"):
        model.condition(new, EVIDENCE, seed=1, resimulate=True, **{setting: value})


def test_whole_path_counts_still_condition_as_the_closed_form_says(vintage_pair):
    import numpy as np

    _, new = vintage_pair
    out = model.condition(new, EVIDENCE, n_paths=np.int64(40_000), seed=1, max_paths=50_000)
    # growth ~ N(0.07, 0.03) observed as 0.08 +- 0.02: the normal-normal posterior
    prior_var, noise_var = 0.03**2, 0.02**2
    mean = 0.07 + prior_var / (prior_var + noise_var) * (0.08 - 0.07)
    sd = (prior_var * noise_var / (prior_var + noise_var)) ** 0.5
    row = out.summary("growth").iloc[0]
    assert out.n_paths == 40_000
    assert row["mean"] == pytest.approx(mean, abs=4 * row["mean_se"])
    assert row["sd"] == pytest.approx(sd, abs=4 * row["sd_se"])
