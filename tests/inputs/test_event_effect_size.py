"""An event's literal ``by:`` beyond ±1e100 is refused at its line, as an assumption's value is,
instead of a run that fails on overflowing summaries."""

from __future__ import annotations

import pytest

from model.cli.main import main

EVENT = """
events:
  shock:
    annual_prob: 0.1
    effects:
      - {{target: margin_target, op: {op}, by: {by}}}
    source: {{estimate: "A test of an event with a very large effect"}}
"""


def _thesis(tmp_path, op: str, by: str):
    assert main(["init", "acme", "--out", str(tmp_path), "--template", "growth"]) == 0
    path = tmp_path / "acme.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nweights:", EVENT.format(op=op, by=by) + "\nweights:"))
    return path


@pytest.mark.parametrize(("op", "by"), [("multiply", "1e308"), ("add", "-1e101")])
def test_a_huge_effect_is_refused_at_its_by(tmp_path, capsys, op, by):
    path = _thesis(tmp_path, op, by)
    capsys.readouterr()
    assert main(["validate", str(path), "-q"]) == 2
    err = capsys.readouterr().err
    assert "events.shock.effects[0].by:" in err and "is beyond ±1e+100" in err
    assert "Traceback" not in err


def test_a_large_but_finite_figure_is_kept(tmp_path, capsys):
    assert main(["validate", str(_thesis(tmp_path, "multiply", "1.5")), "-q"]) == 0
