"""The ledger as text: central values, percentages, short document names, widths, --full."""

from __future__ import annotations

import re

import pytest

from model.inputs import Thesis, load_thesis
from model.inputs.assembly.ledger import distinct_short_docs, format_ledger, short_doc

from .conftest import DATA, ThesisCopy


@pytest.fixture(scope="module")
def thesis() -> Thesis:
    return load_thesis(DATA / "minimal.yaml")


def _rows(text: str) -> dict[str, list[str]]:
    """Row name -> its cells (cells are separated by two or more spaces)."""
    rows = {}
    for line in text.splitlines()[2:]:
        if not line.startswith(" "):
            cells = re.split(r"\s{2,}", line.strip())
            rows[cells[0]] = cells
    return rows


def test_default_table(thesis: Thesis) -> None:
    text = format_ledger(thesis)
    lines = text.splitlines()
    assert lines[0].split() == ["name", "item", "central", "unit", "source"]
    assert set(lines[1]) <= {"-", " "}
    rows = _rows(text)
    assert len(rows) == len(thesis.ledger())
    assert rows["ai_share"] == ["ai_share", "dist", "35.8%", "share", "article (spread est.)"]
    assert rows["cagr"] == ["cagr", "derived", "25.41%", "%", "derived"]
    assert rows["market_2026_rmb"] == ["market_2026_rmb", "derived", "617.9", "RMB bn", "derived"]
    assert rows["models"][2] == "180,000"
    assert rows["growth_path"][2] == "per year"
    assert rows["crackdown"][2] == "5% a year"
    assert rows["growth ~ margin"][2] == "rho 0.3"
    assert rows["bull"][2:] == ["20%", "share", "estimate"]
    assert not re.search(r"\d %", text)  # never "0.6 %"
    assert "0.358" not in text  # fractions are percentages on screen
    assert max(len(line) for line in lines) <= 120


def test_full_table_wraps_every_text(thesis: Thesis) -> None:
    text = format_ledger(thesis, full=True, width=60)
    assert max(len(line) for line in text.splitlines()) <= 60
    joined = " ".join(line.strip() for line in text.splitlines())
    for quote in thesis.ledger()["quote"].dropna():
        assert " ".join(quote.split()) in joined
    assert "rationale: Estimate: two points, research houses differ by that much" in joined
    assert "value: = (market_2026 / market_2021) ** (1/5) - 1" in joined
    assert "label: China cloud spending, 2021" in joined
    # definitions of fractions are shown as percentages; shapes and other units are not
    assert "value: beta(mean 35.8%, sd 2%)" in joined
    assert "value: process(mean growth, shock_sd 4%, reversion 1, start 5%)" in joined
    assert "value: 5% " in joined + " " and "value: 23.5 " in joined
    # the table behind it keeps the fractions as written
    assert thesis.ledger().set_index("name").loc["ai_share", "value"] == "beta(mean 0.358, sd 0.02)"


def test_narrow_width_cuts_rows_not_the_full_texts(thesis: Thesis) -> None:
    text = format_ledger(thesis, width=50)
    assert max(len(line) for line in text.splitlines()) <= 50
    assert "..." in text


def test_price_with_date(thesis_copy: ThesisCopy) -> None:
    thesis_copy.edit("    unit: HKD/share\n", "    unit: HKD/share\n    date: 2025-02-17\n")
    text = format_ledger(load_thesis(thesis_copy.path))
    assert _rows(text)["price"][2] == "129.5 (17 Feb 2025)"


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("003_c54d60cc8747594a.txt", "003"),
        ("article.txt", "article"),
        ("a_very_long_file_name_of_notes.md", "a_very_long_file"),
        (None, ""),
    ],
)
def test_short_doc(name: str | None, short: str) -> None:
    # A name alone: the table lengthens it where two documents would look the same (below).
    assert short_doc(name) == short


def test_two_documents_never_look_the_same() -> None:
    # Both were cut to "nordwind_fy2025_" in `thesis sources`; two files numbered 003 to "003".
    names = [
        "nordwind_fy2025_results.txt",
        "nordwind_fy2025_call.txt",
        "003_results.txt",
        "003_call.txt",
        "notes.txt",
        "notes.md",
        "article.txt",
        None,
    ]
    shown = distinct_short_docs(names)
    assert shown == {
        "nordwind_fy2025_results.txt": "nordwind_fy2025_results",
        "nordwind_fy2025_call.txt": "nordwind_fy2025_call",
        "003_results.txt": "003_results",
        "003_call.txt": "003_call",
        "notes.txt": "notes.txt",
        "notes.md": "notes.md",
        "article.txt": "article",
    }


def test_the_table_shows_documents_apart(thesis: Thesis) -> None:
    table = thesis.ledger()
    table.loc[table["name"] == "pe", "document"] = "nordwind_fy2025_results.txt"
    table.loc[table["name"] == "models", "document"] = "nordwind_fy2025_call.txt"
    rows = _rows(format_ledger(thesis, table, width=200))
    assert rows["pe"][-1] == "nordwind_fy2025_results"
    assert rows["models"][-1] == "nordwind_fy2025_call"
    assert rows["market_2021"][-1] == "article"  # a name alone stays short
