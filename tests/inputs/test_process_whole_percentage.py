"""A process's literal ``shock_sd``, ``start`` and ``mean`` written as whole percentages
(``shock_sd: 6`` in ``%`` meaning six points a year) are warned at their line with the fraction
meant, by the limits a normal's ``sd`` and a level have; plausible ones are not."""

from __future__ import annotations

import pytest

from model.cli.main import main
from model.inputs import load_thesis
from model.inputs.plausibility import implausible_fractions

from .conftest import ThesisCopy, line_of

PROCESS = "    process: {mean: growth, shock_sd: 0.04, reversion: 1.0, start: 0.05}"


def with_process(copy: ThesisCopy, process: str) -> str:
    return copy.edit(PROCESS, f"    process: {process}")


@pytest.mark.parametrize(
    ("process", "key", "words"),
    [("{mean: growth, shock_sd: 6, reversion: 0.5, start: 0.05}", "shock_sd",
      "shock_sd 6 in unit '%' is a yearly spread of 600%, implausible for any quantity; "
      "'%' values are fractions: did you mean 0.06?"),
     ("{mean: growth, shock_sd: 0.04, reversion: 0.5, start: 6.5}", "start",
      "6.5 in unit '%' means 650%, implausible for any quantity; '%' values are fractions: "
      "did you mean 0.065?"),
     ("{mean: 8, shock_sd: 0.04, reversion: 0.5, start: 0.05}", "mean",
      "did you mean 0.08?")],
)  # fmt: skip
def test_a_whole_percentage_in_a_process_is_warned_at_its_field(
    thesis_copy, capsys, process, key, words
):
    text = with_process(thesis_copy, process)
    found = implausible_fractions(load_thesis(thesis_copy.path))
    assert [w.field for w in found] == [("assumptions", "growth_path", "process", key)]
    assert words in found[0].message
    main(["validate", str(thesis_copy.path)])  # the small thesis has no model to check
    err = capsys.readouterr().err
    where = f"minimal.yaml:{line_of(text, 'process: {mean')}: "
    assert f"{where}assumptions.growth_path.process.{key}: " in err


def test_a_bounded_process_is_judged_by_the_bounded_limit(thesis_copy):
    thesis_copy.edit("  growth_path:\n", "  margin_path:\n")
    thesis_copy.edit("growth_path", "margin_path", count=10)
    with_process(thesis_copy, "{mean: 0.2, shock_sd: 2, reversion: 0.5, start: 0.2}")
    found = implausible_fractions(load_thesis(thesis_copy.path))
    assert [w.field for w in found] == [("assumptions", "margin_path", "process", "shock_sd")]
    assert "implausible for a bounded quantity" in found[0].message
    assert "did you mean 0.02?" in found[0].message


@pytest.mark.parametrize(
    "process",
    ["{mean: growth, shock_sd: 0.06, reversion: 0.5, start: 0.05}",
     "{mean: 1.5, shock_sd: 0.8, reversion: 0.5, start: -0.15}"],
)  # fmt: skip
def test_a_plausible_process_is_not_warned(thesis_copy, process):
    with_process(thesis_copy, process)
    assert implausible_fractions(load_thesis(thesis_copy.path)) == []
