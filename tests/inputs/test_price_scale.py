"""A share price in a scaled unit (millions a share) is refused at its line, not mis-scaled."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import model
from model.inputs.assembly.thesis import load_thesis as inner_load

DATA = Path(__file__).parent / "data" / "minimal.yaml"


def _write(tmp_path: Path, unit: str) -> Path:
    """The minimal thesis (with its seeds and scenario files) with the price in ``unit``."""
    folder = shutil.copytree(DATA.parent, tmp_path / "data")
    text = DATA.read_text(encoding="utf-8")
    assert "    unit: HKD/share" in text
    path = folder / "minimal.yaml"
    path.write_text(text.replace("    unit: HKD/share", f"    unit: {unit}", 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("unit", ["HKD m", "HKD k/share", "HKD bn/share"])
def test_a_scaled_price_unit_is_refused_at_its_line(tmp_path: Path, unit: str) -> None:
    path = _write(tmp_path, unit)
    line = 1 + path.read_text().splitlines().index(f"    unit: {unit}")
    with pytest.raises(model.ThesisError, match=rf":{line}: thesis.price.unit: .*'HKD/share'"):
        model.load_thesis(path)


@pytest.mark.parametrize("unit", ["HKD", "HKD/share"])
def test_a_price_in_whole_currency_units_loads(tmp_path: Path, unit: str) -> None:
    path = _write(tmp_path, unit)
    # Read as written: the input layer's fixture has an incomplete model, which a load refuses.
    assert inner_load(path).price > 0
