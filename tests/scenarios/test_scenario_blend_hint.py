"""Asking for the scenario 'blend' says how to get the probability-weighted blend."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.main import main


def _thesis(body: str, tmp_path: Path) -> Path:
    path = tmp_path / "example.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_simulate_names_model_blend(readme_example, tmp_path: Path) -> None:
    # 'blend' is reserved for the weighted blend (README), yet asking for it said only
    # "unknown scenario 'blend'; known: base, bear", as if the name were misspelt.
    thesis = model.load_thesis(_thesis(readme_example, tmp_path))
    with pytest.raises(model.errors.UnknownScenarioError, match=r"model\.blend\(thesis\)"):
        model.simulate(thesis, scenario="blend", n_paths=1000, seed=1)


def test_run_names_the_blend_option(readme_example, tmp_path: Path, capsys) -> None:
    path = _thesis(readme_example, tmp_path)
    assert main(["run", str(path), "--scenario", "blend", "--paths", "1000"]) == 2
    said = capsys.readouterr().err.strip().splitlines()
    # The thesis' warnings (the README example's idle cash) may come first; one error, last.
    errors = [x for x in said if not x.startswith("warning:")]
    assert len(errors) == 1 and errors == said[-1:] and "thesis run --blend" in errors[0], said


def test_another_unknown_name_keeps_its_plain_message(readme_example, tmp_path: Path) -> None:
    thesis = model.load_thesis(_thesis(readme_example, tmp_path))
    with pytest.raises(model.errors.UnknownScenarioError) as caught:
        model.simulate(thesis, scenario="bare", n_paths=1000, seed=1)
    assert "blend" not in str(caught.value) and "bear" in str(caught.value)
