"""The comparison's return footnote names the real dates the returns run over, as the run does.

With a January year end, "r/yr: annual return 2025-2031" read as a return to the end of 2031,
while the returns run from the price's date (30 September 2025) to 31 January 2031: eleven
months shorter. ``thesis run`` already printed "from 2025-09-30 to 2031-01-31".
"""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


def test_compare_footnote_gives_the_dates_of_a_january_year_end(capsys) -> None:
    args = ["--paths", "2000", "--seed", "1", "--no-progress"]
    assert main(["run", str(SAAS), *args]) == 0
    run = capsys.readouterr().out
    assert "Annual return from 2025-09-30 to 2031-01-31: median" in run, run
    assert main(["compare", str(SAAS), "--scenarios", "base", *args]) == 0
    out = capsys.readouterr().out
    assert "r/yr: annual return from 2025-09-30 to 2031-01-31 against the price" in out, out
