"""``implied`` says when the central path at the value it found breaks the model's checks.

A company with losses in every year: the P/E leg multiplies them, so a higher multiple lowers
the value, and "value_today equals the price when pe_exit = 13.06 x (thesis central 17.66 x)"
read as a market paying less than the thesis, with nothing to say the multiple was applied to a
loss. The run flags those paths; the answer now names the flags too.
"""

from __future__ import annotations

import re
from pathlib import Path

import model
from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _thesis(tmp_path: Path, losses: bool) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    body = found.group(1)
    if losses:
        body = body.replace("value: ebit * (1 - tax_rate)", "value: -ebit * (1 - tax_rate)")
        body = body.replace("    value: 120\n", "    value: 4000\n").replace(
            "    value: 38.0\n", "    value: 10.0\n")  # fmt: skip
    path = tmp_path / "thesis.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_multiple_applied_to_losses_is_named(tmp_path, capsys):
    path = _thesis(tmp_path, losses=True)
    result = model.implied(model.load_thesis(path), solve_for="pe_exit")
    assert "invalid_pe" in result.flags
    assert main(["implied", str(path), "--solve-for", "pe_exit"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "flagged by the model's checks" in first and "invalid_pe" in first, first
    # Each flag says what it found, as a run's list of flagged paths does.
    loss = "invalid_pe: the pe leg flags earnings below zero in some year"
    assert loss in first, first
    words = dict(zip(result.flags, result.flag_words, strict=True))
    assert words["invalid_pe"].startswith("the pe leg flags earnings below zero"), words
    assert loss in result.summary().loc["flagged at implied value", "implied"]


def test_a_clean_answer_says_nothing_more(tmp_path, capsys):
    path = _thesis(tmp_path, losses=False)
    result = model.implied(model.load_thesis(path), solve_for="pe_exit")
    assert result.flags == () and result.flag_words == ()
    assert result.summary().loc["flagged at implied value", "implied"] == "none"
    assert main(["implied", str(path), "--solve-for", "pe_exit"]) == 0
    assert "flagged" not in capsys.readouterr().out
