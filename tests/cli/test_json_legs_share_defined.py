"""``run --json`` says over which share of paths each leg's implied exit multiple is a median.

A P/E divides by earnings, so the legs' implied exit P/E are medians over the paths with
positive earnings only; the console says how many, and the JSON must too, or a loss-making
company's implied multiple reads as if every path had one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def test_json_legs_give_the_share_of_paths_each_multiple_is_defined_on(tmp_path, capsys):
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    path = tmp_path / "some-losses.yaml"
    # Earnings above zero only where the margin beats 17%: some paths make losses.
    old, new = "value: ebit * (1 - tax_rate)", "value: (ebit - 0.17 * sales) * (1 - tax_rate)"
    path.write_text(found.group(1).replace(old, new), encoding="utf-8")
    args = ["run", str(path), "--paths", "2000", "--seed", "1", "--no-progress"]
    assert main(args) == 0
    (line,) = [ln for ln in capsys.readouterr().out.splitlines() if "Implied exit P/E" in ln]
    printed = re.search(r"medians over the ([\d.]+)% of paths", line)
    assert printed is not None, line
    assert main([*args, "--json"]) == 0
    legs = json.loads(capsys.readouterr().out)["legs"]
    share = legs["share_defined"]["pe"]
    assert 0.0 < share < 1.0
    assert abs(100 * share - float(printed.group(1))) <= 0.05  # the console's rounding
