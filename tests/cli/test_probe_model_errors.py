"""A model that cannot be valued names the line that wires it, and is bad input (exit 2) for
``validate``, ``run`` and ``sensitivity`` alike, and for the Python API a located ThesisError,
at the load as at the run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisError
from model.inputs.assembly.thesis import load_thesis as inner_load

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"

CASES = [
    # (old text, new text, line holding the needle, field, words)
    ("{weight: 1,", "{weight: -1,", "weight: -1", "model.valuation.legs.ev_sales.weight", ">= 0"),
    ("{weight: 1,", "{weight: 0,", "legs:", "model.valuation.legs", "must sum to 1"),
    (
        "value: sales * margin",
        "value: sales * margin / 0",
        "value: sales * margin / 0",
        "model.lines.operating_profit.value",
        "has no value",
    ),
]


def _copy(tmp_path: Path, old: str, new: str) -> tuple[Path, str]:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(("old", "new", "needle", "field", "words"), CASES)
@pytest.mark.parametrize("command", ["validate", "run", "sensitivity"])
def test_model_errors_are_located_bad_input(
    tmp_path, capsys, command, old, new, needle, field, words
) -> None:
    path, text = _copy(tmp_path, old, new)
    extra = {"run": ["--paths", "1000", "--seed", "1", "--no-progress"]}.get(command, [])
    assert main([command, str(path), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    assert re.search(rf"thesis\.yaml:{_line(text, needle)}: {re.escape(field)}: ", err), err
    assert words in err


def test_load_and_simulate_raise_a_located_thesis_error(tmp_path) -> None:
    path, text = _copy(tmp_path, *CASES[0][:2])
    with pytest.raises(ThesisError) as loaded:
        model.load_thesis(path)  # refused at the load, as validate refuses it
    thesis = inner_load(path)  # read as written, the run refuses it all the same
    with pytest.raises(ThesisError) as ran:
        model.simulate(thesis, n_paths=1000, seed=1)
    for info in (loaded, ran):
        assert info.value.line == _line(text, "weight: -1")
        assert info.value.field == "model.valuation.legs.ev_sales.weight"
