"""``thesis outputs`` lists exactly the outputs a run has (today's value and dated returns too)."""

from __future__ import annotations

from pathlib import Path

import model
from model.cli.main import main

DATA = Path(__file__).parents[1] / "valuation" / "data" / "multi_legs.yaml"
LEGS = (
    "pe: {weight: 0.5, multiple: pe_exit}\n"
    "      dcf: {weight: 0.5, discount_rate: wacc, terminal_growth: long_growth}"
)


def test_outputs_lists_every_output_of_a_run(tmp_path, capsys):
    path = tmp_path / "thesis.yaml"
    path.write_text(DATA.read_text().replace("LEGS", LEGS))
    csv = tmp_path / "outputs.csv"
    assert main(["outputs", str(path), "--csv", str(csv)]) == 0
    listed = [line.split(",")[0] for line in csv.read_text().splitlines()[1:]]
    result = model.simulate(model.load_thesis(path), n_paths=1000, seed=1, progress=False)
    assert sorted(listed) == sorted(result.names)
    assert {"value_today", "return_dated", "dividends_per_share"} <= set(listed)
    assert f": {len(result.names)} outputs" in capsys.readouterr().out
