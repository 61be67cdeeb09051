"""``model.load_thesis`` refuses a thesis' evidence entry as ``thesis validate`` does: a quantity
the model does not have, a per-year one without its year, a year off the horizon or a
true/false statement, at the entry's file, line and field, before any run."""

from __future__ import annotations

import warnings

import pytest
from test_thesis_sections import EVIDENCE

import model
from model.cli.main import main
from model.errors import ThesisError

BAD = [
    ("growht", "unknown output 'growht'"),
    ("sales", "select a year"),
    ("sales[2040]", "year 2040 is outside the thesis horizon"),
    ("growth > 0", "true/false"),
]


def _line_of(path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def _with_quantity(write_vintage, folder, quantity: str):
    top = EVIDENCE.replace('quantity: "growth"', f'quantity: "{quantity}"')
    return write_vintage(folder / "example.yaml", extra_top=top)


@pytest.mark.parametrize(("quantity", "words"), BAD)
def test_load_refuses_what_validate_refuses(tmp_path, write_vintage, capsys, quantity, words):
    path = _with_quantity(write_vintage, tmp_path, quantity)
    with pytest.raises(ThesisError) as info:
        model.load_thesis(path)
    said = str(info.value)
    line = _line_of(path, f'quantity: "{quantity}"')
    assert said.startswith(f"{path}:{line}: evidence.growth_seen: ") and words in said, said
    assert main(["validate", str(path)]) == 2
    assert f"error: {said}" in capsys.readouterr().err


def test_a_run_of_the_file_refuses_it_before_simulating(tmp_path, write_vintage):
    path = _with_quantity(write_vintage, tmp_path, "growht")
    with pytest.raises(ThesisError, match=r"evidence\.growth_seen: unknown output 'growht'"):
        model.simulate(path, n_paths=100, seed=1)


def test_an_evidence_file_is_checked_at_load_too(tmp_path, write_vintage):
    (tmp_path / "ev.yaml").write_text(
        EVIDENCE.replace('quantity: "growth"', 'quantity: "sales[2040]"'), encoding="utf-8"
    )
    path = write_vintage(tmp_path / "example.yaml", extra_top="evidence_file: ev.yaml\n")
    with pytest.raises(ThesisError, match=r"ev\.yaml:\d+: evidence\.growth_seen: year 2040"):
        model.load_thesis(path)


def test_evidence_of_the_model_loads_as_before(tmp_path, write_vintage):
    plain = write_vintage(tmp_path / "plain.yaml")
    path = write_vintage(tmp_path / "example.yaml", extra_top=EVIDENCE)
    with warnings.catch_warnings(record=True) as without:
        warnings.simplefilter("always")
        model.load_thesis(plain)
    with warnings.catch_warnings(record=True) as given:
        warnings.simplefilter("always")
        thesis = model.load_thesis(path)
    assert [str(w.message) for w in given] == [str(w.message) for w in without]
    assert model.condition(thesis, n_paths=400, seed=1, min_ess=1).n_paths == 400
