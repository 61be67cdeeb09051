"""The attribution table counts assumptions only: its total row, the assumptions it totals.

Correlations, event definitions and what cannot be exchanged between files (dates, price,
horizon) are not assumptions: a group of them has no count, and the total row's count is the
number of assumptions of the rows above it.
"""

from __future__ import annotations

from pathlib import Path

import model
from model.cli.main import main
from model.inputs.units import format_value

#: A scenario that changes a correlation and nothing else.
TIED = """\
correlations:
  - between: [growth, margin]
    rho: 0.3
    source: {estimate: "Faster growth comes with somewhat better margins"}
scenarios:
  tied:
    label: "Tied"
    rationale: {estimate: "Growth and margins move together more closely"}
    correlations:
      - between: [growth, margin]
        rho: 0.8
        source: {estimate: "Growth and margins move together closely"}
"""


def test_a_change_of_correlations_counts_no_assumption(tmp_path: Path, write_vintage) -> None:
    path = write_vintage(tmp_path / "tied.yaml", extra_bottom=TIED)
    att = model.attribute(model.load_thesis(path), "tied", "base", n_paths=500, seed=1)
    table = att.summary()
    assert list(att.groups) == ["correlations"]
    assert table["n_assumptions"].tolist() == [0, 0, 0]


def test_between_files_the_total_counts_the_assumptions_exchanged(vintage_pair) -> None:
    old, new = vintage_pair
    att = model.attribute(model.load_thesis(new), model.load_thesis(old), n_paths=500, seed=1)
    counts = att.summary()["n_assumptions"]
    assert counts["market"] == 2 and counts["multiples"] == 1 and counts["finance"] == 2
    assert counts["dates and structure"] == 0  # a date, a price, a horizon: no assumption
    assert counts.iloc[-1] == 5 == counts.iloc[1:-1].sum()


def test_the_printed_total_row_counts_the_assumptions(vintage_pair, capsys) -> None:
    old, new = vintage_pair
    assert main(["attribute", str(new), "--from", str(old), "--paths", "500", "--seed", "1"]) == 0
    rows = {line.split()[0]: line.rstrip() for line in capsys.readouterr().out.splitlines()[2:]}
    assert rows["example"].endswith(" 5")  # the total row: example (2030) ... 5
    # The structure row ends with its median level: no count of assumptions after it.
    att = model.attribute(model.load_thesis(new), model.load_thesis(old), n_paths=500, seed=1)
    level = att.summary()["level_median"]["dates and structure"]
    assert rows["dates"].endswith(" " + format_value(level)), rows["dates"]
