"""A bad expression in a block's parameter (an unknown name, text that does not parse, a
boolean, YAML's ``.nan`` or ``.inf``) is reported at that parameter's key and line, as a line's
field is, not at the block's first line."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main
from tests.valuation.test_money_from_outside import THESIS

# The cash block written one key a line, so that the block's line and its keys' differ.
BLOCK = """\
    cash:
      type: net_cash
      start: cash_now
      inflow: fcf
      other: outside
      rate: wacc
      invested: 0.0
    count:
      type: share_count
      shares: shares_now
      dilution: 0.0
"""


def _error(tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str) -> str:
    text = THESIS.replace("ISSUE", "0.0").replace("MONEY", "0.0")
    start = text.index("    count: {type: share_count")
    end = text.index("  lines:\n")
    text = text[:start] + BLOCK.replace(old, new) + text[end:]
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", "-q", str(path)]) != 0
    line = 1 + next(n for n, s in enumerate(text.splitlines()) if s == new)
    return capsys.readouterr().err.replace(f"{path}:{line}: ", "AT ")


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("invested", "nosuch", "'nosuch' is neither a line of the model nor an assumption"),
        ("invested", '"a lot of money"', "invalid expression 'a lot of money'"),
        ("invested", "true", "must be an expression (a name, a number or a formula), got True"),
        ("invested", ".nan", "NaN is not a valid input"),
        ("invested", ".inf", "an infinite number is not a valid input"),
        ("other", "nosuch", "'nosuch' is neither a line of the model nor an assumption"),
        ("inflow", "nosuch", "'nosuch' is neither a line of the model nor an assumption"),
        ("dilution", "nosuch", "'nosuch' is neither a line of the model nor an assumption"),
    ],
)
def test_a_bad_parameter_is_reported_at_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, value: str, said: str
) -> None:
    old = next(s for s in BLOCK.splitlines() if s.strip().startswith(f"{key}:"))
    err = _error(tmp_path, capsys, old, f"      {key}: {value}")
    block = "count" if key == "dilution" else "cash"
    assert f"error: AT model.blocks.{block}.{key}: {said}" in err, err
