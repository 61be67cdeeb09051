"""The thesis file's own evidence:, previous: and realised: sections, and the backtest."""

from __future__ import annotations

import math

import numpy as np
import pytest

import model
from model.cli.main import main
from model.errors import StatementError, ThesisError
from model.inputs.assembly.evidence import previous_vintage, thesis_evidence, thesis_realised
from model.learning import backtest

EVIDENCE = """\
evidence:
  growth_seen:
    label: "Growth as reported"
    quantity: "growth"
    unit: "%"
    value: 0.09
    sd: 0.01
    source: {estimate: "The first reported year of growth, read as the trend"}
"""
REALISED = """\
previous: example-2022.yaml
realised:
  sales_2025:
    label: "Sales in 2025"
    quantity: "sales[2025]"
    unit: EUR bn
    value: 13
    source: {estimate: "The sales the new vintage starts from, as reported"}
"""


def test_the_thesis_evidence_section_conditions_like_a_file(vintage_pair, write_vintage):
    _, new = vintage_pair
    write_vintage(new, extra_top=EVIDENCE)
    thesis = model.load_thesis(new)
    (obs,) = thesis_evidence(thesis)
    assert obs.name == "growth_seen" and obs.value == 0.09 and "estimate" in obs.source
    cond = model.condition(thesis, n_paths=40_000, seed=11)
    # conjugate normal: prior N(0.07, 0.03), observation 0.09 with sd 0.01
    post_var = 1 / (1 / 0.03**2 + 1 / 0.01**2)
    post_mean = post_var * (0.07 / 0.03**2 + 0.09 / 0.01**2)
    growth = np.asarray(cond.prior.inputs["growth"], dtype=float)
    mean = float(np.sum(cond.weights * growth))
    sd = math.sqrt(float(np.sum(cond.weights * (growth - mean) ** 2)))
    se = math.sqrt(post_var / cond.ess)
    assert abs(mean - post_mean) < 4 * se
    assert sd == pytest.approx(math.sqrt(post_var), rel=0.05)
    same = model.condition(thesis, [obs], n_paths=40_000, seed=11)
    assert np.array_equal(same.weights, cond.weights)


@pytest.mark.parametrize(
    ("section", "where", "words"),
    [
        (EVIDENCE.replace("    sd: 0.01\n", ""), "evidence.growth_seen", "value and sd"),
        (EVIDENCE.replace("The first reported year of growth, read as the trend", "x"),
         "evidence.growth_seen.source", "rationale"),
        (EVIDENCE.replace("    sd: 0.01\n", "    sd: 0.01\n    sdd: 1\n"),
         "evidence.growth_seen.sdd", "unknown key"),
        (REALISED.replace("example-2022.yaml", "missing.yaml"), "previous", "not found"),
        (REALISED.split("    source:")[0], "realised.sales_2025", "missing source"),
        (EVIDENCE.replace("value: 0.09", "value: 0.09\n    range: [0, 1]"),
         "evidence.growth_seen", "not both"),
    ],
)  # fmt: skip
def test_a_bad_section_is_a_located_error_when_the_thesis_loads(
    vintage_pair, write_vintage, section, where, words
):
    _, new = vintage_pair
    write_vintage(new, extra_top=section)
    with pytest.raises(ThesisError) as info:
        model.load_thesis(new)
    text = str(info.value)
    assert "example.yaml:" in text and where in text and words in text


def test_update_without_evidence_uses_the_section_or_says_what_is_missing(
    vintage_pair, write_vintage, capsys
):
    _, new = vintage_pair
    assert main(["update", str(new), "--paths", "2000"]) == 2
    assert "no evidence: section" in capsys.readouterr().err
    write_vintage(new, extra_top=EVIDENCE)
    assert main(["update", str(new), "--paths", "2000"]) == 0
    assert "given 1 observation;" in capsys.readouterr().out


def test_backtest_of_the_previous_vintage_from_the_newer_file(vintage_pair, write_vintage):
    old, new = vintage_pair
    write_vintage(new, extra_top=REALISED)
    thesis = model.load_thesis(new)
    assert previous_vintage(thesis).name == "example-2022.yaml"
    assert [r.name for r in thesis_realised(thesis)] == ["sales_2025"]
    bt = backtest(new, n_paths=4_000, seed=5)
    run = model.simulate(old, n_paths=4_000, seed=5, progress=False)
    sales = run.outputs["sales"][:, run.years.index(2025)]
    expected = (np.count_nonzero(sales < 13) + 0.5 * np.count_nonzero(sales == 13)) / sales.size
    row = bt.table.loc["sales[2025]"]
    assert row["percentile"] == pytest.approx(expected)
    assert row["p50"] == pytest.approx(float(np.median(sales)))
    assert row["label"] == "Sales in 2025" and "estimate" in row["source"]
    assert bt.vintage == "example-2022" and "one company" in bt.caveat
    # the same from the old vintage and a file of realised values
    facts = new.parent / "facts.yaml"
    facts.write_text("format: 1\n" + REALISED.split("\n", 1)[1], encoding="utf-8")
    again = backtest(old, facts, n_paths=4_000, seed=5)
    assert again.table["percentile"].equals(bt.table["percentile"])


def test_backtest_names_the_entry_of_an_unknown_quantity(vintage_pair, write_vintage):
    _, new = vintage_pair
    write_vintage(new, extra_top=REALISED.replace("sales[2025]", "salez[2025]"))
    with pytest.raises(StatementError, match=r"example\.yaml:\d+: realised\.sales_2025"):
        backtest(new, n_paths=500, seed=1)


def test_a_per_year_realised_quantity_without_its_year_is_refused_at_its_entry(
    vintage_pair, write_vintage
):
    # Loading cannot tell a per-year line from a one-value quantity (an exit multiple, which
    # needs no year); the backtest, which has the model, refuses it at the entry's line.
    _, new = vintage_pair
    write_vintage(new, extra_top=REALISED.replace("sales[2025]", "sales"))
    with pytest.raises(StatementError) as info:
        backtest(new, n_paths=500, seed=1)
    text = str(info.value)
    assert "example.yaml:" in text and "realised.sales_2025" in text and "add a [year]" in text


def test_backtest_without_realised_values_says_what_to_add(vintage_pair):
    _, new = vintage_pair
    with pytest.raises(model.errors.ParameterError, match="previous:"):
        backtest(new, n_paths=100)


def test_backtest_command_prints_and_writes(vintage_pair, write_vintage, tmp_path, capsys):
    _, new = vintage_pair
    write_vintage(new, extra_top=REALISED)
    out = tmp_path / "bt"
    code = main(["backtest", str(new), "--paths", "2000", "--out", str(out)])
    text = capsys.readouterr().out
    assert code == 0 and "sales[2025]" in text and "one company" in text
    assert {p.name for p in out.iterdir()} == {"backtest.csv", "backtest.png", "manifest.json"}


def test_attribute_command_between_files(vintage_pair, capsys):
    old, new = vintage_pair
    code = main(["attribute", str(new), "--from", str(old), "--paths", "500"])
    text = capsys.readouterr().out
    assert code == 0 and "dates and structure" in text and "16 runs" in text
    assert main(["attribute", str(new), "--from", str(old.parent / "nope.yaml")]) == 2


def test_the_thesis_may_name_its_evidence_and_realised_files(vintage_pair, write_vintage):
    _, new = vintage_pair
    evidence, facts = new.parent / "ev.yaml", new.parent / "facts.yaml"
    evidence.write_text("format: 1\n" + EVIDENCE, encoding="utf-8")
    facts.write_text("format: 1\n" + REALISED.split("\n", 1)[1], encoding="utf-8")
    keys = "evidence_file: ev.yaml\nrealised_file: facts.yaml\nprevious: example-2022.yaml\n"
    write_vintage(new, extra_top=keys)
    thesis = model.load_thesis(new)
    assert [o.name for o in thesis_evidence(thesis)] == ["growth_seen"]
    assert [r.name for r in thesis_realised(thesis)] == ["sales_2025"]
    # a bad entry of a named file fails the thesis' load, at the file's own line
    evidence.write_text("format: 1\n" + EVIDENCE.replace("    sd: 0.01\n", ""), encoding="utf-8")
    with pytest.raises(ThesisError, match=r"ev\.yaml:\d+: evidence\.growth_seen"):
        model.load_thesis(new)
    evidence.write_text("format: 1\n" + EVIDENCE, encoding="utf-8")
    facts.unlink()
    with pytest.raises(ThesisError, match="realised_file file not found"):
        model.load_thesis(new)
