"""A realised value or observation in ``%`` written as a whole percentage (34 meaning 34 %) is
warned about, as an assumption's is.

The backtest placed a realised cloud growth of 34 (3,400 %) at the top of the vintage's
distribution without a word.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
ANCHOR = "realised_file: evidence/alibaba-2022-realised.yaml\n"
ENTRY = """realised:
  growth_2026:
    quantity: "revenue_growth_cloud[2026]"
    unit: "%"
    value: {value}
    source: {{estimate: "A reading of the growth the vintage forecast for 2026"}}
"""


def _copy(tmp_path: Path, value: str) -> tuple[Path, int]:
    for folder in ("assumptions", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    thesis = tmp_path / "assumptions" / "alibaba.yaml"
    text = thesis.read_text(encoding="utf-8")
    assert text.count(ANCHOR) == 1
    text = text.replace(ANCHOR, ANCHOR + ENTRY.format(value=value))
    thesis.write_text(text, encoding="utf-8")
    return thesis, text.splitlines().index('    quantity: "revenue_growth_cloud[2026]"') + 1


@pytest.mark.parametrize("command", ["validate", "backtest"])
def test_a_whole_percentage_is_warned_about(tmp_path, capsys, command):
    thesis, line = _copy(tmp_path, "34")
    assert main([command, str(thesis)]) == 0
    err = capsys.readouterr().err
    assert "34 in unit '%' means 3,400%" in err and "did you mean 0.34?" in err, err
    if command == "validate":
        assert f"alibaba.yaml:{line}: growth_2026: 34 in unit" in err, err


def test_a_fraction_draws_nothing(tmp_path, capsys):
    thesis, _ = _copy(tmp_path, "0.34")
    assert main(["backtest", str(thesis)]) == 0
    assert "means" not in capsys.readouterr().err
