"""A multiple of a hundred or more on the central path (an EV/EBITDA written 350 for 3.5x) is
warned at the leg's key, naming the multiple and its value; plausible multiples, however
spread, are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main
from model.valuation.checking.leg_bounds import HIGH_MULTIPLE

DATA = Path(__file__).parent / "data" / "multi_legs.yaml"


def _thesis(tmp_path: Path, legs: str, *swaps: tuple[str, str]) -> Path:
    text = DATA.read_text().replace("LEGS", legs)
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    return path


def _said(capsys: pytest.CaptureFixture[str], path: Path) -> list[str]:
    assert main(["validate", str(path)]) == 0  # a warning: the number may be meant
    return [x for x in capsys.readouterr().err.splitlines() if "times or more" in x]


@pytest.mark.parametrize(
    ("legs", "swap", "words"),
    [("ev_ebitda: {weight: 1.0, multiple: ev_ebitda_exit}",
      ("    value: 14\n", "    value: 350\n"),
      "model.valuation.legs.ev_ebitda.multiple: the multiple 'ev_ebitda_exit' is 350 on the "
      "central path, 100 times or more"),
     ("pe: {weight: 1.0, multiple: pe_exit * 10}", ("    value: 20\n", "    value: 20\n"),
      "model.valuation.legs.pe.multiple: the multiple 'pe_exit * 10' is 200 on the central "
      "path")],
)  # fmt: skip
def test_a_multiple_of_a_hundred_or_more_is_warned_at_the_leg(tmp_path, capsys, legs, swap, words):
    path = _thesis(tmp_path, legs, swap)
    text = path.read_text()
    said = _said(capsys, path)
    assert len(said) == 1, said
    key = "ev_ebitda:" if "ev_ebitda" in legs else "pe:"
    line = 1 + next(i for i, x in enumerate(text.splitlines()) if x.strip().startswith(key))
    assert f"thesis.yaml:{line}: {words}" in said[0], said[0]
    assert "(8.5 for 8.5x)" in said[0]


@pytest.mark.parametrize("value", ["99.5", "20", "0.5"])
def test_a_multiple_below_a_hundred_is_not_warned(tmp_path, capsys, value):
    swap = ("    value: 20\n", f"    value: {value}\n")
    path = _thesis(tmp_path, "pe: {weight: 1.0, multiple: pe_exit}", swap)
    assert float(value) < HIGH_MULTIPLE
    assert _said(capsys, path) == []


def test_a_spread_multiple_whose_centre_is_plausible_is_not_warned(tmp_path, capsys):
    # Draws of a wide lognormal pass a hundred on some paths: only the central path is judged.
    swap = ("    unit: x\n    value: 20\n", "    unit: x\n    dist: lognormal\n    ci90: [8, 90]\n")
    path = _thesis(tmp_path, "pe: {weight: 1.0, multiple: pe_exit}", swap)
    assert _said(capsys, path) == []
