"""A terminal growth at or above the discount rate: the thesis' own names, at the leg's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

DATA = Path(__file__).parents[1] / "valuation" / "data" / "multi_legs.yaml"


@pytest.mark.parametrize(
    ("leg", "key"),
    [
        ("ddm: {weight: 1.0, discount_rate: wacc, terminal_growth: long_growth}", "ddm"),
        ("fcff: {type: dcf_fcff, weight: 1.0, discount_rate: wacc, terminal_growth: long_growth}",
         "fcff"),
        # An expression is only known on the central path: the leg's own check, located too.
        ('ddm: {weight: 1.0, discount_rate: wacc, terminal_growth: "long_growth * 1"}', "ddm"),
    ],
)  # fmt: skip
def test_growth_above_the_rate_is_located_and_named(tmp_path, capsys, leg, key):
    text = DATA.read_text().replace("LEGS", leg)
    text = text.replace("    value: 0.03\n", "    value: 0.10\n")
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.strip().startswith(key + ":"))
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    where = f"error: {path}:{line}: model.valuation.legs.{key}.terminal_growth: "
    assert err.startswith(where), err
    # The thesis' names, not the library's argument names.
    assert "long_growth" in err and "'wacc'" in err, err
    assert "cost_of_equity" not in err and "'terminal_growth'" not in err, err
    assert main(["run", str(path), "--paths", "2000", "-q"]) in (1, 2)
    err = capsys.readouterr().err
    assert "long_growth" in err and "'wacc'" in err, err


def test_a_growth_distribution_that_can_cross_the_rate_is_refused_for_a_ddm(tmp_path, capsys):
    leg = "ddm: {weight: 1.0, discount_rate: wacc, terminal_growth: long_growth}"
    text = DATA.read_text().replace("LEGS", leg)
    text = text.replace(
        '  long_growth:\n    unit: "%"\n    value: 0.03\n',
        '  long_growth:\n    unit: "%"\n    dist: normal\n    mean: 0.03\n    sd: 0.03\n',
    )
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert (
        "model.valuation.legs.ddm.terminal_growth: terminal growth 'long_growth' reaches the "
        "discount rate 'wacc' on 2.28% of paths" in err  # P(N(0.03, 0.03) >= 0.09)
    ), err


def test_growth_and_rate_that_cross_on_no_practical_path_are_accepted(tmp_path, capsys):
    # Both unbounded normals, 8.5 sd apart: the supports overlap, but growth stays below the
    # rate unless one of them goes past its one-in-a-million quantile.
    leg = "ddm: {weight: 1.0, discount_rate: wacc, terminal_growth: long_growth}"
    text = DATA.read_text().replace("LEGS", leg)
    old_growth = '  long_growth:\n    unit: "%"\n    value: 0.03\n'
    assert old_growth in text
    text = text.replace(
        old_growth,
        '  long_growth:\n    unit: "%"\n    dist: normal\n    mean: 0.03\n    sd: 0.005\n',
    )
    old_rate = '  wacc:\n    unit: "%"\n    value: 0.09\n'
    assert old_rate in text
    text = text.replace(
        old_rate, '  wacc:\n    unit: "%"\n    dist: normal\n    mean: 0.09\n    sd: 0.005\n'
    )
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    assert main(["validate", str(path)]) == 0, capsys.readouterr().err
    assert main(["run", str(path), "--paths", "2000", "-q"]) == 0, capsys.readouterr().err
