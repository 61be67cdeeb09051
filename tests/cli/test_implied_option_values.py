"""Bad values of ``thesis implied``'s options are refused in the command line's words: the
message names the option the user typed (``--equals``, ``--bounds``, ``--cost-of-equity``),
not the Python argument behind it, with exit 2 and one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "templates" / "growth-company.yaml")


def _solve_for() -> str:
    from model.inputs.assembly.thesis import load_thesis

    thesis = load_thesis(THESIS)
    return next(n for n, a in thesis.assumptions.items() if getattr(a, "dist", None))


@pytest.mark.parametrize(
    ("option", "values"),
    [
        ("--equals", ["nan"]),
        ("--equals", ["inf"]),
        ("--bounds", ["nan", "1"]),
        ("--bounds", ["0.1", "0.0"]),
        ("--bounds", ["-inf", "1"]),
        ("--cost-of-equity", ["nan"]),
        ("--cost-of-equity", ["-2"]),
        ("--cost-of-equity", ["9"]),
        ("--cost-of-equity", ["-0.1"]),
        ("--cost-of-equity", ["0"]),
    ],
)
def test_bad_values_name_the_option(capsys, option, values):
    try:
        code = main(["implied", THESIS, "--solve-for", _solve_for(), option, *values])
    except SystemExit as stop:  # refused while the arguments are read
        code = stop.code
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert option in err


@pytest.mark.parametrize("value", ["lots", "1,000", ""])
def test_equals_that_is_no_number_names_the_option_once(capsys, value):
    assert main(["implied", THESIS, "--solve-for", _solve_for(), "--equals", value]) == 2
    err = capsys.readouterr().err
    assert err == f"error: --equals: expected 'price' or a finite number (got {value!r})\n"


@pytest.mark.parametrize(("value", "example"), [("9", "9% as 0.09"), ("-0.1", "9% as 0.09")])
def test_a_cost_of_equity_outside_0_to_1_is_refused_as_the_thesis_refuses_it(
    capsys, value, example
):
    """A rate written as 9 is almost surely 9%: refused, as ``valuation.cost_of_equity`` is."""
    code = main(["implied", THESIS, "--solve-for", _solve_for(), "--cost-of-equity", value])
    assert code == 2
    assert capsys.readouterr().err == (
        "error: --cost-of-equity: expected an assumption's name or a rate between 0 and 1, as a "
        f"fraction: write {example} (got {value})\n"
    )
