"""A thesis reads only inside its own folder tree, within size limits, and never echoes a file.

The reproductions of the hostile-input report: a link in the seeds folder to ``/etc/passwd``,
``seeds_dir:`` and ``scenario_files:`` pointing anywhere, a huge source document.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from model.errors import ThesisError
from model.inputs import load_thesis
from model.inputs.scope import MAX_DOCUMENT_BYTES, ReadScope, thesis_root
from model.inputs.sources.provenance import MAX_QUOTE_CHARS, SeedIndex

from .conftest import ThesisCopy, assert_at, fail_load, line_of

ROOT = Path(__file__).resolve().parents[2]
PRICE_SOURCE = 'source: {doc: article.txt, quote: "the stock reached a peak of 129.5 HKD"}'
SECRET = "secret-token-1234567890"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the thesis tree whose content must never appear in a message."""
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "private.txt"
    target.write_text(f"{SECRET}: the stock reached a peak of 129.5 HKD\n", encoding="utf-8")
    return target


def _no_leak(err: ThesisError) -> str:
    text = str(err)
    assert SECRET not in text and "\n" not in text, text
    return text


def test_the_alibaba_layout_is_one_tree() -> None:
    # assumptions/alibaba.yaml reads ../seeds and scenarios/...: the project folder is the tree.
    assert thesis_root(ROOT / "assumptions" / "alibaba.yaml") == ROOT
    thesis = load_thesis(ROOT / "assumptions" / "alibaba.yaml")
    assert thesis.seeds_dir == ROOT / "seeds"


def test_a_seed_link_leaving_the_tree_is_refused(thesis_copy: ThesisCopy, secret: Path) -> None:
    os.symlink(secret, thesis_copy.root / "seeds" / "leak.txt")
    text = thesis_copy.edit(PRICE_SOURCE, PRICE_SOURCE.replace("article.txt", "leak.txt"))
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, "leak.txt"), "thesis.price.source.doc")
    msg = _no_leak(err)
    assert "outside the thesis folder tree" in msg and "symbolic link" in msg


def test_the_passwd_reproduction_prints_nothing_of_it(thesis_copy: ThesisCopy) -> None:
    if not Path("/etc/passwd").is_file():  # pragma: no cover - every Unix has it
        pytest.skip("no /etc/passwd")
    os.symlink("/etc/passwd", thesis_copy.root / "seeds" / "pw.txt")
    thesis_copy.edit(PRICE_SOURCE, 'source: {doc: pw.txt, quote: "root x zzz qqq"}')
    msg = str(fail_load(thesis_copy))
    assert "root:" not in msg and "/bin/" not in msg and "outside" in msg


def test_a_link_inside_the_tree_is_followed(thesis_copy: ThesisCopy) -> None:
    os.symlink(thesis_copy.root / "seeds" / "article.txt", thesis_copy.root / "seeds" / "a2.txt")
    thesis_copy.edit(PRICE_SOURCE, PRICE_SOURCE.replace("article.txt", "a2.txt"))
    assert load_thesis(thesis_copy.path).price == 129.5


@pytest.mark.parametrize("how", ["absolute", "relative", "link"])
def test_seeds_dir_outside_the_tree(thesis_copy: ThesisCopy, secret: Path, how: str) -> None:
    outside_seeds = secret.parent
    for name in ("article.txt", "other.txt"):
        shutil.copy(thesis_copy.root / "seeds" / name, outside_seeds / name)
    if how == "absolute":
        written = str(outside_seeds)
    elif how == "relative":
        written = "../outside"
    else:
        os.symlink(outside_seeds, thesis_copy.root / "docs")
        written = "docs"
    text = thesis_copy.edit("seeds_dir: seeds", f"seeds_dir: {written}")
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, "seeds_dir"), "seeds_dir", "outside")
    _no_leak(err)
    # The user may allow the folder explicitly.
    thesis = load_thesis(thesis_copy.path, allow_read=[outside_seeds])
    assert thesis.seeds_dir == outside_seeds.resolve()


def test_scenario_files_outside_the_tree(thesis_copy: ThesisCopy, secret: Path) -> None:
    text = thesis_copy.edit("scenario_files: [scenarios.yaml]", f"scenario_files: [{secret}]")
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, "scenario_files"), "scenario_files[0]")
    assert "outside the thesis folder tree" in _no_leak(err)
    # Allowed, it is read: and its content is still not printed beyond a short excerpt.
    with pytest.raises(ThesisError) as info:
        load_thesis(thesis_copy.path, allow_read=[secret.parent])
    assert str(info.value).startswith(str(secret))


def test_scenario_file_link_and_devices(thesis_copy: ThesisCopy, secret: Path) -> None:
    os.symlink(secret, thesis_copy.root / "more.yaml")
    thesis_copy.edit("scenario_files: [scenarios.yaml]", "scenario_files: [more.yaml]")
    assert "symbolic link" in _no_leak(fail_load(thesis_copy))
    thesis_copy.edit("scenario_files: [more.yaml]", "scenario_files: [/dev/zero]")
    assert "outside" in str(fail_load(thesis_copy))
    thesis_copy.edit("scenario_files: [/dev/zero]", "scenario_files: [minimal.yaml]")
    assert "its own scenario file" in str(fail_load(thesis_copy))


def test_a_file_outside_the_tree_names_the_callers_way_to_allow_it(
    thesis_copy: ThesisCopy, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Python caller is told of ``allow_read=[folder]``, not of a command-line option."""
    from model.cli.main import main

    thesis_copy.edit("scenario_files: [scenarios.yaml]", f"scenario_files: [{secret}]")
    text = str(fail_load(thesis_copy))
    assert "folders allowed with allow_read=[folder]" in text and "--allow-read" not in text
    assert main(["validate", str(thesis_copy.path), "-q"]) == 2
    assert "folders allowed with --allow-read DIR" in capsys.readouterr().err


def test_allow_read_must_exist(thesis_copy: ThesisCopy, tmp_path: Path) -> None:
    with pytest.raises(ThesisError, match="no such folder"):
        load_thesis(thesis_copy.path, allow_read=[tmp_path / "nope"])


def test_a_document_over_the_size_limit_is_refused_quickly(thesis_copy: ThesisCopy) -> None:
    big = thesis_copy.root / "seeds" / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: nothing is written, nothing read
    text = thesis_copy.edit(PRICE_SOURCE, PRICE_SOURCE.replace("article.txt", "big.txt"))
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, "big.txt"), "thesis.price.source.doc")
    assert "the limit is 4 MB" in str(err)


def test_a_thesis_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with open(big, "wb") as fh:
        fh.truncate(3 * 1024 * 1024)
    with pytest.raises(ThesisError, match="too large"):
        load_thesis(big)


def test_a_long_quote_is_refused_before_searching(thesis_copy: ThesisCopy) -> None:
    long_quote = "word " * (MAX_QUOTE_CHARS // 5 + 10)
    thesis_copy.edit('"the stock reached a peak of 129.5 HKD"', f'"{long_quote}"')
    msg = str(fail_load(thesis_copy))
    assert f"the limit is {MAX_QUOTE_CHARS}" in msg and len(msg) < 300


def test_the_closest_passage_is_short(thesis_copy: ThesisCopy) -> None:
    article = thesis_copy.root / "seeds" / "article.txt"
    article.write_text(("filler words here " * 2000) + "the stock reached a peak of 129.5 HKD\n")
    wrong = '"the stock reached a peek of 129.5"'
    thesis_copy.edit('"the stock reached a peak of 129.5 HKD"', wrong)
    msg = str(fail_load(thesis_copy))
    assert "closest passage" in msg and "reached a peak of 129.5" in msg
    assert len(msg) < 600


def test_seed_index_without_a_scope_keeps_to_its_folder(tmp_path: Path, secret: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    os.symlink(secret, seeds / "x.txt")
    index = SeedIndex(seeds)
    assert index.names() == ["x.txt"]
    with pytest.raises(Exception, match="outside"):
        index.load("x.txt")
    # An explicit scope that holds the target accepts it.
    index = SeedIndex(seeds, ReadScope(seeds.resolve(), (secret.parent.resolve(),)))
    assert SECRET in index.load("x.txt")[0]
