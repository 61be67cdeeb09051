"""The page's scenario table says which year end today's value is held to.

With a June year end, the run table read "values and returns at FY2030, 30 Jun 2030" while the
scenario table just under it headed its columns "Value today (held to 2030)": a calendar year
to any reader, six months after the date the values are held to.
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _page(tmp_path: Path, end: str | None) -> str:
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
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_a_june_year_end_heads_the_scenario_table(tmp_path):
    page = _page(tmp_path, "06-30")
    assert "Value today (held to FY2030, 30 Jun 2030) p5" in page, page[:3000]
    assert "held to 2030)" not in page


def test_a_calendar_year_heads_it_as_before(tmp_path):
    page = _page(tmp_path, None)
    assert "Value today (held to 2030) p5" in page
