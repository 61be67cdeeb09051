"""The report folder's learning part: watch list, prior and posterior, waterfall, backtest."""

from __future__ import annotations

import json

import pytest
from test_thesis_sections import EVIDENCE, REALISED

from model.export.job import ReportSettings, build_report, write_report
from model.export.job_text import UNDESCRIBED
from model.scenarios import RunSettings

RUN = RunSettings(n_paths=1_500, seed=4)


def _files(folder):
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_a_thesis_with_evidence_and_a_previous_vintage_reports_all_four(
    vintage_pair, write_vintage, tmp_path
):
    _, new = vintage_pair
    write_vintage(new, extra_top=EVIDENCE + REALISED)
    report = build_report(new, ReportSettings(run=RUN, learning_paths=500, xlsx=True))
    out = write_report(report, tmp_path / "out")
    files = _files(out)
    for stem in ("watch", "prior_posterior", "evidence", "attribution", "backtest"):
        assert f"learning/{stem}.csv" in files
    for chart in ("watch", "prior_posterior", "waterfall", "backtest"):
        assert f"learning/charts/{chart}.png" in files
    page = (out / "index.html").read_text(encoding="utf-8")
    for anchor in (
        'id="learning-section"',
        'id="evidence"',
        'id="prior_posterior"',
        'id="attribution"',
        'id="backtest"',
        "dates and structure",
        "one company",
    ):
        assert anchor in page  # fmt: skip
    assert UNDESCRIBED not in (out / "README.txt").read_text(encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    learned = manifest["learning"]
    assert learned["previous"] == "example-2022.yaml" and learned["evidence"] == 1
    assert learned["attribution"]["runs"] == 2 ** len(learned["attribution"]["groups"])
    summary = (out / "summary.txt").read_text(encoding="utf-8")
    assert "Since example-2022" in summary and "Backtest of example-2022" in summary
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    assert {"watch", "prior_posterior", "attribution", "backtest"} <= set(book.sheetnames)
    # the waterfall's steps add up to the change, as in the table written
    att = report.learning.attribution
    assert sum(att.median.values()) == pytest.approx(att.end["median"] - att.start["median"])


def test_a_plain_thesis_reports_the_watch_list_only(vintage_pair, tmp_path):
    _, new = vintage_pair
    report = build_report(new, ReportSettings(run=RUN))
    out = write_report(report, tmp_path / "out")
    learning = {f for f in _files(out) if f.startswith("learning/")}
    assert {f.rsplit(".", 1)[0] for f in learning} == {
        "learning/watch",
        "learning/watch_outcomes",
        "learning/charts/watch",
    }
    assert 'id="learning-section"' in (out / "index.html").read_text(encoding="utf-8")


def test_settings_name_the_files_and_can_turn_learning_off(vintage_pair, tmp_path):
    old, new = vintage_pair
    facts = tmp_path / "facts.yaml"
    facts.write_text("format: 1\n" + REALISED.split("\n", 1)[1], encoding="utf-8")
    settings = ReportSettings(run=RUN, previous=old, realised=facts, learning_paths=300)
    report = build_report(new, settings)
    assert report.learning.backtest is not None and report.learning.attribution is not None
    off = build_report(new, ReportSettings(run=RUN, learning=False))
    assert off.learning is None
    out = write_report(off, tmp_path / "off")
    assert not (out / "learning").exists()


def test_report_folder_draws_while_learning_and_writes_what_the_two_calls_write(
    vintage_pair, write_vintage, tmp_path, monkeypatch
):
    import model.export.job as job
    import model.export.render as render
    from model.export.job import report_folder
    from model.results.export import file_hashes

    _, new = vintage_pair
    write_vintage(new, extra_top=EVIDENCE + REALISED)
    settings = ReportSettings(run=RUN, learning_paths=300)
    built = build_report(new, settings)
    apart = write_report(built, tmp_path / "apart")
    order = []
    enter, learn = render.ChartGroups.__enter__, job._learning_of

    def entered(self):
        order.append("charts")
        return enter(self)

    def learning(*args, **kwargs):
        order.append("learning")
        return learn(*args, **kwargs)

    monkeypatch.setattr(render.ChartGroups, "__enter__", entered)
    monkeypatch.setattr(job, "_learning_of", learning)
    said = []
    report, together = report_folder(new, tmp_path / "together", settings, log=said.append)
    # the charts are handed out before the learning part runs, and nothing else differs
    assert order == ["charts", "learning"]
    assert file_hashes(together) == file_hashes(apart)
    assert report.notes == built.notes and report.learning.backtest is not None
    assert report.scenario_table().equals(built.scenario_table())
    first = [s for s in said if not s.startswith(("writing", "rendering"))]
    assert first[-1].startswith("backtest of") and said.index(first[-1]) < said.index(
        "writing tables and charts"
    )
    # without the learning part it is the two calls as they are
    off = ReportSettings(run=RUN, learning=False)
    _, plain = report_folder(new, tmp_path / "plain", off)
    assert file_hashes(plain) == file_hashes(write_report(build_report(new, off), tmp_path / "b"))
