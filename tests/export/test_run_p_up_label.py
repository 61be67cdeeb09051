"""``thesis run`` says what its P(upside) compares, as the line under it does.

A loss-making growth company printed "P(upside): 16.2%" over "Annual return ...: median 3.5%":
a positive median return with a one-in-six chance of upside, unless the reader knows that the
probability compares today's value, at the cost of equity, with the price. The line under it
already said "P(value < 70% of price)"; the page says "P(value > price)".
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def test_run_labels_the_probability_by_its_comparison(tmp_path, capsys):
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    path = tmp_path / "example.yaml"
    path.write_text(found.group(1), encoding="utf-8")
    assert main(["run", str(path), "--paths", "1000", "--seed", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("P(upside):"))
    assert line.endswith("(value today > price, at the cost of equity)"), line
