"""An observation's measurement sd in ``%`` written in percentage points (``sd: 2`` meaning
two points, 0.02) is warned about at its entry: read as 200 %, it left the evidence to move
the thesis by almost nothing, without a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_thesis_sections import EVIDENCE

from model.cli.main import main


def _write(tmp_path, write_vintage, sd: str):
    return write_vintage(
        tmp_path / "example.yaml", extra_top=EVIDENCE.replace("sd: 0.01", f"sd: {sd}")
    )


@pytest.mark.parametrize("command", ["validate", "update"])
def test_an_sd_in_percentage_points_is_warned_about(tmp_path, write_vintage, capsys, command):
    path = _write(tmp_path, write_vintage, "2")
    extra = ["--paths", "200", "--seed", "1"] if command == "update" else []
    assert main([command, str(path), *extra]) == 0
    err = capsys.readouterr().err
    assert "growth_seen: an sd of 2 in unit '%' means 200%" in err, err
    assert "did you mean 0.02?" in err, err


def test_an_sd_written_as_a_fraction_is_not_warned_about(tmp_path, write_vintage, capsys):
    assert main(["validate", str(_write(tmp_path, write_vintage, "0.02"))]) == 0
    assert "means" not in capsys.readouterr().err


EXAMPLE = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "copper-miner.yaml"
ROUGH = (
    "\nevidence:\n"
    "  growth_2027:\n"
    '    quantity: "ebitda[2027] / ebitda[2026] - 1"\n'
    '    unit: "%"\n'
    "    value: VALUE\n"
    "    sd: 1.0\n"
    '    source: {estimate: "A rough reading of guidance for a ramp-up from a small base"}\n'
)


@pytest.mark.parametrize(("value", "warned"), [("3.0", False), ("0.5", True)])
def test_an_sd_of_a_hundred_points_beside_a_larger_reading_is_not_warned_about(
    tmp_path, capsys, value, warned
):
    # A ramp-up read as 300% growth give or take 100 points is a rough measurement, in
    # fractions; the same sd beside a reading of 50% still reads as points.
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "\nevidence:" not in text
    path = tmp_path / "miner.yaml"
    path.write_text(text + ROUGH.replace("VALUE", value), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert ("growth_2027: an sd of 1 in unit '%'" in err) is warned, err
