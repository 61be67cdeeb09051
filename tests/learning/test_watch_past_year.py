"""``watch`` refuses to observe a year that ended before the valuation date.

With a March year end valued in September, FY2025 ended on 31 March 2025: its revenue is
reported, not a fact to wait for, yet ``--observe 2025`` ranked it among "the facts next year
would move the value most".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model
from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _thesis(tmp_path: Path) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    body = found.group(1).replace(
        "as_of: 2025-06-30", 'as_of: 2025-09-30\n  fiscal_year_end: "03-31"'
    )
    path = tmp_path / "thesis.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_year_ended_before_the_valuation_date_is_refused(tmp_path, capsys):
    path = _thesis(tmp_path)
    run = model.simulate(model.load_thesis(path), n_paths=2000, seed=1, keep_inputs=True)
    with pytest.raises(model.ThesisModelError, match="ended on 2025-03-31, on or before the"):
        model.watch(run, observe_year=2025)
    assert model.watch(run, observe_year=2026).items
    assert main(["watch", str(path), "--observe", "2025", "--paths", "2000"]) == 2
    # Warnings may come first: the error is one line.
    err = "\n".join(
        x for x in capsys.readouterr().err.strip().splitlines() if not x.startswith("warning:")
    )
    assert len(err.splitlines()) == 1 and "valuation date 2025-09-30" in err, err


def test_the_default_year_is_one_still_to_report(tmp_path):
    """Valued after the second year's end, the default watch year is the first not yet ended."""
    path = _thesis(tmp_path)
    path.write_text(path.read_text().replace("as_of: 2025-09-30", "as_of: 2026-05-01"))
    run = model.simulate(model.load_thesis(path), n_paths=2000, seed=1, keep_inputs=True)
    items = model.watch(run).items
    assert items and {it.observed_year for it in items} == {2027}, [it.quantity for it in items]
