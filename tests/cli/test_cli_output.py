"""What the commands print: --json, --quiet, - for stdin and stdout, plurals, the progress bar."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pandas as pd
import pytest

from model.cli import main as cli
from model.cli import progress

ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "alibaba.yaml")
FAST = ["--paths", "300", "--seed", "4"]


class Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def stdin_with(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# ---------------------------------------------------------------------- --json


def test_run_json_is_the_only_thing_on_stdout_and_matches_the_api(capsys):
    from model.scenarios import simulate

    assert cli.main(["run", THESIS, *FAST, "--json"]) == 0
    out = capsys.readouterr().out
    doc = json.loads(out)  # the whole of stdout is one JSON document
    assert doc["kind"] == "simulation" and doc["scenario"] == "base"
    assert doc["settings"]["seed_entropy"] == 4 and doc["settings"]["n_paths"] == 300
    result = simulate(THESIS, n_paths=300, seed=4)
    last = doc["returns"][-1]
    row = result.returns_table().iloc[-1]
    assert last["year"] == 2030
    assert last["p_upside"] == pytest.approx(row.p_upside)
    assert last["p_upside_se"] == pytest.approx(row.p_upside_se)
    first = doc["summary"][0]
    assert {"output", "year", "unit", "n", "mean", "mean_se", "p50", "p50_se"} <= set(first)
    claims = {c["claim"]: c for c in doc["scorecard"]}
    card = result.scorecard().set_index("claim")
    assert set(claims) == set(card.index)
    some = next(iter(claims))
    assert claims[some]["probability"] == pytest.approx(card.loc[some, "probability"])
    assert doc["written"] is None


def test_compare_and_sensitivity_json(capsys):
    assert (
        cli.main(["compare", THESIS, *FAST, "--scenarios", "base", "bull", "bear", "--json"]) == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert [s["scenario"] for s in doc["scenarios"]] == ["base", "bull", "bear"]
    assert {r["scenario"] for r in doc["returns"]} == {"base", "bull", "bear"}
    assert {d["a"] for d in doc["differences"]} == {"bull", "bear"}
    assert all(d["b"] == "base" and d["mean_se"] > 0 for d in doc["differences"])
    assert 0 < doc["classic_view"]["expected_value"] and doc["classic_view"]["statistic"]
    argv = ["sensitivity", THESIS, "--method", "tornado", "--json"]
    assert cli.main(argv) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["kind"] == "sensitivity" and doc["method"] == "tornado"
    # The report's value by default: Alibaba states a cost of equity, so today's.
    assert doc["output"] == "value_today_by_year" and doc["output_unit"] == "HKD/share"
    assert abs(doc["entries"][0]["swing"]) >= abs(doc["entries"][-1]["swing"])


# ---------------------------------------------------------------------- --quiet


def test_quiet_prints_nothing_but_still_exports(tmp_path, capsys):
    out = tmp_path / "base"
    assert cli.main(["run", THESIS, *FAST, "--quiet", "--no-charts", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    # Quiet silences the summary and the chatter; the thesis' own warnings (Alibaba's price
    # is dated before its valuation date) still go to stderr.
    assert captured.out == ""
    assert captured.err and all(line.startswith("warning: ") for line in captured.err.splitlines())
    assert (out / "manifest.json").is_file()
    assert cli.main(["validate", THESIS, "-q"]) == 0
    assert capsys.readouterr().out == ""


def test_json_and_quiet_exclude_each_other(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["run", THESIS, "--json", "--quiet"])
    assert info.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


# ---------------------------------------------------------------------- - for stdin and stdout


def test_validate_reads_stdin_with_paths_from_the_current_directory(monkeypatch, capsys):
    stdin_with(monkeypatch, Path(THESIS).read_bytes())
    monkeypatch.chdir(ROOT / "assumptions")  # where the thesis' relative paths start
    assert cli.main(["validate", "-", "--all-scenarios"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("OK: Alibaba")
    assert "OK: scenario bull" in captured.out
    assert "standard input" in captured.err and str(ROOT / "assumptions") in captured.err


def test_stdin_errors_name_stdin_and_the_line(monkeypatch, capsys):
    text = Path(THESIS).read_text(encoding="utf-8")
    broken = text.replace("    sd: 0.02\n", "    sd: -0.02\n", 1)
    assert broken != text
    line = broken[: broken.index("sd: -0.02")].count("\n") + 1
    stdin_with(monkeypatch, broken.encode())
    monkeypatch.chdir(ROOT / "assumptions")
    assert cli.main(["validate", "-"]) == 2
    err = capsys.readouterr().err
    assert f"error: <stdin>:{line}: assumptions." in err and "must be > 0" in err
    assert "Traceback" not in err


def test_dash_without_a_pipe_is_bad_input_not_a_hang(monkeypatch, capsys):
    class Keyboard(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Keyboard(io.BytesIO(b"")))
    assert cli.main(["validate", "-"]) == 2
    assert "nothing is piped in" in capsys.readouterr().err


def test_a_run_can_read_its_thesis_from_stdin(monkeypatch, capsys):
    stdin_with(monkeypatch, Path(THESIS).read_bytes())
    monkeypatch.chdir(ROOT / "assumptions")
    assert cli.main(["run", "-", *FAST, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["thesis"]["name"].startswith("Alibaba") and doc["settings"]["seed_entropy"] == 4


def test_sources_csv_to_stdout_is_the_table_alone(tmp_path, capsys, monkeypatch):
    from model.inputs.assembly.thesis import load_thesis

    monkeypatch.chdir(tmp_path)
    assert cli.main(["sources", THESIS, "--csv", "-"]) == 0
    out = capsys.readouterr().out
    table = pd.read_csv(io.StringIO(out))
    ledger = load_thesis(THESIS).ledger()
    assert list(table.columns) == list(ledger.columns) and len(table) == len(ledger)
    assert not (tmp_path / "-").exists()  # no file named '-'


# ---------------------------------------------------------------------- words


def test_counts_are_plural_only_when_they_should_be(capsys):
    assert cli.plural(1, "scorecard claim") == "1 scorecard claim"
    assert cli.plural(2, "scorecard claim") == "2 scorecard claims"
    assert cli.plural(0, "assumption") == "0 assumptions"
    assert cli.main(["validate", THESIS]) == 0
    out = capsys.readouterr().out
    assert "11 scorecard claims" in out and ", 1 scorecard claims" not in out


def test_returns_are_labelled_median_and_mean(capsys):
    assert cli.main(["compare", THESIS, *FAST, "--scenarios", "base", "bear"]) == 0
    out = capsys.readouterr().out
    assert "E[r]" not in out
    assert "r/yr p50" in out and "r/yr mean" in out
    assert "p50 the median path's, mean the mean total return annualised" in out


def test_sobol_is_printed_as_percentages(capsys):
    argv = ["sensitivity", THESIS, "--method", "sobol", "--n-base", "16", "--seed", "1"]
    argv += ["--inputs", "rest_earnings_growth", "alibaba_ai_share_drift", "--top", "2"]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert "S1 (alone)" in out and "ST (in total)" in out
    rows = [line for line in out.splitlines() if "rest_earnings_growth" in line]
    assert rows and "%" in rows[0]


# ---------------------------------------------------------------------- the progress bar


def test_progress_bar_is_wanted_only_on_a_terminal_and_unless_silenced():
    from argparse import Namespace

    plain = Namespace(no_progress=False, quiet=False, json=False)
    assert progress.wanted(plain, Terminal())
    assert not progress.wanted(plain, io.StringIO())
    for flag in ("no_progress", "quiet", "json"):
        assert not progress.wanted(Namespace(**{**vars(plain), flag: True}), Terminal())


def test_stage_bar_appears_after_its_delay_and_clears_itself():
    screen = Terminal()
    with progress.StageBar(3, enabled=True, stream=screen, show_after=0.05) as bar:
        bar.stage("loading the thesis")
        deadline = time.monotonic() + 10
        while not bar.shown and time.monotonic() < deadline:
            time.sleep(0.02)
        bar.stage("simulating scenario base")
        time.sleep(2 * progress.TICK_S)
    text = screen.getvalue()
    assert "simulating scenario base" in text and "1/3 stages" in text
    quick = Terminal()
    with progress.StageBar(3, enabled=True, stream=quick, show_after=5.0) as bar:
        bar.stage("loading the thesis")
    assert quick.getvalue() == ""  # done before the delay: nothing drawn
    off = Terminal()
    with progress.StageBar(3, enabled=False, stream=off, show_after=0.0) as bar:
        bar.stage("loading")
        time.sleep(0.1)
    assert off.getvalue() == ""


def test_the_bars_start_no_thread_that_would_keep_a_report_from_forking():
    # tqdm's monitor thread, started by a first bar and left running, made a report on a
    # terminal draw its charts one after another (no worker may be forked beside it).
    import threading

    from model._forks import fork_ok
    from model.engine.execution.runner import _Progress

    before = {t.ident for t in threading.enumerate()}
    with progress.StageBar(3, enabled=True, stream=Terminal(), show_after=0.0) as bar:
        bar.stage("loading the thesis")
        deadline = time.monotonic() + 10
        while not bar.shown and time.monotonic() < deadline:
            time.sleep(0.02)
        assert bar.shown
        run_bar = _Progress(True, 100)
        run_bar.update(50, 50)
        new = [t.name for t in threading.enumerate() if t.ident not in before]
        assert new == ["thesis-progress"], new
        assert fork_ok() or any(t.ident in before for t in threading.enumerate()[1:])
        run_bar.close()


def test_a_terminal_that_reports_no_size_still_gets_a_bar():
    # A fresh pseudo-terminal says 0 x 0; tqdm would draw nothing in it.
    import os
    import select

    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    with os.fdopen(slave, "w", encoding="utf-8") as screen:
        assert os.get_terminal_size(screen.fileno()).columns == 0
        with progress.StageBar(2, enabled=True, stream=screen, show_after=0.0) as bar:
            bar.stage("loading the thesis")
            deadline = time.monotonic() + 10
            while not bar.shown and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(2 * progress.TICK_S)
        screen.flush()
        drawn = b""
        while select.select([master], [], [], 0.2)[0]:
            drawn += os.read(master, 65536)
    os.close(master)
    assert b"loading the thesis" in drawn and b"0/2 stages" in drawn


def test_a_run_on_a_terminal_shows_the_bar_on_stderr(monkeypatch, capsys):
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setattr(progress, "SHOW_AFTER_S", 0.0)
    assert cli.main(["run", THESIS, *FAST]) == 0
    assert "stages" in screen.getvalue() and "simulating scenario base" in screen.getvalue()
    assert "stages" not in capsys.readouterr().out  # the summary alone on stdout


# ---------------------------------------------------------------------- report --xlsx


def test_report_writes_a_workbook_into_its_folder(tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "report"
    argv = ["report", THESIS, "--paths", "200", "--seed", "2", "--no-charts", "--quiet"]
    argv += ["--scenarios", "base", "bull", "bear", "--xlsx", "--out", str(out)]
    assert cli.main(argv) == 0
    assert capsys.readouterr().out == ""
    manifest = json.loads((out / "manifest.json").read_text())
    assert "report.xlsx" in {f["path"] for f in manifest["files"]}
    assert "report.xlsx" in (out / "README.txt").read_text()
    wb = openpyxl.load_workbook(out / "report.xlsx")
    head = ["summary", "scenarios", "scorecard", "ledger", "sensitivity", "paths"]
    # then the learning part: the thesis names its evidence, previous vintage and realised values
    assert wb.sheetnames == [*head, "watch", "prior_posterior", "attribution", "backtest"]
    methods = {row[0] for row in wb["sensitivity"].iter_rows(min_row=2, values_only=True)}
    assert methods == {"tornado", "rank"}
    weights = {r[0]: r[3] for r in wb["scenarios"].iter_rows(min_row=2, values_only=True)}
    assert set(weights) == {"base", "bull", "bear"} and all(w for w in weights.values())
