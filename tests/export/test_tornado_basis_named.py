"""The tornado says its value is a year-end one, not discounted, next to today's values.

The summary's table of scenarios gives today's value (base median 145 HKD, p95 214 HKD for the
flagship), and the tornado under it a "central case (deterministic): 254.5" of value per share
at the end of 2030, undiscounted: read together, the central case sat above the 95th
percentile. The page's "Tornado (deterministic central case 254 HKD)" said nothing of its basis.
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _report(tmp_path: Path, end: str | None) -> tuple[str, str]:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    body = found.group(1)
    if end:
        body = body.replace("as_of: 2025-06-30", f'as_of: 2025-06-30\n  fiscal_year_end: "{end}"')
    path = tmp_path / "example.yaml"
    path.write_text(body, encoding="utf-8")
    out = tmp_path / "out"
    args = ["--paths", "200", "--seed", "1", "--no-progress", "--no-charts", "-q"]
    assert main(["report", str(path), "--out", str(out), *args]) == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    summary = (out / "summary.txt").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)), summary


def test_the_summary_says_the_central_case_is_not_discounted(tmp_path):
    _, summary = _report(tmp_path, None)
    line = next(x for x in summary.splitlines() if "central case (deterministic)" in x)
    assert line.endswith("(year-end value, not discounted)"), line


def test_the_page_names_the_tornado_basis_and_its_fiscal_year(tmp_path):
    page, _ = _report(tmp_path, "06-30")
    assert (
        "Tornado of value per share at the end of FY2030 (30 Jun 2030), not discounted "
        "(deterministic central case" in page
    ), page
    (tmp_path / "calendar").mkdir()
    page, _ = _report(tmp_path / "calendar", None)
    assert "Tornado of value per share at the end of 2030, not discounted (deterministic" in page
