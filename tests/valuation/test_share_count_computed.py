"""A share count the model computes at or below zero is refused at the line or block that
computes it, before anything divides by it: on the central path (validate) and on sampled
paths (run) alike, with no failure at the ``model:`` header nor a raw numpy warning; a
``share_count`` block's or a segment model's first-year count before its floor hides it."""

from __future__ import annotations

from pathlib import Path

import pytest
from segment_data import central_inputs
from test_share_count_line import BLOCK, _thesis

from model.cli.main import main
from model.errors import ParameterError

ONE = "  shares_2025:\n    unit: shares bn\n    value: 1.0\n"


def _line(value: str, start: str = "shares_2025") -> str:
    return f"    shares:\n      value: {value}\n      start: {start}\n      role: shares\n"


def _at(lines: list[str], text: str) -> int:
    return next(i for i, s in enumerate(lines, 1) if s.strip() == text)


@pytest.mark.parametrize(
    ("line", "key", "words"),
    [
        # 1.0 bn, less 0.5 bn a year: none left in 2027.
        (_line("shares[t-1] - 0.5"), "value", "is 0 in 2027;"),
        (_line("shares[t-1] * 1.01", "shares_2025 - 2"), "start", "is -1 in 2025;"),
    ],
    ids=["value", "start"],
)
def test_line_count_at_zero_on_the_central_path(tmp_path, capsys, line, key, words):
    path, lines = _thesis(tmp_path, ONE, line)
    at = _at(lines, line.splitlines()[1 if key == "value" else 2].strip())
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "divide by zero" not in err, err
    assert err.startswith(f"error: {path}:{at}: model.lines.shares.{key}: "), err
    assert f"the share count 'shares' {words}" in err and "above zero" in err, err


def test_line_count_below_zero_on_some_paths(tmp_path, capsys):
    # Central growth 8% keeps the count above 1; above 10.25% (about 18% of paths) it is gone
    # by 2029.
    line = _line("shares[t-1] - shares_2025 * (sales_growth - 0.09) * 20")
    path, lines = _thesis(tmp_path, ONE, line)
    at = _at(lines, "value: shares[t-1] - shares_2025 * (sales_growth - 0.09) * 20")
    # validate finds it on its drawn paths, though the central path is sound.
    assert main(["validate", str(path)]) == 2
    said = capsys.readouterr().err.strip().splitlines()[-1]
    assert said.startswith(f"error: {path}:{at}: model.lines.shares.value: "), said
    assert " of 4,096 drawn paths, though not on the central path;" in said, said
    assert main(["run", str(path), "--paths", "2000", "--seed", "1", "-q"]) == 2
    out = capsys.readouterr().err.strip()
    err = out.splitlines()[-1]  # after the warnings the load gives too
    assert "divide by zero" not in out, out
    assert err.startswith(f"error: {path}:{at}: model.lines.shares.value: "), err
    assert "at or below zero on " in err and " of 2,000 paths" in err, err


def test_block_count_written_as_a_formula(tmp_path, capsys):
    text = Path(__file__).parent.joinpath("data", "multi_legs.yaml").read_text()
    text = text.replace(BLOCK, BLOCK.replace("shares: shares_2025", 'shares: "shares_2025 - 2"'))
    text = text.replace("LEGS", "pe: {weight: 1.0, multiple: pe_exit}")
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    at = _at(text.splitlines(), 'shares: "shares_2025 - 2"')
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {path}:{at}: model.blocks.count.shares: "), err
    assert "the share count is -1 in the first year;" in err, err


@pytest.mark.parametrize("count", [-5.0, 0.0])
def test_segment_model_count_at_or_below_zero(model, count):
    # A segment model's count was floored at a millionth of itself, at or below zero too:
    # every path then valued at 0 (or divided by zero) instead of an error.
    with pytest.raises(ParameterError, match=f"share count is {count:g} in the first year on 2"):
        model(central_inputs(2, shares=count))
