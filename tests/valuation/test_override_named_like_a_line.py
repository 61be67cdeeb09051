"""A scenario override of an assumption named like a line of the model (value_per_share) is
reported at the override's own line, where the applied thesis got the name from."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main
from model.errors import ThesisError
from model.inputs.assembly.thesis import load_thesis
from model.valuation import build_model

TEMPLATE = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture()
def thesis(tmp_path: Path) -> Path:
    text = TEMPLATE.read_text(encoding="utf-8")
    text = text.replace(
        "assumptions:\n",
        "assumptions:\n  value_per_share:\n    unit: TWD/share\n    value: 10\n"
        '    source: {estimate: "A price target of our own"}\n',
        1,
    )
    anchor = '        source: {estimate: "Growth steps down two years later"}\n'
    assert anchor in text
    text = text.replace(
        anchor,
        anchor + "      value_per_share:\n        unit: TWD/share\n        value: 20\n"
        '        source: {estimate: "A higher price target in the bull case"}\n',
        1,
    )
    path = tmp_path / "clash.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(path: Path, text: str, after: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    return 1 + next(i for i in range(start, len(lines)) if text in lines[i])


def test_the_override_is_named_at_its_own_line(thesis: Path) -> None:
    th = load_thesis(thesis).with_scenario("bull")
    with pytest.raises(ThesisError) as info:
        build_model(th)
    err = info.value
    assert err.field == "scenarios.bull.overrides.value_per_share"
    assert err.line == _line_of(thesis, "value_per_share:", "  bull:")
    assert "also a line of the model (model.valuation)" in str(err)


def test_the_command_line_names_the_override(thesis: Path, capsys) -> None:
    code = main(["run", str(thesis), "--scenario", "bull", "--paths", "200", "-q"])
    assert code == 2
    line = _line_of(thesis, "value_per_share:", "  bull:")
    assert (
        f"clash.yaml:{line}: scenarios.bull.overrides.value_per_share:" in capsys.readouterr().err
    )


def test_the_base_clash_is_still_named_at_the_line(thesis: Path) -> None:
    with pytest.raises(ThesisError, match="already an assumption") as info:
        build_model(load_thesis(thesis))
    assert info.value.field == "model.valuation"
