"""A comparison's notebook view has a 'view' column only when some scenario carries a view tag:
for a thesis without views the column was empty on every row."""

from __future__ import annotations

import re
from pathlib import Path

import model

ROOT = Path(__file__).resolve().parents[2]


def _headers(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", html)]


def test_no_view_column_without_views():
    thesis = model.load_thesis(ROOT / "assumptions" / "examples" / "japan-conglomerate.yaml")
    found = model.compare(thesis, ["base", "bear"], n_paths=300, seed=1)
    headers = _headers(found._repr_html_())
    assert "scenario" in headers
    assert "view" not in headers


def test_views_keep_their_column():
    # Alibaba's scenarios carry the 2022 and 2025 view tags.
    thesis = model.load_thesis(ROOT / "assumptions" / "alibaba.yaml")
    found = model.compare(thesis, n_paths=300, seed=1)
    assert "view" in _headers(found._repr_html_())
