"""A count may be written as people write it: ``--paths 1e6``, ``1_000_000`` or ``1,000,000``.

``thesis run --paths 1e6`` answered "expected a whole number, got '1e6'" though 1e6 is one; a
number that is not whole (``1.5e0``) is still refused, saying why.
"""

from __future__ import annotations

import argparse

import pytest

from model.cli.main import build_parser, main
from model.cli.parsers import _positive_int, _seed


@pytest.mark.parametrize("text", ["1e6", "1E6", "1_000_000", "1,000,000", "1000000", "1.0e6"])
def test_whole_numbers_in_any_notation(text: str) -> None:
    assert _positive_int(text) == 1_000_000


def test_a_128_bit_seed_keeps_every_digit() -> None:
    seed = 2**128 - 1
    assert _seed(str(seed)) == seed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.5e0", "expected a whole number, got '1.5e0', which is 1.5, not whole"),
        ("2.5", "which is 2.5, not whole"),
        ("1,00", "expected a whole number, got '1,00'"),
        ("nan", "expected a whole number, got 'nan'"),
        ("1e999999", "expected a whole number, got '1e999999'"),
    ],
)
def test_not_whole_is_refused_saying_why(text: str, expected: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match=expected.replace(".", r"\.")):
        _positive_int(text)


def test_run_parses_paths_in_exponent_notation(capsys) -> None:
    args = build_parser().parse_args(["run", "thesis.yaml", "--paths", "1e4", "--seed", "2e3"])
    assert (args.paths, args.seed) == (10_000, 2_000)
    with pytest.raises(SystemExit) as exc:
        main(["run", "thesis.yaml", "--paths", "1.5e0"])
    assert exc.value.code == 2
    assert "argument --paths: expected a whole number, got '1.5e0'" in capsys.readouterr().err
