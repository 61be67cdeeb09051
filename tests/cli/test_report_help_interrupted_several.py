"""``thesis report --help`` says what a Ctrl-C leaves with several theses.

The help said an interrupted report leaves "the folder as it was"; with several theses the
reports finished before the Ctrl-C stay written in FOLDER. It now says that a report not
finished leaves its own folder as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import model.export.batch as batch
from model.cli.main import main

EXAMPLES = Path(__file__).resolve().parents[2] / "assumptions" / "examples"


@pytest.mark.filterwarnings("ignore")
def test_help_on_ctrl_c_matches_what_several_reports_leave(tmp_path, monkeypatch, capsys):
    real, calls = batch.report_files, []

    def second_interrupted(thesis, settings):
        calls.append(thesis)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(thesis, settings)

    monkeypatch.setattr(batch, "report_files", second_interrupted)
    theses = [str(EXAMPLES / "saas-subscription.yaml"), str(EXAMPLES / "copper-miner.yaml")]
    out = tmp_path / "out"
    argv = ["report", *theses, "--out", str(out), "--paths", "300", "--seed", "1", "--no-charts"]
    assert main(argv) == 130
    assert (out / "saas-subscription" / "manifest.json").is_file()  # the first stays written
    assert not (out / "copper-miner").exists()
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    helptext = " ".join(capsys.readouterr().out.split())
    assert "(Ctrl-C; the folder as it was)" not in helptext
    assert "130 interrupted (Ctrl-C; a report not finished leaves its folder as it was)" in (
        helptext
    )
