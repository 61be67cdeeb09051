"""Asking what drives an output that never varies is bad input (exit 2) with one line naming
the output and the year, for the rank and Sobol' methods alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


@pytest.mark.parametrize(
    "extra", [["--method", "rank", "--paths", "2000"], ["--method", "sobol", "--n-base", "16"]]
)
def test_output_that_never_varies_is_bad_input(capsys, extra) -> None:
    # The share count of the template is fixed, so nothing explains any of its variance.
    code = main(["sensitivity", str(TEMPLATE), "--output", "shares", "--year", "2027", *extra])
    err = capsys.readouterr().err.strip()
    assert code == 2, err
    assert len(err.splitlines()) == 1, err
    assert "run failed" not in err
    assert "'shares' does not vary in 2027" in err


def test_too_few_paths_are_not_called_a_flat_output(capsys) -> None:
    # Three paths of a varying value were refused as "does not vary": too few to rank.
    code = main(["sensitivity", str(TEMPLATE), "--method", "rank", "--paths", "3", "--seed", "1"])
    err = capsys.readouterr().err.strip()
    assert code == 2, err
    assert len(err.splitlines()) == 1, err
    assert "does not vary" not in err
    assert "needs at least 4 paths" in err and "(got 3 of 3); run more paths" in err
