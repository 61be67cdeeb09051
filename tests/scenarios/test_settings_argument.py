"""A run's ``settings`` argument of the wrong kind is named, not an attribute error inside."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import SettingsError
from model.scenarios import RunSettings

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.mark.parametrize("bad", [{"n_paths": 1000, "seed": 1}, 1000, "mc"])
def test_compare_and_blend_name_settings_of_the_wrong_kind(bad) -> None:
    thesis = model.load_thesis(THESIS)
    for call in (
        lambda: model.compare(thesis, ["base"], bad),
        lambda: model.blend(thesis, settings=bad),
    ):
        with pytest.raises(SettingsError, match="settings must be a RunSettings") as info:
            call()
        assert type(bad).__name__ in str(info.value)


def test_run_settings_of_refuses_anything_but_run_settings() -> None:
    with pytest.raises(SettingsError, match=r"n_paths=.*seed="):
        RunSettings.of({"n_paths": 1000})  # type: ignore[arg-type]
    assert RunSettings.of(RunSettings(n_paths=1000), seed=2).n_paths == 1000
