"""A thesis without views gets no note about views.

Views (scenarios tagged with the vintage of the articles they rest on) are optional; every
report of a thesis that used none ended on "Note: no views: no scenario run carries a `view:`
tag", in the summary, on the page and in the manifest, as if something had been left out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def test_no_note_for_views_the_thesis_never_asked_for(tmp_path):
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None and "view:" not in found.group(1)
    path = tmp_path / "example.yaml"
    path.write_text(found.group(1), encoding="utf-8")
    out = tmp_path / "out"
    args = ["--paths", "200", "--seed", "1", "--no-progress", "--no-charts", "-q"]
    assert main(["report", str(path), "--out", str(out), *args]) == 0
    for name in ("summary.txt", "index.html", "manifest.json"):
        assert "view:` tag" not in (out / name).read_text(encoding="utf-8"), name
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["views"] == []
