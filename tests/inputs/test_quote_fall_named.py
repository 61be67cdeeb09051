"""An item named as a fall states the size of the fall: "Costs fell by £120m" is a
``costs_decline`` of 120, and -120 (a rise) is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main
from model.inputs.sources.centres import fall_named

THESIS = """format: 1
thesis:
  name: "Falls"
  company: "Example Bank"
  as_of: 2025-12-01
  currency: GBP
  horizon: {{first: 2025, last: 2027}}
  price: {{value: 2.4, unit: GBP/share, source: {{estimate: "An illustrative share price"}}}}
assumptions:
  {key}:
    unit: "{unit}"
    value: {value}
    source: {{doc: a.txt, quote: "{quote}"}}
model:
  kind: lines
  currency: GBP m
  lines:
    d: "{key} * 0 + 1"
"""


def _validate(tmp_path: Path, capsys, key: str, unit: str, value: float, quote: str):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(f"Results. {quote}\n", encoding="utf-8")
    path = tmp_path / "t.yaml"
    text = THESIS.format(key=key, unit=unit, value=value, quote=quote)
    path.write_text(text, encoding="utf-8")
    return main(["validate", "-q", str(path)]), capsys.readouterr().err


CASES = [
    ("costs_decline", "GBP m", 120, "Costs fell by £120m"),
    ("cost_cut", "GBP m", 120, "Costs fell by £120m"),
    ("revenue_drop", "%", 0.05, "Revenue fell 5% from a year earlier"),
    ("cost_reduction", "GBP m", 120, "Costs were cut by £120m while income fell 3%"),
]


@pytest.mark.parametrize(("key", "unit", "value", "quote"), CASES)
def test_the_size_of_a_fall_is_positive(tmp_path: Path, capsys, key, unit, value, quote) -> None:
    code, err = _validate(tmp_path, capsys, key, unit, value, quote)
    assert code == 0, err


@pytest.mark.parametrize(("key", "unit", "value", "quote"), CASES)
def test_a_negative_fall_is_refused(tmp_path: Path, capsys, key, unit, value, quote) -> None:
    # -120 for "Costs fell by £120m" says costs rose; it validated.
    code, err = _validate(tmp_path, capsys, key, unit, -value, quote)
    assert code == 2
    assert f"{key}.source.quote" in err and f"the size of the fall: write {value:g}" in err


@pytest.mark.parametrize(
    ("key", "value"), [("costs_change", -120), ("impairment", -50), ("impairment", 50)]
)
def test_a_change_or_a_charge_keeps_its_reading(tmp_path: Path, capsys, key, value) -> None:
    # A plain name states the signed change; a charge may be written as a negative line.
    quote = "Costs fell by £120m" if key == "costs_change" else "An impairment of £50m was taken"
    code, err = _validate(tmp_path, capsys, key, "GBP m", value, quote)
    assert code == 0, err


def test_fall_names() -> None:
    assert fall_named("costs_decline") and fall_named("cost_cut Cut in costs")
    assert not fall_named("impairment Impairment charge") and not fall_named("net_loss")
    assert not fall_named("fallback_rate") and not fall_named("downfall_risk")
