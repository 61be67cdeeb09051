"""A keyword that the chosen sensitivity method does not take is named with the ones it does."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import SettingsError

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(THESIS)


def test_misspelt_method_is_named_not_a_tornado_type_error(thesis) -> None:
    with pytest.raises(SettingsError, match=r"sensitivity\(method='tornado'\) takes no option "
                       r"'metod'") as info:  # fmt: skip
        model.sensitivity(thesis, metod="rank")
    assert "tornado()" not in str(info.value)
    assert "low" in str(info.value) and "event_year" in str(info.value)


@pytest.mark.parametrize(
    ("method", "option"),
    [("rank", "low"), ("sobol", "path_summary"), ("tornado", "num_resamples")],
)
def test_an_option_of_another_method_is_named(thesis, method, option) -> None:
    with pytest.raises(SettingsError, match=rf"method='{method}'\) takes no option '{option}'"):
        model.sensitivity(thesis, method=method, n_paths=1000, n_base=16, seed=1, **{option: 1})


def test_the_methods_own_options_still_pass(thesis) -> None:
    tor = model.sensitivity(thesis, low=0.2, high=0.8)
    assert tor.low_quantile == pytest.approx(0.2)
    rank = model.sensitivity(thesis, method="rank", n_paths=1000, seed=1, conf_level=0.9)
    assert rank.conf_level == pytest.approx(0.9)
