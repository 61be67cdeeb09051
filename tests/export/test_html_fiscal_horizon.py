"""The report page says when a fiscal year ends, as the console and the charts do.

With a March year end, the page's run table read "Horizon 2025-2030 (values and returns at
2030)" and its lead "Value per share and returns at 2030", a calendar year to any reader,
while the console said FY2030 (2030-03-31).
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _report(tmp_path: Path, end: str | None) -> str:
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


def test_a_march_year_end_is_named(tmp_path):
    page = _report(tmp_path, "03-31")
    assert "Horizon 2025-2030 (fiscal years ending 31 Mar; values and returns at FY2030, " \
        "31 Mar 2030)" in page, page[:2000]  # fmt: skip
    assert "Value per share and returns at FY2030 (31 Mar 2030)." in page


def test_a_calendar_year_reads_as_before(tmp_path):
    page = _report(tmp_path, None)
    assert "Horizon 2025-2030 (values and returns at 2030)" in page
    assert "Value per share and returns at 2030." in page
