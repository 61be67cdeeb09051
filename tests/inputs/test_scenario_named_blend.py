"""A scenario may not be called ``blend``: that name is the probability-weighted blend of the
scenarios in every table, folder and option (``--blend``), so a scenario of that name was shown
twice in a report, once with the blend's weight of 100% instead of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.errors import ThesisError
from model.inputs.assembly.thesis import load_thesis

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


def test_a_scenario_called_blend_is_refused_at_its_line(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "\n  bear:\n" in text and "\n  bear: {value" in text
    renamed = text.replace("\n  bear:\n", "\n  blend:\n").replace(
        "\n  bear: {value", "\n  blend: {value"
    )
    path = tmp_path / "t.yaml"
    path.write_text(renamed, encoding="utf-8")
    line = renamed[: renamed.index("\n  blend:\n") + 1].count("\n") + 1
    with pytest.raises(ThesisError) as info:
        load_thesis(path)
    message = str(info.value)
    assert f"t.yaml:{line}:" in message and "scenarios.blend" in message
    assert "blend" in message.split(":", 3)[-1]
