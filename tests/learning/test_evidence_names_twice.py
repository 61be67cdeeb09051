"""An entry of the thesis' own ``evidence:`` or ``realised:`` with the name of an entry of its
``evidence_file`` or ``realised_file`` is refused at its line, naming the other.

Before, ``validate`` said OK and ``update`` failed with "observation names repeat: [...]", with
no file or line (``backtest`` kept both rows).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
ANCHOR = "realised_file: evidence/alibaba-2022-realised.yaml\n"
ENTRY = """{key}:
  cloud_growth_2025:
    quantity: "revenue_growth_cloud[2025]"
    unit: "%"
    value: 0.34
{sd}    source: {{estimate: "The same fact written again in the thesis"}}
"""


@pytest.mark.parametrize(
    ("key", "other", "command"),
    [
        ("evidence", "alibaba-2025q3.yaml", ["update", "--paths", "1000", "--seed", "1"]),
        ("evidence", "alibaba-2025q3.yaml", ["validate"]),
        ("realised", "alibaba-2022-realised.yaml", ["validate"]),
        ("realised", "alibaba-2022-realised.yaml", ["backtest"]),
    ],
)
def test_a_name_in_both_is_refused_at_its_line(tmp_path, capsys, key, other, command):
    for folder in ("assumptions", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    thesis = tmp_path / "assumptions" / "alibaba.yaml"
    text = thesis.read_text(encoding="utf-8")
    assert text.count(ANCHOR) == 1
    sd = "    sd: 0.02\n" if key == "evidence" else ""
    text = text.replace(ANCHOR, ANCHOR + ENTRY.format(key=key, sd=sd))
    thesis.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  cloud_growth_2025:") + 1
    assert main([command[0], str(thesis), *command[1:]]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    field = rf"{key}\.cloud_growth_2025"
    assert re.search(rf"alibaba\.yaml:{line}: {field}: also an entry of \S*{other}:\d+", err), err
