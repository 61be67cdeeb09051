"""``thesis sources`` shows document names whole, as wide as the terminal allows.

It cut every document to 16 characters ("vireo-fy2025-res") even in a wide terminal, with no
sign of the cut.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.inputs.assembly.ledger import distinct_short_docs, format_ledger

ROOT = Path(__file__).resolve().parents[2]
RESULTS = "nordwind-fy2025-results-and-outlook.txt"
CALL = "nordwind-fy2025-results-call-transcript.txt"


def test_names_whole_when_there_is_room() -> None:
    shown = distinct_short_docs([RESULTS, CALL, "003_c54d60cc8747594a.txt"])
    assert shown == {
        RESULTS: "nordwind-fy2025-results-and-outlook",
        CALL: "nordwind-fy2025-results-call-transcript",
        "003_c54d60cc8747594a.txt": "003",
    }


def test_names_shortened_visibly_and_apart() -> None:
    shown = distinct_short_docs([RESULTS, CALL], room=20)
    assert all(len(s) <= 20 and "..." in s for s in shown.values())
    assert len(set(shown.values())) == 2
    assert shown[RESULTS].endswith("outlook") and shown[CALL].endswith("script")


@pytest.mark.parametrize("width", [200, 100])
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_the_table_fits_its_width(width: int) -> None:
    thesis = model.load_thesis(ROOT / "assumptions" / "alibaba.yaml")
    table = thesis.ledger()
    table.loc[table["name"] == "alibaba_mcap_hkd_2025", "document"] = RESULTS
    table.loc[table["name"] == "alibaba_mcap_rmb_2025", "document"] = CALL
    lines = format_ledger(thesis, table, width=width).splitlines()
    assert max(len(line) for line in lines) <= width
    rows = {line.split()[0]: line for line in lines[2:]}
    if width == 200:
        assert rows["alibaba_mcap_hkd_2025"].endswith("nordwind-fy2025-results-and-outlook")
        assert rows["alibaba_mcap_rmb_2025"].endswith("nordwind-fy2025-results-call-transcript")
    else:
        assert (
            rows["alibaba_mcap_hkd_2025"].split()[-1] != rows["alibaba_mcap_rmb_2025"].split()[-1]
        )
        assert "..." in rows["alibaba_mcap_hkd_2025"]


def test_cli_uses_the_terminal_width(monkeypatch, capsys) -> None:
    monkeypatch.setenv("COLUMNS", "64")
    assert main(["sources", str(ROOT / "assumptions" / "alibaba.yaml")]) == 0
    table = capsys.readouterr().out.splitlines()[1:-2]  # below the title, above the counts
    assert max(len(line) for line in table) <= 64
