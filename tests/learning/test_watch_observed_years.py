"""The watch list says which years it observes: two scenarios of one thesis may watch different
years (one fixes its first year's figures, so the year after is watched), and the console
header, the JSON, the table and the chart's title each name them."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pandas as pd

import model
from model.charts.learning import watch_chart
from model.cli.main import main

EVENT_AND_SCENARIO = dict(
    extra_assumptions=(
        '  war_prob:\n    unit: "%"\n    value: 0.4\n'
        '    source: {estimate: "Chance of a price war in any one year"}\n'
    ),
    extra_top=(
        'scenarios:\n  steady:\n    label: "Steady: the margin is known"\n'
        '    rationale: {estimate: "Contracts fix the margin"}\n'
        '    overrides:\n      margin:\n        unit: "%"\n        value: 0.24\n'
        '        source: {estimate: "The contracted margin"}\n'
    ),
    extra_bottom=(
        'events:\n  price_war:\n    label: "A price war breaks out"\n'
        "    annual_prob: war_prob\n    repeatable: false\n"
        "    effects:\n      - {target: growth, op: add, by: -0.05}\n"
        '    source: {estimate: "Rivals cut their prices"}\n'
    ),
)


def _thesis(tmp_path: Path, write_vintage) -> Path:
    return write_vintage(
        tmp_path / "thesis.yaml", as_of="2025-06-30", first=2025, last=2030, **EVENT_AND_SCENARIO
    )


def test_scenarios_watching_different_years_say_so(tmp_path, write_vintage, capsys):
    path = str(_thesis(tmp_path, write_vintage))
    said = {}
    for scenario in ("base", "steady"):
        args = ["watch", path, "--scenario", scenario, "--paths", "2000", "--seed", "3"]
        assert main(args) == 0
        said[scenario] = capsys.readouterr().out.splitlines()[0]
        assert main([*args, "--json"]) == 0
        doc = json.loads(capsys.readouterr().out)
        said[f"{scenario} json"] = doc["observed_years"]
        assert {row["observed_year"] for row in doc["watch"]} == set(doc["observed_years"])
    assert "observing 2025 (events by 2026):" in said["base"], said["base"]
    assert "observing 2026 (events by 2026):" in said["steady"], said["steady"]
    assert said["base json"] == [2025, 2026] and said["steady json"] == [2026]


def test_the_table_and_the_chart_name_the_years(tmp_path, write_vintage):
    th = model.load_thesis(_thesis(tmp_path, write_vintage))
    run = model.simulate(th, n_paths=2000, seed=3, keep_inputs=True)
    wl = model.watch(run)
    table = wl.summary()
    assert table["observed_year"].dtype == "Int64"
    assert table.loc["event:price_war@2026", "observed_year"] == 2026
    assert set(table["observed_year"]) == {2025, 2026}
    fig = watch_chart(wl)
    assert "What to watch in 2025 (events by 2026):" in fig._suptitle.get_text().replace("\n", " ")
    ratio = "sales[2028] / sales[2027]"  # two years: none of them is the one observed
    named = model.watch(run, ["sales[2027]", ratio])
    assert pd.isna(named.summary().loc[ratio, "observed_year"])
    assert named.observed == "2027" and named.observed_years == (2027,)
