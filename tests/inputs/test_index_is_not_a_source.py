"""The seeds folder's ``INDEX.md`` lists the documents (publisher, date); it is not one of them.

A source could quote the index, and an unknown document's error listed it among the files to
quote ("available: 001_results.txt, INDEX.md"), though the README has sources quote the
articles and the index name them.
"""

from __future__ import annotations

from model.inputs.sources.provenance import SeedIndex

from .conftest import ThesisCopy, fail_load

INDEX = (
    "| file | publisher | date |\n| --- | --- | --- |\n"
    "| article.txt | Example Wire | 2025-02-18 |\n"
)


def test_index_not_listed(thesis_copy: ThesisCopy) -> None:
    thesis_copy.write(INDEX, "seeds/INDEX.md")
    seeds = SeedIndex(thesis_copy.root / "seeds")
    assert "INDEX.md" not in seeds.names() and "article.txt" in seeds.names()
    assert seeds.load("INDEX.md") is None


def test_quoting_the_index_is_refused_saying_why(thesis_copy: ThesisCopy) -> None:
    thesis_copy.write(INDEX + "\nthe stock reached a peak of 129.5 HKD\n", "seeds/INDEX.md")
    thesis_copy.edit("{doc: article.txt, quote: ", "{doc: INDEX.md, quote: ")
    message = str(fail_load(thesis_copy))
    assert "INDEX.md is the index of the seed files, not a source: quote a document" in message
    assert message.endswith(
        "available: " + ", ".join(SeedIndex(thesis_copy.root / "seeds").names())
    )


def test_unknown_document_lists_the_documents_only(thesis_copy: ThesisCopy) -> None:
    thesis_copy.write(INDEX, "seeds/INDEX.md")
    thesis_copy.edit("{doc: article.txt, quote: ", "{doc: missing.txt, quote: ")
    message = str(fail_load(thesis_copy))
    assert "unknown seed file 'missing.txt'" in message and "INDEX.md" not in message
