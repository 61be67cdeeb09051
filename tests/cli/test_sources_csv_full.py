"""``thesis sources --csv - --full``: the CSV replaces the listing that ``--full`` widens, so
the option is said not to apply (on stderr) instead of being dropped without a word; the CSV
on stdout is the same as without it and already holds every column --full prints."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from model.cli.main import main

THESIS = str(
    Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"
)


def test_full_with_csv_to_stdout_is_noted(capsys) -> None:
    assert main(["sources", THESIS, "--csv", "-"]) == 0
    plain = capsys.readouterr()
    assert "--full" not in plain.err
    assert main(["sources", THESIS, "--csv", "-", "--full"]) == 0
    full = capsys.readouterr()
    assert "note: --full does not apply to --csv -" in full.err, full.err
    assert full.out == plain.out  # stdout holds the CSV alone, unchanged
    header = next(csv.reader(io.StringIO(full.out)))
    for column in ("value", "label", "document", "quote", "rationale"):
        assert column in header


def test_full_with_a_csv_file_widens_the_listing_without_a_note(capsys, tmp_path) -> None:
    target = tmp_path / "ledger.csv"
    assert main(["sources", THESIS, "--csv", str(target), "--full"]) == 0
    captured = capsys.readouterr()
    assert "does not apply" not in captured.err
    assert "    rationale: " in captured.out or "    label: " in captured.out
    assert target.is_file()
