"""The seeds folder's index is read only inside the thesis tree.

``INDEX.md`` names each document's publisher and date, which the report prints beside every
source. It was read wherever it led: a link in the seeds folder to a file outside the tree put
that file's text in the report. It is now read through the thesis' scope, as every document is;
one leading out is not read, and loading the thesis says so. A misspelt ``doc:`` no longer
suggests a link leading out, which would be refused if quoted.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.inputs.sources.documents import document_title, documents_of

ROW = "| file | publisher | approximate date | subject |\n| --- | --- | --- | --- |\n"


@pytest.fixture()
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> tuple[Path, Path, str]:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "Index Co", "--template", "segments", "--out", "t"]) == 0
    capsys.readouterr()
    thesis = next((tmp_path / "t").glob("*.yaml"))
    seeds = next((tmp_path / "t").glob("*-seeds"))
    (doc,) = [p.name for p in seeds.iterdir()]
    return thesis, seeds, doc


def _load(thesis: Path) -> tuple[object, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = model.load_thesis(thesis)
    return loaded, [str(w.message) for w in caught]


def test_an_index_inside_the_tree_is_read(tree) -> None:
    thesis, seeds, doc = tree
    (seeds / "INDEX.md").write_text(ROW + f"| `{doc}` | Inside Wire | 2024 | x |\n")
    loaded, said = _load(thesis)
    assert documents_of(loaded)[doc].publisher == "Inside Wire"
    assert not any("document index" in s for s in said)


def test_an_index_linked_out_of_the_tree_is_not_read(tree, tmp_path: Path) -> None:
    thesis, seeds, doc = tree
    outside = tmp_path / "elsewhere" / "INDEX.md"
    outside.parent.mkdir()
    outside.write_text(ROW + f"| `{doc}` | SECRET-PUBLISHER | 2099 | x |\n")
    (seeds / "INDEX.md").symlink_to(outside)
    loaded, said = _load(thesis)
    assert documents_of(loaded) == {}
    assert "SECRET" not in document_title(loaded, doc)
    (warning,) = [s for s in said if "document index" in s]
    assert "outside the thesis folder tree" in warning and "the index is not read" in warning


def test_a_seeds_folder_linked_out_of_the_tree_has_its_index_unread(tree, tmp_path) -> None:
    thesis, seeds, doc = tree
    outside = tmp_path / "elsewhere-seeds"
    seeds.rename(outside)
    (outside / "INDEX.md").write_text(ROW + f"| `{doc}` | SECRET-PUBLISHER | 2099 | x |\n")
    seeds.symlink_to(outside)
    from model.inputs.scope import ReadScope
    from model.inputs.sources.documents import document_index

    scope = ReadScope.for_thesis(thesis)
    assert document_index(seeds, scope) == {}
    assert document_index(outside)[doc].publisher == "SECRET-PUBLISHER"  # no scope: its own


def test_a_misspelt_doc_suggests_no_link_leading_out(tree, tmp_path, capsys) -> None:
    thesis, seeds, doc = tree
    outside = tmp_path / "elsewhere" / "private-notes.txt"
    outside.parent.mkdir()
    outside.write_text("private\n")
    (seeds / "private-notez.txt").symlink_to(outside)
    text = thesis.read_text(encoding="utf-8").replace(f"doc: {doc}", "doc: private-notes.txt")
    thesis.write_text(text, encoding="utf-8")
    assert main(["validate", str(thesis)]) == 2
    err = capsys.readouterr().err
    assert "unknown seed file 'private-notes.txt'" in err, err
    assert "private-notez" not in err, err
    assert doc in err  # the documents it may quote are still listed
