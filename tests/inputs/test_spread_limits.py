"""A distribution's spread: one past ±1e100 is refused at its line, like a central value; a
standard deviation implausible for a fraction (sd 40 in % is 4,000 %) is a warning at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisError
from model.inputs.plausibility import implausible_fractions

TEMPLATE = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"
GROWTH = "    dist: normal\n    ci90: [0.03, 0.18]\n"


def write(tmp_path: Path, sd: str, unit: str = '"%"') -> Path:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert GROWTH in text
    text = text.replace(GROWTH, f"    dist: normal\n    mean: 0.05\n    sd: {sd}\n", 1)
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _sd_line(path: Path, sd: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(f"    sd: {sd}") + 1


@pytest.mark.parametrize("sd", ["1e101", "1e150"])
def test_a_spread_past_the_limit_is_refused_at_its_line(tmp_path, capsys, sd):
    path = write(tmp_path, sd)
    with pytest.raises(ThesisError, match=r"beyond ±1e\+100") as info:
        model.load_thesis(path).central_values()
    assert info.value.field == "assumptions.growth_late.sd"
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"t.yaml:{_sd_line(path, sd)}: assumptions.growth_late.sd:" in err


@pytest.mark.parametrize(
    ("sd", "words"),
    [("40", "a spread of 4,000%, implausible for any quantity; '%' values are fractions: "
      "did you mean 0.4?"),
     ("1e90", "a spread of 1e+92%, implausible for any quantity; '%' values are fractions")],
)  # fmt: skip
def test_an_implausible_spread_of_a_fraction_is_a_warning(tmp_path, capsys, sd, words):
    path = write(tmp_path, sd)
    found = implausible_fractions(model.load_thesis(path))
    assert [w.field for w in found] == [("assumptions", "growth_late", "sd")]
    assert words in found[0].message
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    where = f"t.yaml:{_sd_line(path, sd)}: assumptions.growth_late.sd:"
    assert f"{where} sd {float(sd):g} in unit" in err


def test_a_plausible_spread_passes(tmp_path):
    assert implausible_fractions(model.load_thesis(write(tmp_path, "0.5"))) == []
