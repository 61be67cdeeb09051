"""``thesis report``: the whole analysis of the Alibaba thesis in one folder."""

from __future__ import annotations

import base64
import contextlib
import io
import json
import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from model.export import job
from model.export.job_text import DESCRIPTION_WIDTH, UNDESCRIBED
from model.results import export as ex

# Part of the repository: a missing file is a failure, not a reason to skip.
ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "alibaba.yaml")
SEED = "7"
FAST = ["--paths", "2000", "--seed", SEED, "--no-progress"]
TINY = ["--paths", "200", "--seed", SEED, "--no-progress", "--no-charts"]


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """``thesis ARGV`` in this process: (exit code, stdout, stderr)."""
    from model.cli import main as cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as exc:  # argparse rejects bad arguments this way
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def done(tmp_path_factory):
    """One report of the thesis at 2,000 paths, shared by the tests of this module."""
    folder = tmp_path_factory.mktemp("report") / "alibaba"
    code, out, err = run_cli(["report", THESIS, *FAST, "--out", str(folder)])
    assert code == 0, err
    return folder, out


@pytest.fixture(scope="module")
def scenarios():
    from model.scenarios import scenario_names

    return scenario_names(THESIS)


def read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name)


# ---------------------------------------------------------------------- contents


def test_every_expected_file_is_written(done):
    folder, _ = done
    expected = [
        "README.txt", "manifest.json", "summary.txt", "scenarios.csv", "ledger.csv", "index.html",
        "comparison/summary.csv", "comparison/scorecard.csv", "comparison/scorecard_wide.csv",
        "comparison/returns.csv", "comparison/differences.csv", "comparison/classic_view.csv",
        "comparison/charts/scenarios_value.png", "comparison/charts/scenarios_return.png",
        "comparison/charts/scenarios_value_cdf.png", "comparison/charts/value_histogram.png",
        "comparison/charts/scorecard.png",
        "base/summary.csv", "base/quantiles.csv", "base/returns.csv", "base/scorecard.csv",
        "base/ledger.csv", "base/charts/fan_revenue_cloud_total.png",
        "base/charts/fan_market_ai_cloud.png", "base/charts/fan_earnings.png",
        "base/charts/share_paths_ai_cloud.png", "base/charts/value_histogram.png",
        "base/charts/value_cdf.png", "base/charts/convergence.png",
        "blend/returns.csv", "blend/blend_weights.csv", "blend/charts/value_histogram.png",
        "blend/charts/value_cdf.png",
        "views/views.csv", "views/charts/views_value.png", "views/charts/views_value_cdf.png",
        "views/charts/views_return.png",
        "sensitivity/tornado.csv", "sensitivity/rank_correlation.csv",
        "sensitivity/charts/tornado.png", "sensitivity/charts/rank_correlation.png",
    ]  # fmt: skip
    missing = [name for name in expected if not (folder / name).is_file()]
    assert not missing
    for png in folder.rglob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    # Sobol' only on request; no staging folders left next to the export.
    assert not (folder / "sensitivity" / "sobol.csv").exists()
    assert sorted(p.name for p in folder.parent.iterdir()) == ["alibaba"]


def test_scenario_table_has_one_row_per_scenario(done, scenarios):
    folder, _ = done
    table = read(folder, "scenarios.csv")
    assert list(table["scenario"]) == list(scenarios)
    assert (table["year"] == 2030).all() and (table["n"] == 2000).all()
    assert (table["value_p5"] < table["value_p50"]).all()
    assert (table["value_p50"] < table["value_p95"]).all()
    assert table["p_upside"].between(0, 1).all()
    weights = table.set_index("scenario")["weight"]
    assert weights.sum() == pytest.approx(1.0)
    from model.inputs.assembly.thesis import load_thesis

    given = {n: w.value for n, w in load_thesis(THESIS).weights.items()}
    for name in scenarios:
        assert weights[name] == given[name] if name in given else np.isnan(weights[name])
    # The same numbers as the comparison's own returns table at the exit year.
    returns = read(folder, "comparison/returns.csv")
    exit_rows = returns[returns["year"] == 2030].set_index("scenario")
    assert np.allclose(exit_rows.loc[table["scenario"], "value_p50"], table["value_p50"])


def test_comparison_tables(done, scenarios):
    folder, _ = done
    card = read(folder, "comparison/scorecard_wide.csv")
    assert list(card.columns[-len(scenarios) :]) == list(scenarios)
    classic = read(folder, "comparison/classic_view.csv")
    assert list(classic["scenario"]) == ["bull", "base", "bear", "weighted"]
    diffs = read(folder, "comparison/differences.csv")
    assert set(diffs["a"]) == set(scenarios) - {"base"} and set(diffs["b"]) == {"base"}
    # Common random numbers: the paired standard error is below the unpaired one, and both
    # come from the one standard-error function (sd / sqrt(n) for this plain Monte Carlo run).
    assert (diffs["mean_se"] < diffs["mean_se_unpaired"]).all()
    assert np.allclose(diffs["mean_se"], diffs["sd"] / np.sqrt(2000))


def test_tornado_is_sorted_and_ranks_come_from_the_base_run(done):
    folder, out = done
    tornado = read(folder, "sensitivity/tornado.csv")
    swings = tornado["swing"].abs().to_numpy()
    assert len(tornado) >= 5 and np.all(np.diff(swings) <= 0)
    assert np.allclose(tornado["swing"], tornado["output_at_high"] - tornado["output_at_low"])
    for name in tornado["input"].head(5):
        assert name in out  # the summary prints the top 5 drivers
    ranks = read(folder, "sensitivity/rank_correlation.csv")
    assert ranks["rho"].between(-1, 1).all()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["sensitivity"]["rank_paths"] <= 2000
    assert manifest["sensitivity"]["sobol_n_base"] is None


def test_blend_and_views(done, scenarios):
    folder, _ = done
    weights = read(folder, "blend/blend_weights.csv")
    assert weights["paths"].sum() == 2000
    assert weights["weight"].sum() == pytest.approx(1.0)
    views = pd.read_csv(folder / "views/views.csv", dtype={"view": str})
    # the base case carries no view tag in this thesis: the cell is empty, not made up
    assert views["scenario"].iloc[0] == "base" and pd.isna(views["view"].iloc[0])
    # Grouped by view: the 2022 scenarios, then the 2025 ones.
    tags = [str(v) for v in views["view"].iloc[1:]]
    assert tags == sorted(tags) and {"2022", "2025"} <= set(tags)
    assert "crackdown_redux" in set(views["scenario"])
    assert views.set_index("scenario").loc["base", "value_mean_vs_base"] == 0.0


def test_ledger_lists_base_and_every_override(done, scenarios):
    folder, _ = done
    ledger = read(folder, "ledger.csv")
    assert set(ledger["applies_to"]) == set(scenarios)
    base = ledger[ledger["applies_to"] == "base"]
    assert (base["scenario"] == "base").all() and "price" in set(base["name"])
    overrides = ledger[ledger["applies_to"] != "base"]
    assert (overrides["scenario"] != "base").all()


def test_manifest_and_index_cover_every_file(done):
    folder, _ = done
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["kind"] == "report" and manifest["seed_entropy"] == SEED
    assert manifest["n_paths"] == 2000 and manifest["method"] == "mc"
    assert len(manifest["thesis"]["file_hash"]) == 64
    assert manifest["versions"]["thesis_model"] and manifest["versions"]["numpy"]
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    assert listed == ex.file_hashes(folder, exclude=["manifest.json"])
    assert set(manifest["charts"]) == {p for p in listed if p.endswith(".png")}
    index = (folder / "README.txt").read_text()
    assert UNDESCRIBED not in index
    for path in [*listed, "manifest.json"]:
        shown = path[: -len(".parquet")] + ".csv" if path.endswith(".parquet") else path
        assert f"  {shown}" in index, path
    descriptions = [line.strip() for line in index.splitlines() if line.startswith(" " * 6)]
    assert descriptions and max(map(len, descriptions)) <= DESCRIPTION_WIDTH


def test_printed_summary(done, scenarios):
    folder, out = done
    for phrase in ("Value today (2025-11-27) of holding to 2030 (HKD", "P(up)", "r/yr p50",
                   "r/yr mean", "blend", "Classic view", "Top 5 drivers",
                   "Scorecard (probability per scenario)", f"wrote {folder}", "elapsed",
                   f"seed {SEED}"):  # fmt: skip
        assert phrase in out, phrase
    for name in scenarios:
        assert f"\n  {name} " in out, name
    # summary.txt is the printed summary without the folder and the elapsed time.
    text = (folder / "summary.txt").read_text()
    assert out.startswith(text) and "elapsed" not in text
    # flagged paths are in the summary, not only in the manifest
    manifest = json.loads((folder / "manifest.json").read_text())
    flagged = {n: s["invalid_paths"] for n, s in manifest["scenarios"].items()}
    for name, counts in flagged.items():
        for check, count in counts.items():
            if count:
                assert f"  {name}: " in text and f"{check} on {count:,}" in text
    # the scorecard names every scenario in full, whatever its length
    card = text[text.index("Scorecard (probability per scenario)") :]
    for name in scenarios:
        assert f" {name}" in card
    # today's value against the price, which keeps its own date; the base case has no view tag
    assert "Value today (2025-11-27)" in text and "price 129.5 HKD on 2025-02-17" in text
    assert "\n  base                —" in text and "Base case: Alibaba" not in text


# ---------------------------------------------------------------------- reproducibility, safety


def test_same_seed_gives_a_byte_identical_folder(done, tmp_path):
    folder, _ = done
    again = tmp_path / "again"
    code, _, err = run_cli(["report", THESIS, *FAST, "--out", str(again)])
    assert code == 0, err
    first, second = ex.file_hashes(folder), ex.file_hashes(again)
    assert any(name.endswith(".png") for name in first)
    assert first == second


def test_refuses_a_folder_that_is_not_an_export(tmp_path):
    target = tmp_path / "notes"
    target.mkdir()
    (target / "mine.txt").write_text("keep me")
    for extra in ([], ["--force"]):
        code, _, err = run_cli(["report", THESIS, *TINY, "--out", str(target), *extra])
        assert code == 2 and err.splitlines()[-1].startswith("error:") and "Traceback" not in err
    assert [p.name for p in target.iterdir()] == ["mine.txt"]


def test_force_replaces_an_earlier_export_atomically(done, tmp_path):
    folder, _ = done
    target = tmp_path / "copy"
    shutil.copytree(folder, target)
    code, _, err = run_cli(["report", THESIS, *TINY, "--out", str(target)])
    assert code == 2 and "--force" in err
    code, _, err = run_cli(["report", THESIS, *TINY, "--out", str(target), "--force"])
    assert code == 0, err
    # Replaced, not merged: the tables-only run leaves no chart of the earlier export behind.
    assert not list(target.rglob("*.png"))
    assert json.loads((target / "manifest.json").read_text())["n_paths"] == 200
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy"]


def test_a_failed_write_leaves_nothing(monkeypatch, tmp_path):
    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(job, "full_ledger", broken)
    code, _, err = run_cli(["report", THESIS, *TINY, "--out", str(tmp_path / "x")])
    assert code == 1 and "No space left" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_failed_run_exits_1(monkeypatch, tmp_path):
    import model.engine
    from model.errors import EngineError

    def broken(*args, **kwargs):
        raise EngineError("chunk 0 failed: worker lost")

    monkeypatch.setattr(model.engine, "run", broken)
    code, _, err = run_cli(["report", THESIS, *TINY, "--out", str(tmp_path / "x")])
    assert code == 1 and err.splitlines()[-1].startswith("error: run failed")
    assert "worker lost" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "no/such/thesis.yaml", "--out", "{tmp}/a"], "not found"),
        (["report", THESIS, "--scenarios", "bulll", "--out", "{tmp}/a"], "did you mean 'bull'"),
        (["report", THESIS, "--paths", "-5", "--out", "{tmp}/a"], "--paths"),
        (["report", THESIS, "--sobol", "--n-base", "100", "--out", "{tmp}/a"], "power of 2"),
        (["report", THESIS, "--out", "{tmp}/a", "--bogus"], "see 'thesis report --help'"),
        (["report", THESIS], "--out"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, argv, message):
    code, _, err = run_cli([a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert code == 2
    # One error line, after any warnings the thesis gave on the way.
    *before, last = err.strip().splitlines()
    assert last.startswith("error:") and message in last and "Traceback" not in err
    assert all(w.startswith("warning: ") for w in before)
    assert list(tmp_path.iterdir()) == []


def test_subset_of_scenarios_with_sobol(tmp_path):
    folder = tmp_path / "bbb"
    argv = ["report", THESIS, *TINY, "--scenarios", "bull", "bear", "--sobol", "--n-base", "16"]
    code, out, err = run_cli([*argv, "--out", str(folder)])
    assert code == 0, err
    assert list(read(folder, "scenarios.csv")["scenario"]) == ["base", "bull", "bear"]
    sobol = read(folder, "sensitivity/sobol.csv")
    assert len(sobol) > 0 and sobol["ST"].notna().all()
    # The summary names the drivers by their labels, with their total effect.
    line = next(x for x in out.splitlines() if x.startswith("Sobol' total effects"))
    top = sobol.sort_values("ST", ascending=False, kind="stable").iloc[0]
    assert f"{top['label']} {100 * top['ST']:.1f}%" in line
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["sensitivity"]["sobol_n_base"] == 16
    # The page of a report without charts: every table, no image.
    page = parse_page(folder / "index.html")
    assert not page.images and {"sobol", "scorecard", "assumptions"} <= set(page.tables)
    from model.inputs.assembly.thesis import load_thesis

    weighted = {n for n, w in load_thesis(THESIS).weights.items() if w.value > 0}
    if weighted <= {"base", "bull", "bear"}:
        assert (folder / "blend").is_dir() and manifest["blend"] is not None
    else:
        # The thesis weighs scenarios that were not run: no blend, and the summary says why.
        assert not (folder / "blend").exists()
        assert "Note: no blend" in out and manifest["blend"] is None


def test_help_shows_examples():
    code, out, _ = run_cli(["report", "--help"])
    assert code == 0
    assert "thesis report assumptions/alibaba.yaml --seed 2025 --out output/alibaba" in out
    assert "/tmp" not in out
    for option in ("--paths", "--seed", "--method", "--backend", "--scheduler", "--force",
                   "--no-progress", "--sobol", "--scenarios"):  # fmt: skip
        assert option in out, option


def test_report_settings_are_checked_before_anything_runs():
    from model.errors import SettingsError
    from model.scenarios import RunSettings

    with pytest.raises(SettingsError, match="power of 2") as info:
        job.ReportSettings(n_base=100)
    assert "--" not in str(info.value)  # library wording, not the command line's
    with pytest.raises(SettingsError, match="at least 4 paths"):
        job.ReportSettings(run=RunSettings(n_paths=1))
    # the rank correlations need the inputs, so a report always keeps them
    assert job.ReportSettings(run=RunSettings(keep_inputs=False)).run.keep_inputs


def test_views_table_is_empty_without_views(done):
    import dataclasses

    from model.inputs.assembly.thesis import load_thesis

    report = job.build_report(load_thesis(THESIS), job.ReportSettings(
        run=job.RunSettings(n_paths=50, seed=1), scenarios=("bull",)))  # fmt: skip
    assert report.views is not None  # bull carries a view
    bare = dataclasses.replace(report, views=None, view_tags=())
    table = bare.views_table()
    assert isinstance(table, pd.DataFrame) and table.empty
    assert {"value_mean_vs_base", "value_mean_vs_base_se", "view"} <= set(table.columns)


# ---------------------------------------------------------------------- index.html


class _Page(HTMLParser):
    """What a browser would fetch or run, the tables and the text of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.images: list[str] = []
        self.links: list[tuple[str, str]] = []  # (attribute, value) of every reference
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self.text: list[str] = []
        self.policy = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
            self.policy = attrs.get("content", "")
        for key in ("src", "href", "action", "data", "poster", "srcset"):
            if attrs.get(key):
                self.links.append((key, attrs[key]))
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        if tag == "table":
            self._table = attrs.get("id", f"table{len(self.tables)}")
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def test_index_html_is_one_self_contained_page(done):
    folder, _ = done
    path = folder / "index.html"
    raw = path.read_text(encoding="utf-8")
    page = parse_page(path)
    # Nothing is fetched or run: no scripts, frames, style sheets, fonts or remote images.
    assert not {"script", "iframe", "object", "embed", "link", "base"} & set(page.tags)
    assert "url(" not in raw and "@import" not in raw
    assert not [v for _, v in page.links if re.match(r"\s*(https?:)?//", v, re.I)]
    assert all(v.startswith(("#", "data:image/png;base64,")) for _, v in page.links)
    assert page.policy.startswith("default-src 'none'")  # and the browser is told so
    # Every chart of the folder is on the page, as the same PNG bytes.
    pngs = sorted(folder.rglob("*.png"))
    assert len(page.images) == len(pngs) >= 20
    embedded = {base64.b64decode(src.split(",", 1)[1]) for src in page.images}
    assert embedded == {p.read_bytes() for p in pngs}


def test_index_html_has_every_table_assumption_and_setting(done):
    folder, _ = done
    page = parse_page(folder / "index.html")
    expected = {"settings", "scenarios", "scorecard", "tornado", "rank_correlation",
                "assumptions", "documents"}  # fmt: skip
    assert expected <= set(page.tables)
    settings = {row[0]: row[1] for row in page.tables["settings"]}
    manifest = json.loads((folder / "manifest.json").read_text())
    assert settings["Seed"].startswith(SEED) and settings["Paths per scenario"] == "2,000"
    assert settings["Sampling method"] == manifest["method"]
    assert settings["thesis-model version"] == manifest["versions"]["thesis_model"]
    assert (
        settings["Thesis as of"]
        and settings["Thesis file sha256"] == (manifest["thesis"]["file_hash"])
    )
    # One row per scenario (and the blend), the values of scenarios.csv.
    table = read(folder, "scenarios.csv")
    rows = page.tables["scenarios"][1:]
    assert len(rows) == len(table) + (1 if (folder / "blend").is_dir() else 0)
    for row, name in zip(rows, table["scenario"], strict=False):
        assert row[0].endswith(f"({name})")
    # Every number of the ledger with its quote (or reasoning) and its document.
    ledger = read(folder, "ledger.csv")
    shown = page.tables["assumptions"][1:]
    assert len(shown) == len(ledger)
    for row, rec in zip(shown, ledger.to_dict("records"), strict=True):
        assert row[0] == rec["applies_to"] and row[1].startswith(rec["name"])
        if isinstance(rec["quote"], str):
            assert " ".join(rec["quote"].split()) in row[7]
            assert rec["document"] in row[6]
        elif isinstance(rec["rationale"], str):
            assert " ".join(rec["rationale"].split())[:60] in row[7]
    # Documents by what they are, from the seeds' index (not only by file name).
    docs = page.tables["documents"][1:]
    assert {"Bloomberg", "CNBC"} <= {d[1] for d in docs}
    # Each claim with its probability per scenario; the 2022 view's claim marked as such.
    card = page.tables["scorecard"]
    assert len(card) - 1 == len(read(folder, "comparison/scorecard_wide.csv"))
    assert any(r[0].startswith("[2022 view]") for r in card[1:])
    # A claim no path (or every path) satisfies shows its 95% bound, not a zero error.
    shown = r"(<1|>99|\d{1,3})% ± [\d.]+%|0% \(< [\d.]+%, 95% bound\)|100% \(> [\d.]+%, 95% bound\)"
    assert all(re.fullmatch(shown, c) for r in card[1:] for c in r[1:])


def test_index_html_scenario_rows_share_one_basis_the_blend_included(done):
    # Every row, the blend's too, states today's value held to the exit year: the blend row
    # once showed the year-end value against today's price.
    folder, _ = done
    page = parse_page(folder / "index.html")
    header, *rows = page.tables["scenarios"]
    assert header[3].startswith("Value today (held to 2030)")
    blend = read(folder, "blend/returns.csv").set_index("year").loc[2030]
    scenarios = read(folder, "scenarios.csv").set_index("scenario")
    blend_row = rows[-1]
    assert blend_row[0].startswith("Blend")

    def amount(cell: str) -> float:
        return float(cell.split()[0].replace(",", ""))

    assert amount(blend_row[4]) == pytest.approx(blend["value_p50"], abs=0.051)
    assert amount(rows[0][4]) == pytest.approx(scenarios["value_p50"].iloc[0], abs=0.051)
    # The blend's median lies among the scenarios' medians, as a mixture's must.
    medians = scenarios["value_p50"]
    assert medians.min() <= blend["value_p50"] <= medians.max()


def test_index_html_scenario_errors_carry_their_percent_sign(done):
    # P(value > price) and the expected return are percentages, and so are their ± 2 s.e.
    # (as in the scorecard): the margin once showed as a bare "± 2.1".
    folder, _ = done
    header, *rows = parse_page(folder / "index.html").tables["scenarios"]
    scenarios = read(folder, "scenarios.csv").set_index("scenario")
    for column, name in ((6, "p_upside"), (7, "expected_return")):
        assert header[column].endswith("± 2 s.e.")
        for row, (_, rec) in zip(rows, scenarios.iterrows(), strict=False):
            if rec[name] in (0.0, 1.0) and name == "p_upside":  # its 95% bound, no zero error
                assert re.fullmatch(r"(0\.0|100\.0)% \([<>] [\d.]+%, 95% bound\)", row[column])
                continue
            value, margin = row[column].split(" ± ")
            assert value == f"{100 * rec[name]:.1f}%"
            assert margin.endswith("%")
            assert float(margin[:-1]) == pytest.approx(200 * rec[f"{name}_se"], abs=0.05)


def test_index_html_keeps_a_small_standard_error_visible():
    # An expected return of 3.4% whose two standard errors are 0.034 points reads
    # "3.4% ± 0.034%", not "3.4% ± 0.0%", which would claim an exact estimate.
    from model.export import html_report as hr

    assert hr._pct(0.0344, 0.00017) == "3.4% ± 0.034%"
    assert hr._pct(0.039, 0.0014) == "3.9% ± 0.3%"
    assert hr._pct(0.0, 0.0) == "0.0% ± 0.0%"


def test_index_html_escapes_what_the_thesis_says():
    from model.export import html_report as hr

    table = hr._table([["<script>alert(1)</script> & 'x'"]], ["<b>head</b>"])
    assert "<script>" not in table and "&lt;script&gt;" in table and "&amp;" in table
    assert "&lt;b&gt;head" in table
    source = SimpleNamespace(doc="a<b>.txt", quote="it's <i>big</i>", rationale=None)
    report = SimpleNamespace(thesis=SimpleNamespace(seeds_dir=None))
    cell = hr._source_cell(report, source)
    assert "<i>" not in cell and "&lt;i&gt;" in cell and "a&lt;b&gt;.txt" in cell


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Chromium (Debian package chromium)")
def test_index_html_renders_in_headless_chromium(done, tmp_path):
    folder, _ = done
    shot = tmp_path / "page.png"
    argv = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
        "--window-size=1280,4000", (folder / "index.html").resolve().as_uri(),
    ]  # fmt: skip
    done_run = subprocess.run(argv, capture_output=True, timeout=180, check=False)
    assert shot.is_file(), done_run.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert _png_size(data) == (1280, 4000)
    import matplotlib.image as mpimg

    pixels = mpimg.imread(shot)[..., :3]
    # Not blank: text, tables and charts put dark and coloured pixels on the page, all down it.
    dark = (pixels.mean(axis=2) < 0.5).mean()
    assert dark > 0.01
    bands = pixels.reshape(8, -1, pixels.shape[1], 3)
    assert all(band.std() > 0.05 for band in bands)


FIXED_THESIS = """\
format: 1
thesis:
  name: "A dividend stream with every number fixed"
  company: Example Utility SpA
  as_of: 2025-12-31
  currency: EUR
  horizon: {first: 2025, last: 2028}
  price: {value: 20.0, unit: EUR/share, source: {estimate: "An illustrative share price"}}
assumptions:
  div_2025: {unit: EUR m, value: 100, source: {estimate: "Dividends paid for the year"}}
  g: {unit: "%", value: 0.03, source: {estimate: "Dividend growth for ever"}}
  ke: {unit: "%", value: 0.08, source: {estimate: "Cost of equity of a utility"}}
  shares_2025: {unit: shares m, value: 100, source: {estimate: "Shares at the year end"}}
model:
  kind: lines
  currency: EUR m
  blocks:
    count: {type: share_count, shares: shares_2025}
  lines:
    dividends: {value: "div_2025 * (1 + g) ** t", role: dividends}
  valuation:
    cost_of_equity: ke
    legs:
      ddm: {weight: 1, discount_rate: ke, terminal_growth: g}
"""


def test_a_thesis_with_every_input_fixed_is_reported_without_a_sensitivity(tmp_path):
    # A deterministic check of a thesis (every number fixed) is reported in full: the runs,
    # the workbook and the page, with a note that there is nothing to swing, not refused.
    path = tmp_path / "fixed.yaml"
    path.write_text(FIXED_THESIS, encoding="utf-8")
    folder = tmp_path / "out"
    code, out, err = run_cli(["report", str(path), *TINY, "--xlsx", "--out", str(folder)])
    assert code == 0, err
    assert "no sensitivity: the base case has no distribution or event to swing" in out
    assert (folder / "report.xlsx").is_file() and not (folder / "sensitivity").exists()
    assert "No sensitivity: the base case has no distribution or event to swing" in (
        folder / "index.html"
    ).read_text(encoding="utf-8")
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["sensitivity"] is None
