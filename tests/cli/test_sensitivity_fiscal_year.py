"""The sensitivity headings name a fiscal year by its end date, as the run's headings do.

For a miner whose year ends on 30 June, ``thesis sensitivity`` and the report's summary said
"drivers of value_per_share in 2031", a calendar year to a reader, though the values are at 30
June 2031; the run names it "FY2031 (2031-06-30)".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
MINER = str(ROOT / "assumptions" / "examples" / "copper-miner.yaml")
BANK = str(ROOT / "assumptions" / "examples" / "regional-bank.yaml")


@pytest.mark.parametrize(
    ("method", "heading"),
    [
        ("tornado", "drivers of value_per_share in FY2031 (2031-06-30)"),
        ("rank", "Rank correlation with value_per_share in FY2031 (2031-06-30)"),
    ],
)
def test_a_june_year_is_named_by_its_end(capsys, method, heading) -> None:
    extra = ["--paths", "2000"] if method == "rank" else []
    # The year-end value asked for by name: the default, today's value, is dated by its own line.
    argv = ["sensitivity", MINER, "--output", "value_per_share", "--method", method, *extra]
    assert main([*argv, "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert heading in out, out


def test_a_calendar_year_reads_as_before(capsys) -> None:
    assert main(["sensitivity", BANK, "--output", "value_per_share", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert "drivers of value_per_share in 2030 (" in out, out
