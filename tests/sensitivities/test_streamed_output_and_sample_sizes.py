"""Rank correlation of an output the run streamed says so as ``result.paths()`` does, and a
sample size a sensitivity method would not use is refused, naming the setting that sizes it."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import model
from model.errors import SettingsError, UnknownOutputError

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(THESIS)


@pytest.fixture(scope="module")
def streamed(thesis):
    """A run that keeps ``sales`` per path and streams every other output."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.simulate(thesis, n_paths=200, seed=1, keep=["sales"])


def _message(call) -> str:
    with pytest.raises(SettingsError) as info:
        call()
    return str(info.value)


def test_rank_of_a_streamed_output_says_what_paths_says(thesis, streamed) -> None:
    said = _message(lambda: streamed.paths("value_per_share"))
    assert "was streamed, not kept per path" in said
    assert _message(lambda: model.sensitivity(thesis, method="rank", result=streamed)) == said
    rank = model.sensitivities.rank_correlation
    assert _message(lambda: rank(streamed, "value_per_share")) == said


def test_rank_of_an_output_a_blend_streamed_says_what_paths_says(thesis) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        blended = model.blend(thesis, n_paths=300, seed=1, keep=["sales"])
    said = _message(lambda: blended.paths("value_per_share"))
    rank = model.sensitivities.rank_correlation
    assert _message(lambda: rank(blended, "value_per_share")) == said


def test_a_misspelt_output_is_unknown_with_the_streamed_ones_offered(streamed) -> None:
    with pytest.raises(UnknownOutputError, match="did you mean 'value_per_share'"):
        model.sensitivities.rank_correlation(streamed, "value_per_shar")


def test_sobol_refuses_n_paths_naming_n_base(thesis) -> None:
    for n in (2, 2048):
        with pytest.raises(SettingsError, match=r"Sobol' is sized by n_base.*n_paths=" + str(n)):
            model.sensitivity(thesis, method="sobol", n_paths=n, seed=1)


def test_sobol_is_sized_by_n_base(thesis) -> None:
    # Saltelli's scheme without second-order indices: N * (k + 2) model runs for k groups.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for n_base in (16, 32):
            found = model.sensitivity(thesis, method="sobol", n_base=n_base, seed=1)
            assert found.n_evaluations == n_base * (len(found.entries) + 2)


@pytest.mark.parametrize(
    ("method", "size", "named"),
    [
        ("tornado", {"n_paths": 500}, r"leave n_paths out"),
        ("tornado", {"n_base": 16}, r"leave n_base out"),
        ("rank", {"n_base": 16}, r"rank is sized by n_paths"),
    ],
)
def test_a_size_the_method_does_not_use_is_refused(thesis, method, size, named) -> None:
    with pytest.raises(SettingsError, match=named):
        model.sensitivity(thesis, method=method, seed=1, **size)


def test_rank_of_a_given_run_refuses_n_paths(thesis) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run = model.simulate(thesis, n_paths=300, seed=1, keep_inputs=True)
    with pytest.raises(SettingsError, match=r"result= is a run already of 300 paths"):
        model.sensitivity(thesis, method="rank", result=run, n_paths=5_000)
    with pytest.raises(SettingsError, match=r"result= is a run already of 300 paths"):
        model.sensitivity(run, method="rank", n_paths=5_000)  # the run in place of the thesis
    assert model.sensitivity(thesis, method="rank", result=run).n_paths == 300


def test_the_command_line_still_sizes_each_method(capsys) -> None:
    from model.cli.main import main

    for argv in (
        ["sensitivity", str(THESIS), "--method", "sobol", "--n-base", "16", "--seed", "1"],
        ["sensitivity", str(THESIS), "--method", "rank", "--paths", "300", "--seed", "1"],
        ["sensitivity", str(THESIS), "--method", "tornado"],
    ):
        assert main([*argv, "--no-progress"]) == 0, argv
        assert "Traceback" not in capsys.readouterr().err
