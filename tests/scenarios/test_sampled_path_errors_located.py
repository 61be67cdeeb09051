"""A rule of the model broken on sampled paths only is bad input at the line that wires it.

An event that cuts the discount rate (``wacc - 0.08`` in a recession) leaves the central path
valid, but on the paths where it happens terminal growth reaches the rate (``validate`` says so
from its drawn paths); an event that lifts a valuation weight breaks the weights' sum on its
paths. The run used to end as a failed run (exit 1) with the field named but no file or line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisError

ROOT = Path(__file__).resolve().parents[2]
EVENT = """events:
  shock:
    label: "A shock"
    annual_prob: 0.1
    repeatable: false
    effects:
      - {{target: {target}, op: add, by: {by}}}
    source: {{estimate: "One shock a decade is the long-run rate"}}

"""
CASES = [
    ("wacc", -0.08, "model.valuation.legs.dcf.terminal_growth"),
    ("w_pe", 0.9, "model.valuation.legs"),
]
#: What ``validate`` says of each: the terminal growth reaching the rate on drawn paths stops a
#: run, so validate refuses it too, with the share of paths (see
#: :mod:`model.valuation.checking.leg_bounds`); the weights are checked on the central path.
VALIDATE = {"wacc": 2, "w_pe": 0}


def _example(tmp_path: Path, target: str, by: float) -> tuple[Path, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- readme-example: example.yaml -->")
    body = re.search(r"```yaml\n(.*?)```", readme[start:], re.S)
    assert body is not None
    text = body.group(1).replace(
        "scorecard:\n", EVENT.format(target=target, by=by) + "scorecard:\n"
    )
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


@pytest.mark.parametrize(("target", "by", "field"), CASES)
def test_run_names_the_line(tmp_path, capsys, target, by, field):
    path, _ = _example(tmp_path, target, by)
    assert main(["validate", str(path), "-q"]) == VALIDATE[target]  # the central path keeps it
    said = capsys.readouterr().err
    if VALIDATE[target]:
        assert re.search(rf"example\.yaml:\d+: {re.escape(field)}: ", said), said
        assert "reaches the rate on about" in said and "not on the central path" in said, said
    assert main(["run", str(path), "--paths", "2000", "--seed", "1", "--no-progress"]) == 2
    said = capsys.readouterr().err
    # The thesis' warnings (the README example's idle cash) come first; then one error line.
    err = "\n".join(x for x in said.strip().splitlines() if not x.startswith("warning:"))
    assert len(err.splitlines()) == 1 and "Traceback" not in said, said
    assert said.strip().splitlines()[-1] == err, said
    assert re.search(rf"example\.yaml:\d+: {re.escape(field)}: ", err), err
    assert "(on some paths of the run)" in err and "run failed" not in err


def test_simulate_raises_a_located_thesis_error(tmp_path):
    path, text = _example(tmp_path, "wacc", -0.08)
    with pytest.raises(ThesisError) as info:
        model.simulate(model.load_thesis(path), n_paths=2000, seed=1)
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "dcf: {weight: w_dcf" in s)
    assert info.value.line == line
    assert info.value.field == "model.valuation.legs.dcf.terminal_growth"
