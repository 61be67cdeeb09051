"""The seeds' index: what each cited document is, for legends and the report page."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from model.inputs.sources import documents as docs

ROOT = Path(__file__).resolve().parents[2]


def test_the_repository_index_names_every_seed_document():
    index = docs.document_index(ROOT / "seeds")
    seeds = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert sorted(index) == seeds
    card = index["004_ee90e3727d2ffaf9.txt"]
    assert card.title == "Equity research summary card, updated 27 November 2025"
    assert index["000_1eb36c36c512d60d.txt"].short_publisher == "Benzinga"
    assert all(d.subject for d in index.values())


def test_columns_are_found_by_name_and_markdown_is_read_as_text(tmp_path):
    (tmp_path / "INDEX.md").write_text(
        "Intro text | with a bar.\n\n"
        "| subject | approximate date | **file** | publisher |\n"
        "|:--|--|--|--|\n"
        "| A [linked](https://example.org) story | 2024 | `a.txt` | *The Paper*, via wire |\n"
        "| Short row | | `b.txt` |\n"
        "\nafter the table\n",
        encoding="utf-8",
    )
    index = docs.document_index(tmp_path)
    assert index["a.txt"].subject == "A linked story"
    assert index["a.txt"].title == "*The Paper*, 2024"
    assert index["b.txt"].title == "b.txt"  # nothing known: the file name


def test_no_index_an_oversized_one_or_no_table_gives_nothing(tmp_path):
    assert docs.document_index(None) == {}
    assert docs.document_index(tmp_path) == {}
    (tmp_path / "INDEX.md").write_text("| a | b |\n|--|--|\n| 1 | 2 |\n", encoding="utf-8")
    assert docs.document_index(tmp_path) == {}  # no `file` column
    (tmp_path / "INDEX.md").write_bytes(b"x" * (docs.MAX_INDEX_BYTES + 1))
    assert docs.document_index(tmp_path) == {}


def test_titles_follow_the_thesis_and_an_edited_index(tmp_path):
    (tmp_path / "INDEX.md").write_text("| file | publisher |\n|--|--|\n| a.txt | One |\n")
    thesis = SimpleNamespace(seeds_dir=tmp_path)
    result = SimpleNamespace(thesis=thesis)
    assert docs.document_title(result, "a.txt") == "One"
    assert docs.document_title(result, "z.txt") == "z.txt"
    (tmp_path / "INDEX.md").write_text("| file | publisher |\n|--|--|\n| a.txt | Another one |\n")
    assert docs.document_title(thesis, "a.txt") == "Another one"
