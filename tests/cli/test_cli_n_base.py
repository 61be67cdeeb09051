"""``--n-base``: every refused value names the real minimum (16), never a smaller one."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "alibaba.yaml")


@pytest.mark.parametrize("value", ["0", "-1", "1", "8", "17", "1000"])
@pytest.mark.parametrize("command", ["sensitivity", "report"])
def test_n_base_refusal_names_the_minimum_of_16(capsys, command, value):
    argv = [command, THESIS, "--n-base", value]
    if command == "report":
        argv += ["--out", "unused"]
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "must be a power of 2 and at least 16" in err
    assert "at least 1," not in err and "Traceback" not in err


def test_n_base_not_a_number_says_what_is_expected(capsys):
    with pytest.raises(SystemExit):
        main(["sensitivity", THESIS, "--n-base", "many"])
    assert "expected a power of 2, got 'many'" in capsys.readouterr().err
