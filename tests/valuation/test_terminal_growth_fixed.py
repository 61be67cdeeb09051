"""Terminal growth at or above a fixed discount rate: the message says growth must be below
the rate, with both values and their lines, not to bound two assumptions that are fixed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from model.cli.authoring import starter_text
from model.cli.main import main
from model.errors import ParameterError
from model.valuation.finance.discount import check_growth

WACC = '  wacc:\n    unit: "%"\n    value: 0.095\n'
LONG = '  long_growth:\n    unit: "%"\n    value: 0.0\n'
LEG = "terminal_growth: long_growth"


def _error(tmp_path: Path, capsys, text: str) -> str:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    return capsys.readouterr().err


def _line(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def test_a_number_written_for_growth_is_checked_against_a_fixed_rate(tmp_path, capsys):
    text = starter_text("event")
    assert WACC in text and LEG in text
    text = text.replace(LEG, "terminal_growth: 0.12")
    err = _error(tmp_path, capsys, text)
    assert "terminal growth 0.12 is not below the discount rate 'wacc'" in err
    assert f"(0.095, line {_line(text, '  wacc:')})" in err
    assert "both are fixed numbers and growth must be below the rate" in err
    assert "bound" not in err and "paths" not in err


def test_two_fixed_assumptions_are_named_with_their_lines(tmp_path, capsys):
    text = starter_text("event")
    assert LONG in text
    text = text.replace(LONG, LONG.replace("0.0", "0.1"))
    err = _error(tmp_path, capsys, text)
    assert f"'long_growth' (0.1, line {_line(text, '  long_growth:')})" in err
    assert f"'wacc' (0.095, line {_line(text, '  wacc:')})" in err
    assert "growth must be below the rate" in err and "0.095" in err.split(";", 1)[1]


def test_fixed_arrays_at_run_time_are_not_told_to_bound_them():
    with pytest.raises(ParameterError) as info:
        check_growth(np.full(4, 0.05), np.full(4, 0.045), ("ke", "g"))
    text = str(info.value)
    assert "'g' (0.05) must be below the discount rate 'ke' (0.045)" in text
    assert "bound" not in text and "paths" not in text
    with pytest.raises(ParameterError, match="bound the two assumptions"):
        check_growth(np.array([0.01, 0.05]), np.array([0.045, 0.045]), ("ke", "g"))


def test_one_path_is_not_called_fixed():
    # One path (--paths 1, or a rate computed per path) cannot show that both are fixed.
    with pytest.raises(ParameterError) as caught:
        check_growth(np.array([0.05]), np.array([0.04]), ("r", "g"))
    text = str(caught.value)
    assert "fixed" not in text and "0.05" in text and "0.04" in text
    assert "below the" in text
