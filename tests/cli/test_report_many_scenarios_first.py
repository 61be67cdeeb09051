"""``thesis report A B --scenarios ...`` refuses a scenario one thesis lacks before running.

A scenario the second thesis lacked was found only when its report ran, after the first
thesis' report had run and been written, and the message did not say which file lacked it.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALIBABA = str(ROOT / "assumptions" / "alibaba.yaml")
GROWTH = str(ROOT / "assumptions" / "templates" / "growth-company.yaml")


def test_a_scenario_a_later_thesis_lacks_is_refused_naming_its_file(tmp_path, capsys, monkeypatch):
    import model.export.batch as batch
    from model.cli.main import main

    def started(*args, **kwargs):
        raise AssertionError("a report ran before the scenarios were checked")

    monkeypatch.setattr(batch, "report_files", started)
    out = tmp_path / "out"
    # Alibaba has a chip_controls scenario; the growth template has base, bull and bear only.
    argv = ["report", ALIBABA, GROWTH, "--scenarios", "base", "chip_controls", "--out", str(out)]
    assert main([*argv, "--paths", "2000", "--seed", "1", "--no-progress", "-q"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    line = err.strip().splitlines()[-1]
    assert line.startswith(f"error: {GROWTH}: unknown scenario 'chip_controls'"), line
    assert "base, bear, bull" in line
    assert not out.exists()
