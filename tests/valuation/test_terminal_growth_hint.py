"""When terminal growth is not below the discount rate, the fix the message offers is itself
below the rate: an example growth of 2% is no help when the rate is 2% or less."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "binary-event.yaml"


@pytest.mark.parametrize(("rate", "growth"), [(0.02, 0.02), (0.015, 0.03), (0.06, 0.07)])
def test_the_suggested_growth_is_below_the_rate(tmp_path, capsys, rate, growth):
    text = TEMPLATE.read_text(encoding="utf-8")
    wacc = '  wacc:\n    unit: "%"\n    value: 0.095\n'
    long = '  long_growth:\n    unit: "%"\n    value: 0.0\n'
    assert wacc in text and long in text
    text = text.replace(wacc, wacc.replace("0.095", str(rate)))
    text = text.replace(long, long.replace("0.0", str(growth)))
    thesis = tmp_path / "t.yaml"
    thesis.write_text(text, encoding="utf-8")
    assert main(["validate", str(thesis)]) == 2
    err = capsys.readouterr().err
    assert "terminal growth 'long_growth'" in err and "not below the discount rate" in err
    hint = err.split(";", 1)[1]
    examples = [float(x) for x in re.findall(r"e\.g\. (-?[0-9.]+)", hint)]
    assert all(x < rate for x in examples), hint
    assert f"{rate:g}" in hint  # the bound to stay below is stated
