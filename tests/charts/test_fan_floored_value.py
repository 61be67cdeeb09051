"""A fan of value per share says when its bands sit on the floor of zero: a loss-making company
whose equity value is below zero on many paths shows a median of exactly 0 there."""

from __future__ import annotations

from pathlib import Path

import model
from model import charts

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


def _footnote(fig) -> str:
    return " ".join(t.get_text() for t in fig.texts)


def test_the_floor_is_named_in_the_footnote(tmp_path):
    # Net debt far above what the business is worth in its first years: negative equity.
    text = SAAS.read_text(encoding="utf-8").replace("value: 1100\n", "value: -6000\n", 1)
    path = tmp_path / "indebted.yaml"
    path.write_text(text, encoding="utf-8")
    result = model.simulate(model.load_thesis(path), n_paths=2_000, seed=1, progress=False)
    assert result.invalid["negative_value"] > 0
    note = _footnote(charts.fan_chart(result, "value_per_share"))
    assert "floored at zero where the equity value is below zero" in note


def test_no_floor_no_note():
    result = model.simulate(model.load_thesis(SAAS), n_paths=2_000, seed=1, progress=False)
    assert "floored" not in _footnote(charts.fan_chart(result, "value_per_share"))
    assert "floored" not in _footnote(charts.fan_chart(result, "revenue"))
