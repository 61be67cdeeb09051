"""``thesis sensitivity`` says when an option given does not apply to the method chosen.

``--paths`` sizes the Monte Carlo run of ``--method rank`` and ``--n-base`` the Sobol' sample;
given to another method they were dropped without a word, so ``--method sobol --paths
1000000`` ran the default 1,024-point base sample while the user believed a million paths.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


@pytest.mark.parametrize(
    ("method", "option", "value"),
    [("tornado", "--paths", "5000"), ("sobol", "--paths", "5000"), ("rank", "--n-base", "64")],
)
def test_an_option_of_another_method_is_noted(capsys, method, option, value) -> None:
    extra = ["--n-base", "16"] if method == "sobol" else []
    argv = ["sensitivity", str(SAAS), "--method", method, option, value, *extra, "--seed", "1"]
    if method == "rank" and option != "--paths":
        argv += ["--paths", "2000"]
    assert main([*argv, "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert f"note: {option} {value} does not apply to --method {method}" in err, err


def test_options_of_the_method_give_no_note(capsys) -> None:
    argv = ["sensitivity", str(SAAS), "--method", "rank", "--paths", "2000", "--seed", "1"]
    assert main([*argv, "--no-progress"]) == 0
    assert "does not apply" not in capsys.readouterr().err
    assert main(["sensitivity", str(SAAS), "--no-progress"]) == 0
    assert "does not apply" not in capsys.readouterr().err


def test_a_seed_given_to_the_tornado_is_noted(capsys) -> None:
    argv = ["sensitivity", str(SAAS), "--method", "tornado", "--no-progress"]
    assert main([*argv, "--seed", "7"]) == 0
    seeded = capsys.readouterr()
    assert "note: --seed 7 does not apply to --method tornado" in seeded.err, seeded.err
    assert main(argv) == 0
    plain = capsys.readouterr()
    assert "does not apply" not in plain.err and plain.out == seeded.out  # ignored indeed
    assert (
        main(["sensitivity", str(SAAS), "--method", "rank", "--paths", "500", "--seed", "7"]) == 0
    )
    assert "does not apply" not in capsys.readouterr().err
