"""A block's value of the wrong shape is refused at its line, not met with an internal error.

A mapping where a block expects one expression (``shares: {}``, ``start: {}`` -- a stray
brace, or a value indented as a mapping) was read as a mapping parameter and reached the
block's arithmetic; a list or a mapping as a block's option (``company: [us, them]``) broke
the check that the company is one of the players.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

EXAMPLES = Path(__file__).resolve().parents[2] / "assumptions" / "examples"


def _edited(tmp_path: Path, example: str, line: str, value: str) -> tuple[Path, int]:
    """A copy of an example with the block key written on ``line`` given ``value``."""
    lines = (EXAMPLES / example).read_text(encoding="utf-8").split("\n")
    at = lines.index(line)
    key = line.split(":", 1)[0]
    lines[at] = f"{key}: {value}"
    path = tmp_path / example
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, at + 1


@pytest.mark.parametrize("command", ["validate", "run"])
@pytest.mark.parametrize(
    ("example", "line", "field", "value", "expected"),
    [
        ("regional-bank.yaml", "      shares: shares_2025", "count.shares", "{}", "an expression"),
        ("saas-subscription.yaml", "      start: margin_2026", "margin.start", "{a: 1}",
         "an expression"),
        ("saas-subscription.yaml", "      shares: shares_2026", "shares.shares", "[1, 2]",
         "an expression"),
        ("saas-subscription.yaml", "      company: us", "company", "[us, leader]", "a name"),
        ("saas-subscription.yaml", "      company: us", "company", "{us: 1}", "a name"),
    ],
)  # fmt: skip
def test_a_block_value_of_the_wrong_shape_is_an_error_at_its_line(
    tmp_path, capsys, command, example, line, field, value, expected
) -> None:
    path, number = _edited(tmp_path, example, line, value)
    args = [command, str(path)] + (["--paths", "200", "-q"] if command == "run" else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"{path.name}:{number}: model.blocks." in err and f".{field.split('.')[-1]}:" in err, err
    assert f"must be {expected}" in err and "internal error" not in err, err
