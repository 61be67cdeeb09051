"""The page's ledger shows a fraction as a percentage, as ``thesis sources`` does.

A tax rate of 27% (``0.27`` in the file, unit ``%``) read "0.27 | %" on the page: 0.27
percent to anyone reading it. Fractions are now written as percentages there; other units
keep their numbers.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from model.export import html_report as hr
from model.export.job import full_ledger
from model.inputs.assembly.thesis import load_thesis

README = Path(__file__).resolve().parents[2] / "README.md"


def _rows(tmp_path: Path) -> dict[str, list[str]]:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    path = tmp_path / "example.yaml"
    path.write_text(found.group(1), encoding="utf-8")
    thesis = load_thesis(path)
    ledger = full_ledger(thesis, ["base", "bear"])
    report = SimpleNamespace(thesis=thesis, ledger=lambda: ledger.copy())
    html = hr._assumptions(report)  # type: ignore[arg-type]
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    cells = [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
             for r in rows]  # fmt: skip
    return {f"{c[0]}:{c[1]}": c for c in cells if c}


def test_fractions_read_as_percentages(tmp_path):
    rows = _rows(tmp_path)
    assert rows["base:tax_rate"][3] == "27%" and rows["base:tax_rate"][4] == "%"
    assert rows["base:w_pe"][3] == "60%"
    assert "4%" in rows["base:sales_growth (dist)"][3] and "14%" in rows[
        "base:sales_growth (dist)"][3]  # fmt: skip
    assert rows["bear:sales_growth"][3] == "0%"
    # money, multiples and share counts keep their numbers
    assert rows["base:sales_2025"][3] == "820" and rows["base:shares_2025"][3] == "60"
    assert "13" in rows["base:pe_exit (dist)"][3]
