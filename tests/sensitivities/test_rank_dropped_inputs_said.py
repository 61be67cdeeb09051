"""An input asked for by name that does not vary in the run is said to be left out.

``thesis sensitivity --method rank --inputs a b`` with ``b`` fixed printed ``a`` alone, its
share 100% "of every input analysed", without a word about ``b`` (the result's ``dropped``
held it, but neither the printout nor the result's text showed it); the tornado and Sobol'
methods refuse such an input outright.
"""

from __future__ import annotations

from pathlib import Path

import model
from model.cli.main import main
from tests.learning.conftest import write_thesis


def test_the_printout_and_the_result_name_the_input_left_out(tmp_path: Path, capsys) -> None:
    path = write_thesis(tmp_path / "t.yaml")
    argv = ["sensitivity", str(path), "--method", "rank", "--inputs", "growth", "shares_now",
            "--paths", "2000", "--seed", "1"]  # fmt: skip
    assert main(argv) == 0
    out = capsys.readouterr().out
    note = [line for line in out.splitlines() if "shares_now" in line]
    assert note and "does not vary" in note[0], out
    result = model.sensitivity(
        model.load_thesis(path), method="rank", inputs=["growth", "shares_now"], n_paths=2000,
        seed=1,
    )  # fmt: skip
    assert result.dropped == ("shares_now",)
    assert "shares_now" in repr(result)
