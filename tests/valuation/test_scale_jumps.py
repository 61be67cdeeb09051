"""A line whose central path moves a thousandfold in a year (an output in ``t`` added where
``kt`` was meant) is warned at the line where the jump starts, naming the amounts, the years
and the assumptions it reads with their units; lines that only pass the jump on, and real
ramps, are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main
from model.valuation.checking.scale_jumps import _power_of_1000

EXAMPLE = Path(__file__).parents[2] / "assumptions" / "examples" / "copper-miner.yaml"
VOLUME = "    volume:\n      value: production * outage_factor\n"
START = (
    "  production_2026:\n    unit: kt\n    value: 110\n"
    '    source: {estimate: "Payable copper in the first model year"}\n'
    "  production:\n"
)


def _copy(tmp_path: Path, unit: str, start: bool = True) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("  production:\n    unit: kt\n", f"  production:\n    unit: {unit}\n")
    if start:
        text = text.replace("  production:\n", START, 1)
        text = text.replace(VOLUME, VOLUME + "      start: production_2026\n")
    path = tmp_path / EXAMPLE.name
    path.write_text(text, encoding="utf-8")
    return path


def _said(capsys: pytest.CaptureFixture[str], path: Path) -> list[str]:
    assert main(["validate", str(path)]) == 0
    return [x for x in capsys.readouterr().err.splitlines() if "in a year, which reads" in x]


def test_a_thousandfold_fall_is_warned_at_the_line_where_it_starts(tmp_path, capsys):
    path = _copy(tmp_path, "t")
    said = _said(capsys, path)
    assert len(said) == 1, said  # revenue, costs and the rest only pass it on
    line = 1 + path.read_text().splitlines().index("      value: production * outage_factor")
    assert f"{path.name}:{line}: model.lines.volume.value: the line 'volume' goes from " in said[0]
    assert "1,000 times less in a year" in said[0]
    assert "'production' in t, 'production_2026' in kt" in said[0]


def test_the_same_units_on_both_sides_are_not_warned(tmp_path, capsys):
    assert _said(capsys, _copy(tmp_path, "kt")) == []


def test_a_line_without_a_start_is_not_warned(tmp_path, capsys):
    assert _said(capsys, _copy(tmp_path, "t", start=False)) == []


@pytest.mark.parametrize(
    ("ratio", "k"),
    [(1000.0, 1), (0.001, -1), (1.2e6, 2), (700.0, 1), (1450.0, 1), (250.0, 0), (1600.0, 0),
     (1.0, 0), (20.0, 0), (0.0, 0), (float("inf"), 0)],
)  # fmt: skip
def test_factors_near_a_power_of_1000_only(ratio, k):
    # Within 1.5 times of 1000**k: 700 and 1450 are slips; a ramp of 250 times is not.
    assert _power_of_1000(ratio) == k


def test_a_ramp_from_next_to_nothing_in_one_unit_is_not_warned(tmp_path, capsys):
    # 0.11 kt in the first year, 110 kt after: a thousandfold, but nothing to slip between.
    path = _copy(tmp_path, "kt")
    text = path.read_text().replace(
        "  production_2026:\n    unit: kt\n    value: 110\n",
        "  production_2026:\n    unit: kt\n    value: 0.11\n",
    )
    path.write_text(text)
    assert _said(capsys, path) == []
