"""A terminal growth of -100% a year or below is refused at the leg's ``terminal_growth``.

Past the horizon the flow grows as ``flow_T (1 + g)``: at ``g = -1`` nothing is left, below it
the flow changes sign and a business making money is valued as a liability for ever (most
often -1.5 written for -1.5%). Such a growth was run as written, its path only flagged for a
terminal value below zero. It is refused where the leg reads it: on the central path, on
``validate``'s drawn paths when a distribution reaches it, and by a run that draws it.
"""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

import model
from model.cli.main import main
from model.errors import ParameterError, ThesisError
from model.valuation.checking.leg_bounds import DRAWN_PATHS
from model.valuation.finance.discount import gordon_value

GROWTH = '    value: 0.02\n    source: {estimate: "Long-run nominal growth after 2030"}\n'


def _thesis(tmp_path: Path, readme_example: str, growth: str) -> Path:
    """The README's example with ``long_growth`` (the DCF leg's terminal growth) given by
    ``growth`` (the YAML after its unit)."""
    assert readme_example.count(GROWTH) == 1
    text = readme_example.replace(
        GROWTH, growth + '    source: {estimate: "Long-run growth after 2030"}\n'
    )
    path = tmp_path / "decline.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _leg_line(path: Path) -> int:
    lines = path.read_text().splitlines()
    (i,) = [i for i, x in enumerate(lines) if "terminal_growth: long_growth" in x]
    return i + 1


def test_the_gordon_value_refuses_a_fall_of_a_hundred_percent_or_more():
    flow, rate = np.array([10.0, 10.0]), np.array([0.08, 0.08])
    # Just above -100% the closed form holds: flow / (r - g).
    value = gordon_value(flow, np.array([-0.99, 0.02]), rate)
    np.testing.assert_allclose(value, [10.0 / 1.07, 10.0 / 0.06])
    for g in (-1.0, -1.5):
        with pytest.raises(ParameterError, match=r"-0\.015 for -1\.5%"):
            gordon_value(flow, np.array([g, 0.02]), rate)


def test_a_fixed_growth_below_minus_one_is_refused_at_the_leg(tmp_path, readme_example, capsys):
    path = _thesis(tmp_path, readme_example, "    value: -1.5\n")
    assert main(["validate", str(path)]) == 2
    (said,) = [x for x in capsys.readouterr().err.splitlines() if x.startswith("error: ")]
    head = f"error: {path}:{_leg_line(path)}: model.valuation.legs.dcf.terminal_growth: "
    assert said.startswith(head), said
    assert "-1.5" in said and "(-0.015 for -1.5%)" in said, said
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ThesisError, match=r"legs\.dcf\.terminal_growth"):
            model.load_thesis(path)


def test_a_drawn_growth_that_can_fall_below_minus_one_is_refused(tmp_path, readme_example, capsys):
    low, mode, high = -1.3, 0.01, 0.03
    shape = f"    dist: triangular\n    min: {low}\n    mode: {mode}\n    max: {high}\n"
    path = _thesis(tmp_path, readme_example, shape)
    assert main(["validate", str(path)]) == 2
    (said,) = [x for x in capsys.readouterr().err.splitlines() if x.startswith("error: ")]
    head = f"error: {path}:{_leg_line(path)}: model.valuation.legs.dcf.terminal_growth: "
    assert said.startswith(head), said
    found = re.search(r"falls to -1 or below on about ([\d.]+)% of drawn paths", said)
    assert found is not None, said
    # The triangular distribution's CDF below its mode: (x - low)^2 / ((high - low)(mode - low)).
    p = (-1.0 - low) ** 2 / ((high - low) * (mode - low))
    share = float(found.group(1)) / 100
    assert abs(share - p) <= 4 * math.sqrt(p * (1 - p) / DRAWN_PATHS) + 0.0005, (share, p)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        thesis = model.load_thesis(path)  # the central path is sound: the load does not draw
        with pytest.raises(ThesisError, match=r"terminal growth.*on some paths of the run"):
            model.simulate(thesis, n_paths=2000, seed=1)


def test_a_decline_above_minus_one_runs(tmp_path, readme_example, capsys):
    path = _thesis(tmp_path, readme_example, "    value: -0.5\n")
    assert main(["validate", str(path)]) == 0, capsys.readouterr().err
