"""A scenario that breaks a rule stated at a line of the base file names itself in the error.

The README's example thesis is sound; its bear case gains an event that takes the discount
rate below terminal growth. The error is at the base's DCF leg (where the rule is wired), and
before it did not say that only the bear case breaks it, so the base line looked wrong.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
_MARK = re.compile(r"<!-- readme-example: example.yaml -->\n```yaml\n(?P<body>.*?)\n```", re.S)
BEAR = "    overrides:\n      sales_growth:\n"
EVENT = """    events:
      rate_cut:
        label: A rate cut
        annual_prob: 0.3
        effects:
          - {target: wacc, op: add, by: -0.07}
        source: {estimate: "An easing cycle cuts the cost of capital"}
"""


def _copy(tmp_path: Path) -> Path:
    found = _MARK.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert found is not None
    text = found.group("body")
    assert text.count(BEAR) == 1
    path = tmp_path / "example.yaml"
    path.write_text(text.replace(BEAR, EVENT + BEAR) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "--all-scenarios"],
        ["validate", "--scenario", "bear"],
        ["run", "--scenario", "bear", "--paths", "1000", "--seed", "1", "--no-progress"],
        ["compare", "--paths", "1000", "--seed", "1", "--no-progress"],
    ],
)
def test_the_error_at_a_base_line_names_the_scenario(tmp_path, capsys, command):
    path = _copy(tmp_path)
    assert main(["validate", str(path), "-q"]) == 0  # the base case is sound
    assert main([command[0], str(path), *command[1:]]) == 2
    # The base case's warnings (its cash earns no interest) come before the error.
    said = capsys.readouterr().err.strip().splitlines()
    err = "\n".join(s for s in said if not s.startswith("warning: "))
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert re.search(
        r"example\.yaml:\d+: model\.valuation\.legs\.dcf\.\w+: in scenario 'bear': ", err
    ), err


BULL_CAGR = """        unit: "%"
        dist: normal
        mean: 0.254
        sd: 0.03
"""


def test_a_load_time_error_at_a_base_line_names_the_scenario(tmp_path, capsys):
    # The bull case derives the long-run growth from the yearly process that reads it: the
    # error is at the base's process line, which is sound in the base case.
    import shutil

    for folder in ("assumptions", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    scenarios = tmp_path / "assumptions" / "scenarios" / "alibaba-scenarios.yaml"
    text = scenarios.read_text(encoding="utf-8")
    assert text.count(BULL_CAGR) == 1
    derived = '        unit: "%"\n        derived: "china_cloud_growth * 1"\n'
    scenarios.write_text(text.replace(BULL_CAGR, derived), encoding="utf-8")
    thesis = tmp_path / "assumptions" / "alibaba.yaml"
    assert main(["validate", str(thesis), "--scenario", "bull"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert re.search(
        r"alibaba\.yaml:\d+: assumptions\.china_cloud_growth\.process\.mean: "
        r"in scenario 'bull': ",
        err,
    ), err


def test_an_error_that_names_the_scenario_is_not_prefixed_again(tmp_path, capsys):
    path = _copy(tmp_path)
    assert main(["attribute", str(path), "--from", "bear", "--to", "nosuch"]) == 2
    err = capsys.readouterr().err.strip()
    assert "in scenario 'nosuch'" not in err and "unknown scenario 'nosuch'" in err, err
