"""A backtest without realised values says how to give them, and what the thesis lacks.

"give them" named no way to: the command line takes ``--realised FILE``, the API
``realised=``; a thesis with a ``previous:`` vintage but no ``realised:`` section (or the
reverse) is told which of the two it lacks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ParameterError

ROOT = Path(__file__).resolve().parents[2]
COPPER = ROOT / "assumptions" / "examples" / "copper-miner.yaml"


def test_the_command_line_names_the_option(capsys):
    assert main(["backtest", str(COPPER), "--paths", "300"]) == 2
    err = capsys.readouterr().err
    assert "--realised FILE" in err and "no 'previous:' vintage and no 'realised:'" in err, err


def test_a_thesis_with_a_previous_vintage_is_told_it_lacks_realised_values(tmp_path):
    text = COPPER.read_text(encoding="utf-8")
    (tmp_path / "old.yaml").write_text(text, encoding="utf-8")
    anchor = "thesis:\n"
    assert text.count(anchor) == 1
    newer = tmp_path / "new.yaml"
    newer.write_text(text.replace(anchor, "previous: old.yaml\n" + anchor), encoding="utf-8")
    with pytest.raises(ParameterError) as info:
        model.backtest(model.load_thesis(newer), n_paths=300)
    message = str(info.value)
    assert "names its previous vintage but has no 'realised:' section" in message, message
    assert "realised=" in message
