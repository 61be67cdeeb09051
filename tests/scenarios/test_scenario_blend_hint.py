"""Asking for the scenario 'blend' says how to get the probability-weighted blend."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model
from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _thesis(tmp_path: Path) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    path = tmp_path / "example.yaml"
    path.write_text(found.group(1), encoding="utf-8")
    return path


def test_simulate_names_model_blend(tmp_path: Path) -> None:
    # 'blend' is reserved for the weighted blend (README), yet asking for it said only
    # "unknown scenario 'blend'; known: base, bear", as if the name were misspelt.
    thesis = model.load_thesis(_thesis(tmp_path))
    with pytest.raises(model.errors.UnknownScenarioError, match=r"model\.blend\(thesis\)"):
        model.simulate(thesis, scenario="blend", n_paths=1000, seed=1)


def test_run_names_the_blend_option(tmp_path: Path, capsys) -> None:
    path = _thesis(tmp_path)
    assert main(["run", str(path), "--scenario", "blend", "--paths", "1000"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "thesis run --blend" in err, err


def test_another_unknown_name_keeps_its_plain_message(tmp_path: Path) -> None:
    thesis = model.load_thesis(_thesis(tmp_path))
    with pytest.raises(model.errors.UnknownScenarioError) as caught:
        model.simulate(thesis, scenario="bare", n_paths=1000, seed=1)
    assert "blend" not in str(caught.value) and "bear" in str(caught.value)
