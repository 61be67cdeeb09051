"""``clip(x, low, high)`` with its bounds the wrong way round: refused, never a quiet ``high``."""

from __future__ import annotations

import numpy as np
import pytest

from model.cli.main import main
from model.errors import ExpressionError
from model.inputs.expressions.expr import compile_expression


@pytest.mark.parametrize("text", ["clip(x, 0.5, 0.1)", "clip(x, -0.1, -0.5)", "clip(x, 1, -1)"])
@pytest.mark.parametrize("lines", [False, True])
def test_written_bounds_the_wrong_way_round_are_refused(text, lines):
    with pytest.raises(ExpressionError, match="clip\\(x, low, high\\) needs low <= high"):
        compile_expression(text, lines=lines)


def test_computed_bounds_that_cross_give_no_value_on_those_paths():
    e = compile_expression("clip(x, low, high)")
    x = np.array([0.3, 0.3, 0.3])
    out = e.evaluate({"x": x, "low": np.array([0.1, 0.5, 0.2]), "high": np.array([0.2, 0.1, 0.2])})
    assert out[0] == 0.2 and np.isnan(out[1]) and out[2] == 0.2


def test_bounds_in_order_clip_as_before():
    e = compile_expression("clip(x, -0.5, 0.5)")
    assert e.evaluate({"x": np.array([-1.0, 0.2, 1.0])}).tolist() == [-0.5, 0.2, 0.5]


def test_a_model_line_with_reversed_bounds_fails_validation_at_its_line(tmp_path, capsys):
    assert main(["init", "acme", "--out", str(tmp_path), "--template", "growth"]) == 0
    path = tmp_path / "acme.yaml"
    text = path.read_text(encoding="utf-8")
    old = "      value: sales * margin\n"
    assert old in text
    path.write_text(text.replace(old, "      value: sales * clip(margin, 0.5, 0.1)\n"))
    capsys.readouterr()
    assert main(["validate", str(path), "-q"]) == 2
    err = capsys.readouterr().err
    assert "model.lines.operating_profit.value: clip(x, low, high) needs low <= high" in err
    assert "Traceback" not in err
