"""The attribution of a fraction (a return, a margin) prints percentages and changes in points.

``thesis attribute ... --output return_dated`` headed its table "(%)" and then printed the
medians as fractions ("median 0.0834 -> 0.0321"), and each group's change likewise.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def test_a_return_is_attributed_in_percentages_and_points(tmp_path: Path, capsys) -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    path = tmp_path / "example.yaml"
    path.write_text(found.group(1), encoding="utf-8")
    argv = ["attribute", str(path), "--from", "bear", "--output", "return_dated"]
    assert main([*argv, "--paths", "2000", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    heading = out.splitlines()[0]
    assert re.search(r"median -?\d+\.\d+% -> -?\d+\.\d+% \([+-]\d+\.\d+ pp\)", heading), heading
    for line in out.splitlines()[2:]:
        cells = [*line.split(), ""]
        pairs = itertools.pairwise(cells)
        bare = [c for c, after in pairs if re.fullmatch(r"[+-]?0\.\d{3,}", c) and after != "pp"]
        assert not bare, line
    market = next(line for line in out.splitlines() if line.strip().startswith("market"))
    assert " pp" in market and "%" in market, market
