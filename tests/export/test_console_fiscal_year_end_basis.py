"""Without a cost of equity, the console names a fiscal year's end as it does with one.

A March year end and multiples alone: the run said "Value per share in 2030" and "Annual
return 2026-2030", calendar years to a reader, though the values are at 31 March 2030 and the
returns run from 31 March 2026. The returns run from the price's date (30 June 2025), as they
do with a cost of equity: the price is not paid at the end of the first model year.
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _thesis(tmp_path: Path, end: str | None) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    body = (
        found.group(1)
        .replace(
            "      dcf: {weight: w_dcf, discount_rate: wacc, terminal_growth: long_growth}\n", ""
        )
        .replace("w_pe, multiple", "1, multiple")
    )
    if end:
        body = body.replace("as_of: 2025-06-30", f'as_of: 2025-06-30\n  fiscal_year_end: "{end}"')
    path = tmp_path / "thesis.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_run_and_compare_name_the_fiscal_year(tmp_path, capsys):
    path = _thesis(tmp_path, "03-31")
    assert main(["run", str(path), "--paths", "1000", "--seed", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "Value per share at the end of FY2030 (2030-03-31) (EUR): p5" in out, out
    assert "Annual return from 2025-06-30 to 2030-03-31: median" in out, out
    assert main(["compare", str(path), "--paths", "1000", "--seed", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "Value per share at the end of FY2030 (2030-03-31) (EUR); price" in out, out
    assert "r/yr: annual return from 2025-06-30 to 2030-03-31 against" in out, out


def test_a_calendar_year_reads_as_before(tmp_path, capsys):
    path = _thesis(tmp_path, None)
    assert main(["run", str(path), "--paths", "1000", "--seed", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "Value per share in 2030 (EUR): p5" in out
    assert "Annual return from 2025-06-30 to 2030:" in out
