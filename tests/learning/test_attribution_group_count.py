"""An attribution over a single group says "1 group", in its repr and its chart's footnote."""

from __future__ import annotations

from pathlib import Path

import model
from model.charts.learning import attribution_waterfall

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


def test_one_group_is_counted_in_the_singular():
    # The bear case of the example changes one assumption, the share drift: one group.
    att = model.attribute(model.load_thesis(SAAS), "bear", "base", n_paths=1_000, seed=1)
    assert len(att.groups) == 1
    assert "over 1 group," in repr(att)
    fig = attribution_waterfall(att)
    notes = " ".join(t.get_text() for t in fig.texts)
    assert "over 1 group (" in notes and "1 groups" not in notes
