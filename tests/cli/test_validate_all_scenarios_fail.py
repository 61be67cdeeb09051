"""``thesis validate --all-scenarios`` prints OK only when every scenario checks.

A thesis whose bear case breaks a line printed "OK: <thesis>: ... scenarios: bear" on stdout
and then the bear case's error with exit 2: a script reading stdout, or a reader stopping at
the first line, took the thesis for valid.
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _thesis(tmp_path: Path) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    old = "      value: ebit * (1 - tax_rate)\n"
    assert old in found.group(1)
    # The bear case holds sales_growth at 0: log(0) leaves earnings undefined there only.
    new = "      value: ebit * (1 - tax_rate) * (1 + 0 * log(sales_growth + 0.5))\n"
    body = found.group(1).replace(old, new).replace("        value: 0.0\n", "        value: -0.5\n")
    path = tmp_path / "bear-breaks.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_failing_scenario_leaves_no_ok_on_stdout(tmp_path: Path, capsys) -> None:
    path = _thesis(tmp_path)
    assert main(["validate", str(path)]) == 0  # the base case alone is fine
    assert capsys.readouterr().out.startswith("OK: ")
    assert main(["validate", str(path), "--all-scenarios"]) == 2
    captured = capsys.readouterr()
    assert "in scenario 'bear'" in captured.err, captured.err
    assert "OK" not in captured.out, captured.out
