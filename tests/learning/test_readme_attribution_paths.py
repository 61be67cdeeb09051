"""The README states each entry point's default number of paths of an attribution run.

``model.attribute`` takes 10,000 paths a run, ``thesis attribute`` 5,000 and the report's
waterfall ``ReportSettings.learning_paths`` (2,000, at most the report's paths): one seed gives
other figures from each, and the README did not say so. The figures stated are read from the
code, so the README cannot fall behind a changed default; the advice it gives (the same paths
and seed repeat the command line's waterfall in Python) is held to a run of both.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest

import model
from model.cli.main import build_parser, main
from model.export.report_settings import ReportSettings
from model.learning.vintage_files import attribute_vintages

ROOT = Path(__file__).resolve().parents[2]
README = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


def _python_default() -> int:
    return int(inspect.signature(model.attribute).parameters["n_paths"].default)


def _command_line_default() -> int:
    return int(build_parser().parse_args(["attribute", str(TEMPLATE), "--from", "bear"]).paths)


def test_the_readme_states_each_default():
    python, command_line = _python_default(), _command_line_default()
    report = ReportSettings().learning_paths
    # Between files the same default holds as between scenarios.
    assert inspect.signature(attribute_vintages).parameters["n_paths"].default == python
    said = (f"{python:,} paths from Python (`n_paths=`), {command_line:,} from `thesis "
            f"attribute` (`--paths`) and, in `thesis report`, `ReportSettings.learning_paths` "
            f"({report:,}) or the report's own paths when fewer")  # fmt: skip
    assert said in README, "the README's attribution paragraph does not state the defaults"
    assert f"pass `n_paths={command_line}` and its seed" in README


def test_the_same_paths_and_seed_repeat_the_command_line(capsys):
    argv = ["attribute", str(TEMPLATE), "--from", "bear", "--paths", "300", "--seed", "3"]
    assert main([*argv, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["attribution"]
    found = model.attribute(model.load_thesis(TEMPLATE), "bear", n_paths=300, seed=3).summary()
    assert [r["level_median"] for r in rows] == pytest.approx(list(found["level_median"]),
                                                              rel=1e-12)  # fmt: skip
    other = model.attribute(model.load_thesis(TEMPLATE), "bear", n_paths=400, seed=3).summary()
    assert other["level_median"].iloc[-1] != pytest.approx(found["level_median"].iloc[-1])
