"""What changed between two thesis files: Shapley shares over groups plus dates and structure."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import ParameterError
from model.inputs.assembly.vintages import compare_vintages, mix_vintages
from model.learning.vintage_files import STRUCTURE

N = 1_500


def _median_today(thesis, seed):
    run = model.simulate(thesis, scenario=thesis.scenario, n_paths=N, seed=seed, progress=False)
    return run.outputs["value_today"]


def test_compare_splits_exchangeable_assumptions_from_structure(vintage_pair):
    old, new = (model.load_thesis(p) for p in vintage_pair)
    diff = compare_vintages(old, new)
    assert diff.assumptions == ("cost_of_equity", "growth", "margin", "pe_exit", "sales_start")
    assert diff.events == ()
    text = " | ".join(diff.structure)
    assert "valuation date 2022-06-30 -> 2025-06-30" in text
    assert "horizon 2022-2026 -> 2025-2030" in text
    assert "price" in text and "legacy_note" in text
    assert "shares_now" not in text  # the same in both: nothing to explain


def test_shares_add_up_exactly_and_the_ends_are_the_two_files(vintage_pair):
    old_path, new_path = vintage_pair
    att = model.attribute(new_path, from_=old_path, n_paths=N, seed=7)
    old, new = model.load_thesis(old_path), model.load_thesis(new_path)
    v_old, v_new = _median_today(old, 7), _median_today(new, 7)
    assert att.start["median"] == pytest.approx(float(np.median(v_old)), rel=1e-12)
    assert att.end["median"] == pytest.approx(float(np.median(v_new)), rel=1e-12)
    assert sum(att.median.values()) == pytest.approx(att.end["median"] - att.start["median"])
    assert sum(att.mean.values()) == pytest.approx(att.end["mean"] - att.start["mean"])
    assert att.groups[-1] == STRUCTURE and att.n_runs == 2 ** len(att.groups)
    assert set(att.groups) == {"market", "multiples", "finance", STRUCTURE}
    assert (att.from_year, att.to_year) == (2026, 2030)
    assert att.from_ == "example-2022" and att.to == "example"
    assert any("horizon" in s for s in att.members[STRUCTURE])
    table = att.summary()
    assert table.index[0] == "example-2022 (2026)" and table.index[-1] == "example (2030)"
    assert table["level_median"].iloc[-2] == pytest.approx(att.end["median"])


def test_two_groups_match_the_shapley_formula_by_hand(vintage_pair):
    old_path, new_path = vintage_pair
    old, new = model.load_thesis(old_path), model.load_thesis(new_path)
    names = list(compare_vintages(old, new).assumptions)
    att = model.attribute(new, from_=old, groups={"numbers": names}, n_paths=N, seed=3)
    assert att.groups == ("numbers", STRUCTURE) and att.n_runs == 4

    def med(thesis):
        return float(np.median(_median_today(thesis, 3)))

    v00 = med(old)
    v10 = med(mix_vintages(old, new, names))  # the old file with the new numbers
    v01 = med(mix_vintages(new, old, names))  # the new file with the old numbers
    v11 = med(new)
    assert att.median["numbers"] == pytest.approx(0.5 * ((v10 - v00) + (v11 - v01)), rel=1e-9)
    assert att.median[STRUCTURE] == pytest.approx(0.5 * ((v01 - v00) + (v11 - v10)), rel=1e-9)


def test_a_mixture_with_every_definition_taken_reproduces_the_other_file(vintage_pair):
    # the new file with its own numbers swapped for the old ones and back is the new file
    old, new = (model.load_thesis(p) for p in vintage_pair)
    names = compare_vintages(old, new).assumptions
    there = mix_vintages(new, old, names)
    back = mix_vintages(there, new, names)
    assert np.array_equal(_median_today(back, 1), _median_today(new, 1))


def test_an_assumption_that_names_one_vintage_only_moves_with_the_structure(
    tmp_path, write_vintage
):
    old = write_vintage(tmp_path / "a.yaml")
    extra = (
        '  margin_core:\n    unit: "%"\n    value: 0.2\n'
        '    source: {estimate: "The core margin before the mix effect"}\n'
    )
    new = write_vintage(tmp_path / "b.yaml", extra_assumptions=extra)
    text = new.read_text().replace(
        '  margin:\n    unit: "%"\n    dist: normal\n    mean: 0.24\n    sd: 0.02\n'
        '    source: {estimate: "Net margin on sales over the horizon"}',
        '  margin:\n    unit: "%"\n    derived: margin_core + 0.03\n'
        '    source: {derived: "The core margin plus the mix effect"}',
    )
    assert text != new.read_text()
    new.write_text(text)
    diff = compare_vintages(model.load_thesis(old), model.load_thesis(new))
    assert "margin" not in diff.assumptions
    assert any(s.startswith("margin (names margin_core") for s in diff.structure)


def test_identical_files_are_refused(tmp_path, write_vintage):
    a = write_vintage(tmp_path / "a.yaml")
    b = tmp_path / "b.yaml"
    shutil.copy(a, b)
    with pytest.raises(ParameterError, match="do not differ"):
        model.attribute(b, from_=a, n_paths=100)


ALIBABA = Path(__file__).resolve().parents[2] / "assumptions"


def test_alibaba_2022_to_2025_adds_up_over_its_groups():
    att = model.attribute(
        ALIBABA / "alibaba.yaml", from_=ALIBABA / "alibaba-2022.yaml", n_paths=200, seed=1
    )
    assert {"share", "multiples", "finance", STRUCTURE} <= set(att.groups)
    assert att.n_runs == 2 ** len(att.groups) and (att.from_year, att.to_year) == (2026, 2030)
    assert sum(att.median.values()) == pytest.approx(att.end["median"] - att.start["median"])
    assert any(s.startswith("valuation date 2022-03-08") for s in att.structure)


def test_alibaba_backtest_reads_the_thesis_keys():
    bt = model.backtest(ALIBABA / "alibaba.yaml", n_paths=2_000, seed=1)
    assert bt.vintage == "alibaba-2022"
    assert list(bt.table.index) == [
        "share_cloud_alibaba[2025]",
        "revenue_growth_cloud[2025]",
        "market_cloud[2025]",
        "value_per_share[2024]",
    ]
    # both vintages read the market on Canalys' path: the realised value sits near the middle
    assert 0.4 < bt.table.loc["market_cloud[2025]", "percentile"] < 0.6
