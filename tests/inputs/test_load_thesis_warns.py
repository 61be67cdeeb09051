"""``model.load_thesis`` warns about a thesis as every ``thesis`` command does (a fraction
written as a whole percentage, a price quoted far from the valuation date), at the caller's
line, once each; the toolkit's own loads stay silent and the command line says each once."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisModelError, ThesisModelWarning
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


LEG = "      pe: {weight: 1, multiple: pe_exit}"
#: A cost of equity, so that the model states today's value (else validate says it does not).
KE = (
    "  wacc:\n",
    '  cost_of_equity:\n    unit: "%"\n    value: 0.10\n'
    '    source: {estimate: "A cost of equity, an illustrative round number"}\n  wacc:\n',
)
KE_LEG = (LEG, LEG + "\n    cost_of_equity: cost_of_equity")
#: The cash block credits interest at the cost of capital.
RATE = ("      dividends: dividends\n", "      dividends: dividends\n      rate: wacc\n")
NO_RATE = "keeps cash (from 10 USD bn to "


def test_a_thesis_as_written_gives_no_warning(tmp_path: Path) -> None:
    assert _loaded(write(tmp_path, KE, KE_LEG, RATE)) == []


def test_the_central_paths_warnings_come_with_the_load(tmp_path: Path, capsys) -> None:
    # Cash kept without a rate while today's value discounts it: validate warns at the block,
    # and so do the load, a run of the file's path and every command, once each.
    path = write(tmp_path, KE, KE_LEG)
    line = 1 + path.read_text().splitlines().index("    cash:")
    caught = _loaded(path)
    said = [w for w in caught if NO_RATE in str(w.message)]
    assert len(said) == 1, [str(w.message) for w in caught]
    assert str(said[0].message).startswith(f"{path}:{line}: model.blocks.cash: the balance")
    assert said[0].filename == __file__
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.simulate(path, n_paths=50, seed=1)
    assert [w.filename for w in caught if NO_RATE in str(w.message)] == [__file__]
    for command in (["validate"], ["run", "--paths", "50", "--seed", "1", "--no-progress"]):
        assert main([*command, str(path), "-q"]) == 0
        assert capsys.readouterr().err.count(NO_RATE) == 1, command


def test_a_model_warning_is_said_once_by_load_and_run(tmp_path: Path) -> None:
    # A multiple whose draws fall below zero is the model's own warning, given as it is
    # built: a run's, not the load's, so a load and a run say it once between them.
    path = write(
        tmp_path,
        KE,
        KE_LEG,
        RATE,
        ("    value: 20\n", "    dist: normal\n    mean: 20\n    sd: 30\n"),
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        thesis = model.load_thesis(path)
        model.simulate(thesis, n_paths=50, seed=1)
    said = [str(w.message) for w in caught if "is below zero on" in str(w.message)]
    assert len(said) == 1, [str(w.message) for w in caught]


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


def test_central_of_a_path_checks_and_warns_as_a_loaded_thesis(tmp_path: Path) -> None:
    # model.central(path) loads the file for the user as model.simulate(path) does: the
    # central path's warning once, at the caller's line, and validate's errors refused.
    path = write(tmp_path, KE, KE_LEG)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.central(path)
    assert [w.filename for w in caught if NO_RATE in str(w.message)] == [__file__]
    bad = write(tmp_path, ("value: revenue * margin", "value: revenu * margin"))
    with pytest.raises(ThesisModelError, match=r"model\.lines\.ebit\.value: 'revenu'"):
        model.central(bad)
