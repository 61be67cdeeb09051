"""A mistyped command or option is answered with the nearest one, as other names are."""

from __future__ import annotations

import pytest

from model.cli.main import main


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["valdate", "x.yaml"], "did you mean 'validate'?"),
        (["reprot", "x.yaml"], "did you mean 'report'?"),
        (["run", "x.yaml", "--sede", "3"], "did you mean '--seed'?"),
        (["run", "x.yaml", "--pahts=4"], "did you mean '--paths'?"),
    ],
)
def test_a_near_miss_is_named(argv, hint, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert hint in err and err.count("\n") == 1, err


@pytest.mark.parametrize("argv", [["zzzz"], ["run", "x.yaml", "--qqqqqq"]])
def test_nothing_near_gets_no_guess(argv, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert "did you mean" not in capsys.readouterr().err
