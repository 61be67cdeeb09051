"""Any combination of valuation legs runs: each multiple leg states its own exit multiple.

A P/E leg next to an EV/EBITDA (or EV/EBIT, EV/sales) leg used to build, validate and simulate,
then fail in the printed summary because both exit multiples claimed one role; ``run -q`` and
``run --json`` exited 0 where the plain command exited 1.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.valuation import build_model
from model.valuation.roles import Role

DATA = Path(__file__).parent / "data" / "multi_legs.yaml"
LEG_TEXT = {
    "pe": "pe: {weight: W, multiple: pe_exit}",
    "ev_ebitda": "ev_ebitda: {weight: W, multiple: ev_ebitda_exit}",
    "ev_ebit": "ev_ebit: {weight: W, multiple: ev_ebit_exit}",
    "ev_sales": "ev_sales: {weight: W, multiple: ev_sales_exit}",
    "dcf": "dcf: {weight: W, discount_rate: wacc, terminal_growth: long_growth}",
    "ddm": "ddm: {weight: W, discount_rate: wacc, terminal_growth: long_growth}",
    "parts": "parts: {type: sotp, weight: W, parts: {ebit: ev_ebit_exit}}",
}


def write(tmp_path: Path, legs: tuple[str, ...], text: str | None = None) -> Path:
    weight = f"{1 / len(legs)!r}"
    body = "\n      ".join(LEG_TEXT[leg].replace("W", weight) for leg in legs)
    path = tmp_path / "thesis.yaml"
    path.write_text((text or DATA.read_text()).replace("LEGS", body))
    return path


PAIRS = list(itertools.combinations(LEG_TEXT, 2))


@pytest.mark.parametrize("legs", [*PAIRS, tuple(LEG_TEXT)])
def test_every_multiple_leg_keeps_its_own_exit_multiple(tmp_path, legs):
    thesis = model.load_thesis(write(tmp_path, legs))
    roles = build_model(thesis).roles
    exits = {line.group: line.name for line in roles.all(Role.EXIT_MULTIPLE)}
    multiple_legs = {"pe", "ev_ebitda", "ev_ebit", "ev_sales"} & set(legs)
    assert set(exits) == multiple_legs
    assert all(exits[leg] == f"exit_{leg}" for leg in exits)
    result = model.simulate(thesis, n_paths=1000, seed=3, progress=False)
    for leg in multiple_legs:
        assert (result.final(f"exit_{leg}") > 0).all()


@pytest.mark.parametrize("legs", list(itertools.combinations(LEG_TEXT, 2))[:8])
def test_pairs_of_legs_run_alike_plain_quiet_and_json(tmp_path, capsys, legs):
    path = str(write(tmp_path, legs))
    fast = ["--paths", "1000", "--seed", "2", "--no-progress"]
    assert main(["validate", path]) == 0
    assert main(["run", path, *fast]) == 0
    assert "Implied exit P/E by leg" in capsys.readouterr().out
    assert main(["run", path, "-q", *fast]) == 0
    assert capsys.readouterr().out == ""
    assert main(["run", path, "--json", *fast]) == 0
    doc = json.loads(capsys.readouterr().out)
    legs_doc = doc["legs"]
    assert legs_doc is None or set(legs_doc["implied_exit_multiples"]) == set(legs)


def test_two_lines_holding_one_role_are_refused_at_their_line(tmp_path, capsys):
    text = DATA.read_text().replace(
        "      value: ebit + depreciation\n      role: ebitda",
        "      value: ebit + depreciation\n      role: revenue",
    )
    path = str(write(tmp_path, ("pe", "ev_sales"), text))
    lines = Path(path).read_text().splitlines()
    line = 1 + max(i for i, s in enumerate(lines) if s.strip() == "role: revenue")
    for command in (["validate", path], ["run", path, "-q", "--paths", "1000"]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert f"thesis.yaml:{line}: model.lines.ebitda.role:" in err
        assert "'revenue' is already held by 'revenue'" in err
