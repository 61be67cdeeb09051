"""Which rate today's value discounts at: ``valuation.cost_of_equity``, else an equity leg's
rate, else the DCF's discount rate; without any, validate says results stay at year ends."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.cli.main import main
from model.engine.execution.deterministic import deterministic_inputs
from model.errors import ThesisError
from model.valuation import build_model

DATA = Path(__file__).parents[1] / "valuation" / "data" / "multi_legs.yaml"
PE_EV = (
    "pe: {weight: 0.5, multiple: pe_exit}\n      ev_ebitda: {weight: 0.5, multiple: ev_ebitda_exit}"
)
PE_DCF = (
    "pe: {weight: 0.5, multiple: pe_exit}\n"
    "      dcf: {weight: 0.5, discount_rate: wacc, terminal_growth: long_growth}"
)
KE = """  ke:
    unit: "%"
    value: 0.11
    source: {estimate: "A cost of equity above the WACC, for the tests of the discount rate"}
"""


def write(tmp_path: Path, legs: str, coe: str | None = None) -> Path:
    text = DATA.read_text().replace("LEGS", legs).replace("assumptions:\n", "assumptions:\n" + KE)
    if coe is not None:
        text = text.replace("    legs:\n", f"    cost_of_equity: {coe}\n    legs:\n")
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    return path


def central(path: Path) -> dict:
    thesis = model.load_thesis(path)
    fn = build_model(thesis)
    return dict(fn(deterministic_inputs(thesis.to_spec(), None, n_paths=1)))


def expected_today(out: dict, rate: float, path: Path) -> float:
    thesis = model.load_thesis(path)
    from model.valuation.finance.dates import ValuationDates

    t = ValuationDates.from_thesis(thesis).t_value
    df = (1 + rate) ** -t
    d = out.get("dividends_per_share", np.zeros((1, len(t))))[0]
    return float(np.sum(d * df) + out["value_per_share"][0, -1] * df[-1])


def test_multiples_alone_need_a_cost_of_equity_and_validate_says_so(tmp_path, capsys):
    path = write(tmp_path, PE_EV)
    assert "value_today" not in central(path)
    assert main(["validate", str(path)]) == 0
    assert "valuation.cost_of_equity" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("legs", "coe", "rate"),
    [(PE_EV, "ke", 0.11), (PE_EV, "0.07", 0.07), (PE_DCF, None, 0.09), (PE_DCF, "ke", 0.11)],
)
def test_value_today_discounts_at_the_cost_of_equity(tmp_path, legs, coe, rate):
    path = write(tmp_path, legs, coe)
    out = central(path)
    assert out["value_today"][0] == pytest.approx(expected_today(out, rate, path), rel=1e-12)


def test_a_cost_of_equity_that_is_not_an_assumption_is_refused_at_its_line(tmp_path):
    path = write(tmp_path, PE_EV, "kee")
    line = 1 + Path(path).read_text().splitlines().index("    cost_of_equity: kee")
    with pytest.raises(ThesisError, match=rf"thesis.yaml:{line}: .*did you mean 'ke'"):
        build_model(model.load_thesis(path))
    with pytest.raises(ThesisError, match="between 0 and 1"):
        build_model(model.load_thesis(write(tmp_path, PE_EV, "9")))


def test_a_dcf_rate_written_as_a_number_is_the_cost_of_equity(tmp_path, capsys):
    # ``discount_rate: 0.09`` discounts the DCF exactly as ``discount_rate: wacc`` (0.09) does,
    # so today's value must follow it too, not fall back to year-end values with a warning that
    # the model has no rate.
    literal = PE_DCF.replace("discount_rate: wacc", "discount_rate: 0.09")
    path = write(tmp_path, literal)
    out = central(path)
    assert "value_today" in out
    assert out["value_today"][0] == pytest.approx(expected_today(out, 0.09, path), rel=1e-12)
    assert main(["validate", str(path)]) == 0
    assert "no cost of equity" not in capsys.readouterr().err
