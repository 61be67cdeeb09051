"""A report's manifest records the dates its figures rest on, as ``--json`` does.

Today's value is discounted from the valuation date, the dated returns run from the price's
date, and each model year ends on the fiscal year end; the manifest gave the price and the
years but none of these dates, so a report folder could not say, on its own, when its value
is dated or what "2030" means for a June year end.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _manifest(tmp_path: Path, *, dated: bool) -> dict:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    body = found.group(1).replace(
        "as_of: 2025-06-30", 'as_of: 2025-06-30\n  fiscal_year_end: "06-30"'
    )
    if dated:
        body = body.replace("    unit: EUR/share\n", "    unit: EUR/share\n    date: 2025-06-27\n")
    path = tmp_path / "example.yaml"
    path.write_text(body, encoding="utf-8")
    out = tmp_path / "out"
    args = ["--paths", "200", "--seed", "1", "--no-progress", "--no-charts", "-q"]
    assert main(["report", str(path), "--out", str(out), *args]) == 0
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_the_manifest_dates_the_valuation_the_price_and_the_year_end(tmp_path):
    manifest = _manifest(tmp_path, dated=True)
    assert manifest["as_of"] == "2025-06-30"
    assert manifest["price_date"] == "2025-06-27"
    assert manifest["fiscal_year_end"] == "06-30"
    assert manifest["exit_year_end"] == "2030-06-30"


def test_an_undated_price_is_null_as_in_json(tmp_path):
    manifest = _manifest(tmp_path, dated=False)
    assert manifest["price_date"] is None and manifest["as_of"] == "2025-06-30"
