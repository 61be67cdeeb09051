"""The report page's documents section of a thesis whose numbers are all estimates."""

from __future__ import annotations

import re
from pathlib import Path

from model.export.job import ReportSettings, build_report, write_report
from model.scenarios import RunSettings

BANK = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "regional-bank.yaml"


def test_a_thesis_that_quotes_no_document_is_said_to_quote_none(tmp_path):
    settings = ReportSettings(
        run=RunSettings(n_paths=200, seed=1, progress=False), charts=False, learning=False
    )
    folder = write_report(build_report(BANK, settings), tmp_path / "bank")
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (folder / "index.html").read_text()))
    # "The seeds folder has no index of its documents" spoke of the flagship's folder of
    # articles to a thesis that has none.
    assert "seeds folder" not in page
    assert "The thesis quotes no document: every number in it is an estimate." in page
    # The flagship's articles, found in the repository's seeds folder, are not this thesis'.
    assert "Bloomberg" not in page
