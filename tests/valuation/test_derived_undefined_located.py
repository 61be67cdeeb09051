"""A derived assumption undefined at the central values is bad input at its own line.

``margin_target / (tax_rate - 0.2)`` with a fixed tax rate of 0.2 has no value on any path (one
of fixed values alone is refused when the thesis loads; a distribution among its inputs took it
past that check): before,
``validate`` said so without a file or line, ``run`` called it a failed run (exit 1), and the
Python API raised an EngineError naming a chunk.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
ANCHOR = "  cost_of_equity:\n"
EXPRESSIONS = ["margin_target / (tax_rate - 0.2)", "log(-margin_target)", "sqrt(-margin_target)"]


def _copy(tmp_path: Path, expression: str) -> tuple[Path, int]:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert ANCHOR in text
    text = text.replace(
        ANCHOR, f'  odd_ratio:\n    unit: "1"\n    derived: "{expression}"\n{ANCHOR}', 1
    )
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.startswith("    derived: "))
    return path, line


@pytest.mark.parametrize("expression", EXPRESSIONS)
@pytest.mark.parametrize("command", ["validate", "run", "sensitivity"])
def test_the_command_line_names_the_derived_line(tmp_path, capsys, command, expression):
    path, line = _copy(tmp_path, expression)
    extra = {"run": ["--paths", "1000", "--seed", "1", "--no-progress"]}.get(command, [])
    assert main([command, str(path), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert re.search(rf"thesis\.yaml:{line}: assumptions\.odd_ratio\.derived: ", err), err
    assert "is undefined" in err


def test_simulate_raises_a_located_thesis_error(tmp_path):
    path, line = _copy(tmp_path, EXPRESSIONS[0])
    with pytest.raises(ThesisError) as info:
        model.simulate(model.load_thesis(path), n_paths=1000, seed=1)
    assert info.value.line == line
    assert info.value.field == "assumptions.odd_ratio.derived"


BEAR = "    overrides:\n      growth_late:\n"


def _scenario_copy(tmp_path: Path) -> tuple[Path, int]:
    """The base defines odd_ratio; only the bear scenario's override has no value."""
    text = TEMPLATE.read_text(encoding="utf-8")
    assert ANCHOR in text and BEAR in text
    base = '  odd_ratio:\n    unit: "1"\n    derived: "margin_target / (tax_rate + 1)"\n'
    text = text.replace(ANCHOR, base + ANCHOR, 1)
    override = (
        '      odd_ratio:\n        unit: "1"\n'
        f'        derived: "{EXPRESSIONS[0]}"\n'
        '        source: {estimate: "A ratio the bear case reads otherwise"}\n'
    )
    text = text.replace(BEAR, "    overrides:\n" + override + "      growth_late:\n", 1)
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.startswith("        derived: "))
    return path, line


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "--scenario", "bear"],
        ["validate", "--all-scenarios"],
        ["run", "--scenario", "bear", "--paths", "1000", "--seed", "1", "--no-progress"],
    ],
)
def test_a_scenario_override_is_named_at_its_own_line(tmp_path, capsys, command):
    # Before, the error pointed at the base file's odd_ratio, whose expression has a value.
    path, line = _scenario_copy(tmp_path)
    assert main([command[0], str(path), *command[1:]]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    field = r"scenarios\.bear\.overrides\.odd_ratio\.derived"
    assert re.search(rf"thesis\.yaml:{line}: {field}: ", err), err
