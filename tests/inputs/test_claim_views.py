"""A scorecard claim may belong to another article view (the opposing thesis, tracked)."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.errors import ThesisModelError
from model.inputs.assembly.thesis import load_thesis

ROOT = Path(__file__).resolve().parents[2]


def test_the_alibaba_thesis_tags_the_2022_claim_only():
    thesis = load_thesis(ROOT / "assumptions" / "alibaba.yaml")
    views = {name: item.view for name, item in thesis.scorecard.items()}
    assert views.pop("cloud_share_below_30pct_2030") == "2022"
    assert set(views.values()) == {None}


def test_a_claim_view_is_a_tag(tmp_path):
    text = (ROOT / "assumptions" / "alibaba.yaml").read_text(encoding="utf-8")
    bad = text.replace('    view: "2022"\n', "    view: [2022]\n", 1)
    assert bad != text
    (tmp_path / "scenarios").mkdir()
    for f in (ROOT / "assumptions" / "scenarios").iterdir():
        (tmp_path / "scenarios" / f.name).write_text(f.read_text(encoding="utf-8"))
    path = tmp_path / "t.yaml"
    path.write_text(bad.replace("format: 1", f"format: 1\nseeds_dir: {ROOT / 'seeds'}", 1))
    with pytest.raises(ThesisModelError, match="view"):
        load_thesis(path)
