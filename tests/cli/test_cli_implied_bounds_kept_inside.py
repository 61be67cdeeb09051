"""``--bounds`` wider than the values an assumption can take are kept inside them, and said so.

``thesis implied --solve-for wacc --bounds 0.05 0.3`` on a wacc bounded to 6%..16% printed
"range searched 6.00% .. 16.00%" with no word of why the range asked for was not the one searched.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"
NOTE = "(--bounds kept inside the values the assumption can take)"


def _range_line(capsys, *bounds: str) -> str:
    argv = ["implied", str(THESIS), "--solve-for", "wacc", "--bounds", *bounds]
    assert main(argv) == 0
    out = capsys.readouterr().out
    found = re.search(r"^\s*range searched\s+(.*)$", out, re.M)
    assert found is not None, out
    return found.group(1)


@pytest.mark.filterwarnings("ignore")
def test_bounds_past_the_support_are_said_to_be_kept_inside_it(capsys) -> None:
    line = _range_line(capsys, "0.05", "0.3")
    assert line == f"6.00% .. 16.00% {NOTE}"


@pytest.mark.filterwarnings("ignore")
def test_bounds_inside_the_support_are_searched_as_given_without_a_note(capsys) -> None:
    assert _range_line(capsys, "0.07", "0.15") == "7.00% .. 15.00%"
