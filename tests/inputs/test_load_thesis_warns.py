"""``model.load_thesis`` warns about a thesis as every ``thesis`` command does (a fraction
written as a whole percentage, a price quoted far from the valuation date), at the caller's
line, once each; the toolkit's own loads stay silent and the command line says each once."""

from __future__ import annotations

import warnings
from pathlib import Path

import model
from model.cli.main import main
from model.errors import ThesisModelWarning
from model.inputs.assembly.thesis import load_thesis as inner_load

from .test_fraction_warnings import MARGIN, write

ROOT = Path(__file__).resolve().parents[2]


def _loaded(path: Path) -> list[warnings.WarningMessage]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.load_thesis(path)
    return list(caught)


def test_a_whole_percentage_is_warned_at_the_callers_line(tmp_path: Path) -> None:
    path = write(tmp_path, MARGIN)
    line = 1 + path.read_text().splitlines().index("    value: 40")
    caught = _loaded(path)
    said = [w for w in caught if "did you mean 0.4?" in str(w.message)]
    assert len(said) == 1, [str(w.message) for w in caught]
    (w,) = said
    assert issubclass(w.category, ThesisModelWarning)
    assert str(w.message).startswith(f"{path}:{line}: assumptions.margin.value: 40 in unit '%'")
    assert w.filename == __file__


def test_a_price_quoted_long_before_the_valuation_date_is_warned() -> None:
    caught = _loaded(ROOT / "assumptions" / "alibaba.yaml")
    assert any("thesis.price.date: the price is dated" in str(w.message) for w in caught)
    assert {w.filename for w in caught} == {__file__}


def test_a_thesis_as_written_gives_no_warning(tmp_path: Path) -> None:
    assert _loaded(write(tmp_path)) == []


def test_the_toolkits_own_loader_stays_silent(tmp_path: Path) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        inner_load(write(tmp_path, MARGIN))
    assert caught == []


def test_the_command_line_says_each_warning_once(tmp_path: Path, capsys) -> None:
    assert main(["validate", str(write(tmp_path, MARGIN))]) == 0
    assert capsys.readouterr().err.count("did you mean 0.4?") == 1


def test_a_path_given_to_simulate_or_compare_warns_as_a_loaded_thesis(tmp_path: Path) -> None:
    # model.simulate(path) and model.compare(path) load the file for the user: the same
    # warnings, at the caller's line; a thesis already loaded is not warned about again.
    path = write(tmp_path, MARGIN)
    for call in (
        lambda: model.simulate(path, n_paths=50, seed=1),
        lambda: model.compare(path, n_paths=50, seed=1),
    ):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            call()
        said = [w for w in caught if "did you mean 0.4?" in str(w.message)]
        assert len(said) == 1, [str(w.message) for w in caught]
        assert said[0].filename == __file__
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        thesis = inner_load(path)
        model.simulate(thesis, n_paths=50, seed=1)
    assert not [w for w in caught if "did you mean 0.4?" in str(w.message)]
