"""``thesis run --paths 1`` is one random draw, not the central case, and says so.

The help, the README and the export's note called a one-path run "a deterministic check";
on a thesis with a distribution its one path is a draw that moves with the seed (a multiple
drawn at 12.6 one time, 8.6 the next), not the central case (``model.central``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.results.export import ONE_PATH_NOTE

THESIS = """\
format: 1
thesis:
  name: "One uncertain multiple"
  company: Drawco plc
  as_of: 2025-01-01
  currency: USD
  horizon: {first: 2025, last: 2027}
  price:
    value: 100.0
    unit: USD/share
    date: 2025-01-01
    source: {estimate: "An illustrative share price"}
assumptions:
  e0: {unit: USD m, value: 100, source: {estimate: "Earnings this year, illustrative"}}
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
  valuation:
    legs:
      pe: {weight: 1, multiple: pe}
"""


def test_one_path_is_a_draw_and_is_called_one(tmp_path: Path, capsys) -> None:
    path = tmp_path / "draw.yaml"
    path.write_text(THESIS, encoding="utf-8")
    values = []
    for seed in ("7", "8"):
        assert main(["run", str(path), "--paths", "1", "--seed", seed, "--json"]) == 0
        doc = json.loads(capsys.readouterr().out)
        (row,) = [r for r in doc["returns"] if r["year"] == doc["exit_year"]]
        values.append(row["value_p50"])
    central = model.central(model.load_thesis(path))["value_per_share"][-1]
    assert central == pytest.approx(10 * 100 / 10)  # the median multiple: 10 x 100 / 10
    # Two seeds, two draws: not the central case.
    assert values[0] != values[1] and central not in values
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "deterministic" not in text and "one random draw" in text, text
    assert "deterministic" not in ONE_PATH_NOTE and "one random draw" in ONE_PATH_NOTE
