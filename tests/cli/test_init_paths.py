"""``thesis init`` where a link to a missing folder stands where the seeds folder goes: bad input
(exit 2) in one line that names it, and nothing written."""

from __future__ import annotations

from model.cli.main import main


def test_a_dangling_link_where_the_seeds_folder_goes_is_bad_input(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gamma-seeds").symlink_to(tmp_path / "nowhere")
    assert main(["init", "Gamma", "--template", "segments"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "gamma-seeds" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gamma-seeds"]  # nothing left behind
    assert not (tmp_path / "nowhere").exists()
