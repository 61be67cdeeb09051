"""``validate`` warns at a multiple leg whose central path multiplies a loss.

A P/E of negative earnings values the loss as a liability: a loss-making growth company valued
partly on P/E had a blended value dragged toward zero, counted only as ``invalid_pe`` paths
after a run while ``validate`` said OK. It now warns at the leg's line with the loss years.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _example(tmp_path: Path, edit=lambda text: text) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    path = tmp_path / "example.yaml"
    path.write_text(edit(found.group(1)), encoding="utf-8")
    return path


def _loss_in_2025(text: str) -> str:
    # An operating margin of -5% this year, gliding to the target over three years: earnings
    # are below zero in 2025 only (-5% + 23 points / 3 is above zero in 2026).
    old = '    value: 0.14\n    source: {estimate: "Operating margin this year"}'
    assert old in text
    return text.replace(old, old.replace("0.14", "-0.05"))


def test_a_pe_leg_on_a_loss_is_warned_at_its_line(tmp_path, capsys):
    path = _example(tmp_path, _loss_in_2025)
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if "values it as a liability" in ln]
    assert len(lines) == 1, err
    (line,) = lines
    text = path.read_text(encoding="utf-8").splitlines()
    number = int(re.match(rf"warning: {re.escape(str(path))}:(\d+): ", line).group(1))
    assert text[number - 1].strip().startswith("pe:")
    assert "model.valuation.legs.pe: on the central path the leg's earnings ('earnings') are " \
        "below zero in 2025," in line  # fmt: skip


@pytest.mark.parametrize("edit", [lambda text: text], ids=["profitable"])
def test_a_profitable_company_is_not_warned(tmp_path, capsys, edit):
    assert main(["validate", str(_example(tmp_path, edit))]) == 0
    assert "values it as a liability" not in capsys.readouterr().err


def test_the_warning_speaks_of_ebit_in_the_singular(tmp_path, capsys):
    # An EV/EBIT leg on the same loss: "EBIT is below zero", "until EBIT turns positive".
    def edit(text: str) -> str:
        text = _loss_in_2025(text)
        old = "      pe: {weight: w_pe, multiple: pe_exit}\n"
        assert old in text
        return text.replace(old, "      ev_ebit: {weight: w_pe, multiple: pe_exit}\n")

    assert main(["validate", str(_example(tmp_path, edit))]) == 0
    (line,) = [x for x in capsys.readouterr().err.splitlines() if "as a liability" in x]
    assert "the leg's EBIT ('ebit') is below zero in 2025," in line, line
    assert line.endswith("until EBIT turns positive"), line
