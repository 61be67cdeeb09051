"""thesis update / attribute / watch from the command line (in-process)."""

from __future__ import annotations

import json
from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "alibaba.yaml")
EVIDENCE = str(ROOT / "assumptions" / "evidence" / "alibaba-2025q3.yaml")


def test_update_prints_prior_and_posterior_and_writes_the_folder(tmp_path, capsys):
    out = tmp_path / "upd"
    code = main(["update", THESIS, "--evidence", EVIDENCE, "--paths", "3000", "--out", str(out)])
    text = capsys.readouterr().out
    assert code == 0
    assert "effective paths" in text and "posterior_p50" in text
    assert {p.name for p in out.iterdir()} == {
        "prior_posterior.csv",
        "evidence.csv",
        "prior_posterior.png",
        "manifest.json",
    }


def test_update_json_is_json_only(capsys):
    code = main(["update", THESIS, "--evidence", EVIDENCE, "--paths", "2000", "--json"])
    rows = json.loads(capsys.readouterr().out)["prior_posterior"]
    assert code == 0 and {"output", "prior_p50", "posterior_p50"} <= set(rows[0])


def test_update_bad_evidence_exits_2_with_file_and_line(tmp_path, capsys):
    bad = tmp_path / "ev.yaml"
    bad.write_text("format: 1\nevidence:\n  g:\n    quantity: x\n    value: 1\n", encoding="utf-8")
    code = main(["update", THESIS, "--evidence", str(bad), "--paths", "1000"])
    err = capsys.readouterr().err
    assert code == 2 and "ev.yaml:3" in err and "value and sd" in err


def test_update_refuses_a_folder_with_files(tmp_path, capsys):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    code = main(["update", THESIS, "--evidence", EVIDENCE, "--out", str(tmp_path)])
    assert code == 2 and (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_attribute_and_watch(tmp_path, capsys):
    code = main(
        ["attribute", THESIS, "--from", "bear", "--paths", "300", "--out", str(tmp_path / "a")]
    )
    text = capsys.readouterr().out
    assert code == 0 and "Attribution" in text and (tmp_path / "a" / "waterfall.png").exists()
    code = main(["watch", THESIS, "--paths", "2000", "--out", str(tmp_path / "w")])
    text = capsys.readouterr().out
    assert code == 0 and "median" in text and (tmp_path / "w" / "watch.png").exists()
    code = main(["attribute", THESIS, "--from", "nope", "--paths", "300"])
    assert code == 2


def test_watch_and_backtest_open_with_a_sentence_not_an_object_repr(capsys):
    """The console headline is written for a reader; the ``<...>`` form is the API's repr."""
    assert main(["watch", THESIS, "--paths", "2000"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("Watch list for value_today (median") and "observables" in first
    new = str(ROOT / "assumptions" / "alibaba.yaml")
    assert main(["backtest", new, "--paths", "2000"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("Backtest of ") and "<" not in first


def test_update_refuses_a_year_outside_the_horizon_before_it_simulates(monkeypatch, capsys):
    import model.learning

    def never(*args, **kwargs):
        raise AssertionError("simulated before the year was checked")

    monkeypatch.setattr(model.learning, "condition", never)
    code = main(["update", THESIS, "--evidence", EVIDENCE, "--year", "2040"])
    assert code == 2 and "year 2040 is outside the thesis horizon" in capsys.readouterr().err
