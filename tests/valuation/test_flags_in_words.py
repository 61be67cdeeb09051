"""A run's list of flagged paths says what each check found, in words: which input of which leg
left which bounds (a discount an event takes below 0 is counted as ``discount_<leg>`` and said
to be clipped, not valued as a premium), not a bare ``invalid_sotp`` count."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from test_leg_bounds_checked import _events, _write

import model
from model.cli.main import main
from model.valuation.checking.flag_words import flag_words

N = 4000


def test_a_run_counts_and_says_the_discount_that_left_its_bounds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = 0.05
    path, _ = _write(tmp_path, _events("disc", -0.2, p))
    out = tmp_path / "out"
    args = ["run", str(path), "--paths", str(N), "--seed", "3", "--no-charts", "--out", str(out)]
    assert main(args) == 0
    text = capsys.readouterr().out
    found = re.search(r"invalid_sotp on ([0-9,]+), discount_sotp on ([0-9,]+) of", text)
    assert found, text
    union, outside = (int(g.replace(",", "")) for g in found.groups())
    # Every flagged path is one where the event happened by 2030: 1 - 0.95^4 of them.
    expected = 1 - (1 - p) ** 4
    assert union == outside
    assert abs(outside / N - expected) < 4 * math.sqrt(expected * (1 - expected) / N), text
    assert "  what each check found:\n" in text, text
    assert "    discount_sotp: the sotp leg's discount 'disc' outside [0, 1] in some year" in text
    assert "counts as no discount (not as a premium)" in text, text
    assert "    invalid_sotp: the sotp leg flags a part turning against its sign" in text, text


def test_the_discount_flag_counts_the_paths_the_leg_clips(tmp_path: Path) -> None:
    path, _ = _write(tmp_path, _events("disc", -0.2, 0.05))
    result = model.simulate(model.load_thesis(path), n_paths=N, seed=3, progress=False)
    assert result.invalid["discount_sotp"] > 0
    assert result.invalid["discount_sotp"] <= result.invalid["invalid_sotp"]
    assert result.invalid.get("discount_dcf", 0) == 0  # the DCF leg has no discount here


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("invalid_dcf", "the dcf leg flags a terminal value below zero"),
        ("spin:discount_sotp", "the sotp leg's discount 'disc' outside [0, 1]"),
        ("negative_value", "value per share below zero"),
        ("shares_count", "block 'count': the share count held at its floor"),
        ("something_else", None),
    ],
)
def test_each_flag_is_named_in_words(tmp_path: Path, name: str, words: str | None) -> None:
    path, _ = _write(tmp_path)
    said = flag_words(model.load_thesis(path), name)
    assert (said is None) if words is None else (words in str(said)), said


def test_a_multiple_an_event_takes_below_zero_is_counted_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = 0.05
    path, _ = _write(tmp_path, _events("mult_b", -10, p))
    result = model.simulate(model.load_thesis(path), n_paths=N, seed=3, progress=False)
    expected = 1 - (1 - p) ** 4  # the event by 2030: mult_b at -2 from then on
    share = result.invalid["multiple_sotp"] / N
    assert abs(share - expected) < 4 * math.sqrt(expected * (1 - expected) / N)
    assert result.invalid["discount_sotp"] == 0
    said = flag_words(result.thesis, "multiple_sotp")
    assert said is not None and "valued as a liability" in said, said


def test_the_report_page_and_the_notebook_note_say_it_too(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from model.export.html_report import _flagged as page_table
    from model.results.display.views import _flagged as note

    path, _ = _write(tmp_path, _events("disc", -0.2, 0.05))
    result = model.simulate(model.load_thesis(path), n_paths=N, seed=3, progress=False)
    table = page_table(SimpleNamespace(comparison=SimpleNamespace(results={"base": result})))
    assert "<th>What it found</th>" in table, table
    assert "discount &#x27;disc&#x27; outside [0, 1]" in table, table
    text = note(result)
    assert "discount_sotp: the sotp leg&#x27;s" not in text  # plain text, not markup
    assert "discount_sotp: the sotp leg's discount 'disc' outside [0, 1]" in text, text
