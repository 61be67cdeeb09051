"""Counts take underscores as Python does: only between digits.

``--paths 1_000`` is a thousand; ``--paths 2__0`` was read as 20 and ``--paths _20`` too, where
a slip is more likely than a count.
"""

from __future__ import annotations

import pytest

from model.cli.main import main


@pytest.mark.parametrize("written", ["2__0", "_20", "20_", "1_,000"])
def test_a_stray_underscore_is_refused(written: str, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["run", "x.yaml", "--paths", written])
    assert stop.value.code == 2
    assert f"expected a whole number, got '{written}'" in capsys.readouterr().err


def test_grouping_underscores_still_read(tmp_path, capsys) -> None:
    from model.cli.parsers import _positive_int

    assert _positive_int("1_000") == 1000
    assert _positive_int("1_000_000") == 1_000_000
    assert _positive_int("1,000") == 1000
