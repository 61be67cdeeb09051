"""A leg's discount rate written as a number is a fraction: ``9.5`` (950 %) is a whole
percentage slipped in, refused at its line as ``valuation.cost_of_equity`` refuses it."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisError
from model.valuation import build_model

DATA = Path(__file__).parent / "data" / "multi_legs.yaml"
DCF = "dcf: {weight: 1, discount_rate: RATE, terminal_growth: long_growth}"


def write(tmp_path: Path, rate: str) -> Path:
    path = tmp_path / "thesis.yaml"
    path.write_text(DATA.read_text().replace("LEGS", DCF.replace("RATE", rate)))
    return path


@pytest.mark.parametrize("rate", ["9.5", "1", "0", "1e308"])
def test_a_rate_outside_zero_to_one_is_refused_at_its_line(tmp_path, rate, capsys):
    path = write(tmp_path, rate)
    line = 1 + path.read_text().splitlines().index(f"      {DCF.replace('RATE', rate)}")
    with pytest.raises(ThesisError, match=rf"thesis.yaml:{line}: .*discount_rate: .*0 and 1"):
        build_model(model.load_thesis(path))
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"thesis.yaml:{line}: model.valuation.legs.dcf.discount_rate" in err
    assert "Traceback" not in err


def test_a_rate_written_as_a_fraction_is_accepted(tmp_path):
    build_model(model.load_thesis(write(tmp_path, "0.095")))
