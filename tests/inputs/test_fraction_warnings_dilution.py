"""A yearly dilution or churn written as a whole percentage (3 meaning 3 %) is warned about."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.inputs.assembly.thesis import load_thesis as inner_load
from model.inputs.plausibility import implausible_fractions

SAAS = Path(__file__).parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"
WRITTEN = '  dilution:\n    unit: "%"\n    value: 0.03'


@pytest.mark.parametrize(
    ("name", "value", "meant"), [("dilution", 3, "0.03"), ("churn", 8, "0.08")]
)
def test_a_dilution_of_whole_percent_is_found(tmp_path: Path, name: str, value: float, meant: str):
    text = SAAS.read_text(encoding="utf-8")
    assert WRITTEN in text
    text = text.replace(WRITTEN, f'  dilution:\n    unit: "%"\n    value: {value}')
    if name != "dilution":
        text = text.replace("dilution", name)
    path = tmp_path / "saas.yaml"
    path.write_text(text, encoding="utf-8")
    found = implausible_fractions(inner_load(path))  # read as written: churn is no key
    assert [w.field for w in found] == [("assumptions", name, "value")]
    assert meant in found[0].message


def test_the_example_as_written_has_no_warning() -> None:
    assert implausible_fractions(model.load_thesis(SAAS)) == []
