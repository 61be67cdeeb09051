"""The run / compare / sensitivity subcommands: output, exports and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.cli import parsers
from model.errors import EngineError
from model.results import export as ex

# Part of the repository: a missing file is a failure, not a reason to skip.
ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "alibaba.yaml")
FAST = ["--paths", "300", "--seed", "4", "--no-progress"]


@pytest.fixture
def main(monkeypatch):
    """``model.cli.main.main`` with the subcommands registered (whether or not it wires them)."""
    from model.cli import main as cli

    for name, add in (
        ("run", parsers.add_run),
        ("compare", parsers.add_compare),
        ("sensitivity", parsers.add_sensitivity),
    ):
        if name not in cli.COMMANDS:
            monkeypatch.setitem(cli.COMMANDS, name, add)
    return cli.main


def test_run_prints_summary_and_exports(main, tmp_path, capsys):
    out = tmp_path / "base"
    assert main(["run", THESIS, *FAST, "--out", str(out), "--no-charts"]) == 0
    text = capsys.readouterr().out
    for phrase in (
        "Value today (2025-11-27) of holding to 2030 (HKD, at the cost of equity)",
        "Value per share at the end of 2030 (not discounted)",
        "price 129.5 HKD on 2025-02-17",
        "P(upside)",
        "Annual return from 2025-02-17 to 2030: median",
        "Scorecard",
        "seed 4",
        f"wrote {out}",
    ):
        assert phrase in text, phrase
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["scenario"] == "base" and manifest["n_paths"] == 300
    assert manifest["seed_entropy"] == "4" and manifest["thesis"]["file_hash"]


def test_same_seed_exports_are_byte_identical_with_charts(main, tmp_path, monkeypatch, capsys):
    from model import charts as plots

    def two_charts(result):
        # Two of the standard charts keep the test fast; each chart's bytes are E2's tests.
        return {
            "fan_revenue_cloud_total": plots.fan_chart(result, "revenue_cloud_total"),
            "value_histogram": plots.value_distribution(result),
        }

    monkeypatch.setattr(plots, "standard_charts", two_charts)
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["run", THESIS, *FAST, "--out", str(one)]) == 0
    assert main(["run", THESIS, *FAST, "--out", str(two)]) == 0
    hashes = ex.file_hashes(one)
    assert any(name.endswith(".png") for name in hashes)
    assert hashes == ex.file_hashes(two)


def test_scenario_and_blend(main, capsys):
    assert main(["run", THESIS, *FAST, "--scenario", "bull"]) == 0
    assert "Scenario: bull (Bull" in capsys.readouterr().out
    assert main(["run", THESIS, *FAST, "--blend"]) == 0
    assert "blend" in capsys.readouterr().out


def test_compare_and_views(main, tmp_path, capsys):
    out = tmp_path / "cmp"
    assert (
        main(
            [
                "compare",
                THESIS,
                *FAST,
                "--scenarios",
                "base",
                "bull",
                "bear",
                "--out",
                str(out),
                "--no-charts",
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert "common random numbers" in text and "bear" in text
    assert "Classic view" in text and "reward-to-risk" in text
    assert "(probability-weighted upside) / (probability-weighted downside)" in text
    assert "Value today (2025-11-27)" in text and f"price {129.5:,.1f} HKD on 2025-02-17" in text
    assert (out / "scenarios" / "bear" / "summary.csv").is_file()
    assert main(["compare", THESIS, *FAST, "--views", "2022"]) == 0
    assert "crackdown_redux" in capsys.readouterr().out
    assert main(["compare", THESIS, *FAST, "--views", "2023"]) == 2
    err = capsys.readouterr().err
    assert "no scenario has view '2023'; known views: 2022, 2025" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", THESIS, "--scenario", "bulll"], "did you mean 'bull'"),
        (["compare", THESIS, "--scenarios", "base", "bare"], "did you mean 'bear'"),
        (["run", "no/such/thesis.yaml"], "error:"),
        (["run", THESIS, "--scheduler", "tcp://127.0.0.1:1"], "only used with --backend dask"),
        (["sensitivity", THESIS, "--output", "value_per_shar"], "value_per_share"),
    ],
)
def test_bad_input_exits_2_without_traceback(main, capsys, argv, message):
    extra = FAST if argv[0] != "sensitivity" else ["--no-progress"]
    assert main([*argv, *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    *before, last = err.splitlines()  # the error, one line, after any warnings
    assert last.startswith("error:") and all(w.startswith("warning: ") for w in before)


def test_existing_folder_needs_force(main, tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["run", THESIS, *FAST, "--out", str(out), "--no-charts"]) == 0
    assert main(["run", THESIS, *FAST, "--out", str(out), "--no-charts"]) == 2
    assert "use --force to replace an earlier export" in capsys.readouterr().err
    assert main(["run", THESIS, *FAST, "--out", str(out), "--no-charts", "--force"]) == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", THESIS, "--paths", "0"], "at least 1"),
        (["sensitivity", THESIS, "--method", "sobol", "--n-base", "1000"], "power of 2"),
        (["sensitivity", THESIS, "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_bad_arguments_are_usage_errors(main, capsys, argv, message):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    # the hint names the help of the subcommand used
    assert f"(see 'thesis {argv[0]} --help')" in err


def test_out_below_a_file_is_bad_input_named_plainly(main, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    target = blocker / "out"
    assert main(["run", THESIS, *FAST, "--out", str(target), "--no-charts"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith(f"error: cannot create {target}: ")
    assert ".tmp" not in err
    assert "is a file, not a folder" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_validate_checks_scorecard_statements(tmp_path, capsys):
    import shutil

    from model.cli import main as cli

    shutil.copytree(ROOT / "assumptions", tmp_path / "assumptions")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    path = tmp_path / "assumptions" / "alibaba.yaml"
    text = path.read_text()
    assert 'statement: "return_dated[2030] >= 0.10"' in text
    path.write_text(text.replace("return_dated[2030] >= 0.10", "return_dater[2030] >= 0.10"))
    line = 1 + path.read_text().split("return_dater[2030]")[0].count("\n")
    assert cli.main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"alibaba.yaml:{line}:" in err and "did you mean 'return_dated'" in err
    assert cli.main(["validate", THESIS, "--all-scenarios"]) == 0
    assert "scorecard claims" in capsys.readouterr().out


def test_validate_refuses_an_assumption_named_like_an_output(tmp_path, capsys):
    import shutil

    from model.cli import main as cli

    shutil.copytree(ROOT / "assumptions", tmp_path / "assumptions")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    path = tmp_path / "assumptions" / "alibaba.yaml"
    # No claim uses the name: the clash is refused anyway (a run keeps both under one name).
    text = path.read_text()
    assert "buyback_spend:" not in text and text.count("buyback_budget") == 2
    path.write_text(text.replace("buyback_budget", "buyback_spend"))
    # The share_count block makes a line called buyback_spend: the model refuses the clash at
    # the block that makes the line.
    line = 1 + path.read_text().split("    share_count:")[0].count("\n")
    assert cli.main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"alibaba.yaml:{line}: model.blocks.share_count:" in err
    assert "'buyback_spend' is already an assumption" in err


def test_run_failure_exits_1(main, monkeypatch, capsys):
    import model.engine

    def broken(*args, **kwargs):
        raise EngineError("chunk 0 (paths 0..299) failed: worker lost")

    monkeypatch.setattr(model.engine, "run", broken)
    assert main(["run", THESIS, *FAST]) == 1
    err = capsys.readouterr().err
    assert "run failed" in err and "worker lost" in err and "Traceback" not in err


def test_export_failure_exits_1_and_leaves_nothing(main, monkeypatch, tmp_path, capsys):
    def failing(frame, folder, stem):
        raise OSError(28, "No space left on device", str(folder / stem))

    monkeypatch.setattr(ex, "write_table", failing)
    target = tmp_path / "x"
    assert main(["run", THESIS, *FAST, "--out", str(target), "--no-charts"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == f"error: cannot write to {target}: No space left on device"
    assert list(tmp_path.iterdir()) == []


def test_unexpected_error_is_reported_without_traceback(main, monkeypatch, capsys):
    import model.scenarios

    def bug(*args, **kwargs):
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(model.scenarios, "simulate", bug)
    monkeypatch.delenv("THESIS_DEBUG", raising=False)
    assert main(["run", THESIS, *FAST]) == 1
    err = capsys.readouterr().err
    assert "internal error" in err and "ZeroDivisionError" in err and "Traceback" not in err
    assert "THESIS_DEBUG=1" in err
    monkeypatch.setenv("THESIS_DEBUG", "1")
    assert main(["run", THESIS, *FAST]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError: oops" in err and "internal error" in err


def test_sensitivity_tornado(main, tmp_path, capsys):
    out = tmp_path / "sens"
    argv = ["sensitivity", THESIS, "--top", "5", "--out", str(out), "--no-charts", "--no-progress"]
    assert main(argv) == 0
    text = capsys.readouterr().out
    # Alibaba states a cost of equity: the default is the report's value, today's.
    assert "what drives value_today_by_year (tornado)" in text
    assert (out / "sensitivity.csv").is_file()
    assert json.loads((out / "manifest.json").read_text())["method"] == "tornado"


def test_help_describes_every_option(main, capsys):
    for command in ("run", "compare", "sensitivity"):
        with pytest.raises(SystemExit) as info:
            main([command, "--help"])
        assert info.value.code == 0
    text = capsys.readouterr().out
    for option in (
        "--paths",
        "--seed",
        "--method",
        "--backend",
        "--scheduler",
        "--out",
        "--force",
        "--scenarios",
        "--views",
        "--n-base",
    ):
        assert option in text, option


def test_entry_point_in_a_subprocess(tmp_path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "model.cli", "run", THESIS, "--scenario", "nope", "--paths", "10"],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].startswith("error: unknown scenario 'nope'")
    assert "Traceback" not in done.stderr


def test_tornado_chart_of_the_cli_has_units_and_names_the_thesis(main, tmp_path):
    from model.inputs.assembly.thesis import load_thesis
    from model.sensitivities import sensitivity
    from model.sensitivities.export import sensitivity_chart

    thesis = load_thesis(THESIS)
    found = sensitivity(thesis, "bear", method="tornado")
    fig = sensitivity_chart(found, thesis, "bear", top=5)
    assert "HKD" in fig.axes[0].get_xlabel()
    footnote = "\n".join(t.get_text() for t in fig.texts)
    assert "assumptions/alibaba.yaml" in footnote and "scenario: bear" in footnote
    assert "Tornado" in footnote and "paths" not in footnote  # no Monte Carlo run to name


def test_sensitivity_rank_exports_a_chart_of_its_own_run(main, tmp_path, capsys):
    out = tmp_path / "rank"
    argv = ["sensitivity", THESIS, "--method", "rank", "--paths", "400", "--seed", "4"]
    assert main([*argv, "--top", "4", "--out", str(out)]) == 0
    assert "what drives value_today_by_year (rank)" in capsys.readouterr().out
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["n_paths"] == 400 and manifest["seed_entropy"] == "4"
    assert (out / "charts" / "sensitivity_rank.png").is_file()


def test_top_level_help_starts_with_report(capsys):
    from model.cli import main as cli

    with pytest.raises(SystemExit) as info:
        cli.main(["--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    assert "report" in text and "thesis report assumptions/alibaba.yaml" in text
