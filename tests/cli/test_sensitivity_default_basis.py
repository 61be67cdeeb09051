"""``thesis sensitivity`` ranks by default what ``thesis report`` ranks: the headline's value.

With a cost of equity the report ranks the drivers of today's value of holding to the exit
year (``value_today_by_year``), but the command ranked the undiscounted year-end value per
share, so the two named different top drivers for one thesis. The command now follows the
report (today's value when the model states it, else the year-end value), ``--output`` asks
for the other, and the console header, the JSON ``settings`` and the ``--out`` folder (the
table's ``output`` and ``basis`` columns, the manifest) say which value is ranked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SAAS = str(ROOT / "assumptions" / "examples" / "saas-subscription.yaml")

#: A thesis valued on an exit multiple alone: no cost of equity, so no today's value.
MULTIPLES = """\
format: 1
thesis:
  name: "Multiples alone"
  company: Multico plc
  as_of: 2025-01-01
  currency: USD
  horizon: {first: 2025, last: 2027}
  price: {value: 100.0, unit: USD/share, source: {estimate: "An illustrative share price"}}
assumptions:
  e0:
    unit: USD m
    dist: lognormal
    median: 100
    sigma: 0.2
    source: {estimate: "Earnings this year, illustrative"}
  cash0: {unit: USD m, value: 200, source: {estimate: "Net cash this year, illustrative"}}
  shares0: {unit: shares m, value: 10, source: {estimate: "Shares outstanding, illustrative"}}
  pe:
    unit: x
    dist: lognormal
    median: 10
    sigma: 0.3
    source: {estimate: "An exit multiple, illustrative"}
model:
  kind: lines
  currency: USD m
  blocks:
    count: {type: share_count, shares: shares0}
  lines:
    earnings: {value: e0, role: earnings}
    net_cash: {value: cash0, role: net_cash}
  valuation:
    legs:
      pe: {weight: 1, multiple: pe}
"""


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:
    assert main(["sensitivity", *argv, "--json", "--no-progress"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_default_follows_the_thesis(capsys, tmp_path: Path) -> None:
    doc = _json(capsys, [SAAS])
    assert doc["output"] == "value_today_by_year"
    assert doc["settings"]["basis"] == "value_today"
    assert doc["settings"]["basis_text"].startswith("value today (")
    multiples = tmp_path / "multiples.yaml"
    multiples.write_text(MULTIPLES, encoding="utf-8")
    doc = _json(capsys, [str(multiples)])
    assert doc["output"] == "value_per_share"
    assert doc["settings"]["basis"] == "year_end"
    assert doc["settings"]["basis_text"] == "value per share at the end of 2027, undiscounted"


def test_the_option_asks_for_the_year_end_value(capsys) -> None:
    doc = _json(capsys, [SAAS, "--output", "value_per_share"])
    assert doc["output"] == "value_per_share" and doc["settings"]["basis"] == "year_end"
    # Another model output is no value: its basis is said to be none.
    doc = _json(capsys, [SAAS, "--output", "revenue"])
    assert doc["settings"]["basis"] is None and doc["settings"]["basis_text"] is None


def test_the_console_header_names_the_basis(capsys) -> None:
    assert main(["sensitivity", SAAS, "--no-progress"]) == 0
    head = capsys.readouterr().out.splitlines()[:2]
    assert head[0].endswith("what drives value_today_by_year (tornado)")
    assert head[1].startswith("basis: value today (") and "at the cost of equity" in head[1]


def test_the_tornado_is_the_reports(tmp_path: Path) -> None:
    report, alone = tmp_path / "report", tmp_path / "alone"
    common = ["--no-progress", "--no-charts", "-q"]
    assert main(["report", SAAS, "--out", str(report), "--paths", "200", "--seed", "3",
                 *common]) == 0  # fmt: skip
    assert main(["sensitivity", SAAS, "--out", str(alone), *common]) == 0
    theirs = pd.read_csv(report / "sensitivity" / "tornado.csv")
    ours = pd.read_csv(alone / "sensitivity.csv")
    assert set(theirs["basis"]) == {"value_today"}
    # The same table, its output and basis columns included.
    pd.testing.assert_frame_equal(ours, theirs)


@pytest.mark.parametrize(
    ("output", "basis", "text"),
    [
        (None, "value_today", "value today ("),
        ("value_per_share", "year_end", "value per share at the end of "),
        ("revenue", None, None),
    ],
)
def test_the_folder_names_the_value_ranked(tmp_path: Path, output, basis, text) -> None:
    """``--out`` wrote the table and manifest without saying which value was ranked."""
    folder = tmp_path / "out"
    argv = ["sensitivity", SAAS, "--out", str(folder), "--no-progress", "--no-charts", "-q"]
    assert main(argv + (["--output", output] if output else [])) == 0
    table = pd.read_csv(folder / "sensitivity.csv", keep_default_na=False)
    assert list(table.columns[-2:]) == ["output", "basis"]
    assert set(table["output"]) == {output or "value_today_by_year"}
    assert set(table["basis"]) == {basis or ""}
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["output"] == (output or "value_today_by_year")
    assert manifest["basis"] == basis
    if text is None:
        assert manifest["basis_text"] is None
    else:
        assert manifest["basis_text"].startswith(text)
