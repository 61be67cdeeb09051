"""A seed document that is a link out of the thesis tree is refused with the name the thesis
gives it (the link in its seeds folder) and where the link leads, so the user can find it."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
STARTER_NAME = "Linked Seeds"


def test_the_link_is_named_as_the_thesis_names_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", STARTER_NAME, "--template", "segments", "--out", "t"]) == 0
    capsys.readouterr()
    thesis = next((tmp_path / "t").glob("*.yaml"))
    seeds = next((tmp_path / "t").glob("*-seeds"))
    (doc,) = list(seeds.iterdir())
    outside = tmp_path / "elsewhere" / "secret-notes.txt"
    outside.parent.mkdir()
    outside.write_bytes(doc.read_bytes())
    doc.unlink()
    doc.symlink_to(outside)
    assert main(["validate", str(thesis)]) == 2
    err = capsys.readouterr().err
    assert "outside the thesis folder tree" in err
    # The link is named by its own path; its target appears only as where the link leads.
    named, _, leads = err.partition("through a symbolic link to")
    assert f"{seeds.name}/{doc.name}" in named and outside.name not in named
    assert outside.name in leads
