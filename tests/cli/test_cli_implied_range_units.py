"""When no value of an assumption meets the price, the range searched is said in its unit.

``thesis implied`` on a margin answered "no value of 'margin_target' in 0.1503 .. 0.2097",
fractions where every other line of the command, and of the success answer, reads a margin as
a percentage ("15.03% .. 20.97%").
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def test_a_margin_range_reads_as_percentages(tmp_path: Path, capsys) -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    # A price no margin in the thesis' range reaches: the search fails, naming its range.
    body = found.group(1).replace("value: 38.0", "value: 380.0")
    path = tmp_path / "example.yaml"
    path.write_text(body, encoding="utf-8")
    assert main(["implied", str(path), "--solve-for", "margin_target"]) == 2
    err = capsys.readouterr().err
    assert re.search(r"no value of 'margin_target' in \d+\.\d+% \.\. \d+\.\d+% makes", err), err
    assert re.search(r"at \d+\.\d+% and [\d.,]+ at \d+\.\d+%", err), err
