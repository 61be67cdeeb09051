"""A probability short of certainty is never printed as 100.0% (nor a possibility as 0.0%).

The run's scorecard, its P(upside) and loss lines and the comparison's columns rounded to one
decimal: a claim failing on 10 paths of 20,000 read "100.0%", as if no path failed it, beside
a standard error saying otherwise.
"""

from __future__ import annotations

import re
from pathlib import Path

import model
from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _thesis(tmp_path: Path) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    body = found.group(1)
    old = "scorecard:\n"
    assert old in body
    # sales_growth is normal with mean 0.09 and sd 0.0304: below -0.01 on about 1 path in 2,000.
    claim = (
        'scorecard:\n  growth_not_negative:\n    statement: "sales_growth > -0.01"\n'
        '    label: "Sales do not shrink by more than 1% a year"\n'
    )
    path = tmp_path / "near-certain.yaml"
    path.write_text(body.replace(old, claim), encoding="utf-8")
    return path


def test_a_claim_failing_on_a_few_paths_is_not_certain(tmp_path: Path, capsys) -> None:
    path = _thesis(tmp_path)
    result = model.simulate(model.load_thesis(path), n_paths=20_000, seed=1)
    p = float(result.scorecard().set_index("claim").loc["growth_not_negative", "probability"])
    assert 0.999 < p < 1.0
    assert main(["run", str(path), "--paths", "20000", "--seed", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if "growth_not_negative" in ln)
    assert ">99.9%" in line and "100.0%" not in line, line
    assert main(["compare", str(path), "--paths", "20000", "--seed", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    # Columns base, bear: the bear case holds sales flat, so the claim holds on every path.
    lines = [ln.split() for ln in out.splitlines() if ln.strip().startswith("growth_not_negative")]
    assert lines == [["growth_not_negative", ">99.9%", "100.0%"]], lines
